using GuaGou.Domain.Access;
using GuaGou.Domain.Documents;
using GuaGou.Domain.Households;
using GuaGou.Domain.ProjectAreas;
using GuaGou.Infrastructure.Access;
using GuaGou.Infrastructure.Persistence;
using GuaGou.Infrastructure.Persistence.Configurations;
using Microsoft.EntityFrameworkCore;

namespace GuaGou.Infrastructure.Households;

public sealed record HouseholdRow(
    int Id, int ParcelId, string ParcelCode, int TownshipId, string TownshipName, string HeadName, string IdCardMasked, int Members,
    Area HomesteadArea, LocationClass Location, ResettlementChoice Resettlement, Area? ResettlementPlotArea, HomesteadCheck? Standard,
    bool HasConsent, bool HasCompensation, bool HasResettlement, DemolitionStatus Status, DateOnly? DemolishedOn,
    IReadOnlyList<string> Missing);

/// <summary>Counts and areas for one township or project: households, consent, 双签, demolition, reclamation.</summary>
public sealed record ProgressFigures(
    string Label, int Households, int Consented, int BothSigned, int Demolished, int Reclaimed,
    decimal HomesteadSquareMetres, decimal DemolishedSquareMetres, decimal ReclaimedSquareMetres)
{
    public static decimal Percent(int part, int whole) => whole == 0 ? 0m : Math.Round(100m * part / whole, 1);

    public decimal DemolishedPercent => Percent(Demolished, Households);

    public decimal ReclaimedPercent => Percent(Reclaimed, Households);

    public decimal ConsentedPercent => Percent(Consented, Households);

    internal static ProgressFigures Of(string label, IReadOnlyCollection<Household> households) => new(
        label,
        households.Count,
        households.Count(h => h.HasConsent),
        households.Count(h => h.HasBothAgreements),
        households.Count(h => h.Status >= DemolitionStatus.Demolished),
        households.Count(h => h.Status == DemolitionStatus.Reclaimed),
        households.Sum(h => h.HomesteadArea.SquareMetres),
        households.Where(h => h.Status >= DemolitionStatus.Demolished).Sum(h => h.HomesteadArea.SquareMetres),
        households.Where(h => h.Status == DemolitionStatus.Reclaimed).Sum(h => h.HomesteadArea.SquareMetres));
}

public sealed record ParcelChoice(int Id, string Code, string TownshipName);

public sealed record ProjectHouseholds(
    string Code, string ProjectName, Stage Stage, bool MayEdit, IReadOnlyList<ParcelChoice> Parcels, IReadOnlyList<HouseholdRow> Rows,
    ProgressFigures Totals, IReadOnlyList<ProgressFigures> ByTownship);

public sealed record DocumentVersionView(
    long Id, int Version, string FileName, string MediaType, long Size, string Sha256, string UploadedByName, DateTimeOffset UploadedAt,
    bool HasThumbnail, string? Note)
{
    public bool IsImage => MediaType.StartsWith("image/", StringComparison.Ordinal);
}

/// <summary>All versions of one document, newest first.</summary>
public sealed record DocumentSeriesView(Guid SeriesId, DocumentPurpose Purpose, IReadOnlyList<DocumentVersionView> Versions)
{
    public DocumentVersionView Latest => Versions[0];
}

public sealed record AgreementView(AgreementKind Kind, DateOnly SignedOn, string Signatory, decimal? Amount, DocumentSeriesView? Scan);

public sealed record HouseholdDetails(
    int Id, uint Version, string ProjectCode, string ProjectName, Stage ProjectStage, int ParcelId, string ParcelCode, string TownshipName,
    string HeadName, string IdCardMasked, string? IdCardFull, int Members, Area HomesteadArea, LocationClass Location,
    ResettlementChoice Resettlement, Area? ResettlementPlotArea, string? Note, HomesteadCheck? Standard, DemolitionStatus Status,
    DateOnly? DemolishedOn, DateOnly? ReclamationStartedOn, DateOnly? ReclaimedOn, IReadOnlyList<AgreementView> Agreements,
    IReadOnlyList<DocumentSeriesView> Documents, IReadOnlyList<string> Missing, bool MayEdit, DateTimeOffset UpdatedAt)
{
    public HouseholdData ToData(IdCardNumber idCard) =>
        new(HeadName, idCard, Members, HomesteadArea, Location, Resettlement, ResettlementPlotArea, Note);
}

/// <summary>A thing a township official should do next, with the page where it is done.</summary>
public sealed record TownshipTask(string Category, string Text, string Link);

/// <summary>
/// Reading households: a township official sees their township's only; county staff, the leading-group office and
/// approvers see those of the projects in their region. The full ID-card number is shown only to the township
/// official who keeps the register and to county clerks.
/// </summary>
public sealed class HouseholdQueries(GuaGouDbContext db)
{
    public static bool MaySeeFullIdCard(CurrentUser user) => user.Is(Roles.TownshipClerk) || user.Is(Roles.CountyClerk);

    public IQueryable<Household> Visible(CurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var township = user.OwnTownshipId;
        return db.Households.AsNoTracking()
            .Where(h => db.ProjectAreas.Visible(db, user).Any(p => p.Id == h.ProjectAreaId))
            .Where(h => township == null || h.TownshipId == township);
    }

    public async Task<ProjectHouseholds?> ForProjectAsync(CurrentUser user, ProjectCode code, CancellationToken ct = default)
    {
        var project = await db.ProjectAreas.Visible(db, user).AsNoTracking().Include(p => p.Parcels).SingleOrDefaultAsync(p => p.Code == code, ct);
        var township = user.OwnTownshipId;
        if (project is null)
        {
            return null;
        }

        var households = await Visible(user).Include(h => h.Agreements).Where(h => h.ProjectAreaId == project.Id).ToListAsync(ct);
        var names = await TownshipNamesAsync(project.Parcels.Select(p => p.TownshipId), ct);
        var standard = await StandardForCountyAsync(project.CountyId, ct);
        var photos = await PhotoCountsAsync(households.Select(h => h.Id).ToList(), ct);
        var parcelCodes = project.Parcels.ToDictionary(p => p.Id, p => p.Code);
        var rows = households
            .OrderBy(h => parcelCodes.GetValueOrDefault(h.ParcelId), StringComparer.Ordinal).ThenBy(h => h.Id)
            .Select(h => Row(h, parcelCodes.GetValueOrDefault(h.ParcelId, "?"), names.GetValueOrDefault(h.TownshipId, "?"), standard, photos))
            .ToList();
        var parcels = project.Parcels
            .Where(p => p.Zone == Zone.Demolition && (township is null || p.TownshipId == township))
            .OrderBy(p => p.Code, StringComparer.Ordinal)
            .Select(p => new ParcelChoice(p.Id, p.Code, names.GetValueOrDefault(p.TownshipId, "?")))
            .ToList();
        var byTownship = households.GroupBy(h => h.TownshipId)
            .Select(g => ProgressFigures.Of(names.GetValueOrDefault(g.Key, "?"), g.ToList()))
            .OrderBy(f => f.Label, StringComparer.Ordinal).ToList();
        return new ProjectHouseholds(project.Code.Value, project.Name, project.Stage, user.Is(Roles.TownshipClerk), parcels, rows,
            ProgressFigures.Of("合计", households), byTownship);
    }

    public async Task<HouseholdDetails?> DetailsAsync(CurrentUser user, int id, CancellationToken ct = default)
    {
        var household = await Visible(user).Include(h => h.Agreements).SingleOrDefaultAsync(h => h.Id == id, ct);
        if (household is null)
        {
            return null;
        }

        var version = await db.Households.Where(h => h.Id == id).Select(h => EF.Property<uint>(h, HouseholdConfiguration.Version)).SingleAsync(ct);
        var project = await db.ProjectAreas.AsNoTracking().SingleAsync(p => p.Id == household.ProjectAreaId, ct);
        var parcelCode = await db.Parcels.Where(p => p.Id == household.ParcelId).Select(p => p.Code).SingleAsync(ct);
        var township = await db.Regions.Where(r => r.Id == household.TownshipId).Select(r => r.Name).SingleAsync(ct);
        var standard = await StandardForCountyAsync(project.CountyId, ct);
        var series = await DocumentSeriesAsync(household.Id, ct);
        var agreements = household.Agreements.OrderBy(a => a.Kind)
            .Select(a => new AgreementView(a.Kind, a.SignedOn, a.Signatory, a.Amount,
                a.DocumentSeriesId is { } s ? series.FirstOrDefault(x => x.SeriesId == s) : null))
            .ToList();
        var missing = household.MissingEvidence(
            series.Count(s => s.Purpose == DocumentPurpose.PhotoBeforeDemolition),
            series.Count(s => s.Purpose == DocumentPurpose.PhotoAfterDemolition));
        return new HouseholdDetails(household.Id, version, project.Code.Value, project.Name, project.Stage, household.ParcelId, parcelCode,
            township, household.HeadName, household.IdCard.Masked, MaySeeFullIdCard(user) ? household.IdCard.Value : null, household.Members,
            household.HomesteadArea, household.Location, household.Resettlement, household.ResettlementPlotArea, household.Note,
            household.CheckStandard(standard), household.Status, household.DemolishedOn, household.ReclamationStartedOn, household.ReclaimedOn,
            agreements, series, missing, user.Is(Roles.TownshipClerk), household.UpdatedAt);
    }

    /// <summary>Progress per township across the user's projects, and per project.</summary>
    public async Task<(IReadOnlyList<ProgressFigures> ByTownship, IReadOnlyList<(string Code, ProgressFigures Figures)> ByProject)> ProgressAsync(
        CurrentUser user, CancellationToken ct = default)
    {
        var households = await Visible(user).Include(h => h.Agreements).ToListAsync(ct);
        var names = await TownshipNamesAsync(households.Select(h => h.TownshipId), ct);
        var projectIds = households.Select(h => h.ProjectAreaId).Distinct().ToList();
        var projects = await db.ProjectAreas.AsNoTracking().Where(p => projectIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Code, p.Name }).ToListAsync(ct);
        var byTownship = households.GroupBy(h => h.TownshipId)
            .Select(g => ProgressFigures.Of(names.GetValueOrDefault(g.Key, "?"), g.ToList()))
            .OrderBy(f => f.Label, StringComparer.Ordinal).ToList();
        var byProject = projects.OrderBy(p => p.Code.Value, StringComparer.Ordinal)
            .Select(p => (p.Code.Value, ProgressFigures.Of(p.Name, households.Where(h => h.ProjectAreaId == p.Id).ToList())))
            .ToList();
        return (byTownship, byProject);
    }

    /// <summary>What a township official still has to do in their township, most urgent first.</summary>
    public async Task<IReadOnlyList<TownshipTask>> TasksAsync(CurrentUser user, CancellationToken ct = default)
    {
        if (user.OwnTownshipId is null)
        {
            return [];
        }

        var households = await Visible(user).Include(h => h.Agreements).OrderBy(h => h.Id).ToListAsync(ct);
        var projectIds = households.Select(h => h.ProjectAreaId).Distinct().ToList();
        var stages = await db.ProjectAreas.AsNoTracking().Where(p => projectIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => (p.Stage, Code: p.Code.Value), ct);
        var photos = await PhotoCountsAsync(households.Select(h => h.Id).ToList(), ct);
        var tasks = new List<TownshipTask>();
        foreach (var h in households)
        {
            var (stage, code) = stages[h.ProjectAreaId];
            var who = $"{h.HeadName}（项目区 {code}）";
            if (!h.HasConsent)
            {
                tasks.Add(new("缺同意书", $"{who}尚无权属方同意书", $"/households/{h.Id}/agreements/{AgreementKind.Consent}"));
            }

            foreach (var kind in new[] { AgreementKind.Compensation, AgreementKind.Resettlement }.Where(k => h.AgreementOf(k) is null))
            {
                tasks.Add(new("缺协议", $"{who}尚未签订{HouseholdNames.Of(kind)}", $"/households/{h.Id}/agreements/{kind}"));
            }

            if (h.Status == DemolitionStatus.NotDemolished && h.AgreementOf(AgreementKind.Compensation) is not null && stage == Stage.Implementation)
            {
                tasks.Add(new("待拆除", $"{who}已签补偿协议，旧房待拆除", $"/households/{h.Id}/progress"));
            }

            if (h.Status != DemolitionStatus.NotDemolished)
            {
                var (before, after) = photos.GetValueOrDefault(h.Id);
                if (before == 0 || after == 0)
                {
                    var which = before == 0 && after == 0 ? "拆除前、拆除后照片" : before == 0 ? "拆除前照片" : "拆除后照片";
                    tasks.Add(new("缺照片", $"{who}已拆除，缺{which}", $"/households/{h.Id}#documents"));
                }
            }
        }

        return tasks;
    }

    public async Task<HomesteadStandard> StandardForCountyAsync(int countyId, CancellationToken ct = default)
    {
        var setting = await db.HomesteadStandards.AsNoTracking().SingleOrDefaultAsync(s => s.CountyId == countyId, ct);
        return setting?.Standard ?? HomesteadStandard.Default;
    }

    private async Task<IReadOnlyList<DocumentSeriesView>> DocumentSeriesAsync(int householdId, CancellationToken ct)
    {
        var documents = await db.Documents.AsNoTracking().Where(d => d.HouseholdId == householdId).ToListAsync(ct);
        return documents.GroupBy(d => d.SeriesId)
            .Select(g => new DocumentSeriesView(g.Key, g.First().Purpose, g.OrderByDescending(d => d.Version)
                .Select(d => new DocumentVersionView(d.Id, d.Version, d.FileName, d.MediaType, d.Size, d.Sha256, d.UploadedByName, d.UploadedAt,
                    d.ThumbnailKey is not null, d.Note))
                .ToList()))
            .OrderBy(s => s.Purpose).ThenBy(s => s.Versions[^1].UploadedAt)
            .ToList();
    }

    /// <summary>Number of before/after photo series per household (a replaced photo still counts once).</summary>
    private async Task<Dictionary<int, (int Before, int After)>> PhotoCountsAsync(List<int> householdIds, CancellationToken ct)
    {
        var counts = await db.Documents.AsNoTracking()
            .Where(d => d.HouseholdId != null && householdIds.Contains(d.HouseholdId.Value)
                && (d.Purpose == DocumentPurpose.PhotoBeforeDemolition || d.Purpose == DocumentPurpose.PhotoAfterDemolition))
            .GroupBy(d => new { d.HouseholdId, d.Purpose })
            .Select(g => new { g.Key.HouseholdId, g.Key.Purpose, Series = g.Select(d => d.SeriesId).Distinct().Count() })
            .ToListAsync(ct);
        return counts.GroupBy(c => c.HouseholdId!.Value).ToDictionary(g => g.Key, g => (
            g.Where(c => c.Purpose == DocumentPurpose.PhotoBeforeDemolition).Sum(c => c.Series),
            g.Where(c => c.Purpose == DocumentPurpose.PhotoAfterDemolition).Sum(c => c.Series)));
    }

    private async Task<Dictionary<int, string>> TownshipNamesAsync(IEnumerable<int> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await db.Regions.AsNoTracking().Where(r => list.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, ct);
    }

    private static HouseholdRow Row(Household h, string parcelCode, string townshipName, HomesteadStandard standard,
        Dictionary<int, (int Before, int After)> photos)
    {
        var (before, after) = photos.GetValueOrDefault(h.Id);
        return new HouseholdRow(h.Id, h.ParcelId, parcelCode, h.TownshipId, townshipName, h.HeadName, h.IdCard.Masked, h.Members,
            h.HomesteadArea, h.Location, h.Resettlement, h.ResettlementPlotArea, h.CheckStandard(standard), h.HasConsent,
            h.AgreementOf(AgreementKind.Compensation) is not null, h.AgreementOf(AgreementKind.Resettlement) is not null, h.Status,
            h.DemolishedOn, h.MissingEvidence(before, after));
    }
}
