using System.Text.Json;
using System.Text.RegularExpressions;
using GuaGou.Domain.Access;
using GuaGou.Domain.Common;
using GuaGou.Domain.Households;
using GuaGou.Domain.ProjectAreas;
using GuaGou.Infrastructure.Access;
using GuaGou.Infrastructure.Households;
using GuaGou.Infrastructure.Persistence;
using GuaGou.Infrastructure.ProjectAreas;
using Microsoft.EntityFrameworkCore;

namespace GuaGou.Infrastructure.Audit;

/// <summary>The /audit search: every filter optional; dates are Beijing dates, both ends included.</summary>
public sealed record AuditFilter(
    string? EntityType = null, string? EntityId = null, string? User = null, DateOnly? From = null, DateOnly? To = null,
    string? Action = null, int Page = 1)
{
    public const int PageSize = 50;
}

/// <summary>One field of a change: its value before and after (null when absent on that side).</summary>
public sealed record AuditChange(string Field, string? Before, string? After);

public sealed record AuditRow(
    long Id, DateTimeOffset OccurredAt, Guid? UserId, string UserName, string? DisplayName, string? RoleCode, string? RegionCode, string Action,
    string EntityType, string? EntityId, string? RecordType, string? RecordId, IReadOnlyList<AuditChange> Changes,
    string? ClientIp, string? RequestId, string? Label = null, string? RecordLabel = null);

/// <summary>
/// Reading the audit trail. The search is for the system administrator and the leading-group office only, over the rows
/// of users in their county (the acting user's region code starts with the reader's prefix). A record's history is shown
/// to whoever may see the record. ID-card numbers in the values are masked for everyone who may not see them in full.
/// </summary>
public sealed partial class AuditQueries(GuaGouDbContext db, HouseholdQueries households)
{
    public const int HistoryLimit = 200;

    public static bool MaySearch(CurrentUser user) => user.Is(Roles.SystemAdmin) || user.Is(Roles.LeadingGroupOffice);

    public async Task<Page<AuditRow>> SearchAsync(CurrentUser user, AuditFilter filter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (!MaySearch(user))
        {
            throw new DomainException("access.audit", "只有系统管理员和领导小组办公室可以查询审计日志。");
        }

        var prefix = user.ScopePrefix;
        var rows = db.AuditLog.AsNoTracking().Where(e => e.RegionCode != null && e.RegionCode.StartsWith(prefix));
        if (Clean(filter.EntityType) is { } type)
        {
            rows = rows.Where(e => e.EntityType == type || e.RecordType == type);
        }

        if (Clean(filter.EntityId) is { } id)
        {
            rows = Clean(filter.EntityType) is null
                ? rows.Where(e => e.EntityId == id || e.RecordId == id)
                : rows.Where(e => (e.EntityType == filter.EntityType!.Trim() && e.EntityId == id) || (e.RecordType == filter.EntityType.Trim() && e.RecordId == id));
        }

        if (Clean(filter.User) is { } name)
        {
            var pattern = "%" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
                .Replace("_", "\\_", StringComparison.Ordinal) + "%";
            rows = rows.Where(e => EF.Functions.ILike(e.UserName, pattern) || (e.DisplayName != null && EF.Functions.ILike(e.DisplayName, pattern)));
        }

        if (filter.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), ChinaTime.Offset).ToUniversalTime();
            rows = rows.Where(e => e.OccurredAt >= start);
        }

        if (filter.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), ChinaTime.Offset).ToUniversalTime();
            rows = rows.Where(e => e.OccurredAt < end);
        }

        if (Clean(filter.Action) is { } action)
        {
            rows = rows.Where(e => e.Action == action);
        }

        var total = await rows.CountAsync(ct);
        var page = Math.Clamp(filter.Page, 1, Math.Max(1, (total + AuditFilter.PageSize - 1) / AuditFilter.PageSize));
        var entries = await rows.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
            .Skip((page - 1) * AuditFilter.PageSize).Take(AuditFilter.PageSize).ToListAsync(ct);
        return new Page<AuditRow>(await LabelledAsync(entries.Select(e => ToRow(e, mask: !HouseholdQueries.MaySeeFullIdCard(user))).ToList(), ct),
            total, page, AuditFilter.PageSize);
    }

    /// <summary>The history of a project area or household the user may see, newest first; empty for anything out of reach.</summary>
    public async Task<IReadOnlyList<AuditRow>> HistoryAsync(CurrentUser user, string recordType, int recordId, CancellationToken ct = default)
    {
        var visible = recordType switch
        {
            "ProjectArea" => await db.ProjectAreas.Visible(db, user).AnyAsync(p => p.Id == recordId, ct),
            "Household" => await households.Visible(user).AnyAsync(h => h.Id == recordId, ct),
            _ => false,
        };
        if (!visible)
        {
            return [];
        }

        var id = recordId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var entries = await db.AuditLog.AsNoTracking()
            .Where(e => e.RecordType == recordType && e.RecordId == id)
            .OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
            .Take(HistoryLimit).ToListAsync(ct);
        return await LabelledAsync(entries.Select(e => ToRow(e, mask: !HouseholdQueries.MaySeeFullIdCard(user))).ToList(), ct);
    }

    /// <summary>
    /// What a person calls the records the rows name, instead of their database ids: a project area by its code, a parcel
    /// by its code, a stage step by its stages ("摸底调查 → 组织实施"). Records that no longer exist keep their id.
    /// </summary>
    private async Task<IReadOnlyList<AuditRow>> LabelledAsync(List<AuditRow> rows, CancellationToken ct)
    {
        List<long> Ids(string type) => rows.SelectMany(r => new[] { (r.EntityType, r.EntityId), (r.RecordType, r.RecordId) })
            .Where(x => x.Item1 == type).Select(x => long.TryParse(x.Item2, System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : -1)
            .Where(id => id >= 0).Distinct().ToList();
        static string Key(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var labels = new Dictionary<(string, string), string>();
        var projectIds = Ids("ProjectArea").Where(id => id <= int.MaxValue).Select(id => (int)id).ToList();
        if (projectIds.Count > 0)
        {
            foreach (var p in await db.ProjectAreas.AsNoTracking().Where(p => projectIds.Contains(p.Id)).Select(p => new { p.Id, p.Code }).ToListAsync(ct))
            {
                labels[("ProjectArea", Key(p.Id))] = p.Code.Value;
            }
        }

        var parcelIds = Ids("Parcel").Where(id => id <= int.MaxValue).Select(id => (int)id).ToList();
        if (parcelIds.Count > 0)
        {
            foreach (var p in await db.Parcels.AsNoTracking().Where(p => parcelIds.Contains(p.Id)).Select(p => new { p.Id, p.Code }).ToListAsync(ct))
            {
                labels[("Parcel", Key(p.Id))] = p.Code;
            }
        }

        var stepIds = Ids("StageTransition");
        if (stepIds.Count > 0)
        {
            foreach (var t in await db.StageTransitions.AsNoTracking().Where(t => stepIds.Contains(t.Id)).Select(t => new { t.Id, t.FromStage, t.ToStage }).ToListAsync(ct))
            {
                labels[("StageTransition", Key(t.Id))] = $"{ChineseNames.Of(t.FromStage)} → {ChineseNames.Of(t.ToStage)}";
            }
        }

        return labels.Count == 0
            ? rows
            : rows.Select(r => r with
            {
                Label = labels.GetValueOrDefault((r.EntityType, r.EntityId ?? "")),
                RecordLabel = r.RecordType is null ? null : labels.GetValueOrDefault((r.RecordType, r.RecordId ?? "")),
            }).ToList();
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static AuditRow ToRow(AuditEntry e, bool mask) =>
        new(e.Id, e.OccurredAt, e.UserId, e.UserName, e.DisplayName, e.RoleCode, e.RegionCode, e.Action, e.EntityType, e.EntityId, e.RecordType,
            e.RecordId, Changes(e.Before, e.After, mask), e.ClientIp, e.RequestId);

    /// <summary>The fields of before and after, in the order they were written, each value as text.</summary>
    public static IReadOnlyList<AuditChange> Changes(string? beforeJson, string? afterJson, bool mask)
    {
        var before = Fields(beforeJson, mask);
        var after = Fields(afterJson, mask);
        return before.Keys.Concat(after.Keys.Where(k => !before.ContainsKey(k)))
            .Select(k => new AuditChange(k, before.GetValueOrDefault(k), after.GetValueOrDefault(k)))
            .ToList();
    }

    private static Dictionary<string, string?> Fields(string? json, bool mask)
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (json is null)
        {
            return fields;
        }

        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            fields["值"] = Text(document.RootElement, mask);
            return fields;
        }

        foreach (var property in document.RootElement.EnumerateObject())
        {
            fields[property.Name] = Text(property.Value, mask);
        }

        return fields;
    }

    private static string? Text(JsonElement value, bool mask) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => mask ? MaskAll(value.GetString()!) : value.GetString(),
        _ when mask => MaskAll(value.GetRawText()),
        _ => value.GetRawText(),
    };

    /// <summary>Every valid resident ID-card number in the text is replaced by its masked form (first 6 and last 4 visible).</summary>
    private static string MaskAll(string text) =>
        IdCardPattern().Replace(text, m => IdCardNumber.TryParse(m.Value, out var number) ? number.Masked : m.Value);

    [GeneratedRegex("(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])")]
    private static partial Regex IdCardPattern();
}
