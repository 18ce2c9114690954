using NetTopologySuite.Geometries;

namespace GuaGou.Domain.Parcels;

/// <summary>A problem found in an imported file: where (line of a TXT, or feature number) and what, in Chinese.</summary>
public sealed record ImportIssue(int Line, string Message);

/// <summary>One parcel read from a boundary file, with its geometry in both systems and both areas (m²).</summary>
public sealed record ParsedParcel(
    int Line,
    string Code,
    string Name,
    string LandClass,
    string Use,
    decimal? DeclaredSquareMetres,
    MultiPolygon? Projected,
    MultiPolygon? Geographic,
    double? EllipsoidalSquareMetres,
    double? PlanarSquareMetres)
{
    /// <summary>Set by a reader that has already checked the geometry's validity, so the validator need not again.</summary>
    public bool GeometryChecked { get; init; }

    public int Rings => Projected?.Geometries.Cast<Polygon>().Sum(p => 1 + p.NumInteriorRings) ?? 0;

    public int Parts => Projected?.NumGeometries ?? 0;

    /// <summary>Distinct vertices (closing points not counted).</summary>
    public int Vertices => Projected?.Geometries.Cast<Polygon>()
        .Sum(p => p.ExteriorRing.NumPoints - 1 + p.InteriorRings.Sum(h => h.NumPoints - 1)) ?? 0;
}

/// <summary>What a boundary file holds once read: its coordinate system, its parcels, and every problem found.</summary>
public sealed record ParsedParcelSet(
    string? Crs,
    int? SourceEpsg,
    IReadOnlyList<ParsedParcel> Parcels,
    IReadOnlyList<ImportIssue> Errors,
    IReadOnlyList<ImportIssue> Warnings,
    IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>Metadata key GIS readers set: their "lines" are feature numbers.</summary>
    public const string FeatureCountKey = "要素数";

    public bool CanCommit => Errors.Count == 0 && Parcels.Count > 0;

    /// <summary>"第 12 行" for text files, "第 12 个要素" for GIS files — the start of every message about a parcel.</summary>
    public string Where(int line) => Metadata.ContainsKey(FeatureCountKey) ? $"第 {line} 个要素" : $"第 {line} 行";

    public ParsedParcelSet With(IEnumerable<ImportIssue> errors, IEnumerable<ImportIssue> warnings) => this with
    {
        Errors = Errors.Concat(errors).OrderBy(e => e.Line).ToList(),
        Warnings = Warnings.Concat(warnings).OrderBy(w => w.Line).ToList(),
    };
}
