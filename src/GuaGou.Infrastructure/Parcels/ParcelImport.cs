using GuaGou.Domain.ProjectAreas;

namespace GuaGou.Infrastructure.Parcels;

public enum ParcelImportStatus { Pending, Committed, Discarded }

/// <summary>
/// An uploaded boundary file waiting between preview and commit. The original bytes are kept, so the preview and
/// the commit read exactly the same file, and the file stays on record after the commit.
/// </summary>
public sealed class ParcelImport
{
    public const int MaxFileNameLength = 255;

    public Guid Id { get; init; } = Guid.NewGuid();

    public int ProjectAreaId { get; init; }

    public Zone Zone { get; init; }

    public string FileName { get; init; } = string.Empty;

    public byte[] Content { get; init; } = [];

    public int TownshipId { get; init; }

    public ReclamationDirection? DefaultDirection { get; init; }

    public string? DefaultPlannedUse { get; init; }

    /// <summary>Used for parcels whose 地类编码 the file leaves empty (common in 建新 blocks).</summary>
    public string DefaultLandClass { get; init; } = string.Empty;

    /// <summary>GIS files: the attribute fields chosen for code, name, land class, use and area (JSON); null = guessed.</summary>
    public string? FieldMapping { get; set; }

    /// <summary>GIS files: the coordinate system chosen by the user when the file has none or a wrong one.</summary>
    public int? SourceEpsg { get; set; }

    public Guid UploadedBy { get; init; }

    public string UploadedByName { get; init; } = string.Empty;

    public DateTimeOffset UploadedAt { get; init; }

    public ParcelImportStatus Status { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }
}

/// <summary>
/// The parcels of a zone as they were before an import replaced them, with who replaced them and when: a GeoJSON
/// FeatureCollection (CGCS2000) with each parcel's attributes, so an earlier version can be shown and compared.
/// </summary>
public sealed class ParcelZoneVersion
{
    public long Id { get; init; }

    public int ProjectAreaId { get; init; }

    public Zone Zone { get; init; }

    public Guid? ImportId { get; init; }

    public Guid ReplacedBy { get; init; }

    public string ReplacedByName { get; init; } = string.Empty;

    public DateTimeOffset ReplacedAt { get; init; }

    public int ParcelCount { get; init; }

    public decimal TotalSquareMetres { get; init; }

    public string Snapshot { get; init; } = "{}";
}
