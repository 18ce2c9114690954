using GuaGou.Domain.Access;
using GuaGou.Domain.Documents;
using GuaGou.Domain.Households;
using GuaGou.Domain.ProjectAreas;
using GuaGou.Domain.Regions;
using GuaGou.Infrastructure.Audit;

namespace GuaGou.Web.Components.Shared;

/// <summary>The Chinese names of what the audit trail records, for its pages.</summary>
public static class AuditNames
{
    /// <summary>The entity types one can search for, with their Chinese names.</summary>
    public static IReadOnlyList<(string Type, string Name)> EntityTypes { get; } =
    [
        ("ProjectArea", "项目区"), ("Parcel", "地块"), ("StageTransition", "办理记录"), ("ParcelImport", "地块导入"),
        ("ParcelZoneVersion", "地块历史版本"), ("ReferenceLayer", "参考图层"), ("Household", "农户"), ("Agreement", "协议"),
        ("StoredDocument", "文件"), ("HomesteadStandardSetting", "宅基地标准"), ("Region", "行政区"), ("AppUser", "用户"),
        ("IdentityUserRole", "用户角色"), ("Request", "请求"),
    ];

    public static string EntityType(string type) => EntityTypes.FirstOrDefault(t => t.Type == type).Name ?? type;

    public static string Action(string action) => AuditActions.ChineseName(action);

    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["Name"] = "名称", ["Code"] = "编号", ["Stage"] = "阶段", ["Status"] = "进度", ["Year"] = "年度", ["Kind"] = "类别",
        ["PlanType"] = "方案类型", ["ResponsibleUnits"] = "责任单位", ["ApprovalDocument"] = "批准文号", ["ApprovedOn"] = "批准日期",
        ["ApprovalLevel"] = "批准级别", ["ExtensionDocument"] = "延期文号", ["ExtensionGrantedOn"] = "延期批准日期", ["FirstTradeOn"] = "首次交易日期",
        ["ImplementationDueOn"] = "实施期限", ["AcceptanceDueOn"] = "验收期限", ["CreatedAt"] = "建立时间", ["UpdatedAt"] = "修改时间",
        ["Zone"] = "区", ["TownshipId"] = "乡镇", ["VillageId"] = "村", ["LandClass"] = "地类", ["ReclamationDirection"] = "复垦方向",
        ["PlannedUse"] = "规划用途", ["Ownership"] = "权属", ["DeclaredArea"] = "申报面积", ["ComputedArea"] = "椭球面积",
        ["PlanarArea"] = "平面面积", ["SourceEpsg"] = "源坐标系", ["Boundary"] = "边界", ["Note"] = "备注",
        ["FromStage"] = "原阶段", ["ToStage"] = "新阶段", ["ActorName"] = "办理人", ["ActorRole"] = "角色", ["EffectiveOn"] = "日期",
        ["DocumentNumber"] = "文号", ["Opinion"] = "意见", ["HeadName"] = "户主姓名", ["IdCard"] = "身份证号码", ["Members"] = "家庭人口",
        ["HomesteadArea"] = "现宅基地面积", ["Location"] = "区位", ["Resettlement"] = "安置方式", ["ResettlementPlotArea"] = "安置宅基地面积",
        ["DemolishedOn"] = "拆除日期", ["ReclamationStartedOn"] = "复垦开工日期", ["ReclaimedOn"] = "复垦完成日期", ["SignedOn"] = "签署日期",
        ["Signatory"] = "签署人", ["Amount"] = "金额", ["DocumentSeriesId"] = "扫描件", ["Purpose"] = "类别", ["FileName"] = "文件名",
        ["MediaType"] = "文件类型", ["Size"] = "大小", ["Version"] = "版本", ["UploadedByName"] = "上传人", ["UploadedAt"] = "上传时间",
        ["DisplayName"] = "姓名", ["RegionId"] = "所属区域", ["LockoutEnd"] = "锁定至", ["MustChangePassword"] = "须修改密码",
        ["AccessFailedCount"] = "连续登录失败次数", ["FeatureCount"] = "图斑数", ["Level"] = "级别", ["IsDemoCode"] = "演示代码",
    };

    /// <summary>A recorded field's Chinese name; the code name where none is known (nothing is hidden).</summary>
    public static string Field(string field) => Fields.GetValueOrDefault(field, field);

    /// <summary>
    /// A recorded value as a person reads it: the Chinese name of an enum value (阶段 <c>Survey</c> → 摸底调查, 级别
    /// <c>City</c> → 市, a role code → its name), <c>true</c>/<c>false</c> as 是/否; any other value as recorded.
    /// </summary>
    public static string? Value(string entityType, string field, string? value) => value is null ? null : (field, entityType) switch
    {
        ("Stage" or "FromStage" or "ToStage", _) => Named<Stage>(value, ChineseNames.Of),
        ("Kind", "Agreement") => Named<AgreementKind>(value, HouseholdNames.Of),
        ("Kind", "ProjectArea") => Named<ProjectKind>(value, ChineseNames.Of),
        ("PlanType", _) => Named<PlanType>(value, ChineseNames.Of),
        ("ApprovalLevel", _) => Named<ApprovalLevel>(value, ChineseNames.Of),
        ("Zone", _) => Named<Zone>(value, ChineseNames.Of),
        ("ReclamationDirection", _) => Named<ReclamationDirection>(value, ChineseNames.Of),
        ("Location", "Household") => Named<LocationClass>(value, HouseholdNames.Of),
        ("Resettlement", "Household") => Named<ResettlementChoice>(value, HouseholdNames.Of),
        ("Status", "Household") => Named<DemolitionStatus>(value, HouseholdNames.Of),
        ("Purpose", _) => Named<DocumentPurpose>(value, DocumentPurposeNames.Of),
        ("Level", "Region") => Named<RegionLevel>(value, l => l.ChineseName()),
        ("ActorRole" or "RoleCode", _) => Roles.ChineseName(value),
        _ when value == "true" => "是",
        _ when value == "false" => "否",
        _ => value,
    };

    private static string Named<T>(string value, Func<T, string> name) where T : struct, Enum =>
        Enum.TryParse<T>(value, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) ? name(parsed) : value;

    /// <summary>The record a row is about: its kind and what people call it (a project's code, a step's stages), else its id.</summary>
    public static string Subject(AuditRow row) =>
        (row.Label ?? OwnLabel(row) ?? row.EntityId) is { } name ? $"{EntityType(row.EntityType)} {name}" : EntityType(row.EntityType);

    /// <summary>The record the row belongs to (a parcel's project), named the same way.</summary>
    public static string RecordSubject(AuditRow row) => $"{EntityType(row.RecordType ?? "")} {row.RecordLabel ?? row.RecordId}";

    /// <summary>A record that no longer exists (a deleted parcel) is named by the code its own row recorded.</summary>
    private static string? OwnLabel(AuditRow row) => row.EntityType is "Parcel" or "ProjectArea"
        ? row.Changes.FirstOrDefault(c => c.Field == "Code") is { } code ? code.After ?? code.Before : null
        : null;

    /// <summary>The acting user as a person reads it: display name and sign-in name, or 系统 / 未登录.</summary>
    public static string Who(AuditRow row) => row.UserName switch
    {
        _ when row.Action is AuditActions.SignIn or AuditActions.SignInFailed or AuditActions.LockedOut && row.UserId is null => row.UserName,
        AuditActor.SystemName when row.UserId is null => "系统",
        AuditActor.AnonymousName when row.UserId is null => "未登录",
        _ when row.DisplayName is { Length: > 0 } display && display != row.UserName => $"{display}（{row.UserName}）",
        _ => row.UserName,
    };
}
