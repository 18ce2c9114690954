using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace GuaGou.Infrastructure.Audit;

/// <summary>
/// The before/after JSON of a changed entity: its scalar properties (shadow ones included) as the database stores them,
/// enums by name. Secrets never enter the trail: a password hash is written as "***" (so a change is visible), security
/// and concurrency stamps, row versions and tokens are left out; binary values and long texts are summarized.
/// </summary>
internal static class AuditSnapshot
{
    public const string Hidden = "***";
    private const int MaxTextLength = 2000;

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The entity's name in the trail: the CLR name without generic arity (<c>IdentityUserRole</c>).</summary>
    public static string TypeName(IEntityType type)
    {
        var name = type.ClrType.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? name : name[..tick];
    }

    /// <summary>The primary key as text; composite keys joined by commas.</summary>
    public static string? KeyOf(EntityEntry entry, bool original)
    {
        var key = entry.Metadata.FindPrimaryKey();
        if (key is null)
        {
            return null;
        }

        var text = string.Join(",", key.Properties.Select(p => Text(original ? entry.OriginalValues[p] : entry.CurrentValues[p])));
        return text.Length <= AuditEntry.MaxIdLength ? text : text[..AuditEntry.MaxIdLength];
    }

    /// <summary>
    /// The record whose page shows this change: a project area and a household are their own; anything that belongs to a
    /// household (agreement, its documents) is the household's; anything else of a project (parcels, stage steps, imports,
    /// project documents) is the project's; the rest (users, regions …) is its own.
    /// </summary>
    public static (string Type, string? Id) RecordOf(EntityEntry entry, bool original)
    {
        var type = TypeName(entry.Metadata);
        if (type is "ProjectArea" or "Household")
        {
            return (type, KeyOf(entry, original));
        }

        foreach (var owner in new[] { "HouseholdId", "ProjectAreaId" })
        {
            if (entry.Metadata.FindProperty(owner) is { } property
                && (original ? entry.OriginalValues[property] : entry.CurrentValues[property]) is { } id)
            {
                return (owner[..^2], Text(id));
            }
        }

        return (type, KeyOf(entry, original));
    }

    /// <summary>All recorded properties (added: current values; deleted: original values).</summary>
    public static string Of(EntityEntry entry, bool original)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in entry.Metadata.GetProperties().Where(IsRecorded))
        {
            values[property.Name] = Value(property, original ? entry.OriginalValues[property] : entry.CurrentValues[property]);
        }

        return JsonSerializer.Serialize(values, Json);
    }

    /// <summary>The changed properties of a modified entity, before and after; null when nothing recordable changed.</summary>
    public static (string Before, string After)? Changes(EntityEntry entry)
    {
        var before = new Dictionary<string, object?>(StringComparer.Ordinal);
        var after = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in entry.Metadata.GetProperties().Where(IsRecorded))
        {
            var member = entry.Property(property.Name);
            var original = member.OriginalValue;
            var current = member.CurrentValue;
            if (!member.IsModified || Equals(original, current) || (property.GetValueComparer() is { } comparer && comparer.Equals(original, current)))
            {
                continue;
            }

            before[property.Name] = Value(property, original);
            after[property.Name] = Value(property, current);
        }

        return before.Count == 0 ? null : (JsonSerializer.Serialize(before, Json), JsonSerializer.Serialize(after, Json));
    }

    private static bool IsRecorded(IProperty property) =>
        !(property.IsConcurrencyToken && property.ValueGenerated == ValueGenerated.OnAddOrUpdate) // xmin row versions
        && property.Name is not ("SecurityStamp" or "ConcurrencyStamp")
        && !(property.DeclaringType.ClrType == typeof(IdentityUserToken<Guid>) && property.Name == nameof(IdentityUserToken<Guid>.Value));

    private static object? Value(IProperty property, object? value)
    {
        if (value is null)
        {
            return null;
        }

        if (property.Name == "PasswordHash")
        {
            return Hidden;
        }

        if (value is Enum)
        {
            return value.ToString();
        }

        if (property.GetTypeMapping().Converter is { } converter)
        {
            value = converter.ConvertToProvider(value);
        }

        return value switch
        {
            null => null,
            byte[] bytes => $"（二进制，{bytes.Length} 字节）",
            string { Length: > MaxTextLength } text => $"（文本，{text.Length} 字符，略）",
            string or bool or int or long or short or decimal or double or float or uint or Guid or DateTimeOffset or DateTime or DateOnly or TimeOnly => value,
            _ => Convert.ToString(value, CultureInfo.InvariantCulture),
        };
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Any object (explicit events) as JSON with Chinese kept readable.</summary>
    public static string? Serialize(object? value) => value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Json);

    public static string? Truncate(string? text, int length) => text is null || text.Length <= length ? text : text[..length];
}
