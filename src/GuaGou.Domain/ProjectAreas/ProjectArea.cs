using GuaGou.Domain.Households;
using System.Globalization;
using GuaGou.Domain.Common;
using GuaGou.Domain.Regions;

namespace GuaGou.Domain.ProjectAreas;

/// <summary>What county staff enter about a project area itself.</summary>
public sealed record ProjectAreaDetails(string Name, int Year, ProjectKind Kind, PlanType PlanType, string? ResponsibleUnits);

/// <summary>A parcel read from a boundary file: its data, its boundary in CGCS2000 and both of its areas.</summary>
public sealed record ImportedParcel(ParcelData Data, NetTopologySuite.Geometries.MultiPolygon Boundary, Area EllipsoidalArea, Area? PlanarArea, int? SourceEpsg);

/// <summary>What a stage step records besides who and when.</summary>
public sealed record StageActionInput(DateOnly EffectiveOn, DocumentNumber? DocumentNumber, string? Opinion);

/// <summary>
/// A 项目区: its 拆旧 and 建新 parcels, its area balance, and its way through the lifecycle. Every change goes
/// through a method here that first checks the rule it is named after, then records what happened.
/// </summary>
public sealed class ProjectArea
{
    public const int MaxNameLength = 100;
    public const int MaxUnitsLength = 500;
    public const int FirstYear = 2000;

    private readonly List<Parcel> parcels = [];
    private readonly List<StageTransition> transitions = [];

    private ProjectArea()
    {
        Name = string.Empty;
        CountyCode = string.Empty;
    }

    public int Id { get; private set; }

    public ProjectCode Code { get; private set; }

    public string Name { get; private set; }

    public int CountyId { get; private set; }

    /// <summary>The county's code, kept with the project so access scoping is a prefix comparison.</summary>
    public string CountyCode { get; private set; }

    public int Year { get; private set; }

    public ProjectKind Kind { get; private set; }

    public PlanType PlanType { get; private set; }

    public string? ResponsibleUnits { get; private set; }

    public Stage Stage { get; private set; }

    public DocumentNumber? ApprovalDocument { get; private set; }

    public DateOnly? ApprovedOn { get; private set; }

    public ApprovalLevel? ApprovalLevel { get; private set; }

    public DocumentNumber? ExtensionDocument { get; private set; }

    public DateOnly? ExtensionGrantedOn { get; private set; }

    public DateOnly? FirstTradeOn { get; private set; }

    /// <summary>Kept in step with the approval, extension and first trade, so lists can filter overdue projects in SQL.</summary>
    public DateOnly? ImplementationDueOn { get; private set; }

    public DateOnly? AcceptanceDueOn { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public IReadOnlyList<Parcel> Parcels => parcels;

    public IReadOnlyList<StageTransition> Transitions => transitions;

    public AreaBalance Balance => AreaBalance.Of(parcels);

    public LifecycleStep? NextStep => Lifecycle.StepFrom(Stage);

    /// <summary>Parcels may be added, changed and removed until the project is submitted for approval.</summary>
    public bool ParcelsMayChange => Stage <= Stage.Planning;

    /// <summary>The basic details may be edited until the project is completed.</summary>
    public bool DetailsMayChange => Stage != Stage.Completed;

    /// <summary>003 四(二): an approved project may be extended once, while it is still being implemented.</summary>
    public bool ExtensionMayBeGranted => ApprovedOn is not null && ExtensionGrantedOn is null && Stage < Stage.SelfCheck;

    /// <summary>004 二(二): a traded project's first trade is recorded once, after its approval.</summary>
    public bool FirstTradeMayBeRecorded => Kind.IsTraded() && ApprovedOn is not null && FirstTradeOn is null;

    /// <summary>Who may take the next step (or send the project back, where the step allows it).</summary>
    public bool MayBeAdvancedBy(string roleCode) => NextStep?.Roles.Contains(roleCode) == true;

    public bool MayBeReturnedBy(string roleCode) => NextStep is { CanReturn: true } step && step.Roles.Contains(roleCode);

    /// <summary>The roles that grant an extension and record the first trade.</summary>
    public static IReadOnlyList<string> DeadlineRecordRoles { get; } = [Access.Roles.CountyClerk];

    public static ProjectArea File(ProjectCode code, Region county, ProjectAreaDetails details, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(county);
        if (county.Level != RegionLevel.County || !code.Value.StartsWith(county.Code.Value, StringComparison.Ordinal))
        {
            throw new DomainException("project.county.invalid", $"项目区必须属于一个县级行政区，“{county.Name}”不是该编号的县。");
        }

        if (code.Year != details.Year)
        {
            throw new DomainException("project.year.mismatch", $"年度 {details.Year} 与项目区编号 {code} 中的年度不一致。");
        }

        var project = new ProjectArea
        {
            Code = code,
            CountyId = county.Id,
            CountyCode = county.Code.Value,
            Stage = Stage.Survey,
            CreatedAt = now,
        };
        project.ApplyDetails(details, now);
        project.Record(TransitionKind.Filed, Stage.Survey, Stage.Survey, actor, now, ChinaTime.Today(now), null, "新建项目区");
        return project;
    }

    public void UpdateDetails(ProjectAreaDetails details, DateTimeOffset now)
    {
        EnsureNotCompleted();
        if (Stage > Stage.Approval && (details.Kind != Kind || details.PlanType != PlanType || details.Year != Year))
        {
            throw new DomainException("project.details.locked",
                "项目区已批准立项，项目类型、方案类型和年度以批复为准，不能再修改。");
        }

        ApplyDetails(details, now);
    }

    public Parcel AddParcel(ParcelData data, Region township, Region? village, DateTimeOffset now)
    {
        EnsureParcelsCanChange();
        EnsureParcelCodeIsUnique(data.Code, exceptId: null);
        EnsureRegionsBelongToTheCounty(data, township, village);
        var parcel = new Parcel(data);
        parcels.Add(parcel);
        UpdatedAt = now;
        return parcel;
    }

    public void UpdateParcel(int parcelId, ParcelData data, Region township, Region? village, DateTimeOffset now)
    {
        EnsureParcelsCanChange();
        var parcel = FindParcel(parcelId);
        EnsureParcelCodeIsUnique(data.Code, exceptId: parcelId);
        EnsureRegionsBelongToTheCounty(data, township, village);
        parcel.Apply(data);
        UpdatedAt = now;
    }

    /// <summary>
    /// Replaces all parcels of one zone by an imported set, all or nothing: every parcel is checked before anything
    /// changes. Returns how many parcels were replaced; the caller keeps the previous version.
    /// </summary>
    public int ReplaceZoneParcels(Zone zone, IReadOnlyList<ImportedParcel> imported, IReadOnlyDictionary<int, Region> regions,
        Actor actor, string source, DateTimeOffset now)
    {
        EnsureParcelsCanChange();
        if (imported.Count == 0)
        {
            throw new DomainException("import.empty", "导入文件中没有可导入的地块。");
        }

        var others = parcels.Where(p => p.Zone != zone).Select(p => p.Code).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var replacements = new List<Parcel>();
        foreach (var item in imported)
        {
            if (item.Data.Zone != zone)
            {
                throw new DomainException("import.zone", "导入的地块与所选的区不一致。");
            }

            var code = item.Data.Code?.Trim() ?? string.Empty;
            if (!seen.Add(code) || others.Contains(code))
            {
                throw new DomainException("parcel.code.duplicate", $"地块编号“{code}”重复（在导入文件中或在本项目区另一区中）。");
            }

            var township = regions.GetValueOrDefault(item.Data.TownshipId)
                ?? throw new DomainException("parcel.township.required", $"地块 {code} 未指定乡镇。");
            var village = item.Data.VillageId is { } villageId ? regions.GetValueOrDefault(villageId) : null;
            EnsureRegionsBelongToTheCounty(item.Data, township, village);
            var parcel = new Parcel(item.Data);
            parcel.SetBoundary(item.Boundary, item.EllipsoidalArea, item.PlanarArea, item.SourceEpsg);
            replacements.Add(parcel);
        }

        var replaced = parcels.RemoveAll(p => p.Zone == zone);
        parcels.AddRange(replacements);
        Record(TransitionKind.ParcelsReplaced, Stage, Stage, actor, now, ChinaTime.Today(now), null,
            $"导入{ChineseNames.Of(zone)}地块 {replacements.Count} 块（{source}），替换原有 {replaced} 块");
        return replaced;
    }

    public void RemoveParcel(int parcelId, DateTimeOffset now)
    {
        EnsureParcelsCanChange();
        parcels.Remove(FindParcel(parcelId));
        UpdatedAt = now;
    }

    /// <summary>
    /// Takes the step out of the current stage into <paramref name="target"/>. The target is named by the caller
    /// so that a form prepared before someone else moved the project cannot push it one step too far.
    /// </summary>
    /// <paramref name="consent"/> is the state of the households on the 拆旧 parcels, which the approval step checks.
    public void Advance(Stage target, Actor actor, StageActionInput input, DateTimeOffset now, HouseholdConsent consent)
    {
        ArgumentNullException.ThrowIfNull(consent);
        EnsureNotCompleted();
        var step = NextStep!;
        var opinion = ValidOpinion(input.Opinion);
        EnsureTargetIsTheNextStage(target);
        EnsureActorMayTake(step.Action, step.Roles, actor);
        EnsureEffectiveDateIsPlausible(input.EffectiveOn, now);
        if (step.RequiresDocumentNumber && input.DocumentNumber is null)
        {
            throw new DomainException("stage.document_number.required", $"“{step.Action}”必须填写批复或验收文件的文号。");
        }

        switch (step.From)
        {
            case Stage.Planning:
                EnsureThereAreDemolitionParcels();
                EnsureConstructionAreaDoesNotExceedReclaimedArea();
                EnsureEveryHouseholdConsented(consent);
                break;
            case Stage.Approval:
                EnsureConstructionAreaDoesNotExceedReclaimedArea();
                ApprovalDocument = input.DocumentNumber;
                ApprovedOn = input.EffectiveOn;
                ApprovalLevel = actor.RoleCode == Access.Roles.ProvinceApprover ? ProjectAreas.ApprovalLevel.Province : ProjectAreas.ApprovalLevel.City;
                RecomputeDeadlines();
                break;
        }

        Record(TransitionKind.Advanced, Stage, step.To, actor, now, input.EffectiveOn, input.DocumentNumber, opinion);
        Stage = step.To;
    }

    /// <summary>A review that does not pass sends the project back one stage, with the reason recorded.</summary>
    public void ReturnToPreviousStage(Actor actor, string reason, DateOnly effectiveOn, DateTimeOffset now)
    {
        EnsureNotCompleted();
        var step = NextStep!;
        if (!step.CanReturn)
        {
            throw new DomainException("stage.return.not_allowed", $"“{Lifecycle.NameOf(Stage)}”阶段不能退回。");
        }

        EnsureActorMayTake(step.ReturnAction!, step.Roles, actor);
        EnsureEffectiveDateIsPlausible(effectiveOn, now);
        var why = ValidOpinion(reason) ?? throw new DomainException("stage.return.reason_required", "退回必须填写理由。");
        var previous = Stage - 1;
        if (Stage == Stage.ReclamationDesign)
        {
            // The approval itself is withdrawn: its deadlines and its extension go with it.
            ApprovalDocument = null;
            ApprovedOn = null;
            ApprovalLevel = null;
            ExtensionDocument = null;
            ExtensionGrantedOn = null;
            RecomputeDeadlines();
        }

        Record(TransitionKind.Returned, Stage, previous, actor, now, effectiveOn, null, why);
        Stage = previous;
    }

    /// <summary>003 四(二): implementation may be extended once, by one year, with the province's consent.</summary>
    public void GrantExtension(Actor actor, DocumentNumber document, DateOnly grantedOn, DateTimeOffset now)
    {
        EnsureActorMayTake("登记延期", DeadlineRecordRoles, actor);
        if (ApprovedOn is null)
        {
            throw new DomainException("extension.not_approved", "项目区尚未批准立项，无需延期。");
        }

        if (ExtensionGrantedOn is not null)
        {
            throw new DomainException("extension.once", $"实施期限只能延期一次，已于 {ExtensionGrantedOn:yyyy-MM-dd} 延期（{ExtensionDocument}）。");
        }

        if (Stage >= Stage.SelfCheck)
        {
            throw new DomainException("extension.implementation_done", "项目已完成实施，无需延长实施期限。");
        }

        EnsureDateIsNotInTheFuture(grantedOn, now);
        if (grantedOn < ApprovedOn)
        {
            throw new DomainException("extension.before_approval", "延期批复日期不能早于批准立项日期。");
        }

        ExtensionDocument = document;
        ExtensionGrantedOn = grantedOn;
        RecomputeDeadlines();
        UpdatedAt = now;
        Record(TransitionKind.ExtensionGranted, Stage, Stage, actor, now, grantedOn, document, "实施期限延长 1 年");
    }

    /// <summary>004 二(二): for traded projects, reclamation acceptance is due 2 years after the first trade.</summary>
    public void RecordFirstTrade(Actor actor, DateOnly tradedOn, DateTimeOffset now)
    {
        EnsureActorMayTake("登记首次交易", DeadlineRecordRoles, actor);
        if (!Kind.IsTraded())
        {
            throw new DomainException("trade.not_traded", "县内挂钩项目不涉及指标交易。");
        }

        if (FirstTradeOn is not null)
        {
            throw new DomainException("trade.once", $"首次交易日期已登记为 {FirstTradeOn:yyyy-MM-dd}。");
        }

        if (ApprovedOn is null || tradedOn < ApprovedOn)
        {
            throw new DomainException("trade.before_approval", "首次交易日期不能早于批准立项日期。");
        }

        EnsureDateIsNotInTheFuture(tradedOn, now);
        FirstTradeOn = tradedOn;
        RecomputeDeadlines();
        UpdatedAt = now;
        Record(TransitionKind.FirstTradeRecorded, Stage, Stage, actor, now, tradedOn, null, "登记首次交易日期");
    }

    /// <summary>The deadlines that apply once the project is approved.</summary>
    public IReadOnlyList<Deadline> Deadlines()
    {
        if (ApprovedOn is null)
        {
            return [];
        }

        return
        [
            new Deadline("实施期限", ImplementationDueOn!.Value, Stage >= Stage.SelfCheck,
                ExtensionGrantedOn is null ? "批准立项后 2 年" : $"批准立项后 2 年，已延期 1 年（{ExtensionDocument}）"),
            new Deadline("复垦验收期限", AcceptanceDueOn!.Value, Stage >= Stage.Filing,
                FirstTradeOn is null ? "批准立项后 3 年" : $"首次交易（{FirstTradeOn:yyyy-MM-dd}）后 2 年"),
        ];
    }

    public bool IsOverdue(DateOnly today) => Deadlines().Any(d => d.StatusOn(today) == DeadlineStatus.Overdue);

    public bool IsDueSoon(DateOnly today) => Deadlines().Any(d => d.StatusOn(today) == DeadlineStatus.DueSoon);

    private void RecomputeDeadlines()
    {
        if (ApprovedOn is not { } approved)
        {
            ImplementationDueOn = null;
            AcceptanceDueOn = null;
            return;
        }

        // 003 四(二): implement within 2 years of approval, one extension of 1 year.
        ImplementationDueOn = approved.AddYears(ExtensionGrantedOn is null ? 2 : 3);
        // 004 二(二): accept within 3 years of approval; traded projects within 2 years of the trade date.
        AcceptanceDueOn = FirstTradeOn is { } traded ? traded.AddYears(2) : approved.AddYears(3);
    }

    private void ApplyDetails(ProjectAreaDetails details, DateTimeOffset now)
    {
        var name = details.Name?.Trim() ?? string.Empty;
        if (name.Length == 0)
        {
            throw new DomainException("project.name.required", "请填写项目区名称。");
        }

        if (name.Length > MaxNameLength)
        {
            throw new DomainException("project.name.too_long", $"项目区名称不能超过 {MaxNameLength} 个字符。");
        }

        var latestYear = ChinaTime.Today(now).Year + 1;
        if (details.Year < FirstYear || details.Year > latestYear)
        {
            throw new DomainException("project.year.invalid", $"年度应在 {FirstYear}–{latestYear} 之间。");
        }

        if (Code.Value.Length > 0 && details.Year != Year && Year != 0)
        {
            // The year is part of the code; a different year would make the code lie.
            throw new DomainException("project.year.locked", $"年度是项目区编号 {Code} 的一部分，不能修改。如年度有误，请重新建立项目区。");
        }

        var units = details.ResponsibleUnits?.Trim();
        if (units?.Length > MaxUnitsLength)
        {
            throw new DomainException("project.units.too_long", $"责任单位不能超过 {MaxUnitsLength} 个字符。");
        }

        if (!Enum.IsDefined(details.Kind) || !Enum.IsDefined(details.PlanType))
        {
            throw new DomainException("project.kind.invalid", "请选择项目类型和方案类型。");
        }

        Name = name;
        Year = details.Year;
        Kind = details.Kind;
        PlanType = details.PlanType;
        ResponsibleUnits = string.IsNullOrEmpty(units) ? null : units;
        UpdatedAt = now;
    }

    /// <summary>Parcels change only until the plan is submitted (or after it is returned to 方案编制).</summary>
    private static void EnsureEveryHouseholdConsented(HouseholdConsent consent)
    {
        if (!consent.Complete)
        {
            var names = string.Join("、", consent.WithoutConsent.Take(5)) + (consent.WithoutConsent.Count > 5 ? " 等" : "");
            throw new DomainException("stage.consent.missing",
                $"拆旧地块上还有 {consent.WithoutConsent.Count} 户未取得权属方同意（{names}），不能提交审批。");
        }
    }

    public void EnsureParcelsCanChange()
    {
        if (!ParcelsMayChange)
        {
            throw new DomainException("parcels.locked",
                $"项目区已提交审批（当前阶段：{Lifecycle.NameOf(Stage)}），地块不能再增删改；如需调整，请由审批人退回方案编制。");
        }
    }

    private void EnsureParcelCodeIsUnique(string code, int? exceptId)
    {
        var trimmed = code?.Trim() ?? string.Empty;
        if (parcels.Any(p => p.Id != exceptId && string.Equals(p.Code, trimmed, StringComparison.OrdinalIgnoreCase)))
        {
            throw new DomainException("parcel.code.duplicate", $"地块编号“{trimmed}”在本项目区中已存在。");
        }
    }

    private void EnsureRegionsBelongToTheCounty(ParcelData data, Region township, Region? village)
    {
        ArgumentNullException.ThrowIfNull(township);
        if (township.Id != data.TownshipId || township.Level != RegionLevel.Township || township.Code.CountyPart != CountyCode)
        {
            throw new DomainException("parcel.township.outside", "所选乡镇不属于本项目区所在的县。");
        }

        var villageFits = data.VillageId is null
            ? village is null
            : village is not null && village.Id == data.VillageId && village.Level == RegionLevel.Village && village.ParentId == township.Id;
        if (!villageFits)
        {
            throw new DomainException("parcel.village.outside", $"所选村不属于{township.Name}。");
        }
    }

    private void EnsureThereAreDemolitionParcels()
    {
        if (!parcels.Any(p => p.Zone == Zone.Demolition))
        {
            throw new DomainException("submit.no_parcels", "项目区还没有拆旧地块，不能提交审批。");
        }
    }

    /// <summary>001 二(二), 004 一: Σ建新 ≤ Σ拆旧 reclaimed, per project area.</summary>
    private void EnsureConstructionAreaDoesNotExceedReclaimedArea()
    {
        var balance = Balance;
        if (!balance.Holds)
        {
            throw new DomainException("area.balance.exceeded",
                string.Create(CultureInfo.InvariantCulture,
                    $"建新面积 {balance.ConstructionTotal.SquareMetres:#,##0.00} 平方米（{balance.ConstructionTotal}）超过拆旧复垦面积 " +
                    $"{balance.Reclaimed.SquareMetres:#,##0.00} 平方米（{balance.Reclaimed}），超出 {-balance.SurplusSquareMetres:#,##0.00} 平方米，不能提交。"));
        }
    }

    private void EnsureTargetIsTheNextStage(Stage target)
    {
        if (target == Stage + 1)
        {
            return;
        }

        var message = target switch
        {
            Stage.PreliminaryAcceptance when Stage < Stage.PreliminaryAcceptance => "自验尚未通过，不能进行初验。",
            Stage.FinalAcceptance when Stage < Stage.FinalAcceptance => "初验尚未通过，不能进行终验。",
            Stage.Filing when Stage < Stage.Filing => "终验尚未通过，不能备案。",
            _ when target <= Stage => $"项目区已处于“{Lifecycle.NameOf(Stage)}”阶段，该操作已由他人办理或已过期，请刷新页面。",
            _ => $"项目区当前处于“{Lifecycle.NameOf(Stage)}”阶段，不能直接进入“{Lifecycle.NameOf(target)}”。",
        };
        throw new DomainException("stage.order", message);
    }

    private static void EnsureActorMayTake(string action, IReadOnlyList<string> roles, Actor actor)
    {
        if (!roles.Contains(actor.RoleCode))
        {
            throw new DomainException("stage.role",
                $"“{action}”只能由{string.Join("或", roles.Select(Access.Roles.ChineseName))}办理。");
        }
    }

    /// <summary>Lifecycle steps happen in order: not in the future, not before the previous step.</summary>
    private void EnsureEffectiveDateIsPlausible(DateOnly effectiveOn, DateTimeOffset now)
    {
        EnsureDateIsNotInTheFuture(effectiveOn, now);
        var last = transitions.Where(t => t.Kind is TransitionKind.Advanced or TransitionKind.Returned)
            .Select(t => (DateOnly?)t.EffectiveOn).Max();
        if (last is { } previous && effectiveOn < previous)
        {
            throw new DomainException("stage.date.before_previous", $"日期不能早于上一环节的日期 {previous:yyyy-MM-dd}。");
        }
    }

    private static void EnsureDateIsNotInTheFuture(DateOnly date, DateTimeOffset now)
    {
        if (date > ChinaTime.Today(now))
        {
            throw new DomainException("stage.date.future", "日期不能晚于今天。");
        }
    }

    private static string? ValidOpinion(string? text)
    {
        var opinion = Trimmed(text);
        if (opinion?.Length > StageTransition.MaxOpinionLength)
        {
            throw new DomainException("stage.opinion.too_long", $"意见不能超过 {StageTransition.MaxOpinionLength} 个字符。");
        }

        return opinion;
    }

    private void EnsureNotCompleted()
    {
        if (!DetailsMayChange)
        {
            throw new DomainException("project.completed", "项目区已完成，不能再修改。");
        }
    }

    private Parcel FindParcel(int parcelId) =>
        parcels.FirstOrDefault(p => p.Id == parcelId)
        ?? throw new DomainException("parcel.not_found", "地块不存在或已被删除。");

    private void Record(TransitionKind kind, Stage from, Stage to, Actor actor, DateTimeOffset now, DateOnly effectiveOn,
        DocumentNumber? document, string? opinion)
    {
        transitions.Add(new StageTransition(kind, from, to, actor, now, effectiveOn, document, opinion));
        UpdatedAt = now;
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
