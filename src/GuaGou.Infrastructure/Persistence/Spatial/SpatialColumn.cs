namespace GuaGou.Infrastructure.Persistence.Spatial;

/// <summary>
/// A PostGIS column generated from an EWKB <c>bytea</c> column that EF maps, with a GiST index. EF never sees
/// it: it is for SQL only (overlaps, bounding boxes, areas on the ellipsoid). Migrations create it from here,
/// and the schema-drift test uses <see cref="All"/> to know which columns exist in SQL only.
/// </summary>
public sealed record SpatialColumn(string Table, string EwkbColumn, string GeometryColumn, string GeometryType = "MultiPolygon", int Srid = 4490)
{
    public static SpatialColumn RegionBoundary { get; } = new("regions", "boundary_ewkb", "boundary");

    public static SpatialColumn ParcelBoundary { get; } = new("parcels", "boundary_ewkb", "boundary");

    public static SpatialColumn ReferenceBoundary { get; } = new("reference_features", "boundary_ewkb", "boundary");

    /// <summary>Every generated geometry column in the schema; add new ones here.</summary>
    public static IReadOnlyList<SpatialColumn> All { get; } = [RegionBoundary, ParcelBoundary, ReferenceBoundary];

    public string IndexName => $"ix_{Table}_{GeometryColumn}";

    public string CreateSql(string schema) => $"""
        ALTER TABLE {schema}.{Table}
            ADD COLUMN {GeometryColumn} geometry({GeometryType},{Srid})
            GENERATED ALWAYS AS (ST_Multi(ST_GeomFromEWKB({EwkbColumn}))) STORED;
        CREATE INDEX {IndexName} ON {schema}.{Table} USING gist ({GeometryColumn});
        """;

    public string DropSql(string schema) => $"""
        DROP INDEX IF EXISTS {schema}.{IndexName};
        ALTER TABLE {schema}.{Table} DROP COLUMN IF EXISTS {GeometryColumn};
        """;
}
