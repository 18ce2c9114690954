namespace GuaGou.Infrastructure.Parcels;

/// <summary>Reference layers a county may load to check parcels against (issue 4).</summary>
public enum ReferenceLayerKind
{
    Farmland = 1,
    PermanentBasicFarmland = 2,
    EcologicalRedLine = 3,
    UrbanDevelopmentBoundary = 4,
    HeritageProtection = 5,
}

public static class ReferenceLayerNames
{
    public static string Of(ReferenceLayerKind kind) => kind switch
    {
        ReferenceLayerKind.Farmland => "现状耕地",
        ReferenceLayerKind.PermanentBasicFarmland => "永久基本农田",
        ReferenceLayerKind.EcologicalRedLine => "生态保护红线",
        ReferenceLayerKind.UrbanDevelopmentBoundary => "城镇开发边界",
        ReferenceLayerKind.HeritageProtection => "文物保护范围",
        _ => kind.ToString(),
    };
}

/// <summary>One reference layer of a county: the file it came from and who loaded it. One layer per kind and county.</summary>
public sealed class ReferenceLayer
{
    public int Id { get; init; }

    public int CountyId { get; init; }

    public ReferenceLayerKind Kind { get; init; }

    public string FileName { get; set; } = string.Empty;

    public int FeatureCount { get; set; }

    public string LoadedByName { get; set; } = string.Empty;

    public DateTimeOffset LoadedAt { get; set; }

    public List<ReferenceFeature> Features { get; init; } = [];
}

/// <summary>A polygon of a reference layer (EPSG:4490); PostGIS derives the indexed geometry column from it.</summary>
public sealed class ReferenceFeature
{
    public long Id { get; init; }

    public int LayerId { get; init; }

    public string Label { get; init; } = string.Empty;

    public NetTopologySuite.Geometries.MultiPolygon Boundary { get; init; } = default!;
}
