using GuaGou.Domain.ProjectAreas;
using GuaGou.Infrastructure.Exports;
using GuaGou.Infrastructure.ProjectAreas;
using GuaGou.Web.Account;

namespace GuaGou.Web.Projects;

/// <summary>The project list as .xlsx, and the JSON API for other systems and scripts (same reads, same scoping).</summary>
public static class ProjectEndpoints
{
    public static void MapProjectEndpoints(this WebApplication app)
    {
        app.MapGet("/projects/export.xlsx", async (HttpContext context, ProjectAreaQueries queries, TimeProvider clock) =>
        {
            var now = clock.GetUtcNow().ToOffset(Domain.Common.ChinaTime.Offset);
            var user = CurrentUserAccessor.Require(context.User);
            var rows = await queries.ListAllAsync(user, ProjectListParameters.Parse(context.Request.Query), ct: context.RequestAborted);
            var sheet = new XlsxSheet("项目区", Columns, rows.Select(ToCells), Title: $"增减挂钩项目区清单（导出于 {now:yyyy-MM-dd HH:mm}）");
            context.Response.Headers.CacheControl = "no-store";
            return Results.File(XlsxWorkbook.ToBytes([sheet]), XlsxWorkbook.ContentType, $"项目区清单-{now:yyyyMMdd}.xlsx");
        });

        var api = app.MapGroup("/api/projects").WithTags("项目区");
        api.MapGet("/", async (HttpContext context, ProjectAreaQueries queries) =>
        {
            var user = CurrentUserAccessor.Require(context.User);
            var page = await queries.ListAsync(user, ProjectListParameters.Parse(context.Request.Query), context.RequestAborted);
            return Results.Ok(new ProjectListResponse(page.Total, page.PageNumber, page.PageSize, page.Items.Select(ProjectSummary.From).ToList()));
        })
        .WithName("ListProjects")
        .WithSummary("项目区列表（与 /projects 页面相同的筛选参数：county, township, stage, year, kind, overdue, q, sort, desc, page, size）");

        api.MapGet("/{code}", async (string code, HttpContext context, ProjectAreaQueries queries, TimeProvider clock) =>
        {
            var user = CurrentUserAccessor.Require(context.User);
            if (!ProjectCode.TryParse(code, out var projectCode) || await queries.DetailsAsync(user, projectCode, context.RequestAborted) is not { } details)
            {
                return Results.NotFound();
            }

            return Results.Ok(ProjectDetailResponse.From(details, Domain.Common.ChinaTime.Today(clock)));
        })
        .WithName("GetProject")
        .WithSummary("项目区详情：基本信息、面积平衡、地块、期限和办理历史");
    }

    private static readonly XlsxColumn[] Columns =
    [
        new("项目区编号", Width: 18), new("项目区名称", Width: 36), new("县（旗、区）", Width: 14), new("年度", XlsxFormat.Integer, 8),
        new("项目类型", Width: 16), new("阶段", Width: 10),
        new("拆旧地块数", XlsxFormat.Integer, 10), new("拆旧面积（亩）", XlsxFormat.Decimal2), new("拆旧面积（公顷）", XlsxFormat.Decimal4),
        new("复垦面积（亩）", XlsxFormat.Decimal2), new("建新地块数", XlsxFormat.Integer, 10), new("建新面积（亩）", XlsxFormat.Decimal2),
        new("节余面积（亩）", XlsxFormat.Decimal2), new("实施期限", XlsxFormat.Date, 12), new("验收期限", XlsxFormat.Date, 12), new("期限状态", Width: 12),
    ];

    private static object?[] ToCells(ProjectRow r) =>
    [
        r.Code, r.Name, r.CountyName, r.Year, ChineseNames.Of(r.Kind), ChineseNames.Of(r.Stage),
        r.DemolitionParcels, Math.Round(r.DemolitionSquareMetres / Area.SquareMetresPerMu, 2), Math.Round(r.DemolitionSquareMetres / Area.SquareMetresPerHectare, 4),
        Math.Round(r.ReclaimedSquareMetres / Area.SquareMetresPerMu, 2), r.ConstructionParcels, Math.Round(r.ConstructionSquareMetres / Area.SquareMetresPerMu, 2),
        Math.Round((r.ReclaimedSquareMetres - r.ConstructionSquareMetres) / Area.SquareMetresPerMu, 2),
        r.ImplementationDueOn, r.AcceptanceDueOn, r.Overdue ? "已逾期" : r.DueSoon ? "60 天内到期" : "",
    ];
}

public sealed record ProjectListResponse(int Total, int Page, int PageSize, IReadOnlyList<ProjectSummary> Items);

public sealed record ProjectSummary(
    string Code, string Name, string County, int Year, string Kind, string KindName, int Stage, string StageName,
    decimal DemolitionSquareMetres, decimal ReclaimedSquareMetres, decimal ConstructionSquareMetres,
    DateOnly? ImplementationDueOn, DateOnly? AcceptanceDueOn, bool Overdue, bool DueSoon)
{
    public static ProjectSummary From(ProjectRow r) => new(r.Code, r.Name, r.CountyName, r.Year, r.Kind.ToString(), ChineseNames.Of(r.Kind),
        (int)r.Stage, ChineseNames.Of(r.Stage), r.DemolitionSquareMetres, r.ReclaimedSquareMetres, r.ConstructionSquareMetres,
        r.ImplementationDueOn, r.AcceptanceDueOn, r.Overdue, r.DueSoon);
}

public sealed record ProjectDetailResponse(
    string Code, string Name, string County, string CountyCode, int Year, string Kind, string PlanType, string? ResponsibleUnits,
    int Stage, string StageName, string? ApprovalDocument, DateOnly? ApprovedOn, string? ApprovalLevel,
    BalanceResponse Balance, IReadOnlyList<ParcelResponse> Parcels, IReadOnlyList<DeadlineResponse> Deadlines,
    IReadOnlyList<HistoryResponse> History)
{
    public static ProjectDetailResponse From(ProjectDetails d, DateOnly today) =>
        new(d.Code, d.Name, d.CountyName, d.CountyCode, d.Year, d.Kind.ToString(), d.PlanType.ToString(), d.ResponsibleUnits,
            (int)d.Stage, ChineseNames.Of(d.Stage), d.ApprovalDocument, d.ApprovedOn, d.ApprovalLevel?.ToString(),
            new BalanceResponse(d.Balance.DemolitionTotal.SquareMetres, d.Balance.Reclaimed.SquareMetres, d.Balance.ConstructionTotal.SquareMetres,
                d.Balance.SurplusSquareMetres, d.Balance.SurplusRatio, d.Balance.Holds),
            d.Parcels.Select(p => new ParcelResponse(p.Code, p.Name, p.Zone.ToString(), p.Township, p.Village, p.LandClass.Value,
                p.ReclamationDirection?.ToString(), p.PlannedUse, p.DeclaredArea.SquareMetres, p.ComputedArea?.SquareMetres)).ToList(),
            d.Deadlines.Select(x => new DeadlineResponse(x.Name, x.DueOn, x.StatusOn(today).ToString())).ToList(),
            d.History.Select(h => new HistoryResponse(h.Kind.ToString(), (int)h.From, (int)h.To, h.ActorName, h.OccurredAt, h.EffectiveOn,
                h.DocumentNumber, h.Opinion)).ToList());
}

public sealed record BalanceResponse(decimal DemolitionSquareMetres, decimal ReclaimedSquareMetres, decimal ConstructionSquareMetres,
    decimal SurplusSquareMetres, decimal? SurplusRatio, bool Holds);

public sealed record ParcelResponse(string Code, string? Name, string Zone, string Township, string? Village, string LandClass,
    string? ReclamationDirection, string? PlannedUse, decimal DeclaredSquareMetres, decimal? ComputedSquareMetres);

public sealed record DeadlineResponse(string Name, DateOnly DueOn, string Status);

public sealed record HistoryResponse(string Kind, int From, int To, string Actor, DateTimeOffset OccurredAt, DateOnly EffectiveOn,
    string? DocumentNumber, string? Opinion);
