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
