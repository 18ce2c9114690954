namespace GuaGou.Domain.Common;

/// <summary>Business dates are Beijing dates (UTC+8, no daylight saving): an approval "today" means today in China.</summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(now.ToOffset(Offset).DateTime);

    public static DateOnly Today(TimeProvider clock) => Today(clock.GetUtcNow());
}
