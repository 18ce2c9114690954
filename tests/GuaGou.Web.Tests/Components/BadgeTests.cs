using Bunit;
using GuaGou.Domain.ProjectAreas;
using GuaGou.Web.Components.Shared;

namespace GuaGou.Web.Tests.Components;

public sealed class BadgeTests : MudComponentContext
{
    [Theory]
    [InlineData(Stage.Planning, "方案编制")]
    [InlineData(Stage.Completed, "完成")]
    public void StageBadge_IsAChipWithTheChineseStageAndItsNumber(Stage stage, string chinese)
    {
        var chip = Render<StageBadge>(p => p.Add(b => b.Stage, stage));

        var element = chip.Find("[data-stage]");
        Assert.Equal(((int)stage).ToString(System.Globalization.CultureInfo.InvariantCulture), element.GetAttribute("data-stage"));
        Assert.Contains(chinese, element.TextContent, StringComparison.Ordinal);
        Assert.Contains("mud-chip", element.ClassName, StringComparison.Ordinal);
    }
}
