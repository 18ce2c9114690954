using GuaGou.Domain.Households;

namespace GuaGou.Infrastructure.Households.Register;

/// <summary>
/// One problem in an uploaded register. <paramref name="Row"/> is the row number the user sees in Excel (the header
/// is normally row 1), or 0 for a problem with the whole file; <paramref name="Column"/> is the Chinese column name,
/// or "" when the problem is not about one cell.
/// </summary>
public sealed record RegisterError(int Row, string Column, string Message)
{
    /// <summary>"第 5 行「身份证号码」：身份证号码校验位不正确，请核对。"</summary>
    public override string ToString() => (Row, Column) switch
    {
        ( <= 0, "") => Message,
        ( <= 0, _) => $"「{Column}」：{Message}",
        (_, "") => $"第 {Row} 行：{Message}",
        _ => $"第 {Row} 行「{Column}」：{Message}",
    };
}

/// <summary>
/// One household row that parsed cleanly. The domain's own rules (members range, plot required for 集中安置, …) are
/// not checked here: they run when the service registers the household on its parcel.
/// </summary>
public sealed record RegisterEntry(int Row, string ParcelCode, HouseholdData Data, DateOnly? ConsentSignedOn);

/// <summary>
/// Entries hold only the rows without errors; a caller that commits all-or-nothing should check <see cref="Ok"/> first.
/// </summary>
public sealed record RegisterParseResult(IReadOnlyList<RegisterEntry> Entries, IReadOnlyList<RegisterError> Errors)
{
    public bool Ok => Errors.Count == 0;

    internal static RegisterParseResult Fail(string message) => new([], [new RegisterError(0, "", message)]);
}
