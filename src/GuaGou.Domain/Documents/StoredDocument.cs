using GuaGou.Domain.Common;
using GuaGou.Domain.ProjectAreas;

namespace GuaGou.Domain.Documents;

/// <summary>What a stored scan or photo is evidence of.</summary>
public enum DocumentPurpose
{
    ConsentScan = 1,
    CompensationAgreementScan = 2,
    ResettlementAgreementScan = 3,
    PhotoBeforeDemolition = 4,
    PhotoAfterDemolition = 5,
    ReclamationPhoto = 6,
    StageAttachment = 7,
    Other = 8,
}

/// <summary>Where a document belongs. Every document belongs to a project; the narrower links are optional.</summary>
public sealed record DocumentLinks(int ProjectAreaId, int? ParcelId, int? HouseholdId, long? StageTransitionId, int? TownshipId);

/// <summary>The file's facts, as established by the store (never as claimed by the browser).</summary>
public sealed record DocumentFile(string FileName, string MediaType, long Size, string Sha256, string StorageKey, string? ThumbnailKey);

/// <summary>
/// One version of a stored document (scan or photo). Documents are never overwritten: a replacement is a new
/// version in the same series, and every version stays downloadable. Who uploaded what and when is kept forever.
/// </summary>
public sealed class StoredDocument
{
    public const int MaxFileNameLength = 120;
    public const int MaxNoteLength = 200;

    private StoredDocument()
    {
        FileName = MediaType = Sha256 = StorageKey = UploadedByName = "";
    }

    public long Id { get; private set; }

    public Guid SeriesId { get; private set; }

    public int Version { get; private set; }

    public DocumentPurpose Purpose { get; private set; }

    public int ProjectAreaId { get; private set; }

    public int? ParcelId { get; private set; }

    public int? HouseholdId { get; private set; }

    public long? StageTransitionId { get; private set; }

    /// <summary>The township whose officials may see it; null for county-level documents.</summary>
    public int? TownshipId { get; private set; }

    public string FileName { get; private set; }

    public string MediaType { get; private set; }

    public long Size { get; private set; }

    public string Sha256 { get; private set; }

    public string StorageKey { get; private set; }

    public string? ThumbnailKey { get; private set; }

    public string? Note { get; private set; }

    public Guid UploadedById { get; private set; }

    public string UploadedByName { get; private set; }

    public DateTimeOffset UploadedAt { get; private set; }

    public bool IsImage => MediaType.StartsWith("image/", StringComparison.Ordinal);

    public static StoredDocument First(DocumentPurpose purpose, DocumentLinks links, DocumentFile file, string? note, Actor uploader, DateTimeOffset now) =>
        Create(Guid.NewGuid(), 1, purpose, links, file, note, uploader, now);

    /// <summary>A replacement: the next version of <paramref name="latest"/>'s series, with the same purpose and links.</summary>
    public static StoredDocument Replacing(StoredDocument latest, DocumentFile file, string? note, Actor uploader, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(latest);
        var links = new DocumentLinks(latest.ProjectAreaId, latest.ParcelId, latest.HouseholdId, latest.StageTransitionId, latest.TownshipId);
        return Create(latest.SeriesId, latest.Version + 1, latest.Purpose, links, file, note, uploader, now);
    }

    private static StoredDocument Create(Guid series, int version, DocumentPurpose purpose, DocumentLinks links, DocumentFile file, string? note,
        Actor uploader, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(uploader);
        if (file.Size <= 0)
        {
            throw new DomainException("document.empty", "文件为空。");
        }

        var trimmedNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (trimmedNote is { Length: > MaxNoteLength })
        {
            throw new DomainException("document.note.too_long", $"说明不能超过 {MaxNoteLength} 个字符。");
        }

        return new StoredDocument
        {
            SeriesId = series,
            Version = version,
            Purpose = purpose,
            ProjectAreaId = links.ProjectAreaId,
            ParcelId = links.ParcelId,
            HouseholdId = links.HouseholdId,
            StageTransitionId = links.StageTransitionId,
            TownshipId = links.TownshipId,
            FileName = file.FileName.Length <= MaxFileNameLength ? file.FileName : file.FileName[..MaxFileNameLength],
            MediaType = file.MediaType,
            Size = file.Size,
            Sha256 = file.Sha256,
            StorageKey = file.StorageKey,
            ThumbnailKey = file.ThumbnailKey,
            Note = trimmedNote,
            UploadedById = uploader.UserId,
            UploadedByName = uploader.Name,
            UploadedAt = now,
        };
    }
}

public static class DocumentPurposeNames
{
    public static string Of(DocumentPurpose purpose) => purpose switch
    {
        DocumentPurpose.ConsentScan => "权属方同意书扫描件",
        DocumentPurpose.CompensationAgreementScan => "房屋拆旧补偿协议扫描件",
        DocumentPurpose.ResettlementAgreementScan => "安置协议扫描件",
        DocumentPurpose.PhotoBeforeDemolition => "拆除前照片",
        DocumentPurpose.PhotoAfterDemolition => "拆除后照片",
        DocumentPurpose.ReclamationPhoto => "复垦照片",
        DocumentPurpose.StageAttachment => "阶段办理附件",
        DocumentPurpose.Other => "其他材料",
        _ => purpose.ToString(),
    };
}
