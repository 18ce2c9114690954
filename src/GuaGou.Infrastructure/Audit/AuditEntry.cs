namespace GuaGou.Infrastructure.Audit;

/// <summary>
/// One row of the audit trail (<c>guagou.audit_log</c>): who did what to which record, when, from where. Rows are only
/// ever inserted — a trigger refuses UPDATE, DELETE and TRUNCATE, even for the table's owner (migration AuditTrail).
/// </summary>
public sealed class AuditEntry
{
    public const int MaxNameLength = 64;
    public const int MaxCodeLength = 32;
    public const int MaxIdLength = 64;

    public long Id { get; set; }

    /// <summary>UTC.</summary>
    public DateTimeOffset OccurredAt { get; set; }

    public Guid? UserId { get; set; }

    /// <summary>The sign-in name; "system" for the CLI and background work, "anonymous" before sign-in, the name typed on a failed sign-in.</summary>
    public string UserName { get; set; } = string.Empty;

    public string? DisplayName { get; set; }

    public string? RoleCode { get; set; }

    /// <summary>The acting user's region code; the audit search of a county shows the rows whose code starts with its prefix.</summary>
    public string? RegionCode { get; set; }

    /// <summary>One of <see cref="AuditActions"/>.</summary>
    public string Action { get; set; } = string.Empty;

    /// <summary>The CLR name of the changed entity (<c>ProjectArea</c>, <c>Parcel</c>, <c>Household</c> …) or of the thing acted on.</summary>
    public string EntityType { get; set; } = string.Empty;

    public string? EntityId { get; set; }

    /// <summary>The record whose page shows this row in its history: a parcel's change belongs to its project area.</summary>
    public string? RecordType { get; set; }

    public string? RecordId { get; set; }

    /// <summary>JSON object of the values before the change (changed fields only for an update).</summary>
    public string? Before { get; set; }

    /// <summary>JSON object of the values after the change.</summary>
    public string? After { get; set; }

    public string? ClientIp { get; set; }

    /// <summary>The request id of the logs and the error page's 追踪编号.</summary>
    public string? RequestId { get; set; }
}

/// <summary>The action codes stored in <see cref="AuditEntry.Action"/>, with the Chinese names the pages show.</summary>
public static class AuditActions
{
    public const string Create = "create";
    public const string Update = "update";
    public const string Delete = "delete";
    public const string StageTransition = "stage_transition";
    public const string Upload = "upload";
    public const string Download = "download";
    public const string Import = "import";
    public const string SignIn = "sign_in";
    public const string SignInFailed = "sign_in_failed";
    public const string LockedOut = "locked_out";
    public const string AccessDenied = "access_denied";

    public static IReadOnlyList<(string Code, string ChineseName)> All { get; } =
    [
        (Create, "新增"), (Update, "修改"), (Delete, "删除"), (StageTransition, "阶段办理"), (Upload, "上传"),
        (Download, "下载个人材料"), (Import, "批量导入"), (SignIn, "登录成功"), (SignInFailed, "登录失败"),
        (LockedOut, "账户锁定"), (AccessDenied, "拒绝访问"),
    ];

    public static string ChineseName(string code) => All.FirstOrDefault(a => a.Code == code).ChineseName ?? code;
}

/// <summary>
/// Who is acting, as the audit trail records it. The web app takes it from the request (<c>HttpAuditContext</c>);
/// the CLI, the seeders and background work act as <see cref="System"/>.
/// </summary>
public sealed record AuditActor(
    Guid? UserId, string UserName, string? DisplayName, string? RoleCode, string? RegionCode, string? ClientIp, string? RequestId)
{
    public const string SystemName = "system";
    public const string AnonymousName = "anonymous";

    public static AuditActor System { get; } = new(null, SystemName, "系统", null, null, null, null);

    public static AuditActor Anonymous(string? clientIp, string? requestId) => new(null, AnonymousName, null, null, null, clientIp, requestId);
}

/// <summary>The ambient actor of the current unit of work.</summary>
public interface IAuditContext
{
    AuditActor Actor { get; }
}

/// <summary>The CLI's, the seeders' and the tests' direct contexts: the system acts.</summary>
public sealed class SystemAuditContext : IAuditContext
{
    public static SystemAuditContext Instance { get; } = new();

    public AuditActor Actor => AuditActor.System;
}
