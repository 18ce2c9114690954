using GuaGou.Domain.Access;
using GuaGou.Domain.Common;
using GuaGou.Domain.Documents;
using GuaGou.Domain.Households;
using GuaGou.Domain.ProjectAreas;
using GuaGou.Infrastructure.Access;
using GuaGou.Infrastructure.Documents;
using GuaGou.Infrastructure.Households.Register;
using GuaGou.Infrastructure.Persistence;
using GuaGou.Infrastructure.Persistence.Configurations;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GuaGou.Infrastructure.Households;

/// <summary>
/// Changes to households and their evidence. Only township officials write them, and only in their own township;
/// each method loads the household within that scope, calls one domain method, adds any files through the
/// document store and saves once — the rows and files of one action are stored together or not at all.
/// </summary>
public sealed class HouseholdService(GuaGouDbContext db, DocumentService documents, TimeProvider clock)
{
    public async Task<int> RegisterAsync(CurrentUser user, int parcelId, HouseholdData data, CancellationToken ct = default)
    {
        var (parcel, project) = await WritableParcelAsync(user, parcelId, ct);
        EnsureRegisterOpen(project);
        var household = Household.Register(parcel, data, clock.GetUtcNow());
        db.Households.Add(household);
        await SaveAsync(ct);
        return household.Id;
    }

    public Task UpdateAsync(CurrentUser user, int id, uint version, HouseholdData data, CancellationToken ct = default) =>
        ChangeAsync(user, id, version, (h, _) => { h.Update(data, clock.GetUtcNow()); return Task.CompletedTask; }, ct);

    /// <summary>Records consent or an agreement; a scan, when given, is stored as the next version of the agreement's scan.</summary>
    public Task RecordAgreementAsync(CurrentUser user, int id, uint version, AgreementKind kind, DateOnly signedOn, string? signatory,
        decimal? amount, DocumentUpload? scan, CancellationToken ct = default) =>
        ChangeAsync(user, id, version, async (household, project) =>
        {
            Guid? series = null;
            if (scan is not null)
            {
                var previous = household.AgreementOf(kind)?.DocumentSeriesId is { } existing ? await LatestOfSeriesAsync(existing, ct) : null;
                var stored = await documents.AddAsync(user, scan, ScanPurpose(kind), Links(household, project), previous, null, ct);
                series = stored.SeriesId;
            }

            household.RecordAgreement(kind, signedOn, signatory, amount, series, clock.GetUtcNow());
        }, ct);

    /// <summary>Records the demolition with any before/after photos taken.</summary>
    public Task RecordDemolitionAsync(CurrentUser user, int id, uint version, DateOnly demolishedOn,
        IReadOnlyList<DocumentUpload> photosBefore, IReadOnlyList<DocumentUpload> photosAfter, CancellationToken ct = default) =>
        ChangeAsync(user, id, version, async (household, project) =>
        {
            household.RecordDemolition(demolishedOn, project.Stage, clock.GetUtcNow());
            await AddPhotosAsync(user, household, project, DocumentPurpose.PhotoBeforeDemolition, photosBefore, ct);
            await AddPhotosAsync(user, household, project, DocumentPurpose.PhotoAfterDemolition, photosAfter, ct);
        }, ct);

    public Task StartReclamationAsync(CurrentUser user, int id, uint version, DateOnly startedOn, CancellationToken ct = default) =>
        ChangeAsync(user, id, version, (h, _) => { h.StartReclamation(startedOn, clock.GetUtcNow()); return Task.CompletedTask; }, ct);

    public Task CompleteReclamationAsync(CurrentUser user, int id, uint version, DateOnly completedOn, IReadOnlyList<DocumentUpload> photos,
        CancellationToken ct = default) =>
        ChangeAsync(user, id, version, async (household, project) =>
        {
            household.CompleteReclamation(completedOn, clock.GetUtcNow());
            await AddPhotosAsync(user, household, project, DocumentPurpose.ReclamationPhoto, photos, ct);
        }, ct);

    /// <summary>Adds photos or other evidence to a household without changing its state.</summary>
    public async Task<long> UploadAsync(CurrentUser user, int id, DocumentPurpose purpose, DocumentUpload file, string? note, CancellationToken ct = default)
    {
        var (household, project) = await WritableHouseholdAsync(user, id, ct);
        var stored = await documents.AddAsync(user, file, purpose, Links(household, project), null, note, ct);
        await SaveAsync(ct);
        return stored.Id;
    }

    /// <summary>A replacement never overwrites: it is the next version of the document's series; the old stays downloadable.</summary>
    public async Task<long> ReplaceDocumentAsync(CurrentUser user, long documentId, DocumentUpload file, string? note, CancellationToken ct = default)
    {
        var document = await documents.Visible(user).SingleOrDefaultAsync(d => d.Id == documentId, ct)
            ?? throw new NotFoundException("文件不存在或无权查看。");
        var latest = await LatestOfSeriesAsync(document.SeriesId, ct);
        if (latest!.Id != document.Id)
        {
            throw new DomainException("document.replace.not_latest", $"该文件已有更新的版本（第 {latest.Version} 版），请替换最新版本。");
        }

        if (document.HouseholdId is not { } householdId)
        {
            throw new DomainException("document.replace.scope", "只能在这里替换农户的材料。");
        }

        var (household, project) = await WritableHouseholdAsync(user, householdId, ct);
        var stored = await documents.AddAsync(user, file, document.Purpose, Links(household, project), latest, note, ct);
        await SaveAsync(ct);
        return stored.Id;
    }

    /// <summary>Registers every household of a parsed register in one transaction: one bad row and nothing is stored.</summary>
    public async Task<int> ImportRegisterAsync(CurrentUser user, ProjectCode code, IReadOnlyList<RegisterEntry> lines, CancellationToken ct = default)
    {
        EnsureTownshipClerk(user);
        var project = await db.ProjectAreas.Visible(db, user).Include(p => p.Parcels).SingleOrDefaultAsync(p => p.Code == code, ct);
        if (project is null)
        {
            throw new NotFoundException($"项目区 {code} 不存在或不在您的管辖范围内。");
        }

        EnsureRegisterOpen(project);
        var errors = new List<string>();
        var now = clock.GetUtcNow();
        var added = new List<(int Row, Household Household, DateOnly? ConsentOn)>();
        foreach (var line in lines)
        {
            var parcel = project.Parcels.FirstOrDefault(p => string.Equals(p.Code, line.ParcelCode, StringComparison.Ordinal));
            if (parcel is null)
            {
                errors.Add($"第 {line.Row} 行「地块编号」：项目区 {code} 中没有地块 {line.ParcelCode}。");
                continue;
            }

            if (parcel.TownshipId != user.RegionId)
            {
                errors.Add($"第 {line.Row} 行「地块编号」：地块 {line.ParcelCode} 不在您所在的乡镇，不能为其登记农户。");
                continue;
            }

            try
            {
                var household = Household.Register(parcel, line.Data, now);
                if (line.ConsentSignedOn is { } consentOn)
                {
                    household.RecordAgreement(AgreementKind.Consent, consentOn, line.Data.HeadName, null, null, now);
                }

                added.Add((line.Row, household, line.ConsentSignedOn));
            }
            catch (DomainException e)
            {
                errors.Add($"第 {line.Row} 行：{e.Message}");
            }
        }

        var cards = added.Select(a => a.Household.IdCard).ToList();
        var taken = await db.Households.AsNoTracking().Where(h => cards.Contains(h.IdCard)).Select(h => h.IdCard).ToListAsync(ct);
        foreach (var (row, household, _) in added.Where(a => taken.Contains(a.Household.IdCard)))
        {
            errors.Add($"第 {row} 行「身份证号码」：{household.IdCard.Masked} 已登记过（一户一宅），不能重复登记。");
        }

        if (errors.Count > 0)
        {
            throw new RegisterImportException(errors);
        }

        db.Households.AddRange(added.Select(a => a.Household));
        await SaveAsync(ct);
        return added.Count;
    }

    private async Task ChangeAsync(CurrentUser user, int id, uint version, Func<Household, ProjectArea, Task> change, CancellationToken ct)
    {
        var (household, project) = await WritableHouseholdAsync(user, id, ct);
        db.Entry(household).Property(HouseholdConfiguration.Version).OriginalValue = version;
        try
        {
            await change(household, project);
        }
        catch
        {
            // A domain refusal after a file was published: the file must go, as nothing is saved.
            await documents.UndoPublishedAsync();
            throw;
        }

        await SaveAsync(ct);
    }

    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await documents.SaveAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException("concurrency.conflict",
                "该农户信息在您编辑期间已被他人修改，您的修改尚未保存。请查看最新内容后再次提交（您填写的内容仍保留在表单中）。");
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "ix_households_id_card" })
        {
            throw new DomainException("household.id_card.taken", "该身份证号码已登记过（一户一宅），不能重复登记。");
        }
    }

    private async Task<(Household Household, ProjectArea Project)> WritableHouseholdAsync(CurrentUser user, int id, CancellationToken ct)
    {
        EnsureTownshipClerk(user);
        var household = await db.Households.Include(h => h.Agreements).SingleOrDefaultAsync(h => h.Id == id && h.TownshipId == user.RegionId, ct)
            ?? throw new NotFoundException("农户不存在或不在您的乡镇。");
        var project = await db.ProjectAreas.AsNoTracking().SingleAsync(p => p.Id == household.ProjectAreaId, ct);
        return (household, project);
    }

    private async Task<(Parcel Parcel, ProjectArea Project)> WritableParcelAsync(CurrentUser user, int parcelId, CancellationToken ct)
    {
        EnsureTownshipClerk(user);
        var parcel = await db.Parcels.AsNoTracking().SingleOrDefaultAsync(p => p.Id == parcelId && p.TownshipId == user.RegionId, ct)
            ?? throw new NotFoundException("地块不存在或不在您的乡镇。");
        var project = await db.ProjectAreas.Visible(db, user).AsNoTracking().SingleOrDefaultAsync(p => p.Id == parcel.ProjectAreaId, ct)
            ?? throw new NotFoundException("地块不存在或不在您的乡镇。");

        return (parcel, project);
    }

    private Task<StoredDocument?> LatestOfSeriesAsync(Guid series, CancellationToken ct) =>
        db.Documents.AsNoTracking().Where(d => d.SeriesId == series).OrderByDescending(d => d.Version).FirstOrDefaultAsync(ct);

    private async Task AddPhotosAsync(CurrentUser user, Household household, ProjectArea project, DocumentPurpose purpose,
        IReadOnlyList<DocumentUpload> photos, CancellationToken ct)
    {
        foreach (var photo in photos)
        {
            var stored = await documents.AddAsync(user, photo, purpose, Links(household, project), null, null, ct);
            if (!stored.IsImage)
            {
                throw new DocumentRejectedException("document.photo", $"“{stored.FileName}”不是图片：照片请上传 JPG 或 PNG。");
            }
        }
    }

    private static DocumentLinks Links(Household household, ProjectArea project) =>
        new(project.Id, household.ParcelId, household.Id, null, household.TownshipId);

    private static DocumentPurpose ScanPurpose(AgreementKind kind) => kind switch
    {
        AgreementKind.Consent => DocumentPurpose.ConsentScan,
        AgreementKind.Compensation => DocumentPurpose.CompensationAgreementScan,
        _ => DocumentPurpose.ResettlementAgreementScan,
    };

    /// <summary>Households are registered from the survey until 实施 ends; after 自验 the register is closed.</summary>
    private static void EnsureRegisterOpen(ProjectArea project)
    {
        if (project.Stage > Stage.Implementation)
        {
            throw new DomainException("household.register.closed", $"项目区已进入“{Lifecycle.NameOf(project.Stage)}”阶段，不能再登记新农户。");
        }
    }

    private static void EnsureTownshipClerk(CurrentUser user)
    {
        if (!user.Is(Roles.TownshipClerk))
        {
            throw new DomainException("access.household", "只有乡镇经办人可以登记和维护本乡镇的农户及其材料。");
        }
    }
}

/// <summary>A register that cannot be imported, with every problem found (nothing was stored).</summary>
public sealed class RegisterImportException(IReadOnlyList<string> errors) : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
