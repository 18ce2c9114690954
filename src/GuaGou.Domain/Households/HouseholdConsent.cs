namespace GuaGou.Domain.Households;

/// <summary>
/// What the approval step needs to know about a project's households: nothing may be submitted for approval while
/// any household on its 拆旧 parcels lacks the owners' consent (001 二, 001 五(二)1: consent before anything starts).
/// </summary>
public sealed record HouseholdConsent(int Households, IReadOnlyList<string> WithoutConsent)
{
    public static HouseholdConsent NoHouseholds { get; } = new(0, []);

    public static HouseholdConsent Of(IEnumerable<Household> households)
    {
        var list = households.ToList();
        return new HouseholdConsent(list.Count, list.Where(h => !h.HasConsent).Select(h => h.HeadName).ToList());
    }

    public bool Complete => WithoutConsent.Count == 0;
}
