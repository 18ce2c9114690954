using GuaGou.Domain.Common;
using GuaGou.Domain.Spatial;
using NetTopologySuite.Geometries;

namespace GuaGou.Domain.ProjectAreas;

/// <summary>What a person enters for a parcel; validated by <see cref="Parcel"/>.</summary>
public sealed record ParcelData(
    Zone Zone,
    string Code,
    string? Name,
    int TownshipId,
    int? VillageId,
    LandClassCode LandClass,
    ReclamationDirection? ReclamationDirection,
    string? PlannedUse,
    string? Ownership,
    Area DeclaredArea,
    string? Note);

/// <summary>
/// A parcel of a project area, in its 拆旧 or 建新 zone. Areas are in m²; the computed area (from the boundary)
/// wins over the declared one once a boundary exists.
/// </summary>
public sealed class Parcel
{
    public const int MaxCodeLength = 32;
    public const int MaxNameLength = 100;
    public const int MaxTextLength = 200;
    public const int MaxNoteLength = 1000;

    private Parcel()
    {
        Code = string.Empty;
    }

    internal Parcel(ParcelData data) : this() => Apply(data);

    public int Id { get; private set; }

    public int ProjectAreaId { get; private set; }

    public Zone Zone { get; private set; }

    public string Code { get; private set; }

    public string? Name { get; private set; }

    public int TownshipId { get; private set; }

    public int? VillageId { get; private set; }

    public LandClassCode LandClass { get; private set; }

    /// <summary>拆旧 only.</summary>
    public ReclamationDirection? ReclamationDirection { get; private set; }

    /// <summary>建新 only.</summary>
    public string? PlannedUse { get; private set; }

    public string? Ownership { get; private set; }

    public Area DeclaredArea { get; private set; }

    /// <summary>Ellipsoidal area (椭球面积) of the boundary on CGCS2000, when a boundary has been imported.</summary>
    public Area? ComputedArea { get; private set; }

    /// <summary>Planar Gauss–Krüger area of the boundary in its source zone (what survey reports state).</summary>
    public Area? PlanarArea { get; private set; }

    /// <summary>The EPSG code of the projected system the boundary arrived in (kept for exports back to that system).</summary>
    public int? SourceEpsg { get; private set; }

    public MultiPolygon? Boundary { get; private set; }

    public string? Note { get; private set; }

    /// <summary>The area the balance counts: computed from the boundary when there is one, else declared.</summary>
    public Area EffectiveArea => ComputedArea ?? DeclaredArea;

    /// <summary>A 拆旧 parcel whose land goes back to farmland, forest or grassland (not kept as construction land).</summary>
    public bool IsReclaimed => Zone == Zone.Demolition && ReclamationDirection is not ProjectAreas.ReclamationDirection.KeepConstruction;

    internal void Apply(ParcelData data)
    {
        // Everything is checked before anything is assigned: a refused edit leaves the parcel as it was.
        var code = Required(data.Code, "地块编号", MaxCodeLength);
        EnsureZoneFieldsMatch(data);
        var name = Optional(data.Name, "地块名称", MaxNameLength);
        var plannedUse = data.Zone == Zone.Construction ? Optional(data.PlannedUse, "规划用途", MaxTextLength) : null;
        var ownership = Optional(data.Ownership, "权属", MaxTextLength);
        var note = Optional(data.Note, "备注", MaxNoteLength);
        Zone = data.Zone;
        Code = code;
        Name = name;
        TownshipId = data.TownshipId;
        VillageId = data.VillageId;
        LandClass = data.LandClass;
        ReclamationDirection = data.Zone == Zone.Demolition ? data.ReclamationDirection : null;
        PlannedUse = plannedUse;
        Ownership = ownership;
        DeclaredArea = data.DeclaredArea;
        Note = note;
    }

    internal void SetBoundary(MultiPolygon boundary, Area ellipsoidalArea, Area? planarArea, int? sourceEpsg)
    {
        Boundary = Cgcs2000.EnsureValidArea(boundary, $"地块 {Code} 的边界");
        ComputedArea = ellipsoidalArea;
        PlanarArea = planarArea;
        SourceEpsg = sourceEpsg;
    }

    private static void EnsureZoneFieldsMatch(ParcelData data)
    {
        if (data.Zone == Zone.Demolition && data.ReclamationDirection is null)
        {
            throw new DomainException("parcel.direction.required", "拆旧地块必须填写复垦方向（耕地、林地、草地或保留建设用地）。");
        }

        if (data.Zone == Zone.Construction && string.IsNullOrWhiteSpace(data.PlannedUse))
        {
            throw new DomainException("parcel.planned_use.required", "建新地块必须填写规划用途。");
        }

        if (data.DeclaredArea.SquareMetres <= 0)
        {
            throw new DomainException("parcel.area.required", "地块面积必须大于 0。");
        }
    }

    private static string Required(string? value, string field, int maxLength) =>
        Optional(value, field, maxLength) ?? throw new DomainException("parcel.field.required", $"请填写{field}。");

    private static string? Optional(string? value, string field, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        return trimmed.Length <= maxLength
            ? trimmed
            : throw new DomainException("parcel.field.too_long", $"{field}不能超过 {maxLength} 个字符。");
    }
}
