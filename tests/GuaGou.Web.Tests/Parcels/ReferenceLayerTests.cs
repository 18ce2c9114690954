using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using System.Text;
using GuaGou.Domain.Access;
using GuaGou.Testing;
using GuaGou.Web.Tests.Projects;

namespace GuaGou.Web.Tests.Parcels;

/// <summary>County reference layers, and what an import reports against them (its own database: layers are county-wide).</summary>
public sealed class ReferenceLayerTests(GuaGouAppFactory app) : IClassFixture<GuaGouAppFactory>
{
    private const string Header = """
        [属性描述]
        坐标系=2000国家大地坐标系
        几度分带=3
        带号=39
        [地块坐标]

        """;

    /// <summary>Farmland sharing CJ01's east edge (x = 39500080).</summary>
    private const string Farmland = Header + """
        5,1.2000,GD01,现状耕地图斑,面,,耕地,0103,@
        J1,1,3760100.000,39500080.000
        J2,1,3760100.000,39500200.000
        J3,1,3760000.000,39500200.000
        J4,1,3760000.000,39500080.000
        J1,1,3760100.000,39500080.000
        """;

    /// <summary>A heritage site overlapping 20 m × 20 m of JX01's north-east corner.</summary>
    private const string Heritage = Header + """
        5,0.9600,WW01,某古遗址保护范围,面,,文物,09,@
        J1,1,3761100.000,39501020.000
        J2,1,3761100.000,39501100.000
        J3,1,3760980.000,39501100.000
        J4,1,3760980.000,39501020.000
        J1,1,3761100.000,39501020.000
        """;

    [Fact]
    public async Task Import_ReportsParcelsNotAdjoiningFarmlandAndOverlapsWithProtectedLayers()
    {
        var clerk = await ProjectPages.SignInAsync(app, Roles.CountyClerk, "150421");
        Assert.Equal("/reference-layers", (await LoadLayerAsync(clerk, "Farmland", Farmland)).RedirectTarget());
        Assert.Equal("/reference-layers", (await LoadLayerAsync(clerk, "HeritageProtection", Heritage)).RedirectTarget());
        var layers = (await clerk.Client.GetDocumentAsync("/reference-layers")).QuerySelector("[data-testid='layers']")!.TextContent;
        Assert.Contains("现状耕地", layers, StringComparison.Ordinal);
        Assert.Contains("文物保护范围", layers, StringComparison.Ordinal);

        var code = await clerk.CreateProjectAsync("参考图层检查项目区");
        var preview = await clerk.Client.GetDocumentAsync(await UploadAsync(clerk, code, ParcelImportTests.Example));

        var warnings = preview.QuerySelector("[data-testid='import-warnings']")!.TextContent;
        Assert.Contains("拆旧地块 JX01 与现状耕地不相邻", warnings, StringComparison.Ordinal);
        Assert.DoesNotContain("拆旧地块 CJ01 与现状耕地不相邻", warnings, StringComparison.Ordinal);
        var errors = preview.QuerySelector("[data-testid='import-errors']")!.TextContent;
        Assert.Matches(@"地块 JX01 与文物保护范围（WW01 某古遗址保护范围）重叠 (399|400)\.\d\d 平方米", errors);
    }

    [Fact]
    public async Task LoadLayer_ByLeadingGroupOffice_IsRefused()
    {
        var office = await ProjectPages.SignInAsync(app, Roles.LeadingGroupOffice, "150421");

        var page = await office.Client.GetAsync("/reference-layers");
        var post = await office.Client.PostFormBlindAsync("/reference-layers", "layer", new Dictionary<string, string> { ["Input.Kind"] = "Farmland" });

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, post.StatusCode);
        await using var db = TestDatabase.CreateContext(app.ConnectionString);
        Assert.False(await db.ReferenceLayers.AnyAsync(l => l.LoadedByName == "测试用户" + office.UserName));
    }

    [Fact]
    public async Task LoadLayer_BySystemAdmin_IsRefusedInPageAndService()
    {
        var admin = await ProjectPages.SignInAsync(app, Roles.SystemAdmin, "150421");

        var page = await admin.Client.GetAsync("/reference-layers");
        var post = await admin.Client.PostFormBlindAsync("/reference-layers", "layer", new Dictionary<string, string> { ["Input.Kind"] = "Farmland" });

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, post.StatusCode);
        await using var db = TestDatabase.CreateContext(app.ConnectionString);
        var countyId = await db.Regions.Where(r => r.Name == "阿鲁科尔沁旗").Select(r => r.Id).SingleAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<GuaGou.Infrastructure.Parcels.ReferenceLayerService>();
        var user = await ProjectPages.CurrentUserAsync(app, admin);
        var refused = await Assert.ThrowsAsync<GuaGou.Domain.Common.DomainException>(() => service.LoadAsync(user, countyId, GuaGou.Infrastructure.Parcels.ReferenceLayerKind.Farmland, "耕地.txt",
            Encoding.UTF8.GetBytes(Farmland)));
        Assert.Equal("access.reference", refused.Code);
        Assert.False(await db.ReferenceLayers.AnyAsync(l => l.LoadedByName == "测试用户" + admin.UserName));
    }

    /// <summary>Fails the save, as a lost connection would, after the old features were already deleted in the same unit.</summary>
    private sealed class FailingSave : Microsoft.EntityFrameworkCore.Diagnostics.SaveChangesInterceptor
    {
        public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int>> SavingChangesAsync(
            Microsoft.EntityFrameworkCore.Diagnostics.DbContextEventData eventData, Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int> result,
            CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("injected: connection lost before the commit");
    }

    [Fact]
    public async Task Reload_ThatFailsToSave_KeepsThePreviousLayerWhole()
    {
        var clerk = await ProjectPages.SignInAsync(app, Roles.CountyClerk, "150421");
        Assert.Equal("/reference-layers", (await LoadLayerAsync(clerk, "EcologicalRedLine", Heritage)).RedirectTarget());
        var user = await ProjectPages.CurrentUserAsync(app, clerk);
        var options = new DbContextOptionsBuilder<GuaGou.Infrastructure.Persistence.GuaGouDbContext>();
        GuaGou.Infrastructure.DependencyInjection.ConfigureDbContext(options, app.ConnectionString);
        options.AddInterceptors(new FailingSave());
        int countyId;
        await using (var db = TestDatabase.CreateContext(app.ConnectionString))
        {
            countyId = await db.Regions.Where(r => r.Name == "阿鲁科尔沁旗").Select(r => r.Id).SingleAsync();
        }

        await using (var failing = new GuaGou.Infrastructure.Persistence.GuaGouDbContext(options.Options))
        {
            var service = new GuaGou.Infrastructure.Parcels.ReferenceLayerService(failing, TimeProvider.System);
            await Assert.ThrowsAsync<InvalidOperationException>(() => service.LoadAsync(user, countyId,
                GuaGou.Infrastructure.Parcels.ReferenceLayerKind.EcologicalRedLine, "新红线.txt", Encoding.UTF8.GetBytes(Farmland)));
        }

        await using var check = TestDatabase.CreateContext(app.ConnectionString);
        var layer = await check.ReferenceLayers.SingleAsync(l => l.CountyId == countyId && l.Kind == GuaGou.Infrastructure.Parcels.ReferenceLayerKind.EcologicalRedLine);
        Assert.Equal("EcologicalRedLine.txt", layer.FileName);
        Assert.Equal(["WW01 某古遗址保护范围"], await check.ReferenceFeatures.Where(f => f.LayerId == layer.Id).Select(f => f.Label).ToListAsync());
    }

    private static async Task<HttpResponseMessage> LoadLayerAsync(ProjectPages user, string kind, string text) =>
        await user.Client.UploadFormAsync("/reference-layers", "layer", new Dictionary<string, string>
        {
            ["Input.CountyId"] = await user.Client.OptionValueAsync("/reference-layers", "#county", "阿鲁科尔沁旗"),
            ["Input.Kind"] = kind,
        }, Encoding.UTF8.GetBytes(text), $"{kind}.txt");

    private static async Task<string> UploadAsync(ProjectPages user, string code, string text)
    {
        var url = $"/projects/{code}/parcels/import";
        var response = await user.Client.UploadFormAsync(url, "upload", new Dictionary<string, string>
        {
            ["Input.Zone"] = "Demolition",
            ["Input.TownshipId"] = await user.Client.OptionValueAsync(url, "#township", "天山镇"),
            ["Input.DefaultLandClass"] = "0602",
            ["Input.DefaultDirection"] = "Farmland",
        }, Encoding.UTF8.GetBytes(text), "parcels.txt");
        return response.RedirectTarget();
    }
}
