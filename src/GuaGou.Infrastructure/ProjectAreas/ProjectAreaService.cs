using GuaGou.Domain.Access;
using GuaGou.Domain.Common;
using GuaGou.Domain.Households;
using GuaGou.Domain.ProjectAreas;
using GuaGou.Domain.Regions;
using GuaGou.Domain.Documents;
using GuaGou.Infrastructure.Access;
using GuaGou.Infrastructure.Documents;
using GuaGou.Infrastructure.Persistence;
using GuaGou.Infrastructure.Persistence.Configurations;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GuaGou.Infrastructure.ProjectAreas;

/// <summary>
/// Changes to project areas. Each method loads the aggregate within the user's scope, calls one domain method and
/// saves; an edit carries the version the user saw, and a newer version in the database refuses the save.
/// </summary>
public sealed class ProjectAreaService(GuaGouDbContext db, TimeProvider clock, DocumentService documents)
{
    public async Task<ProjectCode> FileAsync(CurrentUser user, int countyId, ProjectAreaDetails details, CancellationToken ct = default)
    {
        EnsureMayEditProjects(user);
        var county = await db.Regions.SingleOrDefaultAsync(r => r.Id == countyId && r.Level == RegionLevel.County, ct)
            ?? throw new DomainException("project.county.required", "请选择项目区所在的县（旗、区）。");
        if (!user.CanSeeCounty(county.Code.Value))
        {
            throw new DomainException("access.county", $"您只能在本县建立项目区，不能为“{county.Name}”建立。");
        }

        // The sequence is the next free one for county and year; the unique index settles a race, and we retry.
        for (var attempt = 0; ; attempt++)
        {
            var prefix = $"{county.Code.Value}-{details.Year:0000}-";
            var codes = await db.ProjectAreas.AsNoTracking()
                .Where(p => p.CountyId == county.Id && p.Year == details.Year)
                .Select(p => p.Code).ToListAsync(ct);
            var next = codes.Select(c => int.Parse(c.Value[prefix.Length..], System.Globalization.CultureInfo.InvariantCulture))
                .DefaultIfEmpty(0).Max() + 1;
            var project = ProjectArea.File(ProjectCode.Create(county.Code, details.Year, next), county, details, user.AsActor(), clock.GetUtcNow());
            db.ProjectAreas.Add(project);
            try
            {
                await db.SaveChangesAsync(ct);
                return project.Code;
            }
            catch (DbUpdateException e) when (attempt < 3 && e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                db.Entry(project).State = EntityState.Detached;
            }
        }
    }

    public Task UpdateDetailsAsync(CurrentUser user, ProjectCode code, uint version, ProjectAreaDetails details, CancellationToken ct = default) =>
        ChangeAsync(user, code, version, editsProject: true, p => p.UpdateDetails(details, clock.GetUtcNow()), ct);

    public async Task<int> AddParcelAsync(CurrentUser user, ProjectCode code, uint version, ParcelData data, CancellationToken ct = default)
    {
        var (township, village) = await RegionsOfAsync(data, ct);
        Parcel? added = null;
        await ChangeAsync(user, code, version, editsProject: true, p => added = p.AddParcel(data, township, village, clock.GetUtcNow()), ct);
        return added!.Id;
    }

    public async Task UpdateParcelAsync(CurrentUser user, ProjectCode code, uint version, int parcelId, ParcelData data, CancellationToken ct = default)
    {
        var (township, village) = await RegionsOfAsync(data, ct);
        if (await HouseholdCountAsync(parcelId, ct) is > 0 and var count
            && await db.Parcels.AnyAsync(p => p.Id == parcelId && (p.Zone != data.Zone || p.TownshipId != data.TownshipId), ct))
        {
            throw new DomainException("parcel.households.move",
                $"该地块上已登记 {count} 户农户，不能改为建新地块或改到其他乡镇（乡镇经办人按乡镇管理农户）。");
        }

        await ChangeAsync(user, code, version, editsProject: true, p => p.UpdateParcel(parcelId, data, township, village, clock.GetUtcNow()), ct);
    }

    public async Task RemoveParcelAsync(CurrentUser user, ProjectCode code, uint version, int parcelId, CancellationToken ct = default)
    {
        if (await HouseholdCountAsync(parcelId, ct) is > 0 and var count)
        {
            throw new DomainException("parcel.households.remove", $"该地块上已登记 {count} 户农户，不能删除。农户的记录和材料须保留。");
        }

        await ChangeAsync(user, code, version, editsProject: true, p => p.RemoveParcel(parcelId, clock.GetUtcNow()), ct);
    }

    private Task<int> HouseholdCountAsync(int parcelId, CancellationToken ct) => db.Households.CountAsync(h => h.ParcelId == parcelId, ct);

    /// <summary>
    /// Takes the next step. An attachment (the approval or acceptance document's scan) is stored with the step in one
    /// transaction: a refused file leaves the project where it was, and a refused step stores no file.
    /// </summary>
    public async Task AdvanceAsync(CurrentUser user, ProjectCode code, uint version, Stage target, StageActionInput input,
        DocumentUpload? attachment = null, CancellationToken ct = default)
    {
        var consent = await ConsentOfAsync(code, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await ChangeAsync(user, code, version, editsProject: false, p => p.Advance(target, user.AsActor(), input, clock.GetUtcNow(), consent), ct);
        if (attachment is not null)
        {
            var step = await db.StageTransitions.AsNoTracking()
                .Where(t => db.ProjectAreas.Any(p => p.Id == t.ProjectAreaId && p.Code == code))
                .OrderByDescending(t => t.Id).Select(t => new { t.Id, t.ProjectAreaId }).FirstAsync(ct);
            await documents.AddAsync(user, attachment, DocumentPurpose.StageAttachment,
                new DocumentLinks(step.ProjectAreaId, null, null, step.Id, null), null, Lifecycle.NameOf(target), ct);
            await documents.SaveAsync(ct);
        }

        await transaction.CommitAsync(ct);
    }

    public Task ReturnAsync(CurrentUser user, ProjectCode code, uint version, string reason, DateOnly effectiveOn, CancellationToken ct = default) =>
        ChangeAsync(user, code, version, editsProject: false, p => p.ReturnToPreviousStage(user.AsActor(), reason, effectiveOn, clock.GetUtcNow()), ct);

    public Task GrantExtensionAsync(CurrentUser user, ProjectCode code, uint version, DocumentNumber document, DateOnly grantedOn, CancellationToken ct = default) =>
        ChangeAsync(user, code, version, editsProject: false, p => p.GrantExtension(user.AsActor(), document, grantedOn, clock.GetUtcNow()), ct);

    public Task RecordFirstTradeAsync(CurrentUser user, ProjectCode code, uint version, DateOnly tradedOn, CancellationToken ct = default) =>
        ChangeAsync(user, code, version, editsProject: false, p => p.RecordFirstTrade(user.AsActor(), tradedOn, clock.GetUtcNow()), ct);

    private async Task ChangeAsync(CurrentUser user, ProjectCode code, uint version, bool editsProject, Action<ProjectArea> change, CancellationToken ct)
    {
        if (editsProject)
        {
            EnsureMayEditProjects(user);
        }

        var project = await db.ProjectAreas.Visible(db, user)
            .Include(p => p.Parcels)
            .Include(p => p.Transitions)
            .AsSplitQuery()
            .SingleOrDefaultAsync(p => p.Code == code, ct);
        if (project is null)
        {
            throw new NotFoundException($"项目区 {code} 不存在或不在您的管辖范围内。");
        }

        db.Entry(project).Property(ProjectAreaConfiguration.Version).OriginalValue = version;
        change(project);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException("concurrency.conflict",
                "该项目区在您编辑期间已被他人修改，您的修改尚未保存。请查看最新内容，确认后再次提交（您填写的内容仍保留在表单中）。");
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new DomainException("parcel.code.duplicate", "地块编号在本项目区中已存在（可能刚被他人添加）。");
        }
    }

    /// <summary>The consent state of the project's households, which the approval step checks.</summary>
    private async Task<HouseholdConsent> ConsentOfAsync(ProjectCode code, CancellationToken ct)
    {
        var households = await db.Households.AsNoTracking()
            .Where(h => db.ProjectAreas.Any(p => p.Id == h.ProjectAreaId && p.Code == code))
            .OrderBy(h => h.Id)
            .Select(h => new { h.HeadName, Consented = h.Agreements.Any(a => a.Kind == AgreementKind.Consent) })
            .ToListAsync(ct);
        return new HouseholdConsent(households.Count, households.Where(h => !h.Consented).Select(h => h.HeadName).ToList());
    }

    private async Task<(Region Township, Region? Village)> RegionsOfAsync(ParcelData data, CancellationToken ct)
    {
        var ids = new[] { data.TownshipId, data.VillageId ?? 0 };
        var regions = await db.Regions.Where(r => ids.Contains(r.Id)).ToListAsync(ct);
        var township = regions.SingleOrDefault(r => r.Id == data.TownshipId)
            ?? throw new DomainException("parcel.township.required", "请选择地块所在的乡镇。");
        var village = data.VillageId is { } villageId
            ? regions.SingleOrDefault(r => r.Id == villageId) ?? throw new DomainException("parcel.village.unknown", "所选村不存在。")
            : null;
        return (township, village);
    }

    private static void EnsureMayEditProjects(CurrentUser user)
    {
        if (!user.Is(Roles.CountyClerk))
        {
            throw new DomainException("access.edit", "只有县局经办人可以建立和修改项目区及其地块。");
        }
    }
}
