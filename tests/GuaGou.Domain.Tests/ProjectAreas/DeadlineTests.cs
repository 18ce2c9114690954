using GuaGou.Domain.ProjectAreas;

namespace GuaGou.Domain.Tests.ProjectAreas;

/// <summary>Where one dated obligation stands on a given day.</summary>
public sealed class DeadlineTests
{
    private static readonly DateOnly DueOn = new(2024, 8, 15);

    private static Deadline Open() => new("实施期限", DueOn, false, "批准立项后 2 年");

    // RULES: overdue → sanctions（004 二(二)）; warned ahead（Deadline.WarningDays = 60）
    [Theory]
    [InlineData(365, DeadlineStatus.OnTrack)]
    [InlineData(61, DeadlineStatus.OnTrack)]
    [InlineData(60, DeadlineStatus.DueSoon)]
    [InlineData(59, DeadlineStatus.DueSoon)]
    [InlineData(1, DeadlineStatus.DueSoon)]
    [InlineData(0, DeadlineStatus.DueSoon)]
    [InlineData(-1, DeadlineStatus.Overdue)]
    [InlineData(-400, DeadlineStatus.Overdue)]
    public void StatusOn_ByDaysLeft_IsOnTrackDueSoonOrOverdue_Overdue004_2_2(int daysLeft, DeadlineStatus expected) =>
        Assert.Equal(expected, Open().StatusOn(DueOn.AddDays(-daysLeft)));

    [Fact]
    public void StatusOn_AtExactlySixtyAndSixtyOneCalendarDays_Boundary()
    {
        Assert.Equal(60, Deadline.WarningDays);
        Assert.Equal(DeadlineStatus.DueSoon, Open().StatusOn(new DateOnly(2024, 6, 16)));
        Assert.Equal(DeadlineStatus.OnTrack, Open().StatusOn(new DateOnly(2024, 6, 15)));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(30)]
    [InlineData(0)]
    [InlineData(-30)]
    public void StatusOn_WhenDone_IsMetWhateverTheDay(int daysLeft) =>
        Assert.Equal(DeadlineStatus.Met, (Open() with { Done = true }).StatusOn(DueOn.AddDays(-daysLeft)));

    [Theory]
    [InlineData(DeadlineStatus.Met, "已完成")]
    [InlineData(DeadlineStatus.OnTrack, "正常")]
    [InlineData(DeadlineStatus.DueSoon, "60 天内到期")]
    [InlineData(DeadlineStatus.Overdue, "已逾期")]
    public void ChineseName_OfEachStatus_IsTheWordShownToUsers(DeadlineStatus status, string name) =>
        Assert.Equal(name, Deadline.ChineseName(status));
}
