using GuaGou.Domain.Access;
using GuaGou.Domain.Common;
using GuaGou.Domain.ProjectAreas;
using GuaGou.Domain.Regions;
using GuaGou.Infrastructure.Access;
using GuaGou.Infrastructure.Persistence;
using GuaGou.Infrastructure.Persistence.Configurations;
using Microsoft.EntityFrameworkCore;

namespace GuaGou.Infrastructure.ProjectAreas;

public enum ProjectSort { Code, Name, Year, Stage, Updated }

/// <summary>The list's filters, sorting and paging — exactly what the query string of /projects carries.</summary>
public sealed record ProjectListQuery(
    int? CountyId = null,
    int? TownshipId = null,
    Stage? Stage = null,
    int? Year = null,
    ProjectKind? Kind = null,
    bool OverdueOnly = false,
    string? Search = null,
    ProjectSort Sort = ProjectSort.Code,
    bool Descending = false,
    int Page = 1,
    int PageSize = 20)
{
    public const int MaxPageSize = 100;
}

public sealed record ProjectRow(
    string Code, string Name, string CountyName, int Year, ProjectKind Kind, Stage Stage,
    int DemolitionParcels, decimal DemolitionSquareMetres, decimal ReclaimedSquareMetres,
    int ConstructionParcels, decimal ConstructionSquareMetres,
    DateOnly? ImplementationDueOn, DateOnly? AcceptanceDueOn, bool Overdue, bool DueSoon, DateTimeOffset UpdatedAt);

/// <summary>What the list offers the user besides reading: the same role rule the services enforce on each write.</summary>
public sealed record ProjectListActions(bool MayFile, bool MayLoadReferenceLayers)
{
    public static ProjectListActions For(CurrentUser user) =>
        new(MayFile: user.Is(Roles.CountyClerk), MayLoadReferenceLayers: user.Is(Roles.CountyClerk));
}

public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int PageNumber, int PageSize)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

public sealed record ParcelRow(
    int Id, Zone Zone, string Code, string? Name, int TownshipId, string Township, int? VillageId, string? Village, LandClassCode LandClass,
    ReclamationDirection? ReclamationDirection, string? PlannedUse, string? Ownership,
    Area DeclaredArea, Area? ComputedArea, Area EffectiveArea, bool HasBoundary, string? Note);

public sealed record TransitionRow(
    TransitionKind Kind, Stage From, Stage To, string ActorName, string ActorRole, DateTimeOffset OccurredAt,
    DateOnly EffectiveOn, string? DocumentNumber, string? Opinion, IReadOnlyList<AttachmentLink>? Attachments = null);

/// <summary>A document attached to a stage step (the approval's scan, say), for a download link.</summary>
public sealed record AttachmentLink(long DocumentId, string FileName);

public sealed record ProjectDetails(
    int Id, string Code, string Name, int CountyId, string CountyName, string CountyCode, int Year,
    ProjectKind Kind, PlanType PlanType, string? ResponsibleUnits, Stage Stage,
    string? ApprovalDocument, DateOnly? ApprovedOn, ApprovalLevel? ApprovalLevel,
    string? ExtensionDocument, DateOnly? ExtensionGrantedOn, DateOnly? FirstTradeOn,
    AreaBalance Balance, IReadOnlyList<ParcelRow> Parcels, IReadOnlyList<TransitionRow> History,
    IReadOnlyList<Deadline> Deadlines, LifecycleStep? NextStep, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, uint Version,
    ProjectActions Actions);

/// <summary>
/// What the user may do to this project now: the domain's state rules (may parcels change, may an extension be
/// granted, …) combined with the user's role — the same checks the service and the domain make on each write.
/// </summary>
public sealed record ProjectActions(
    bool MayEditDetails, bool MayChangeParcels, bool MayGrantExtension, bool MayRecordFirstTrade, bool MayAdvance, bool MayReturn)
{
    public static ProjectActions For(CurrentUser user, ProjectArea project)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(project);
        var editor = user.Is(Roles.CountyClerk); // ProjectAreaService: only county clerks file and edit projects and parcels
        var recorder = ProjectArea.DeadlineRecordRoles.Contains(user.RoleCode);
        return new ProjectActions(
            MayEditDetails: editor && project.DetailsMayChange,
            MayChangeParcels: editor && project.ParcelsMayChange,
            MayGrantExtension: recorder && project.ExtensionMayBeGranted,
            MayRecordFirstTrade: recorder && project.FirstTradeMayBeRecorded,
            MayAdvance: project.MayBeAdvancedBy(user.RoleCode),
            MayReturn: project.MayBeReturnedBy(user.RoleCode));
    }
}

public sealed record RegionOption(int Id, string Code, string Name, bool IsDemoCode);

/// <summary>Reads of project areas, always within the user's region (the one place that scoping happens for them).</summary>
public sealed class ProjectAreaQueries(GuaGouDbContext db, TimeProvider clock)
{
    public async Task<Page<ProjectRow>> ListAsync(CurrentUser user, ProjectListQuery query, CancellationToken ct = default)
    {
        var size = Math.Clamp(query.PageSize, 1, ProjectListQuery.MaxPageSize);
        var filtered = Filter(user, query);
        var total = await filtered.CountAsync(ct);
        var pageNumber = Math.Clamp(query.Page, 1, Math.Max(1, (total + size - 1) / size));
        var rows = await RowsAsync(Sort(filtered, query).Skip((pageNumber - 1) * size).Take(size), ct);
        return new Page<ProjectRow>(rows, total, pageNumber, size);
    }

    /// <summary>Every row matching the filters (for export), capped so one request cannot exhaust the server.</summary>
    public async Task<IReadOnlyList<ProjectRow>> ListAllAsync(CurrentUser user, ProjectListQuery query, int limit = 20_000, CancellationToken ct = default)
    {
        return await RowsAsync(Sort(Filter(user, query), query).Take(limit), ct);
    }

    public async Task<ProjectDetails?> DetailsAsync(CurrentUser user, ProjectCode code, CancellationToken ct = default)
    {
        var project = await db.ProjectAreas.Visible(db, user).AsNoTracking()
            .Include(p => p.Parcels)
            .Include(p => p.Transitions)
            .AsSplitQuery()
            .SingleOrDefaultAsync(p => p.Code == code, ct);
        if (project is null)
        {
            return null;
        }

        var version = await db.ProjectAreas.Where(p => p.Id == project.Id)
            .Select(p => EF.Property<uint>(p, ProjectAreaConfiguration.Version)).SingleAsync(ct);
        var regionIds = project.Parcels.SelectMany(p => new[] { p.TownshipId, p.VillageId ?? 0 }).Append(project.CountyId).Distinct().ToList();
        var names = await db.Regions.AsNoTracking().Where(r => regionIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        var parcels = project.Parcels
            .OrderBy(p => p.Zone).ThenBy(p => p.Code, StringComparer.Ordinal)
            .Select(p => new ParcelRow(p.Id, p.Zone, p.Code, p.Name, p.TownshipId, names.GetValueOrDefault(p.TownshipId, "?"),
                p.VillageId, p.VillageId is { } v ? names.GetValueOrDefault(v) : null, p.LandClass, p.ReclamationDirection, p.PlannedUse,
                p.Ownership, p.DeclaredArea, p.ComputedArea, p.EffectiveArea, p.Boundary is not null, p.Note))
            .ToList();
        // Stage attachments are county documents: township officials do not get links they could not open.
        var transitionIds = project.Transitions.Select(t => t.Id).ToList();
        var attachments = user.OwnTownshipId is not null ? [] : await db.Documents.AsNoTracking()
            .Where(d => d.StageTransitionId != null && transitionIds.Contains(d.StageTransitionId.Value))
            .OrderBy(d => d.Id)
            .Select(d => new { TransitionId = d.StageTransitionId!.Value, d.Id, d.FileName })
            .ToListAsync(ct);
        var history = project.Transitions.OrderBy(t => t.OccurredAt).ThenBy(t => t.Id)
            .Select(t => new TransitionRow(t.Kind, t.FromStage, t.ToStage, t.ActorName, t.ActorRole, t.OccurredAt, t.EffectiveOn,
                t.DocumentNumber?.Value, t.Opinion,
                attachments.Where(a => a.TransitionId == t.Id).Select(a => new AttachmentLink(a.Id, a.FileName)).ToList()))
            .ToList();
        return new ProjectDetails(project.Id, project.Code.Value, project.Name, project.CountyId, names[project.CountyId], project.CountyCode,
            project.Year, project.Kind, project.PlanType, project.ResponsibleUnits, project.Stage,
            project.ApprovalDocument?.Value, project.ApprovedOn, project.ApprovalLevel, project.ExtensionDocument?.Value,
            project.ExtensionGrantedOn, project.FirstTradeOn, project.Balance, parcels, history, project.Deadlines(),
            project.NextStep, project.CreatedAt, project.UpdatedAt, version, ProjectActions.For(user, project));
    }

    /// <summary>Counties the user may file or filter by.</summary>
    public async Task<List<RegionOption>> CountiesAsync(CurrentUser user, CancellationToken ct = default)
    {
        // Counties are a few thousand at most nationally; the prefix test runs on the converted code in memory.
        var counties = await db.Regions.AsNoTracking().Where(r => r.Level == RegionLevel.County).OrderBy(r => r.Code).ToListAsync(ct);
        return counties.Where(r => user.CanSeeCounty(r.Code.Value))
            .Select(r => new RegionOption(r.Id, r.Code.Value, r.Name, r.IsDemoCode)).ToList();
    }

    /// <summary>Townships (and their villages) of one county the user may see.</summary>
    public async Task<List<(RegionOption Township, List<RegionOption> Villages)>> TownshipsAsync(CurrentUser user, int countyId, CancellationToken ct = default)
    {
        var county = await db.Regions.AsNoTracking().SingleOrDefaultAsync(r => r.Id == countyId, ct);
        if (county is null || !user.CanSeeCounty(county.Code.Value))
        {
            return [];
        }

        var townships = (await db.Regions.AsNoTracking().Where(r => r.ParentId == countyId).OrderBy(r => r.Code).ToListAsync(ct))
            .Select(r => new RegionOption(r.Id, r.Code.Value, r.Name, r.IsDemoCode)).ToList();
        var townshipIds = townships.Select(t => t.Id).ToList();
        var villages = (await db.Regions.AsNoTracking().Where(r => r.ParentId != null && townshipIds.Contains(r.ParentId.Value))
            .OrderBy(r => r.Code).ToListAsync(ct))
            .Select(r => new { r.ParentId, Option = new RegionOption(r.Id, r.Code.Value, r.Name, r.IsDemoCode) }).ToList();
        return townships.Select(t => (t, villages.Where(v => v.ParentId == t.Id).Select(v => v.Option).ToList())).ToList();
    }

    private IQueryable<ProjectArea> Filter(CurrentUser user, ProjectListQuery query)
    {
        var projects = db.ProjectAreas.Visible(db, user).AsNoTracking();

        if (query.CountyId is { } county)
        {
            projects = projects.Where(p => p.CountyId == county);
        }

        if (query.TownshipId is { } township)
        {
            projects = projects.Where(p => db.Parcels.Any(x => x.ProjectAreaId == p.Id && x.TownshipId == township));
        }

        if (query.Stage is { } stage)
        {
            projects = projects.Where(p => p.Stage == stage);
        }

        if (query.Year is { } year)
        {
            projects = projects.Where(p => p.Year == year);
        }

        if (query.Kind is { } kind)
        {
            projects = projects.Where(p => p.Kind == kind);
        }

        if (query.OverdueOnly)
        {
            var today = ChinaTime.Today(clock);
            projects = projects.Where(p =>
                (p.Stage < Stage.SelfCheck && p.ImplementationDueOn < today) || (p.Stage < Stage.Filing && p.AcceptanceDueOn < today));
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var text = query.Search.Trim();
            projects = ProjectCode.TryParse(text, out var code)
                ? projects.Where(p => p.Code == code)
                : projects.Where(p => p.Name.Contains(text));
        }

        return projects;
    }

    private static IQueryable<ProjectArea> Sort(IQueryable<ProjectArea> projects, ProjectListQuery query) => (query.Sort, query.Descending) switch
    {
        (ProjectSort.Name, false) => projects.OrderBy(p => p.Name).ThenBy(p => p.Code),
        (ProjectSort.Name, true) => projects.OrderByDescending(p => p.Name).ThenBy(p => p.Code),
        (ProjectSort.Year, false) => projects.OrderBy(p => p.Year).ThenBy(p => p.Code),
        (ProjectSort.Year, true) => projects.OrderByDescending(p => p.Year).ThenBy(p => p.Code),
        (ProjectSort.Stage, false) => projects.OrderBy(p => p.Stage).ThenBy(p => p.Code),
        (ProjectSort.Stage, true) => projects.OrderByDescending(p => p.Stage).ThenBy(p => p.Code),
        (ProjectSort.Updated, false) => projects.OrderBy(p => p.UpdatedAt).ThenBy(p => p.Code),
        (ProjectSort.Updated, true) => projects.OrderByDescending(p => p.UpdatedAt).ThenBy(p => p.Code),
        (_, true) => projects.OrderByDescending(p => p.Code),
        _ => projects.OrderBy(p => p.Code),
    };

    /// <summary>Page rows in two cheap queries: the projects, then the parcel sums of just those projects.</summary>
    private async Task<List<ProjectRow>> RowsAsync(IQueryable<ProjectArea> projects, CancellationToken ct)
    {
        var heads = await projects.Select(p => new
        {
            p.Id, p.Code, p.Name, p.CountyId, p.Year, p.Kind, p.Stage, p.ImplementationDueOn, p.AcceptanceDueOn, p.UpdatedAt,
        }).ToListAsync(ct);
        var ids = heads.Select(h => h.Id).ToArray();
        var countyIds = heads.Select(h => h.CountyId).Distinct().ToArray();
        var counties = await db.Regions.AsNoTracking().Where(r => countyIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        var sums = (await db.Database.SqlQuery<ZoneSum>($"""
                SELECT project_area_id AS "ProjectAreaId", zone AS "Zone", count(*)::int AS "Parcels",
                       coalesce(sum(coalesce(computed_area, declared_area)), 0) AS "SquareMetres",
                       coalesce(sum(coalesce(computed_area, declared_area)) FILTER (WHERE reclamation_direction IS DISTINCT FROM 'KeepConstruction'), 0) AS "ReclaimedSquareMetres"
                FROM guagou.parcels WHERE project_area_id = ANY({ids}) GROUP BY project_area_id, zone
                """).ToListAsync(ct))
            .ToLookup(s => s.ProjectAreaId);
        var today = ChinaTime.Today(clock);
        return heads.Select(h =>
        {
            var demolition = sums[h.Id].SingleOrDefault(s => s.Zone == nameof(Zone.Demolition));
            var construction = sums[h.Id].SingleOrDefault(s => s.Zone == nameof(Zone.Construction));
            var statuses = new[]
            {
                h.ImplementationDueOn is { } i ? new Deadline("实施期限", i, h.Stage >= Stage.SelfCheck, "").StatusOn(today) : DeadlineStatus.Met,
                h.AcceptanceDueOn is { } a ? new Deadline("复垦验收期限", a, h.Stage >= Stage.Filing, "").StatusOn(today) : DeadlineStatus.Met,
            };
            return new ProjectRow(h.Code.Value, h.Name, counties.GetValueOrDefault(h.CountyId, ""), h.Year, h.Kind, h.Stage,
                demolition?.Parcels ?? 0, demolition?.SquareMetres ?? 0, demolition?.ReclaimedSquareMetres ?? 0,
                construction?.Parcels ?? 0, construction?.SquareMetres ?? 0, h.ImplementationDueOn, h.AcceptanceDueOn,
                statuses.Contains(DeadlineStatus.Overdue), statuses.Contains(DeadlineStatus.DueSoon), h.UpdatedAt);
        }).ToList();
    }

    private sealed record ZoneSum(int ProjectAreaId, string Zone, int Parcels, decimal SquareMetres, decimal ReclaimedSquareMetres);
}
