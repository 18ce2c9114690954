using GuaGou.Domain.Common;
using GuaGou.Domain.Parcels.Txt;
using GuaGou.Domain.ProjectAreas;
using GuaGou.Domain.Spatial.Geodesy;
using GuaGou.Infrastructure.Access;
using GuaGou.Infrastructure.Exports;
using GuaGou.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace GuaGou.Infrastructure.Parcels;

/// <summary>A project's parcels back out: the standard TXT the provincial system accepts, and GeoJSON.</summary>
public sealed class ParcelExports(GuaGouDbContext db)
{
    /// <summary>
    /// The standard TXT of one zone or the whole project, in the Gauss–Krüger zone the parcels came from (GBK unless
    /// <paramref name="utf8"/>). Null when the project is not visible to the user.
    /// </summary>
    public async Task<byte[]?> StandardTxtAsync(CurrentUser user, ProjectCode code, Zone? zone, bool utf8, CancellationToken ct = default)
    {
        var project = await LoadAsync(user, code, ct);
        if (project is null)
        {
            return null;
        }

        var parcels = project.Parcels.Where(p => (zone is null || p.Zone == zone) && p.Boundary is not null)
            .OrderBy(p => p.Zone).ThenBy(p => p.Code, StringComparer.Ordinal).ToList();
        if (parcels.Count == 0)
        {
            throw new DomainException("export.no_boundaries", "没有带坐标的地块可以导出（请先导入地块坐标）。");
        }

        var systems = parcels.Select(p => p.SourceEpsg).Distinct().ToList();
        if (systems.Count != 1 || systems[0] is not { } epsg || !GaussKrugerZone.TryFromEpsg(epsg, out var sourceZone))
        {
            throw new DomainException("export.mixed_zones",
                $"这些地块的坐标来自不同或未知的投影带（{string.Join("、", systems.Select(s => s is null ? "未知" : $"EPSG:{s}"))}），请按区分别导出。");
        }

        var plane = sourceZone.WithoutPrefix();
        var toWrite = parcels.Select(p => new TxtParcelToWrite(p.Code, p.Name ?? string.Empty, decimal.Round(p.DeclaredArea.Hectares, 4),
            p.PlannedUse ?? (p.ReclamationDirection is { } d ? $"复垦为{ChineseNames.Of(d)}" : string.Empty), p.LandClass.Value,
            GaussKruger.FromCgcs2000(p.Boundary!, plane))).ToList();
        var info = new Dictionary<string, string>
        {
            ["项目名称"] = project.Name,
            ["项目编号"] = project.Code.Value,
            ["行政区代码"] = project.CountyCode,
            ["导出范围"] = zone is null ? "全部地块" : ChineseNames.Of(zone.Value),
        };
        var system = new TxtCoordinateSystem("2000国家大地坐标系", true, sourceZone.ZoneWidth, sourceZone.Zone, sourceZone.EastingHasZonePrefix);
        return CoordinateTxtWriter.Write(info, system, toWrite, new TxtWriteOptions(Utf8: utf8, WriteZonePrefix: sourceZone.EastingHasZonePrefix));
    }

    /// <summary>All parcels with a boundary as GeoJSON (CGCS2000 longitude/latitude) with their attributes.</summary>
    public async Task<byte[]?> GeoJsonAsync(CurrentUser user, ProjectCode code, CancellationToken ct = default)
    {
        var project = await LoadAsync(user, code, ct);
        if (project is null)
        {
            return null;
        }

        var features = project.Parcels.Where(p => p.Boundary is not null).OrderBy(p => p.Zone).ThenBy(p => p.Code, StringComparer.Ordinal)
            .Select(p =>
            {
                var properties = new Dictionary<string, object?>(ParcelSnapshots.Properties(p))
                {
                    ["areaText"] = $"{Area.FormatMu(p.EffectiveArea.SquareMetres)} 亩（{Area.FormatHectares(p.EffectiveArea.SquareMetres)} 公顷）",
                };
                return new GeoJsonFeature(properties, p.Boundary);
            });
        return GeoJson.Write(features, new Dictionary<string, object?> { ["project"] = project.Code.Value, ["name"] = project.Name, ["crs"] = "EPSG:4490" });
    }

    private async Task<ProjectArea?> LoadAsync(CurrentUser user, ProjectCode code, CancellationToken ct)
    {
        var project = await db.ProjectAreas.AsNoTracking().Include(p => p.Parcels).SingleOrDefaultAsync(p => p.Code == code, ct);
        return project is not null && user.CanSeeCounty(project.CountyCode) ? project : null;
    }
}
