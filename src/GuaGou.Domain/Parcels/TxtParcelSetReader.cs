using GuaGou.Domain.Common;
using GuaGou.Domain.Parcels.Txt;
using GuaGou.Domain.Spatial.Geodesy;

namespace GuaGou.Domain.Parcels;

/// <summary>
/// The standard coordinate TXT as a <see cref="ParsedParcelSet"/>: geometry inverse-projected from the file's
/// Gauss–Krüger zone to CGCS2000, planar and ellipsoidal areas computed (FORMATS.md §3), declared areas in m².
/// </summary>
public static class TxtParcelSetReader
{
    public static ParsedParcelSet Read(byte[] content)
    {
        var document = CoordinateTxtReader.Read(content);
        var errors = document.Errors.Select(e => new ImportIssue(e.Line, e.Message)).ToList();
        var warnings = document.Warnings.Select(w => new ImportIssue(w.Line, w.Message)).ToList();
        var system = document.CoordinateSystem;
        GaussKrugerZone? zone = null;
        if (system is { IsCgcs2000: true, ZoneWidth: { } width, Zone: { } number })
        {
            try
            {
                zone = GaussKrugerZone.Create(width, number, prefix: false);
            }
            catch (DomainException e)
            {
                errors.Add(new ImportIssue(0, e.Message));
            }
        }
        else if (errors.Count == 0)
        {
            errors.Add(new ImportIssue(0, "文件未说明坐标系的分带和带号（[属性描述] 中的“几度分带”“带号”），无法计算经纬度和面积。"));
        }

        var errorLines = document.Errors.Select(e => e.Line).ToHashSet();

        // Projection and areas are per parcel: spread them over the cores (FORMATS.md series, no shared state).
        var parcels = document.Parcels.AsParallel().AsOrdered().Select(p =>
        {
            var geographic = zone is not null && p.Geometry is { } projected ? GaussKruger.ToCgcs2000(projected, zone) : null;
            var declared = p.DeclaredArea is { } area
                ? p.DeclaredAreaUnit == DeclaredAreaUnit.SquareMetre ? area : area * 10_000m
                : (decimal?)null;
            return new ParsedParcel(p.HeaderLine, p.Code, p.Name, p.LandClass, p.Use, declared, p.Geometry, geographic,
                geographic is null ? null : ParcelArea.Ellipsoidal(geographic),
                p.Geometry is null ? null : ParcelArea.Planar(p.Geometry))
            {
                // The TXT reader validates every ring and the assembled parcel, reporting problems on the header line.
                GeometryChecked = p.Geometry is not null && !errorLines.Contains(p.HeaderLine),
            };
        }).ToList();

        var metadata = document.ProjectInfo.Concat(document.Attributes)
            .GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.First().Value);
        // Report the system the file is written in (zone prefix or not); geometry is handled without the prefix.
        var fileEpsg = zone is null ? (int?)null : system!.EastingHasZonePrefix ? system.EpsgWithPrefix : system.EpsgWithoutPrefix;
        return new ParsedParcelSet(fileEpsg is null ? null : $"EPSG:{fileEpsg}", fileEpsg, parcels, errors, warnings, metadata);
    }
}
