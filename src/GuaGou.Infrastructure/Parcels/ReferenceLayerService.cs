using System.Globalization;
using GuaGou.Domain.Access;
using GuaGou.Domain.Common;
using GuaGou.Domain.Parcels;
using GuaGou.Domain.ProjectAreas;
using GuaGou.Domain.Regions;
using GuaGou.Infrastructure.Access;
using GuaGou.Infrastructure.Persistence;
using GuaGou.Infrastructure.Persistence.Spatial;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GuaGou.Infrastructure.Parcels;

public sealed record ReferenceLayerRow(int Id, int CountyId, string CountyName, ReferenceLayerKind Kind, string FileName, int FeatureCount,
    string LoadedByName, DateTimeOffset LoadedAt);

/// <summary>Found against the reference layers: (line, message, is it an error).</summary>
public sealed record ReferenceFinding(int Line, string Message, bool IsError);

/// <summary>
/// County reference layers, loaded from the same files as parcels, and the checks an import runs against them:
/// 拆旧 parcels should adjoin existing farmland (001 二); no parcel may overlap 文物保护范围 (000); 建新 parcels may not
/// take 永久基本农田 or 生态保护红线; other overlaps are reported with their area for the reviewer.
/// </summary>
public sealed class ReferenceLayerService(GuaGouDbContext db, TimeProvider clock)
{
    /// <summary>How close (m) a 拆旧 parcel must come to farmland to count as adjoining it: survey tolerance.</summary>
    public const double AdjoiningMetres = 2.0;

    public async Task<IReadOnlyList<ReferenceLayerRow>> ListAsync(CurrentUser user, CancellationToken ct = default)
    {
        var layers = await db.ReferenceLayers.AsNoTracking()
            .Join(db.Regions, l => l.CountyId, r => r.Id, (l, r) => new { Layer = l, County = r })
            .ToListAsync(ct);
        return layers.Where(x => user.CanSeeCounty(x.County.Code.Value))
            .OrderBy(x => x.County.Code.Value, StringComparer.Ordinal).ThenBy(x => x.Layer.Kind)
            .Select(x => new ReferenceLayerRow(x.Layer.Id, x.County.Id, x.County.Name, x.Layer.Kind, x.Layer.FileName, x.Layer.FeatureCount,
                x.Layer.LoadedByName, x.Layer.LoadedAt))
            .ToList();
    }

    /// <summary>Loads (or replaces) a county's layer of one kind from a boundary file, all or nothing.</summary>
    public async Task<int> LoadAsync(CurrentUser user, int countyId, ReferenceLayerKind kind, string fileName, byte[] content, CancellationToken ct = default)
    {
        // docs/security.md: reference layers are county records, kept by the county clerk like parcels; the system
        // administrator runs the system, not its data.
        if (!user.Is(Roles.CountyClerk))
        {
            throw new DomainException("access.reference", "只有县局经办人可以导入参考图层。");
        }

        var county = await db.Regions.AsNoTracking().SingleOrDefaultAsync(r => r.Id == countyId && r.Level == RegionLevel.County, ct);
        if (county is null || !user.CanSeeCounty(county.Code.Value))
        {
            throw new NotFoundException("县不存在或不在您的管辖范围内。");
        }

        if (!Enum.IsDefined(kind))
        {
            throw new DomainException("reference.kind", "请选择图层类型。");
        }

        if (content.Length == 0 || content.Length > ParcelImportService.MaxFileBytes)
        {
            throw new DomainException("import.file.size", $"文件为空或超过 {ParcelImportService.MaxFileBytes / 1024 / 1024} MB。");
        }

        var set = (await ParcelFileFormats.ReadAsync(fileName, content, ct: ct)).Set;
        var usable = set.Parcels.Where(p => p.Geographic is { IsValid: true }).ToList();
        if (set.Errors.Count > 0 || usable.Count == 0)
        {
            var first = set.Errors.Take(5).Select(e => e.Message);
            throw new DomainException("reference.file_errors", $"图层文件有 {set.Errors.Count} 处错误，未导入：{string.Join(" ", first)}");
        }

        // One transaction from the delete of the old features to the save of the new ones: a failed load keeps the old layer.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var layer = await db.ReferenceLayers.SingleOrDefaultAsync(l => l.CountyId == countyId && l.Kind == kind, ct);
        if (layer is null)
        {
            layer = new ReferenceLayer { CountyId = countyId, Kind = kind };
            db.ReferenceLayers.Add(layer);
        }
        else
        {
            await db.ReferenceFeatures.Where(f => f.LayerId == layer.Id).ExecuteDeleteAsync(ct);
        }

        layer.FileName = Path.GetFileName(fileName);
        layer.FeatureCount = usable.Count;
        layer.LoadedByName = user.Name;
        layer.LoadedAt = clock.GetUtcNow();
        foreach (var p in usable)
        {
            var label = $"{p.Code} {p.Name}".Trim();
            layer.Features.Add(new ReferenceFeature { Label = label.Length > 100 ? label[..100] : label, Boundary = p.Geographic! });
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return usable.Count;
    }

    /// <summary>Findings listed at most per import; the errors come first, so a cut list never hides one.</summary>
    public const int MaxFindings = 1_000;

    /// <summary>At most <paramref name="limit"/> findings: errors first, then by line.</summary>
    public async Task<IReadOnlyList<ReferenceFinding>> CheckAsync(int countyId, Zone zone, IReadOnlyList<ParcelCandidate> candidates,
        Func<int, string> where, int limit = MaxFindings, CancellationToken ct = default)
    {
        if (candidates.Count == 0 || !await db.ReferenceLayers.AnyAsync(l => l.CountyId == countyId, ct))
        {
            return [];
        }

        // Which overlaps are errors is decided again in Finding; here it only orders the rows, so that LIMIT drops
        // warnings before errors. The noise filter is in SQL so that LIMIT counts real overlaps only.
        var column = SpatialColumn.ReferenceBoundary.GeometryColumn;
        var schema = GuaGouDbContext.Schema;
        var sql = $"""
            WITH {CandidateQuery.CandidateCte}
            SELECT * FROM (
                SELECT c.line, c.code, l.kind, f.label, ST_Area(ST_Intersection(f.{column}, c.geom)::geography) AS area,
                       l.kind = 'HeritageProtection' OR (NOT @demolition AND l.kind IN ('PermanentBasicFarmland', 'EcologicalRedLine')) AS is_error
                FROM candidate c
                JOIN {schema}.reference_features f ON f.{column} && c.geom AND ST_Intersects(f.{column}, c.geom)
                JOIN {schema}.reference_layers l ON l.id = f.layer_id
                WHERE l.county_id = @county AND l.kind <> 'Farmland') o
            WHERE o.area > @noise
            UNION ALL
            SELECT c.line, c.code, 'NotAdjoiningFarmland', NULL, NULL, false
            FROM candidate c
            WHERE @demolition
              AND EXISTS (SELECT 1 FROM {schema}.reference_layers l WHERE l.county_id = @county AND l.kind = 'Farmland')
              AND NOT EXISTS (
                SELECT 1 FROM {schema}.reference_features f JOIN {schema}.reference_layers l ON l.id = f.layer_id
                WHERE l.county_id = @county AND l.kind = 'Farmland'
                  AND f.{column} && ST_Expand(c.geom, 0.001)
                  AND ST_DWithin(f.{column}::geography, c.geom::geography, @adjoining))
            ORDER BY 6 DESC, 1
            LIMIT @limit
            """;
        return await CandidateQuery.RunAsync(db, sql, candidates, parameters =>
        {
            parameters.AddWithValue("county", countyId);
            parameters.AddWithValue("demolition", zone == Zone.Demolition);
            parameters.AddWithValue("adjoining", AdjoiningMetres);
            parameters.AddWithValue("noise", ParcelOverlapChecker.NoiseSquareMetres);
            parameters.AddWithValue("limit", limit);
        }, reader => Finding(reader, zone, where), ct);
    }

    private static ReferenceFinding? Finding(NpgsqlDataReader reader, Zone zone, Func<int, string> where)
    {
        var (line, code, kindText) = (reader.GetInt32(0), reader.GetString(1), reader.GetString(2));
        if (kindText == "NotAdjoiningFarmland")
        {
            return new ReferenceFinding(line, $"{where(line)}：拆旧地块 {code} 与现状耕地不相邻（距离超过 {AdjoiningMetres:0} 米），不符合可复垦地块的条件（001 二），请核实。", false);
        }

        var kind = Enum.Parse<ReferenceLayerKind>(kindText);
        var area = reader.GetDouble(4);
        if (area <= ParcelOverlapChecker.NoiseSquareMetres)
        {
            return null;
        }

        var isError = kind == ReferenceLayerKind.HeritageProtection
            || (zone == Zone.Construction && kind is ReferenceLayerKind.PermanentBasicFarmland or ReferenceLayerKind.EcologicalRedLine);
        return new ReferenceFinding(line, string.Create(CultureInfo.InvariantCulture,
            $"{where(line)}：地块 {code} 与{ReferenceLayerNames.Of(kind)}（{reader.GetString(3)}）重叠 {area:0.00} 平方米。"), isError);
    }
}
