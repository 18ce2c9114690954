using GuaGou.Domain.Common;
using GuaGou.Domain.ProjectAreas;

namespace GuaGou.Domain.Households;

/// <summary>What a township official enters for a household; validated by <see cref="Household"/>.</summary>
public sealed record HouseholdData(
    string HeadName,
    IdCardNumber IdCard,
    int Members,
    Area HomesteadArea,
    LocationClass Location,
    ResettlementChoice Resettlement,
    Area? ResettlementPlotArea,
    string? Note);

/// <summary>A signed agreement or consent: date, signatory, amount where money is involved, and the scan's document series.</summary>
public sealed class Agreement
{
    private Agreement()
    {
        Signatory = "";
    }

    internal Agreement(AgreementKind kind, DateOnly signedOn, string signatory, decimal? amount, Guid? documentSeriesId)
    {
        Kind = kind;
        SignedOn = signedOn;
        Signatory = signatory;
        Amount = amount;
        DocumentSeriesId = documentSeriesId;
    }

    public int Id { get; private set; }

    public AgreementKind Kind { get; private set; }

    public DateOnly SignedOn { get; private set; }

    public string Signatory { get; private set; }

    /// <summary>元; compensation and resettlement agreements usually state one, consent never does.</summary>
    public decimal? Amount { get; private set; }

    /// <summary>The scanned document (all its versions share this series id).</summary>
    public Guid? DocumentSeriesId { get; private set; }

    internal void Correct(DateOnly signedOn, string signatory, decimal? amount, Guid? documentSeriesId)
    {
        SignedOn = signedOn;
        Signatory = signatory;
        Amount = amount;
        DocumentSeriesId = documentSeriesId ?? DocumentSeriesId;
    }
}

/// <summary>
/// A household living on a 拆旧 parcel (农户): who they are, their homestead, how they are resettled, what they have
/// signed, and how far demolition and reclamation have got. Rules (RULES.md "Households, consent, demolition"):
/// consent and the compensation agreement come before demolition (001 五(二)1, 003 四(六)); resettlement plots
/// are checked against the county's homestead standard (003 四(三)1); progress moves strictly forward.
/// </summary>
public sealed class Household
{
    public const int MaxNameLength = 50;
    public const int MaxNoteLength = 1000;
    public const int MaxMembers = 30;
    public const int MaxSignatoryLength = 50;
    public const decimal MaxHomesteadSquareMetres = 5000m;
    public const decimal MaxAmount = 100_000_000m;

    private readonly List<Agreement> agreements = [];

    private Household()
    {
        HeadName = "";
    }

    public int Id { get; private set; }

    public int ProjectAreaId { get; private set; }

    public int ParcelId { get; private set; }

    /// <summary>Copied from the parcel: township officials see and change only their township's households.</summary>
    public int TownshipId { get; private set; }

    public string HeadName { get; private set; }

    public IdCardNumber IdCard { get; private set; }

    public int Members { get; private set; }

    public Area HomesteadArea { get; private set; }

    public LocationClass Location { get; private set; }

    public ResettlementChoice Resettlement { get; private set; }

    public Area? ResettlementPlotArea { get; private set; }

    public string? Note { get; private set; }

    public DemolitionStatus Status { get; private set; }

    public DateOnly? DemolishedOn { get; private set; }

    public DateOnly? ReclamationStartedOn { get; private set; }

    public DateOnly? ReclaimedOn { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public IReadOnlyList<Agreement> Agreements => agreements;

    public Agreement? AgreementOf(AgreementKind kind) => agreements.FirstOrDefault(a => a.Kind == kind);

    public bool HasConsent => AgreementOf(AgreementKind.Consent) is not null;

    /// <summary>Both agreements of the 双签 pair are signed.</summary>
    public bool HasBothAgreements => AgreementOf(AgreementKind.Compensation) is not null && AgreementOf(AgreementKind.Resettlement) is not null;

    /// <summary>Households only live on 拆旧 parcels; the parcel decides the project and township.</summary>
    public static Household Register(Parcel parcel, HouseholdData data, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(parcel);
        if (parcel.Zone != Zone.Demolition)
        {
            throw new DomainException("household.parcel.zone", $"农户只能登记在拆旧地块上，地块 {parcel.Code} 是建新地块。");
        }

        var household = new Household
        {
            ProjectAreaId = parcel.ProjectAreaId,
            ParcelId = parcel.Id,
            TownshipId = parcel.TownshipId,
            Status = DemolitionStatus.NotDemolished,
            CreatedAt = now,
        };
        household.Apply(data, now);
        return household;
    }

    public void Update(HouseholdData data, DateTimeOffset now) => Apply(data, now);

    /// <summary>Checks the resettlement plot against the standard; households without a plot have nothing to check.</summary>
    public HomesteadCheck? CheckStandard(HomesteadStandard standard)
    {
        ArgumentNullException.ThrowIfNull(standard);
        return ResettlementPlotArea is { } plot ? standard.Check(Location, Members, plot) : null;
    }

    /// <summary>Records (or corrects) the consent or one of the two agreements.</summary>
    public void RecordAgreement(AgreementKind kind, DateOnly signedOn, string? signatory, decimal? amount, Guid? documentSeriesId,
        DateTimeOffset now)
    {
        var name = Text(signatory, "签署人", MaxSignatoryLength) ?? throw new DomainException("agreement.signatory.required", "请填写签署人。");
        if (signedOn > ChinaTime.Today(now))
        {
            throw new DomainException("agreement.date.future", $"{HouseholdNames.Of(kind)}的签署日期不能晚于今天。");
        }

        if (amount is { } value && (value < 0 || value > MaxAmount))
        {
            throw new DomainException("agreement.amount.range", "金额应为 0 至 1 亿元之间的数。");
        }

        if (kind == AgreementKind.Consent && amount is not null)
        {
            throw new DomainException("agreement.amount.consent", "权属方同意书不填写金额。");
        }

        if (Status != DemolitionStatus.NotDemolished && kind == AgreementKind.Compensation
            && DemolishedOn is { } demolished && signedOn > demolished)
        {
            throw new DomainException("agreement.date.after_demolition", "补偿协议的签署日期不能晚于拆除日期。");
        }

        var existing = AgreementOf(kind);
        if (existing is null)
        {
            agreements.Add(new Agreement(kind, signedOn, name, amount is { } a ? decimal.Round(a, 2) : null, documentSeriesId));
        }
        else
        {
            existing.Correct(signedOn, name, amount is { } a ? decimal.Round(a, 2) : null, documentSeriesId);
        }

        UpdatedAt = now;
    }

    /// <summary>
    /// No demolition before compensation is settled (003 四(六)): the compensation agreement must exist first, and the
    /// project must be in 实施 (or 自验, for late records) — houses come down after approval and design (RULES.md Lifecycle 5).
    /// </summary>
    public void RecordDemolition(DateOnly demolishedOn, Stage projectStage, DateTimeOffset now)
    {
        if (projectStage is not (Stage.Implementation or Stage.SelfCheck))
        {
            throw new DomainException("household.demolition.stage",
                $"项目区处于“{Lifecycle.NameOf(projectStage)}”阶段，只有在实施阶段（或自验阶段补录）才能登记拆除。");
        }

        if (Status != DemolitionStatus.NotDemolished)
        {
            throw new DomainException("household.demolition.already", $"该户旧房已登记为“{HouseholdNames.Of(Status)}”，不能重复登记拆除。");
        }

        var compensation = AgreementOf(AgreementKind.Compensation)
            ?? throw new DomainException("household.demolition.no_agreement",
                "尚未签订房屋拆旧补偿协议，不能登记拆除（补偿安置落实前不得拆除，见 003 四(六)）。");
        if (!HasConsent)
        {
            throw new DomainException("household.demolition.no_consent", "尚无权属方同意书，不能登记拆除。");
        }

        EnsureDate(demolishedOn, compensation.SignedOn, "拆除日期", "补偿协议签署日期", now);
        Status = DemolitionStatus.Demolished;
        DemolishedOn = demolishedOn;
        UpdatedAt = now;
    }

    public void StartReclamation(DateOnly startedOn, DateTimeOffset now)
    {
        if (Status != DemolitionStatus.Demolished)
        {
            throw new DomainException("household.reclamation.order", $"只有已拆除的地块才能开始复垦施工（当前为“{HouseholdNames.Of(Status)}”）。");
        }

        EnsureDate(startedOn, DemolishedOn!.Value, "复垦开工日期", "拆除日期", now);
        Status = DemolitionStatus.Reclaiming;
        ReclamationStartedOn = startedOn;
        UpdatedAt = now;
    }

    public void CompleteReclamation(DateOnly completedOn, DateTimeOffset now)
    {
        if (Status != DemolitionStatus.Reclaiming)
        {
            throw new DomainException("household.reclamation.order", $"只有复垦施工中的才能登记复垦完成（当前为“{HouseholdNames.Of(Status)}”）。");
        }

        EnsureDate(completedOn, ReclamationStartedOn!.Value, "复垦完成日期", "复垦开工日期", now);
        Status = DemolitionStatus.Reclaimed;
        ReclaimedOn = completedOn;
        UpdatedAt = now;
    }

    /// <summary>Evidence still to collect, in words, given how many photos of each kind are stored.</summary>
    public IReadOnlyList<string> MissingEvidence(int photosBefore, int photosAfter)
    {
        var missing = new List<string>();
        foreach (var kind in Enum.GetValues<AgreementKind>())
        {
            var agreement = AgreementOf(kind);
            if (agreement is null)
            {
                missing.Add($"缺{HouseholdNames.Of(kind)}");
            }
            else if (agreement.DocumentSeriesId is null)
            {
                missing.Add($"{HouseholdNames.Of(kind)}缺扫描件");
            }
        }

        if (Status != DemolitionStatus.NotDemolished)
        {
            if (photosBefore == 0)
            {
                missing.Add("缺拆除前照片");
            }

            if (photosAfter == 0)
            {
                missing.Add("缺拆除后照片");
            }
        }

        return missing;
    }

    private void Apply(HouseholdData data, DateTimeOffset now)
    {
        var name = Text(data.HeadName, "户主姓名", MaxNameLength) ?? throw new DomainException("household.name.required", "请填写户主姓名。");
        var note = Text(data.Note, "备注", MaxNoteLength);
        if (data.IdCard.Value is null)
        {
            throw new DomainException("household.id_card.required", "请填写户主身份证号码。");
        }

        if (data.Members is < 1 or > MaxMembers)
        {
            throw new DomainException("household.members.range", $"家庭人口应为 1 至 {MaxMembers} 人。");
        }

        if (data.HomesteadArea.SquareMetres <= 0 || data.HomesteadArea.SquareMetres > MaxHomesteadSquareMetres)
        {
            throw new DomainException("household.homestead.range", $"现宅基地面积应大于 0 且不超过 {MaxHomesteadSquareMetres:0} 平方米。");
        }

        var needsPlot = data.Resettlement is ResettlementChoice.Concentrated or ResettlementChoice.SelfBuild;
        if (needsPlot && (data.ResettlementPlotArea is null || data.ResettlementPlotArea.Value.SquareMetres <= 0))
        {
            throw new DomainException("household.plot.required", $"安置方式为“{HouseholdNames.Of(data.Resettlement)}”时，请填写安置宅基地面积。");
        }

        if (data.Resettlement == ResettlementChoice.MonetaryCompensation && data.ResettlementPlotArea is { SquareMetres: > 0 })
        {
            throw new DomainException("household.plot.monetary", "货币补偿安置的农户不再安排宅基地，安置宅基地面积应为空。");
        }

        if (data.ResettlementPlotArea is { } plot && plot.SquareMetres > MaxHomesteadSquareMetres)
        {
            throw new DomainException("household.plot.range", $"安置宅基地面积不能超过 {MaxHomesteadSquareMetres:0} 平方米。");
        }

        HeadName = name;
        IdCard = data.IdCard;
        Members = data.Members;
        HomesteadArea = data.HomesteadArea;
        Location = data.Location;
        Resettlement = data.Resettlement;
        ResettlementPlotArea = data.ResettlementPlotArea is { SquareMetres: > 0 } p ? p : null;
        Note = note;
        UpdatedAt = now;
    }

    private static void EnsureDate(DateOnly date, DateOnly notBefore, string field, string earlierField, DateTimeOffset now)
    {
        if (date > ChinaTime.Today(now))
        {
            throw new DomainException("household.date.future", $"{field}不能晚于今天。");
        }

        if (date < notBefore)
        {
            throw new DomainException("household.date.order", $"{field}不能早于{earlierField}（{notBefore:yyyy-MM-dd}）。");
        }
    }

    private static string? Text(string? value, string field, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        return trimmed.Length <= maxLength
            ? trimmed
            : throw new DomainException("household.field.too_long", $"{field}不能超过 {maxLength} 个字符。");
    }
}
