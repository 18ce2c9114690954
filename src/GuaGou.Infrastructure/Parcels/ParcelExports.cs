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

    /// <summary>
    /// The parcels as a zipped shapefile (through GDAL) in the zone they came from — or CGCS2000 longitude/latitude when
    /// they came from several — with GBK attribute text unless <paramref name="utf8"/>.
    /// </summary>
    public async Task<byte[]?> ShapefileZipAsync(CurrentUser user, ProjectCode code, bool utf8, CancellationToken ct = default)
    {
        var project = await LoadAsync(user, code, ct);
        if (project is null)
        {
            return null;
        }

        var parcels = project.Parcels.Where(p => p.Boundary is not null).OrderBy(p => p.Zone).ThenBy(p => p.Code, StringComparer.Ordinal).ToList();
        if (parcels.Count == 0)
        {
            throw new DomainException("export.no_boundaries", "没有带坐标的地块可以导出（请先导入地块坐标）。");
        }

        var systems = parcels.Select(p => p.SourceEpsg).Distinct().ToList();
        var target = systems is [{ } only] ? only : Cgcs2000Srid;
        var features = parcels.Select(p => new GeoJsonFeature(ParcelSnapshots.Properties(p), p.Boundary)).ToList();
        return await new Gdal.ShapefileExporter().ZipAsync(features, target, utf8, ct);
    }

    private const int Cgcs2000Srid = 4490;

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

    /// <summary>
    /// The parcel ledger as .xlsx: one sheet of parcels (both areas named), and one of 界址点 coordinates — in the
    /// parcel's Gauss–Krüger zone (X north, Y east, as surveyors read them) and in CGCS2000 latitude/longitude.
    /// </summary>
    public async Task<byte[]?> LedgerXlsxAsync(CurrentUser user, ProjectCode code, CancellationToken ct = default)
    {
        var project = await LoadAsync(user, code, ct);
        if (project is null)
        {
            return null;
        }

        var regionIds = project.Parcels.SelectMany(p => new[] { p.TownshipId, p.VillageId ?? 0 }).Distinct().ToList();
        var names = await db.Regions.AsNoTracking().Where(r => regionIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        var parcels = project.Parcels.OrderBy(p => p.Zone).ThenBy(p => p.Code, StringComparer.Ordinal).ToList();
        var ledger = new XlsxSheet("地块台账",
        [
            new("区", Width: 8), new("地块编号", Width: 14), new("地块名称", Width: 28), new("乡镇", Width: 12), new("村", Width: 14),
            new("现状地类", Width: 16), new("复垦方向/规划用途", Width: 16), new("权属", Width: 16),
            new("申报面积（亩）", XlsxFormat.Decimal2), new("申报面积（公顷）", XlsxFormat.Decimal4),
            new("椭球面积（平方米）", XlsxFormat.Decimal2, 18), new("平面面积（平方米）", XlsxFormat.Decimal2, 18),
            new("计入平衡的面积（亩）", XlsxFormat.Decimal2, 18), new("坐标来源", Width: 12), new("备注", Width: 24),
        ],
        parcels.Select(p => (IReadOnlyList<object?>)
        [
            ChineseNames.Of(p.Zone), p.Code, p.Name, names.GetValueOrDefault(p.TownshipId), p.VillageId is { } v ? names.GetValueOrDefault(v) : null,
            p.LandClass.Display, p.ReclamationDirection is { } d ? ChineseNames.Of(d) : p.PlannedUse, p.Ownership,
            decimal.Round(p.DeclaredArea.Mu, 2), decimal.Round(p.DeclaredArea.Hectares, 4), p.ComputedArea?.SquareMetres, p.PlanarArea?.SquareMetres,
            decimal.Round(p.EffectiveArea.Mu, 2), p.SourceEpsg is { } e ? $"EPSG:{e}" : "无图形", p.Note,
        ]), Title: $"{project.Name}（{project.Code}）地块台账");
        var points = new XlsxSheet("界址点坐标",
        [
            new("地块编号", Width: 14), new("部分", XlsxFormat.Integer, 6), new("圈号", XlsxFormat.Integer, 6), new("点号", Width: 8),
            new("X（北）", XlsxFormat.Decimal4, 16), new("Y（东）", XlsxFormat.Decimal4, 16), new("纬度", Width: 16), new("经度", Width: 16),
        ], parcels.Where(p => p.Boundary is not null).SelectMany(BoundaryPoints), Title: "界址点坐标（CGCS2000；X、Y 为高斯–克吕格投影坐标）");
        return XlsxWorkbook.ToBytes([ledger, points]);
    }

    /// <summary>Rows of one parcel's boundary points: rings numbered as the standard TXT numbers them, closing point left out.</summary>
    private static IEnumerable<IReadOnlyList<object?>> BoundaryPoints(Parcel parcel)
    {
        var zone = parcel.SourceEpsg is { } epsg && GaussKrugerZone.TryFromEpsg(epsg, out var z) ? z : null;
        var label = 0;
        var ring = 0;
        var parts = parcel.Boundary!.Geometries.Cast<NetTopologySuite.Geometries.Polygon>().ToList();
        for (var part = 0; part < parts.Count; part++)
        {
            foreach (var line in new[] { parts[part].ExteriorRing }.Concat(parts[part].InteriorRings))
            {
                ring++;
                foreach (var c in line.Coordinates.SkipLast(1))
                {
                    label++;
                    (double Northing, double Easting)? plane = zone is null ? null : GaussKruger.FromGeographic(zone, c.Y, c.X);
                    yield return
                    [
                        parcel.Code, part + 1, ring, $"J{label}", plane?.Northing, plane?.Easting,
                        c.Y.ToString("0.000000000", System.Globalization.CultureInfo.InvariantCulture),
                        c.X.ToString("0.000000000", System.Globalization.CultureInfo.InvariantCulture),
                    ];
                }
            }
        }
    }

    private async Task<ProjectArea?> LoadAsync(CurrentUser user, ProjectCode code, CancellationToken ct)
    {
        var project = await db.ProjectAreas.Visible(db, user).AsNoTracking().Include(p => p.Parcels).SingleOrDefaultAsync(p => p.Code == code, ct);
        return project;
    }
}
