using GuaGou.Domain.Households;
using GuaGou.Domain.ProjectAreas;
using GuaGou.Infrastructure.Exports;
using GuaGou.Infrastructure.Households;
using GuaGou.Infrastructure.Households.Register;
using GuaGou.Web.Account;

namespace GuaGou.Web.Households;

/// <summary>The household register's files: the blank templates for bulk import and a project's register as .xlsx.</summary>
public static class HouseholdEndpoints
{
    public static void MapHouseholdEndpoints(this WebApplication app)
    {
        app.MapGet("/households/template.xlsx", () =>
            Results.File(HouseholdRegisterTemplate.Xlsx(), XlsxWorkbook.ContentType, "农户登记表模板.xlsx"));

        app.MapGet("/households/template.csv", () =>
            Results.File(HouseholdRegisterTemplate.Csv(), "text/csv; charset=utf-8", "农户登记表模板.csv"));

        app.MapGet("/progress.xlsx", async (HttpContext context, HouseholdQueries queries) =>
        {
            var (byTownship, byProject) = await queries.ProgressAsync(CurrentUserAccessor.Require(context.User), context.RequestAborted);
            context.Response.Headers.CacheControl = "no-store";
            var bytes = XlsxWorkbook.ToBytes([ProgressSheet("按乡镇", byTownship), ProgressSheet("按项目区", byProject.Select(p => p.Figures))]);
            return Results.File(bytes, XlsxWorkbook.ContentType, "拆旧进度.xlsx");
        });

        app.MapGet("/projects/{code}/households.xlsx", async (string code, HttpContext context, HouseholdQueries queries) =>
        {
            var user = CurrentUserAccessor.Require(context.User);
            if (!ProjectCode.TryParse(code, out var projectCode) || await queries.ForProjectAsync(user, projectCode, context.RequestAborted) is not { } register)
            {
                return Results.NotFound();
            }

            context.Response.Headers.CacheControl = "no-store";
            return Results.File(XlsxWorkbook.ToBytes([Sheet(register)]), XlsxWorkbook.ContentType, $"{code}-农户登记表.xlsx");
        });
    }

    private static XlsxSheet ProgressSheet(string name, IEnumerable<ProgressFigures> figures) => new(name,
        [
            new("名称", Width: 30), new("户数", XlsxFormat.Integer, 8), new("已同意", XlsxFormat.Integer, 8), new("双签完成", XlsxFormat.Integer, 8),
            new("已拆除", XlsxFormat.Integer, 8), new("复垦完成", XlsxFormat.Integer, 8), new("宅基地（亩）", XlsxFormat.Decimal2),
            new("已拆除（亩）", XlsxFormat.Decimal2), new("已复垦（亩）", XlsxFormat.Decimal2), new("拆除进度（%）", XlsxFormat.Decimal2),
        ],
        figures.Select(f => (IReadOnlyList<object?>)
        [
            f.Label, f.Households, f.Consented, f.BothSigned, f.Demolished, f.Reclaimed, f.HomesteadSquareMetres / Area.SquareMetresPerMu,
            f.DemolishedSquareMetres / Area.SquareMetresPerMu, f.ReclaimedSquareMetres / Area.SquareMetresPerMu, f.DemolishedPercent,
        ]),
        $"拆旧进度（{name}）");

    private static XlsxSheet Sheet(ProjectHouseholds register)
    {
        XlsxColumn[] columns =
        [
            new("地块编号", Width: 12), new("乡镇", Width: 12), new("户主姓名", Width: 10), new("身份证号码", Width: 22),
            new("家庭人口", XlsxFormat.Integer, 8), new("现宅基地面积（平方米）", XlsxFormat.Decimal2), new("区位", Width: 16),
            new("安置方式", Width: 10), new("安置宅基地面积（平方米）", XlsxFormat.Decimal2), new("宅基地标准", Width: 40),
            new("权属方同意书", Width: 8), new("补偿协议", Width: 8), new("安置协议", Width: 8), new("进度", Width: 10),
            new("拆除日期", XlsxFormat.Date, 12), new("缺少材料", Width: 40),
        ];
        var rows = register.Rows.Select(r => (IReadOnlyList<object?>)
        [
            r.ParcelCode, r.TownshipName, r.HeadName, r.IdCardMasked, r.Members, r.HomesteadArea.SquareMetres, HouseholdNames.Of(r.Location),
            HouseholdNames.Of(r.Resettlement), r.ResettlementPlotArea?.SquareMetres,
            r.Standard is null ? "—" : r.Standard.WithinStandard ? "符合" : string.Join("；", r.Standard.Breaches),
            r.HasConsent ? "有" : "无", r.HasCompensation ? "有" : "无", r.HasResettlement ? "有" : "无", HouseholdNames.Of(r.Status),
            r.DemolishedOn, string.Join("；", r.Missing),
        ]);
        return new XlsxSheet("农户登记表", columns, rows, $"{register.ProjectName}（{register.Code}）农户登记表");
    }
}
