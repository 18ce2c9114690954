using System.Net;
using System.Text;
using GuaGou.Domain.Households;
using GuaGou.Domain.ProjectAreas;
using GuaGou.Infrastructure.Exports;
using GuaGou.Infrastructure.Households.Register;
using GuaGou.Testing;
using GuaGou.Web.Tests.Projects;
using Microsoft.EntityFrameworkCore;

namespace GuaGou.Web.Tests.Households;

/// <summary>
/// Bulk import of a household register through /projects/{code}/households/import: all or nothing. A file with any
/// bad row is a 422 listing each problem by row and column, and no household is stored; a good file stores every row.
/// </summary>
public sealed class RegisterImportTests(GuaGouAppFactory app) : IClassFixture<GuaGouAppFactory>
{
    private static readonly string[] Header = [.. HouseholdRegisterTemplate.Columns];

    private static string[] Row(string parcel, string name, string id, string members = "4", string location = "城镇规划区外",
        string resettlement = "集中安置", string plot = "100", string consent = "") =>
        [parcel, name, id, members, "120.5", location, resettlement, plot, consent, ""];

    private static byte[] Csv(params string[][] rows)
    {
        var text = new StringBuilder().Append(string.Join(',', Header)).Append("\r\n");
        foreach (var row in rows)
        {
            text.Append(string.Join(',', row)).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static byte[] Xlsx(params string[][] rows) => XlsxWorkbook.ToBytes(
    [
        new XlsxSheet(HouseholdRegisterTemplate.SheetName, Header.Select(h => new XlsxColumn(h, XlsxFormat.Text, 16)).ToList(),
            rows.Select(r => (IReadOnlyList<object?>)r.Cast<object?>().ToList())),
    ]);

    private async Task<(ProjectPages Township, string Code)> ProjectAsync()
    {
        var county = await HouseholdSteps.CountyClerkAsync(app);
        var township = await HouseholdSteps.TownshipClerkAsync(app);
        var code = await HouseholdSteps.ProjectAsync(county, "导入测试项目区",
            ("CJ01", Places.TownshipAName), ("CJ02", Places.TownshipAName), ("CJ03", Places.TownshipBName));
        return (township, code);
    }

    private static Task<HttpResponseMessage> ImportAsync(ProjectPages township, string code, byte[] file, string fileName) =>
        township.Client.PostMultipartAsync($"/projects/{code}/households/import", "register", new Dictionary<string, string>(),
            [new FilePart("file", file, fileName)]);

    private async Task<int> HouseholdsOfAsync(string code)
    {
        await using var db = TestDatabase.CreateContext(app.ConnectionString);
        return await db.Households.CountAsync(h => db.ProjectAreas.Any(p => p.Id == h.ProjectAreaId && p.Code == ProjectCode.Parse(code)));
    }

    private static async Task<string[]> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await Html.ParseAsync(response);
        var box = page.QuerySelector("[data-testid='register-errors']");
        Assert.NotNull(box);
        Assert.Contains("未导入任何农户", box.TextContent, StringComparison.Ordinal);
        return box.QuerySelectorAll("li").Select(li => li.TextContent.Trim()).ToArray();
    }

    [Fact]
    public async Task Import_WithOneBadCheckDigit_Is422WithRowAndColumn_AndStoresNoHousehold()
    {
        var (township, code) = await ProjectAsync();

        var response = await ImportAsync(township, code, Csv(
            Row("CJ01", "赵一", IdCards.Next()),
            Row("CJ02", "钱二", IdCards.WithWrongCheck(IdCards.Next())),
            Row("CJ01", "孙三", IdCards.Next())), "农户登记表.csv");

        var errors = await ErrorsAsync(response);
        Assert.Equal(["第 3 行「身份证号码」：身份证号码校验位不正确，请核对。"], errors);
        Assert.Equal(0, await HouseholdsOfAsync(code));
    }

    [Fact]
    public async Task Import_WithRowsTheDomainOrTheProjectRefuses_ListsEveryRowAndStoresNoHousehold()
    {
        var (township, code) = await ProjectAsync();
        var taken = IdCards.Next();
        await township.RegisterAsync(app, code, "CJ02", "已登记户", idCard: taken);

        var response = await ImportAsync(township, code, Csv(
            Row("CJ01", "赵一", IdCards.Next()),
            Row("CJ99", "钱二", IdCards.Next()),                    // no such parcel in the project
            Row("CJ03", "孙三", IdCards.Next()),                    // township B's parcel
            Row("CJ01", "李四", IdCards.Next(), members: "0"),      // the domain's members range
            Row("CJ02", "周五", taken)), "农户登记表.csv");          // one household, one homestead

        var errors = await ErrorsAsync(response);
        Assert.Equal(4, errors.Length);
        Assert.Contains(errors, e => e.StartsWith("第 3 行「地块编号」", StringComparison.Ordinal) && e.Contains("没有地块 CJ99", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("第 4 行「地块编号」", StringComparison.Ordinal) && e.Contains("不在您所在的乡镇", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("第 5 行", StringComparison.Ordinal) && e.Contains("家庭人口", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("第 6 行「身份证号码」", StringComparison.Ordinal) && e.Contains("已登记过", StringComparison.Ordinal));
        Assert.Equal(1, await HouseholdsOfAsync(code));
    }

    [Fact]
    public async Task Import_WithTheSameIdCardOnTwoRows_NamesTheRowAndStoresNothing()
    {
        var (township, code) = await ProjectAsync();
        var card = IdCards.Next();

        var response = await ImportAsync(township, code, Csv(
            Row("CJ01", "赵一", card),
            Row("CJ02", "赵一（重复）", card)), "农户登记表.csv");

        var errors = await ErrorsAsync(response);
        Assert.Contains(errors, e => e.StartsWith("第 3 行「身份证号码」", StringComparison.Ordinal));
        Assert.Equal(0, await HouseholdsOfAsync(code));
    }

    [Fact]
    public async Task Import_OfAValidCsv_StoresEveryHouseholdWithTheConsentDates()
    {
        var (township, code) = await ProjectAsync();
        var ids = new[] { IdCards.Next(), IdCards.Next(), IdCards.Next() };

        var response = await ImportAsync(township, code, Csv(
            Row("CJ01", "赵一", ids[0], consent: "2026-03-15"),
            Row("CJ02", "钱二", ids[1], location: "城镇规划区内", resettlement: "货币补偿", plot: ""),
            Row("CJ01", "孙三", ids[2], location: "山区", plot: "180")), "农户登记表.csv");

        Assert.Equal($"/projects/{code}/households?imported=3", response.RedirectTarget());
        await using var db = TestDatabase.CreateContext(app.ConnectionString);
        var stored = await db.Households.Include(h => h.Agreements).Where(h => h.ProjectAreaId == db.ProjectAreas.Single(p => p.Code == ProjectCode.Parse(code)).Id)
            .OrderBy(h => h.Id).ToListAsync();
        Assert.Equal(["赵一", "钱二", "孙三"], stored.Select(h => h.HeadName));
        Assert.Equal(ids, stored.Select(h => h.IdCard.Value));
        Assert.Equal(new DateOnly(2026, 3, 15), stored[0].AgreementOf(AgreementKind.Consent)!.SignedOn);
        Assert.False(stored[1].HasConsent);
        Assert.Equal((LocationClass.InsidePlanningArea, ResettlementChoice.MonetaryCompensation, (Area?)null),
            (stored[1].Location, stored[1].Resettlement, stored[1].ResettlementPlotArea));
        Assert.Equal(LocationClass.MountainBorderMinority, stored[2].Location);
        var list = await township.Client.GetDocumentAsync($"/projects/{code}/households");
        Assert.Equal(3, list.QuerySelectorAll("[data-testid='households'] tbody tr").Length);
    }

    [Fact]
    public async Task Import_OfAValidXlsx_StoresEveryHousehold()
    {
        var (township, code) = await ProjectAsync();

        var response = await ImportAsync(township, code, Xlsx(
            Row("CJ01", "吴六", IdCards.Next(), members: "2", plot: "60"),
            Row("CJ02", "郑七", IdCards.Next(), consent: "2026-01-02")), "农户登记表.xlsx");

        Assert.Equal($"/projects/{code}/households?imported=2", response.RedirectTarget());
        Assert.Equal(2, await HouseholdsOfAsync(code));
    }

    [Fact]
    public async Task Import_OfAFileWithUnreadableCells_ListsThemAndStoresNothing()
    {
        var (township, code) = await ProjectAsync();

        var response = await ImportAsync(township, code, Csv(
            Row("CJ01", "赵一", IdCards.Next(), members: "四口"),
            Row("CJ01", "钱二", IdCards.Next(), location: "火星")), "农户登记表.csv");

        var errors = await ErrorsAsync(response);
        Assert.Contains(errors, e => e.StartsWith("第 2 行「家庭人口」", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("第 3 行「区位」", StringComparison.Ordinal));
        Assert.Equal(0, await HouseholdsOfAsync(code));
    }

    [Fact]
    public async Task Import_ByTheCountyClerk_IsRefusedAndStoresNothing()
    {
        var (_, code) = await ProjectAsync();
        var county = await HouseholdSteps.CountyClerkAsync(app);

        Assert.Equal(HttpStatusCode.Forbidden, (await county.Client.GetAsync($"/projects/{code}/households/import")).StatusCode);
        var response = await county.Client.PostUnseenFormAsync($"/projects/{code}/households/import", "register", new Dictionary<string, string>(),
            [new FilePart("file", Csv(Row("CJ01", "赵一", IdCards.Next())), "农户登记表.csv")]);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await HouseholdsOfAsync(code));
    }

    [Fact]
    public async Task Templates_AreDownloadableAndHaveTheColumnsTheImportReads()
    {
        var (township, _) = await ProjectAsync();

        var csv = await township.Client.GetByteArrayAsync("/households/template.csv");
        Assert.StartsWith(string.Join(',', Header), Encoding.UTF8.GetString(csv).TrimStart('\uFEFF'), StringComparison.Ordinal);
        var xlsx = await township.Client.GetAsync("/households/template.xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal(XlsxWorkbook.ContentType, xlsx.Content.Headers.ContentType?.MediaType);
        var parsed = HouseholdRegisterReader.Read(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), "t.xlsx");
        // The blank template's header is recognised: the only complaint is that no household was filled in.
        Assert.Equal(["表头下方没有农户数据。"], parsed.Errors.Select(e => e.ToString()));
        Assert.Empty(parsed.Entries);
    }
}
