using System.ComponentModel.DataAnnotations;
using System.Net;
using GuaGou.Domain.Common;
using GuaGou.Domain.Access;
using GuaGou.Domain.ProjectAreas;
using GuaGou.Infrastructure.ProjectAreas;
using GuaGou.Testing;
using GuaGou.Web.Components.Pages.Projects;
using Microsoft.EntityFrameworkCore;

namespace GuaGou.Web.Tests.Projects;

/// <summary>Filing a project area and walking it to 备案 through the real pipeline, each step by the role that takes it.</summary>
public sealed class ProjectFilingTests(GuaGouAppFactory app) : IClassFixture<GuaGouAppFactory>
{
    private const string County = "150421", City = "150400", Tianshan = "150421100";

    [Fact]
    public async Task Project_FromFilingToFiling_WalksEveryStageWithTheRightRolesAndRecordsEachStep()
    {
        var clerk = await ProjectPages.SignInAsync(app, Roles.CountyClerk, County);
        var approver = await ProjectPages.SignInAsync(app, Roles.CityApprover, City);
        var township = await ProjectPages.SignInAsync(app, Roles.TownshipClerk, Tianshan);
        var reviewer = await ProjectPages.SignInAsync(app, Roles.CountyReviewer, County);

        var code = await clerk.CreateProjectAsync("天山镇测试项目区");
        Assert.Matches(@"^150421-2026-\d{3}$", code);
        Assert.Equal($"/projects/{code}", (await clerk.AddParcelAsync(code, "Demolition", "CJ01", 2.5m)).RedirectTarget());
        Assert.Equal($"/projects/{code}", (await clerk.AddParcelAsync(code, "Demolition", "CJ02", 1.5m, direction: "KeepConstruction")).RedirectTarget());
        Assert.Equal($"/projects/{code}", (await clerk.AddParcelAsync(code, "Construction", "JX01", 2.5m, landClass: "0103")).RedirectTarget());

        var detail = await clerk.Client.GetDocumentAsync($"/projects/{code}");
        Assert.Contains("37.50 亩", detail.QuerySelector("[data-testid='reclaimed']")!.TextContent, StringComparison.Ordinal); // 2.5 公顷, not the kept 1.5
        Assert.Contains("0.00 亩", detail.QuerySelector("[data-testid='surplus']")!.TextContent, StringComparison.Ordinal);

        await clerk.AdvanceAsync(code);                                    // 摸底调查 → 方案编制
        await clerk.AdvanceAsync(code);                                    // 方案编制 → 审批立项 (equal areas pass)
        await approver.AdvanceAsync(code, "赤政字〔2026〕8号", "同意立项");  // → 复垦设计
        await approver.AdvanceAsync(code, "赤自然资发〔2026〕9号");         // → 实施
        await township.AdvanceAsync(code);                                 // → 自验
        await township.AdvanceAsync(code, opinion: "自验合格");            // → 初验
        await reviewer.AdvanceAsync(code, "阿自然资发〔2026〕10号");         // → 终验
        var last = await approver.AdvanceAsync(code, "赤自然资发〔2026〕11号"); // → 备案

        Assert.Equal($"/projects/{code}", last.RedirectTarget());
        Assert.Equal((int)Stage.Filing, await clerk.StageAsync(code));
        await using var db = TestDatabase.CreateContext(app.ConnectionString);
        var project = await db.ProjectAreas.Include(p => p.Transitions).SingleAsync(p => p.Code == ProjectCode.Parse(code));
        Assert.Equal(Stage.Filing, project.Stage);
        Assert.Equal("赤政字〔2026〕8号", project.ApprovalDocument?.Value);
        Assert.Equal(ApprovalLevel.City, project.ApprovalLevel);
        Assert.Equal(project.ApprovedOn!.Value.AddYears(2), project.ImplementationDueOn);
        var steps = project.Transitions.Where(t => t.Kind == TransitionKind.Advanced).OrderBy(t => t.Id).ToList();
        Assert.Equal(Enumerable.Range(1, 8).Select(i => (Stage)i), steps.Select(t => t.FromStage));
        Assert.Equal([Roles.CountyClerk, Roles.CountyClerk, Roles.CityApprover, Roles.CityApprover, Roles.TownshipClerk, Roles.TownshipClerk,
            Roles.CountyReviewer, Roles.CityApprover], steps.Select(t => t.ActorRole));
        Assert.Equal("自验合格", steps[5].Opinion);
        var history = (await clerk.Client.GetDocumentAsync($"/projects/{code}")).QuerySelectorAll("[data-testid='history'] .mud-timeline-item");
        Assert.Equal(9, history.Length);
    }

    [Fact]
    public async Task Submit_WhenConstructionExceedsReclaimedArea_IsRefusedWithTheNumbersAndTheStageStays()
    {
        var clerk = await ProjectPages.SignInAsync(app, Roles.CountyClerk, County);
        var code = await clerk.CreateProjectAsync("超出平衡的项目区");
        await clerk.AddParcelAsync(code, "Demolition", "CJ01", 1.0m);
        await clerk.AddParcelAsync(code, "Construction", "JX01", 1.000001m, landClass: "0103"); // 10 000.01 m²
        await clerk.AdvanceAsync(code);

        var refused = await clerk.AdvanceAsync(code);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var message = (await Html.ParseAsync(refused)).QuerySelector("[data-testid='error']")!.TextContent;
        Assert.Contains("超过拆旧复垦面积", message, StringComparison.Ordinal);
        Assert.Contains("0.01 平方米", message, StringComparison.Ordinal);
        Assert.Equal((int)Stage.Planning, await clerk.StageAsync(code));
    }

    [Fact]
    public async Task Advance_ByARoleThatDoesNotTakeTheStep_IsRefusedAndNothingIsRecorded()
    {
        var clerk = await ProjectPages.SignInAsync(app, Roles.CountyClerk, County);
        var office = await ProjectPages.SignInAsync(app, Roles.LeadingGroupOffice, County);
        var code = await clerk.CreateProjectAsync("角色测试项目区");

        var refused = await office.AdvanceAsync(code);

        Assert.Contains("只能由县局经办人办理", (await Html.ParseAsync(refused)).QuerySelector("[data-testid='error']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal((int)Stage.Survey, await clerk.StageAsync(code));
    }

    [Fact]
    public async Task Return_FromApproval_GoesBackToPlanningWithTheReason_AndParcelsCanChangeAgain()
    {
        var clerk = await ProjectPages.SignInAsync(app, Roles.CountyClerk, County);
        var approver = await ProjectPages.SignInAsync(app, Roles.CityApprover, City);
        var code = await clerk.CreateProjectAsync("退回测试项目区");
        await clerk.AddParcelAsync(code, "Demolition", "CJ01", 1.0m);
        await clerk.AdvanceAsync(code);
        await clerk.AdvanceAsync(code);
        var locked = await clerk.AddParcelAsync(code, "Demolition", "CJ02", 1.0m);
        Assert.Contains("地块不能再增删改", (await Html.ParseAsync(locked)).QuerySelector("[data-testid='error']")!.TextContent, StringComparison.Ordinal);

        Assert.Equal($"/projects/{code}", (await approver.ReturnAsync(code, "拆旧地块权属资料不全")).RedirectTarget());

        Assert.Equal((int)Stage.Planning, await clerk.StageAsync(code));
        Assert.Equal($"/projects/{code}", (await clerk.AddParcelAsync(code, "Demolition", "CJ02", 1.0m)).RedirectTarget());
        var history = (await clerk.Client.GetDocumentAsync($"/projects/{code}")).QuerySelector("[data-testid='history']")!.TextContent;
        Assert.Contains("拆旧地块权属资料不全", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateProject_ByNonClerk_IsRefusedAndNothingIsStored()
    {
        var office = await ProjectPages.SignInAsync(app, Roles.LeadingGroupOffice, County);
        await using var db = TestDatabase.CreateContext(app.ConnectionString);
        var before = await db.ProjectAreas.CountAsync();
        var countyId = await db.Regions.Where(r => r.Name == "阿鲁科尔沁旗").Select(r => r.Id).SingleAsync();

        var form = await office.Client.GetAsync("/projects/new");
        var refused = await Assert.ThrowsAsync<DomainException>(() => office.RunAsync<ProjectAreaService, ProjectCode>((projects, user) =>
            projects.FileAsync(user, countyId, new ProjectAreaDetails("不应建立", 2026, ProjectKind.InCounty, PlanType.ProjectArea, null))));

        Assert.Equal(HttpStatusCode.Forbidden, form.StatusCode);
        Assert.True(refused.IsAccessDenial, refused.Code);
        Assert.Equal(before, await db.ProjectAreas.CountAsync());
    }

    [Fact]
    public void ProjectForm_WithEmptyName_GivesTheFieldMessage()
    {
        var form = new ProjectForm { CountyId = 1, Name = "", Year = 2026, ResponsibleUnits = "保留的责任单位" };
        var errors = new List<ValidationResult>();

        Assert.False(Validator.TryValidateObject(form, new ValidationContext(form), errors, validateAllProperties: true));
        Assert.Equal([("请填写项目区名称。", "Name")], errors.Select(e => (e.ErrorMessage, e.MemberNames.Single())));
    }

    [Fact]
    public void ProjectForm_WithoutCountyOrWithAYearOutOfRange_GivesTheFieldMessages()
    {
        var form = new ProjectForm { CountyId = 0, Name = "项目区", Year = 1999 };
        var errors = new List<ValidationResult>();

        Assert.False(Validator.TryValidateObject(form, new ValidationContext(form), errors, validateAllProperties: true));
        Assert.Equal(["年度应在 2000–2100 之间。", "请选择所在县（旗、区）。"], errors.Select(e => e.ErrorMessage).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Details_OfferEachPersonOnlyTheActionsTheServicesWouldAllow()
    {
        var clerk = await ProjectPages.SignInAsync(app, Roles.CountyClerk, County);
        var office = await ProjectPages.SignInAsync(app, Roles.LeadingGroupOffice, County);
        var approver = await ProjectPages.SignInAsync(app, Roles.CityApprover, City);
        var code = await clerk.CreateProjectAsync("操作标志项目区", kind: "InProvinceTrade");
        await clerk.AddParcelAsync(code, "Demolition", "CJ01", 1.0m);

        Assert.Equal(new ProjectActions(MayEditDetails: true, MayChangeParcels: true, MayGrantExtension: false, MayRecordFirstTrade: false,
            MayAdvance: true, MayReturn: false), await ActionsAsync(clerk, code));
        Assert.Equal(new ProjectActions(false, false, false, false, false, false), await ActionsAsync(office, code));

        await clerk.AdvanceAsync(code);
        await clerk.AdvanceAsync(code); // → 审批立项: parcels locked, the city's step
        Assert.Equal(new ProjectActions(true, false, false, false, false, false), await ActionsAsync(clerk, code));
        Assert.Equal(new ProjectActions(false, false, false, false, MayAdvance: true, MayReturn: true), await ActionsAsync(approver, code));

        await approver.AdvanceAsync(code, "赤政字〔2026〕18号"); // approved: an extension and the first trade may be recorded
        Assert.Equal(new ProjectActions(true, false, MayGrantExtension: true, MayRecordFirstTrade: true, false, false), await ActionsAsync(clerk, code));
    }

    private static Task<ProjectActions> ActionsAsync(ProjectPages who, string code) =>
        who.RunAsync<ProjectAreaQueries, ProjectActions>(async (queries, user) => (await queries.DetailsAsync(user, ProjectCode.Parse(code)))!.Actions);
}
