using System.Globalization;
using GuaGou.Domain.Common;
using GuaGou.Domain.ProjectAreas;

namespace GuaGou.Domain.Households;

/// <summary>
/// Homestead area standards (宅基地标准, 003 四(三)1), a setting of each county with the document's values as the
/// default: inside the town planning area ≤ 20 m² per person and ≤ 100 m² per household; outside ≤ 30 m² per person
/// and ≤ 150 m² per household; mountain, semi-mountain and border minority areas ≤ 180 m² per household.
/// A resettlement plot is within the standard when it does not exceed the smaller of the two limits that apply.
/// </summary>
public sealed record HomesteadStandard(
    decimal InsidePerPerson,
    decimal InsidePerHousehold,
    decimal OutsidePerPerson,
    decimal OutsidePerHousehold,
    decimal MountainPerHousehold)
{
    public static HomesteadStandard Default { get; } = new(20m, 100m, 30m, 150m, 180m);

    /// <summary>Refuses limits that are not positive or absurdly large (a typo of 1 000 m² per person, say).</summary>
    public HomesteadStandard Validated()
    {
        foreach (var (name, value) in new[]
                 {
                     ("城镇规划区内每人标准", InsidePerPerson), ("城镇规划区内每户标准", InsidePerHousehold),
                     ("城镇规划区外每人标准", OutsidePerPerson), ("城镇规划区外每户标准", OutsidePerHousehold),
                     ("山区、半山区、边疆少数民族地区每户标准", MountainPerHousehold),
                 })
        {
            if (value is <= 0 or > 1000)
            {
                throw new DomainException("homestead.standard.range", $"{name}应大于 0 且不超过 1000 平方米。");
            }
        }

        return this;
    }

    public HomesteadCheck Check(LocationClass location, int members, Area plot)
    {
        var breaches = new List<string>();
        var m2 = plot.SquareMetres;
        var where = HouseholdNames.Of(location);
        var (perPerson, perHousehold) = location switch
        {
            LocationClass.InsidePlanningArea => ((decimal?)InsidePerPerson, InsidePerHousehold),
            LocationClass.OutsidePlanningArea => (OutsidePerPerson, OutsidePerHousehold),
            _ => ((decimal?)null, MountainPerHousehold),
        };

        if (perPerson is { } each && m2 > each * members)
        {
            breaches.Add(string.Create(CultureInfo.InvariantCulture,
                $"安置宅基地 {m2:0.00} 平方米超过{where}每人 {each:0.##} 平方米 × {members} 人 = {each * members:0.##} 平方米的标准"));
        }

        if (m2 > perHousehold)
        {
            breaches.Add(string.Create(CultureInfo.InvariantCulture,
                $"安置宅基地 {m2:0.00} 平方米超过{where}每户 {perHousehold:0.##} 平方米的标准"));
        }

        var limit = perPerson is { } p ? Math.Min(p * members, perHousehold) : perHousehold;
        return new HomesteadCheck(limit, breaches);
    }
}

/// <summary>The outcome of a standard check: the limit that applied and each breach, in words.</summary>
public sealed record HomesteadCheck(decimal LimitSquareMetres, IReadOnlyList<string> Breaches)
{
    public bool WithinStandard => Breaches.Count == 0;
}
