using Bunit;
using GuaGou.Infrastructure.Audit;
using GuaGou.Web.Components.Shared;

namespace GuaGou.Web.Tests.Components;

/// <summary>The history view names every value in Chinese: enum values, region levels, roles, flags; the record by what people call it.</summary>
public sealed class AuditNamesTests : MudComponentContext
{
    private static AuditRow Row(string entityType, string? entityId, params AuditChange[] changes) =>
        new(1, DateTimeOffset.UnixEpoch, null, "u", null, null, "150421", AuditActions.Update, entityType, entityId, entityType, entityId,
            changes, null, null);

    [Fact]
    public void AStageChange_ReadsAsTheChineseStages()
    {
        var changes = Render<AuditChanges>(p => p.Add(c => c.Row, Row("ProjectArea", "6", new AuditChange("Stage", "Survey", "Implementation"))));

        var item = changes.Find("[data-testid='audit-changes'] li");
        Assert.Equal("阶段：摸底调查 → 实施", Normalize(item.TextContent));
        Assert.DoesNotContain("Survey", item.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Region", "Level", "City", "市级")]
    [InlineData("Region", "IsDemoCode", "true", "是")]
    [InlineData("ProjectArea", "Kind", "InCounty", "县内挂钩")]
    [InlineData("StageTransition", "ActorRole", "CountyClerk", "县局经办人")]
    [InlineData("Parcel", "Zone", "Demolition", "拆旧区")]
    public void ACreatedValue_ReadsInChinese(string entityType, string field, string recorded, string chinese)
    {
        var changes = Render<AuditChanges>(p => p.Add(c => c.Row, Row(entityType, "1", new AuditChange(field, null, recorded))));

        var text = Normalize(changes.Find("[data-testid='audit-changes'] li").TextContent);
        Assert.EndsWith("：" + chinese, text, StringComparison.Ordinal);
    }

    [Fact]
    public void ARecord_IsNamedByItsLabel_ThenByItsOwnRecordedCode_ThenByItsId()
    {
        Assert.Equal("项目区 150421-2026-001", AuditNames.Subject(Row("ProjectArea", "6") with { Label = "150421-2026-001" }));
        Assert.Equal("办理记录 摸底调查 → 方案编制", AuditNames.Subject(Row("StageTransition", "29") with { Label = "摸底调查 → 方案编制" }));
        Assert.Equal("地块 CJ09", AuditNames.Subject(Row("Parcel", "41", new AuditChange("Code", "CJ09", null))));
        Assert.Equal("农户 12", AuditNames.Subject(Row("Household", "12")));
    }

    private static string Normalize(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Replace(" ：", "：", StringComparison.Ordinal).Replace("： ", "：", StringComparison.Ordinal).Trim();
}
