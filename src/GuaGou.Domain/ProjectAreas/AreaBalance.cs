namespace GuaGou.Domain.ProjectAreas;

/// <summary>
/// The area balance of a project area (001 二(二), 004 一, 003 二(三)): Σ建新 must not exceed the reclaimed part of
/// Σ拆旧; the surplus (节余) is what remains, and the county aims for 50 % of the reclaimed area.
/// </summary>
public sealed record AreaBalance(
    Area DemolitionTotal,
    IReadOnlyDictionary<ReclamationDirection, Area> DemolitionByDirection,
    Area Reclaimed,
    Area ConstructionTotal,
    IReadOnlyList<LandClassTotal> ByLandClass,
    int DemolitionParcels,
    int ConstructionParcels)
{
    /// <summary>003 二(三): produce surplus of 50 % of the issued linkage quota.</summary>
    public const decimal SurplusTarget = 0.5m;

    /// <summary>节余: reclaimed minus construction, in m² (negative means 建新 exceeds what is reclaimed).</summary>
    public decimal SurplusSquareMetres => Area.Difference(Reclaimed, ConstructionTotal);

    /// <summary>Surplus as a share of the reclaimed area; null while nothing is reclaimed.</summary>
    public decimal? SurplusRatio => Reclaimed.SquareMetres == 0 ? null : SurplusSquareMetres / Reclaimed.SquareMetres;

    /// <summary>The balance rule: Σ建新 ≤ Σ拆旧 reclaimed (equal passes; 0.01 m² over fails).</summary>
    public bool Holds => ConstructionTotal <= Reclaimed;

    public bool MeetsSurplusTarget => SurplusRatio >= SurplusTarget;

    public static AreaBalance Of(IEnumerable<Parcel> parcels)
    {
        var list = parcels.ToList();
        var demolition = list.Where(p => p.Zone == Zone.Demolition).ToList();
        var construction = list.Where(p => p.Zone == Zone.Construction).ToList();
        var byDirection = Enum.GetValues<ReclamationDirection>().ToDictionary(
            d => d,
            d => Sum(demolition.Where(p => p.ReclamationDirection == d)));
        var byClass = list
            .GroupBy(p => (p.Zone, p.LandClass))
            .OrderBy(g => g.Key.Zone).ThenBy(g => g.Key.LandClass.Value, StringComparer.Ordinal)
            .Select(g => new LandClassTotal(g.Key.Zone, g.Key.LandClass, g.Count(), Sum(g)))
            .ToList();
        return new AreaBalance(Sum(demolition), byDirection, Sum(demolition.Where(p => p.IsReclaimed)),
            Sum(construction), byClass, demolition.Count, construction.Count);
    }

    private static Area Sum(IEnumerable<Parcel> parcels) =>
        parcels.Aggregate(Area.Zero, (total, p) => total + p.EffectiveArea);
}

public sealed record LandClassTotal(Zone Zone, LandClassCode LandClass, int Parcels, Area Area);
