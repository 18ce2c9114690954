using System.Globalization;
using GuaGou.Domain.Access;
using GuaGou.Domain.Common;
using GuaGou.Domain.Parcels;
using GuaGou.Domain.ProjectAreas;
using GuaGou.Domain.Regions;
using GuaGou.Infrastructure.Access;
using GuaGou.Infrastructure.Audit;
using GuaGou.Infrastructure.Exports;
using GuaGou.Infrastructure.Parcels.Gdal;
using GuaGou.Infrastructure.Persistence;
using GuaGou.Infrastructure.Persistence.Configurations;
using Microsoft.EntityFrameworkCore;

namespace GuaGou.Infrastructure.Parcels;

/// <summary>What the preview page shows: the upload, the parcels as read, and every problem found.</summary>
public sealed record ImportPreview(
    Guid Id, string ProjectCode, string ProjectName, uint ProjectVersion, Zone Zone, string FileName, string UploadedByName,
    DateTimeOffset UploadedAt, ParcelImportStatus Status, int ExistingParcels, ParsedParcelSet Set,
    IReadOnlyList<string> Fields, GdalFieldMapping? Mapping, int? SourceEpsg);

public sealed record UploadRequest(Zone Zone, string FileName, byte[] Content, int TownshipId, ReclamationDirection? DefaultDirection,
    string? DefaultPlannedUse, string DefaultLandClass);

/// <summary>
/// Upload → preview → commit of a zone's parcels from a boundary file. The file is kept as uploaded; preview and
/// commit read it the same way; the commit replaces the zone's parcels in one transaction and keeps the previous
/// version (who, when, the parcels as GeoJSON).
/// </summary>
/// <summary>Settings of the parcel import (configuration section <c>GuaGou:Parcels</c>).</summary>
public sealed class ParcelImportOptions
{
    /// <summary>Declared vs computed area difference that earns a warning; default 0.5 % (issue 4).</summary>
    public double AreaTolerance { get; set; } = ParcelSetValidator.DefaultAreaTolerance;

    /// <summary>Vertices of checked imports kept in memory for their previews (about 60 bytes each); default 3 000 000.</summary>
    public long PreviewCacheVertices { get; set; } = 3_000_000;

    /// <summary>Minutes a checked import stays cached after its last preview; default 10.</summary>
    public int PreviewCacheMinutes { get; set; } = 10;
}

public sealed class ParcelImportService(
    GuaGouDbContext db, TimeProvider clock, ParcelOverlapChecker overlaps, ReferenceLayerService references,
    Microsoft.Extensions.Options.IOptions<ParcelImportOptions> options, AuditLog audit, ParcelPreviewCache cache)
{
    public const int MaxFileBytes = 20 * 1024 * 1024;

    public async Task<Guid> UploadAsync(CurrentUser user, ProjectCode code, UploadRequest request, CancellationToken ct = default)
    {
        EnsureClerk(user);
        var project = await ProjectInScopeAsync(user, code, ct);
        project.EnsureParcelsCanChange();
        var name = Path.GetFileName(request.FileName ?? string.Empty);
        if (request.Content.Length == 0)
        {
            throw new DomainException("import.file.empty", "请选择要导入的坐标文件（文件为空）。");
        }

        if (request.Content.Length > MaxFileBytes)
        {
            throw new DomainException("import.file.too_large", $"文件过大（{request.Content.Length / 1024 / 1024} MB），上限为 {MaxFileBytes / 1024 / 1024} MB。");
        }

        if (ParcelFileFormats.Refusal(name) is { } refusal)
        {
            throw new DomainException("import.file.format", refusal);
        }

        LandClassCode.Parse(request.DefaultLandClass);
        var township = await db.Regions.AsNoTracking().SingleOrDefaultAsync(r => r.Id == request.TownshipId, ct);
        if (township is null || township.Level != RegionLevel.Township || township.Code.CountyPart != project.CountyCode)
        {
            throw new DomainException("parcel.township.outside", "请选择本县的乡镇作为导入地块的所在乡镇。");
        }

        var import = new ParcelImport
        {
            ProjectAreaId = project.Id,
            Zone = request.Zone,
            FileName = name.Length > ParcelImport.MaxFileNameLength ? name[..ParcelImport.MaxFileNameLength] : name,
            Content = request.Content,
            TownshipId = township.Id,
            DefaultDirection = request.Zone == Zone.Demolition ? request.DefaultDirection ?? ReclamationDirection.Farmland : null,
            DefaultPlannedUse = request.Zone == Zone.Construction ? request.DefaultPlannedUse?.Trim() : null,
            DefaultLandClass = request.DefaultLandClass.Trim().ToUpperInvariant(),
            UploadedBy = user.Id,
            UploadedByName = user.Name,
            UploadedAt = clock.GetUtcNow(),
            Status = ParcelImportStatus.Pending,
        };
        db.ParcelImports.Add(import);
        await db.SaveChangesAsync(ct);
        return import.Id;
    }

    public async Task<ImportPreview?> PreviewAsync(CurrentUser user, ProjectCode code, Guid importId, CancellationToken ct = default)
    {
        var project = await db.ProjectAreas.Visible(db, user).AsNoTracking().SingleOrDefaultAsync(p => p.Code == code, ct);
        if (project is null)
        {
            return null;
        }

        var import = await db.ParcelImports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == importId && i.ProjectAreaId == project.Id, ct);
        if (import is null)
        {
            return null;
        }

        var version = await db.ProjectAreas.Where(p => p.Id == project.Id)
            .Select(p => EF.Property<uint>(p, ProjectAreaConfiguration.Version)).SingleAsync(ct);
        var existing = await db.Parcels.CountAsync(p => p.ProjectAreaId == project.Id && p.Zone == import.Zone, ct);
        // Both stages come from the cache after the first request; only the wording of stored overlaps is per user.
        var file = await FileCheckAsync(import, ct);
        var stored = await cache.GetOrComputeAsync(import.Id, ParcelPreviewCache.Stage.Database, $"{FileTag(import)}|{version}",
            async () => (await DatabaseCheckAsync(project.Id, project.CountyId, import.Zone, file, ct), 1), ct);
        var set = await WithDatabaseFindingsAsync(user, file, stored, ct);
        var read = file.Read;
        return new ImportPreview(import.Id, project.Code.Value, project.Name, version, import.Zone, import.FileName, import.UploadedByName,
            import.UploadedAt, import.Status, existing, set, read.Fields, read.Mapping, import.SourceEpsg ?? read.DetectedEpsg);
    }

    /// <summary>GIS files: which attribute holds the code, name, land class, use and area, and the coordinate system if the file lacks one.</summary>
    public async Task ChooseFieldsAsync(CurrentUser user, ProjectCode code, Guid importId, GdalFieldMapping mapping, int? sourceEpsg, CancellationToken ct = default)
    {
        EnsureClerk(user);
        var project = await ProjectInScopeAsync(user, code, ct);
        var import = await db.ParcelImports.SingleOrDefaultAsync(i => i.Id == importId && i.ProjectAreaId == project.Id, ct)
            ?? throw new NotFoundException("导入记录不存在。");
        if (import.Status != ParcelImportStatus.Pending)
        {
            throw new DomainException("import.finished", "该文件已导入或已放弃，请重新上传。");
        }

        if (sourceEpsg is { } epsg && epsg != 4490 && !Domain.Spatial.Geodesy.GaussKrugerZone.TryFromEpsg(epsg, out _))
        {
            throw new DomainException("crs.unsupported", $"EPSG:{epsg} 不是 CGCS2000 地理坐标（4490）或高斯–克吕格投影（4491–4554）。");
        }

        import.FieldMapping = System.Text.Json.JsonSerializer.Serialize(mapping);
        import.SourceEpsg = sourceEpsg;
        await db.SaveChangesAsync(ct);
        cache.Forget(import.Id);
    }

    /// <summary>Replaces the zone's parcels by the file's, all or nothing; returns how many were replaced.</summary>
    public async Task<int> CommitAsync(CurrentUser user, ProjectCode code, Guid importId, uint version, CancellationToken ct = default)
    {
        EnsureClerk(user);
        // The aggregate is loaded untracked: the domain checks and builds the replacement on it, and what changed is
        // written below by hand — the new parcels with COPY — instead of EF tracking ten thousand entities.
        var project = await db.ProjectAreas.Visible(db, user).AsNoTracking().Include(p => p.Parcels).Include(p => p.Transitions).AsSplitQuery()
            .SingleOrDefaultAsync(p => p.Code == code, ct);
        if (project is null)
        {
            throw new NotFoundException($"项目区 {code} 不存在或不在您的管辖范围内。");
        }

        var import = await db.ParcelImports.SingleOrDefaultAsync(i => i.Id == importId && i.ProjectAreaId == project.Id, ct)
            ?? throw new NotFoundException("导入记录不存在。");
        if (import.Status != ParcelImportStatus.Pending)
        {
            throw new DomainException("import.finished", "该文件已导入或已放弃，请重新上传。");
        }

        // The file's own checks may come from the preview; those against the database run again now, since another
        // import may have been committed since the preview (overlaps are refused wherever the other parcel lies).
        var file = await FileCheckAsync(import, ct);
        var set = await WithDatabaseFindingsAsync(user, file, await DatabaseCheckAsync(project.Id, project.CountyId, import.Zone, file, ct), ct);
        if (!set.CanCommit)
        {
            throw new DomainException("import.has_errors", $"文件中有 {set.Errors.Count} 处错误，修正后重新上传才能导入。");
        }

        var regions = await db.Regions.AsNoTracking().Where(r => r.Id == import.TownshipId).ToDictionaryAsync(r => r.Id, ct);
        var parcels = set.Parcels.Select(p => new ImportedParcel(
            new ParcelData(import.Zone, p.Code, p.Name, import.TownshipId, null,
                LandClassCode.Parse(string.IsNullOrWhiteSpace(p.LandClass) ? import.DefaultLandClass : p.LandClass),
                import.DefaultDirection, import.Zone == Zone.Construction ? FirstNonEmpty(p.Use, import.DefaultPlannedUse, "未注明") : null,
                null, Area.FromSquareMetres(p.DeclaredSquareMetres ?? (decimal)p.EllipsoidalSquareMetres!.Value), null),
            p.Geographic!, Area.FromSquareMetres((decimal)p.EllipsoidalSquareMetres!.Value),
            p.PlanarSquareMetres is { } planar ? Area.FromSquareMetres((decimal)planar) : null, set.SourceEpsg)).ToList();

        var now = clock.GetUtcNow();
        var previous = project.Parcels.Where(p => p.Zone == import.Zone).ToList();
        var settled = await HouseholdsToMoveAsync(previous, parcels, import.TownshipId, ct);
        var transitionsBefore = project.Transitions.Count;
        // Every rule of the aggregate runs here, before anything is written; a refusal leaves the database untouched.
        var replaced = project.ReplaceZoneParcels(import.Zone, parcels, regions, user.AsActor(), $"文件 {import.FileName}", now);
        var replacements = project.Parcels.Where(p => p.Zone == import.Zone).ToList();
        var recorded = project.Transitions.Skip(transitionsBefore).ToList();

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Optimistic concurrency on the project row (xmin), as EF's update with the preview's version did; the update
        // also locks the row, so a second commit into the same project waits for this one and then fails the check.
        var updated = await db.ProjectAreas
            .Where(p => p.Id == project.Id && EF.Property<uint>(p, ProjectAreaConfiguration.Version) == version)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.UpdatedAt, project.UpdatedAt), ct);
        if (updated == 0)
        {
            throw new DomainException("concurrency.conflict", "项目区在您预览期间已被他人修改，未导入任何地块。请刷新预览后再确认。");
        }

        if (previous.Count > 0)
        {
            db.ParcelZoneVersions.Add(new ParcelZoneVersion
            {
                ProjectAreaId = project.Id,
                Zone = import.Zone,
                ImportId = import.Id,
                ReplacedBy = user.Id,
                ReplacedByName = user.Name,
                ReplacedAt = now,
                ParcelCount = previous.Count,
                TotalSquareMetres = previous.Sum(p => p.EffectiveArea.SquareMetres),
                Snapshot = ParcelSnapshots.ToGeoJson(previous),
            });
        }

        if (settled.Count == 0)
        {
            await db.Parcels.Where(p => p.ProjectAreaId == project.Id && p.Zone == import.Zone).ExecuteDeleteAsync(ct);
            await ParcelCopy.WriteAsync(db, project.Id, replacements, ct);
        }
        else
        {
            await ReplaceKeepingHouseholdsAsync(project.Id, import.Zone, replacements, settled, ct);
        }
        foreach (var transition in recorded)
        {
            db.StageTransitions.Add(transition);
            db.Entry(transition).Property(t => t.ProjectAreaId).CurrentValue = project.Id;
        }

        import.Status = ParcelImportStatus.Committed;
        import.FinishedAt = now;
        await db.SaveChangesAsync(ct);
        // COPY and ExecuteDelete bypass the change tracker, so the replacement is recorded here, in the same transaction.
        await audit.RecordAsync(AuditActions.Import, nameof(ParcelImport), import.Id.ToString(),
            before: new { Zone = import.Zone.ToString(), Parcels = previous.Count, SquareMetres = previous.Sum(p => p.EffectiveArea.SquareMetres) },
            after: new
            {
                Zone = import.Zone.ToString(), import.FileName, Parcels = replacements.Count,
                SquareMetres = replacements.Sum(p => p.EffectiveArea.SquareMetres), HouseholdParcelsKept = settled.Count,
            },
            record: ("ProjectArea", project.Id.ToString(CultureInfo.InvariantCulture)), ct: ct);
        await transaction.CommitAsync(ct);
        cache.Forget(import.Id);
        return replaced;
    }

    /// <summary>
    /// Households live on 拆旧 parcels and must survive a re-survey: each old parcel with households must come back
    /// under the same code (in the same township), or the replacement is refused — nothing may lose its parcel.
    /// Returns old parcel id → code for the parcels whose households (and documents) move to the new parcel.
    /// </summary>
    private async Task<Dictionary<int, string>> HouseholdsToMoveAsync(List<Parcel> previous, List<ImportedParcel> incoming, int townshipId,
        CancellationToken ct)
    {
        var previousIds = previous.Select(p => p.Id).ToList();
        var counts = await db.Households.AsNoTracking().Where(h => previousIds.Contains(h.ParcelId))
            .GroupBy(h => h.ParcelId).Select(g => new { ParcelId = g.Key, Count = g.Count() }).ToListAsync(ct);
        var incomingCodes = incoming.Select(p => p.Data.Code).ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var c in counts)
        {
            var parcel = previous.Single(p => p.Id == c.ParcelId);
            if (!incomingCodes.Contains(parcel.Code))
            {
                problems.Add($"地块 {parcel.Code} 上已登记 {c.Count} 户农户，新文件中没有该地块编号");
            }
            else if (parcel.TownshipId != townshipId)
            {
                problems.Add($"地块 {parcel.Code} 上已登记 {c.Count} 户农户，新文件把它放在了另一个乡镇");
            }
        }

        if (problems.Count > 0)
        {
            throw new DomainException("import.households",
                $"不能替换：{string.Join("；", problems)}。农户不能失去所在地块，请核对地块编号或先处理这些农户。");
        }

        return counts.ToDictionary(c => c.ParcelId, c => previous.Single(p => p.Id == c.ParcelId).Code);
    }

    /// <summary>
    /// The replacement when households must move: old parcels step aside under temporary codes (the code is unique
    /// per project), the new ones are copied in, households and their documents are pointed at the new parcel of the
    /// same code, and only then are the old parcels deleted — all inside the caller's transaction.
    /// </summary>
    private async Task ReplaceKeepingHouseholdsAsync(int projectId, Zone zone, List<Parcel> replacements, Dictionary<int, string> moving,
        CancellationToken ct)
    {
        var zoneText = zone.ToString();
        var oldIds = await db.Parcels.Where(p => p.ProjectAreaId == projectId && p.Zone == zone).Select(p => p.Id).ToArrayAsync(ct);
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE guagou.parcels SET code = left(code, 20) || '~' || id WHERE id = ANY({oldIds})", ct);
        await ParcelCopy.WriteAsync(db, projectId, replacements, ct);
        var movingIds = moving.Keys.ToArray();
        var movingCodes = moving.Values.ToArray();
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            UPDATE guagou.households t SET parcel_id = n.id
            FROM unnest({movingIds}, {movingCodes}) AS m(old_id, code)
            JOIN guagou.parcels n ON n.project_area_id = {projectId} AND n.zone = {zoneText} AND n.code = m.code
            WHERE t.parcel_id = m.old_id
            """, ct);
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            UPDATE guagou.documents t SET parcel_id = n.id
            FROM unnest({movingIds}, {movingCodes}) AS m(old_id, code)
            JOIN guagou.parcels n ON n.project_area_id = {projectId} AND n.zone = {zoneText} AND n.code = m.code
            WHERE t.parcel_id = m.old_id
            """, ct);
        await db.Parcels.Where(p => oldIds.Contains(p.Id)).ExecuteDeleteAsync(ct);
    }

    public async Task DiscardAsync(CurrentUser user, ProjectCode code, Guid importId, CancellationToken ct = default)
    {
        EnsureClerk(user);
        var project = await ProjectInScopeAsync(user, code, ct);
        var import = await db.ParcelImports.SingleOrDefaultAsync(i => i.Id == importId && i.ProjectAreaId == project.Id, ct)
            ?? throw new NotFoundException("导入记录不存在。");
        if (import.Status == ParcelImportStatus.Pending)
        {
            import.Status = ParcelImportStatus.Discarded;
            import.FinishedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }

        cache.Forget(import.Id);
    }

    /// <summary>The file read and checked on its own (no database), with the parcels the PostGIS checks take.</summary>
    private sealed record FileCheck(ParsedParcelSet Set, ParcelFileRead Read, IReadOnlyList<ParcelCandidate> Candidates);

    /// <summary>What the database said about the file's parcels, for any user: overlaps carry the other project's id.</summary>
    private sealed record DatabaseCheck(IReadOnlyList<StoredOverlap> Overlaps, IReadOnlyList<ReferenceFinding> References);

    /// <summary>What the file's own checks depend on besides its bytes, which never change.</summary>
    private string FileTag(ParcelImport import) => string.Create(CultureInfo.InvariantCulture,
        $"{import.FieldMapping}|{import.SourceEpsg}|{import.DefaultLandClass}|{options.Value.AreaTolerance}");

    private Task<FileCheck> FileCheckAsync(ParcelImport import, CancellationToken ct) =>
        cache.GetOrComputeAsync(import.Id, ParcelPreviewCache.Stage.File, FileTag(import), async () =>
        {
            var check = await ReadAndCheckFileAsync(import, ct);
            return (check, check.Set.Parcels.Sum(p => (long)p.Vertices) + check.Set.Parcels.Count);
        }, ct);

    private async Task<FileCheck> ReadAndCheckFileAsync(ParcelImport import, CancellationToken ct)
    {
        var mapping = import.FieldMapping is null ? null : System.Text.Json.JsonSerializer.Deserialize<GdalFieldMapping>(import.FieldMapping);
        var read = await ParcelFileFormats.ReadAsync(import.FileName, import.Content, new GdalReadOptions(mapping, import.SourceEpsg), ct);
        var set = ParcelSetValidator.Validate(read.Set, options.Value.AreaTolerance);
        var warnings = set.Parcels.Where(p => string.IsNullOrWhiteSpace(p.LandClass))
            .Select(p => new ImportIssue(p.Line, $"{set.Where(p.Line)}：地块 {p.Code} 未填地类编码，按缺省地类 {import.DefaultLandClass} 导入。"))
            .ToList();
        var errors = set.Parcels.Where(p => !string.IsNullOrWhiteSpace(p.LandClass) && !IsLandClass(p.LandClass))
            .Select(p => new ImportIssue(p.Line, $"{set.Where(p.Line)}：地块 {p.Code} 的地类编码“{p.LandClass}”无效。"))
            .ToList();
        // Parcels with errors of their own (invalid rings …) stay out of the PostGIS checks; validity was checked once
        // already. A file refused as a whole (too many parcels or vertices) goes to no PostGIS check at all.
        var withErrors = set.Errors.Select(e => e.Line).ToHashSet();
        var candidates = ParcelSetValidator.FileTooLarge(read.Set) is not null
            ? []
            : set.Parcels.Where(p => p.Geographic is not null && !withErrors.Contains(p.Line))
                .Select(p => new ParcelCandidate(p.Line, p.Code, p.Geographic!)).ToList();
        return new FileCheck(set.With(errors, warnings), read, candidates);
    }

    private async Task<DatabaseCheck> DatabaseCheckAsync(int projectId, int countyId, Zone zone, FileCheck file, CancellationToken ct) => new(
        await overlaps.FindAsync(projectId, zone, file.Candidates, ct: ct),
        await references.CheckAsync(countyId, zone, file.Candidates, file.Set.Where, ct: ct));

    /// <summary>The file's findings plus the database's, worded for this user (<see cref="ParcelOverlapChecker.Describe"/>).</summary>
    private async Task<ParsedParcelSet> WithDatabaseFindingsAsync(CurrentUser user, FileCheck file, DatabaseCheck stored, CancellationToken ct)
    {
        var set = file.Set;
        var others = stored.Overlaps.Select(o => o.OtherProjectId).Distinct().ToList();
        var visible = others.Count == 0 ? [] : (await db.ProjectAreas.Visible(db, user).Where(p => others.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
        var errors = ParcelOverlapChecker.Describe(stored.Overlaps, visible, set.Where).ToList();
        var warnings = new List<ImportIssue>();
        foreach (var finding in stored.References)
        {
            (finding.IsError ? errors : warnings).Add(new ImportIssue(finding.Line, finding.Message));
        }

        if (stored.References.Count >= ReferenceLayerService.MaxFindings)
        {
            // Errors are listed first, so what was cut are warnings only (or errors beyond the limit, which refuse the file anyway).
            warnings.Add(new ImportIssue(0, $"与参考图层的检查结果超过 {ReferenceLayerService.MaxFindings:N0} 条，只列出前 {ReferenceLayerService.MaxFindings:N0} 条。"));
        }

        return set.With(errors, warnings);
    }

    private static bool IsLandClass(string text)
    {
        try
        {
            LandClassCode.Parse(text);
            return true;
        }
        catch (DomainException)
        {
            return false;
        }
    }

    private async Task<ProjectArea> ProjectInScopeAsync(CurrentUser user, ProjectCode code, CancellationToken ct)
    {
        var project = await db.ProjectAreas.Visible(db, user).AsNoTracking().SingleOrDefaultAsync(p => p.Code == code, ct);
        return project ?? throw new NotFoundException($"项目区 {code} 不存在或不在您的管辖范围内。");
    }

    private static string FirstNonEmpty(params string?[] values) => values.First(v => !string.IsNullOrWhiteSpace(v))!.Trim();

    private static void EnsureClerk(CurrentUser user)
    {
        if (!user.Is(Roles.CountyClerk))
        {
            throw new DomainException("access.edit", "只有县局经办人可以导入地块。");
        }
    }
}

/// <summary>Parcels as GeoJSON with their attributes: the snapshot kept when a zone is replaced, and the export.</summary>
public static class ParcelSnapshots
{
    public static string ToGeoJson(IEnumerable<Parcel> parcels) =>
        GeoJson.WriteString(parcels.Select(p => new GeoJsonFeature(Properties(p), p.Boundary)));

    public static IReadOnlyDictionary<string, object?> Properties(Parcel p) => new Dictionary<string, object?>
    {
        ["code"] = p.Code,
        ["name"] = p.Name,
        ["zone"] = p.Zone.ToString(),
        ["townshipId"] = p.TownshipId,
        ["villageId"] = p.VillageId,
        ["landClass"] = p.LandClass.Value,
        ["reclamationDirection"] = p.ReclamationDirection?.ToString(),
        ["plannedUse"] = p.PlannedUse,
        ["ownership"] = p.Ownership,
        ["declaredAreaM2"] = p.DeclaredArea.SquareMetres,
        ["ellipsoidAreaM2"] = p.ComputedArea?.SquareMetres,
        ["planarAreaM2"] = p.PlanarArea?.SquareMetres,
        ["sourceEpsg"] = p.SourceEpsg,
        ["note"] = p.Note,
    };
}
