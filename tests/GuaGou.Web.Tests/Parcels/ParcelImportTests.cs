using System.Net;
using System.Text;
using GuaGou.Domain.Access;
using GuaGou.Domain.Parcels.Txt;
using GuaGou.Domain.ProjectAreas;
using GuaGou.Testing;
using GuaGou.Web.Tests.Projects;
using GuaGou.Domain.Common;
using GuaGou.Infrastructure.Parcels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GuaGou.Web.Tests.Parcels;

/// <summary>Upload → preview → commit of the standard TXT through the real pipeline and PostGIS.</summary>
public sealed class ParcelImportTests(GuaGouAppFactory app) : IClassFixture<GuaGouAppFactory>
{
    /// <summary>The FORMATS.md example: CJ01 100 m × 80 m minus a 200 m² triangle, JX01 50 m × 40 m, zone 39.</summary>
    public const string Example = """
        [属性描述]
        格式版本号=1.01
        数据产生单位=某县自然资源局
        数据产生日期=2024-5-20
        坐标系=2000国家大地坐标系
        几度分带=3
        投影类型=高斯克吕格
        计量单位=米
        带号=39
        精度=0.001
        转换参数=,,,,,,
        [地块坐标]
        9,0.7800,CJ01,某村拆旧地块1,面,,拆旧复垦,0702,@
        J1,1,3760100.000,39500000.000
        J2,1,3760100.000,39500080.000
        J3,1,3760000.000,39500080.000
        J4,1,3760000.000,39500000.000
        J1,1,3760100.000,39500000.000
        J5,2,3760060.000,39500020.000
        J6,2,3760060.000,39500040.000
        J7,2,3760040.000,39500030.000
        J5,2,3760060.000,39500020.000
        5,0.2000,JX01,某镇建新地块1,面,,城镇建设,,@
        J1,1,3761000.000,39501000.000
        J2,1,3761000.000,39501040.000
        J3,1,3760950.000,39501040.000
        J4,1,3760950.000,39501000.000
        J1,1,3761000.000,39501000.000
        """;

    [Fact]
    public async Task Import_OfTheStandardExample_PreviewsBothAreasThenCommitsWithBoundaries()
    {
        var clerk = await ProjectPages.SignInAsync(app, Roles.CountyClerk, "150421");
        var code = await clerk.CreateProjectAsync("坐标导入测试项目区");

        var preview = await UploadAsync(clerk, code, "Demolition", Gbk(Shifted(2)), "拆旧坐标.txt");

        var page = await clerk.Client.GetDocumentAsync(preview);
        var rows = page.QuerySelectorAll("[data-testid='import-parcels'] tbody tr").ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("7,800.00", rows[0].TextContent, StringComparison.Ordinal); // planar area of CJ01
        Assert.Contains("EPSG:4527", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("[data-testid='import-errors']"));

        var committed = await CommitAsync(clerk, preview);
        Assert.Equal($"/projects/{code}", committed.RedirectTarget());

        await using var db = TestDatabase.CreateContext(app.ConnectionString);
        var parcels = await db.Parcels.Where(p => db.ProjectAreas.Any(x => x.Id == p.ProjectAreaId && x.Code == ProjectCode.Parse(code)))
            .OrderBy(p => p.Code).ToListAsync();
        Assert.Equal(["CJ01", "JX01"], parcels.Select(p => p.Code));
        Assert.All(parcels, p => Assert.NotNull(p.Boundary));
        Assert.Equal(7800m, parcels[0].PlanarArea!.Value.SquareMetres);
        Assert.InRange(parcels[0].ComputedArea!.Value.SquareMetres, 7790m, 7810m);
        Assert.Equal(1, parcels[0].Boundary!.Geometries.Cast<NetTopologySuite.Geometries.Polygon>().Single().NumInteriorRings);
        Assert.Equal(4527, parcels[0].SourceEpsg);
        Assert.Equal(7800m, parcels[0].DeclaredArea.SquareMetres);
    }

    [Fact]
    public async Task Import_WithAnError_ShowsItByLineAndCommittingStoresNothing()
    {
        var clerk = await ProjectPages.SignInAsync(app, Roles.CountyClerk, "150421");
        var code = await clerk.CreateProjectAsync("错误文件测试项目区");
        var broken = Shifted(4).Replace("J2,1,3764100.000,39500080.000", "J2,1,3764100.000,40500080.000", StringComparison.Ordinal);

        var preview = await UploadAsync(clerk, code, "Demolition", Encoding.UTF8.GetBytes(broken), "错误.txt");

        var errors = (await clerk.Client.GetDocumentAsync(preview)).QuerySelector("[data-testid='import-errors']")!.TextContent;
        Assert.Contains("第 15 行", errors, StringComparison.Ordinal);
        // The page offers no commit button; a hand-made post is refused, and so is a direct call of the service.
        var refused = await ForceCommitAsync(clerk, preview);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var imports = scope.ServiceProvider.GetRequiredService<ParcelImportService>();
            var user = await ProjectPages.CurrentUserAsync(app, clerk);
            var error = await Assert.ThrowsAsync<DomainException>(() =>
                imports.CommitAsync(user, ProjectCode.Parse(code), Guid.Parse(preview[(preview.LastIndexOf('/') + 1)..]), 0));
            Assert.Equal("import.has_errors", error.Code);
        }

        await using var db = TestDatabase.CreateContext(app.ConnectionString);
        Assert.False(await db.Parcels.AnyAsync(p => db.ProjectAreas.Any(x => x.Id == p.ProjectAreaId && x.Code == ProjectCode.Parse(code))));
    }

    [Fact]
    public async Task Import_OverlappingAnotherActiveProject_IsAnErrorNamingThatProject()
    {
        var clerk = await ProjectPages.SignInAsync(app, Roles.CountyClerk, "150421");
        var first = await clerk.CreateProjectAsync("先导入的项目区");
        await CommitAsync(clerk, await UploadAsync(clerk, first, "Demolition", Gbk(Shifted(6)), "a.txt"));
        var second = await clerk.CreateProjectAsync("后导入的项目区");

        var preview = await UploadAsync(clerk, second, "Construction", Gbk(Shifted(6)), "b.txt");

        var errors = (await clerk.Client.GetDocumentAsync(preview)).QuerySelector("[data-testid='import-errors']")!.TextContent;
        Assert.Contains(first, errors, StringComparison.Ordinal);
        Assert.Contains("重叠", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_OverlappingAParcelOfAnotherCounty_SaysOnlyThatAnOverlapExists_AndTheCommitIsRefused()
    {
        // Another county's project with parcels QT01/QT02 where this county's file will put CJ01/JX01.
        var stranger = await ProjectPages.SignInAsync(app, Roles.CountyClerk, "360404");
        var foreign = await stranger.CreateProjectAsync("柴桑区保密项目区", county: "柴桑区");
        var foreignFile = Shifted(20).Replace("CJ01", "QT01", StringComparison.Ordinal).Replace("JX01", "QT02", StringComparison.Ordinal)
            .Replace("某村拆旧地块1", "柴桑秘密地块", StringComparison.Ordinal);
        await CommitAsync(stranger, await UploadAsync(stranger, foreign, "Demolition", Gbk(foreignFile), "foreign.txt", township: "沙河街道"));
        var clerk = await ProjectPages.SignInAsync(app, Roles.CountyClerk, "150421");
        var code = await clerk.CreateProjectAsync("跨县重叠测试项目区");

        var preview = await UploadAsync(clerk, code, "Demolition", Gbk(Shifted(20)), "ours.txt");

        var html = await (await clerk.Client.GetAsync(preview)).Content.ReadAsStringAsync();
        var errors = (await clerk.Client.GetDocumentAsync(preview)).QuerySelector("[data-testid='import-errors']")!.TextContent;
        Assert.Contains("第 13 行：地块 CJ01 与其他单位已登记的地块重叠，请与相关县级自然资源主管部门核实。", errors, StringComparison.Ordinal);
        Assert.Contains("地块 JX01 与其他单位已登记的地块重叠", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("平方米", errors, StringComparison.Ordinal);
        await using var scope = app.Services.CreateAsyncScope();
        var imports = scope.ServiceProvider.GetRequiredService<ParcelImportService>();
        var user = await ProjectPages.CurrentUserAsync(app, clerk);
        var importId = Guid.Parse(preview[(preview.LastIndexOf('/') + 1)..]);
        var result = await imports.PreviewAsync(user, ProjectCode.Parse(code), importId);
        Assert.Equal(2, result!.Set.Errors.Count); // once per new parcel
        var service = string.Join("\n", result.Set.Errors.Concat(result.Set.Warnings).Select(e => e.Message));
        foreach (var secret in new[] { foreign, "柴桑区保密项目区", "QT01", "QT02", "柴桑秘密地块", "平方米" })
        {
            Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, service, StringComparison.Ordinal);
        }

        var refused = await Assert.ThrowsAsync<DomainException>(() => imports.CommitAsync(user, ProjectCode.Parse(code), importId, result.ProjectVersion));
        Assert.Equal("import.has_errors", refused.Code);
    }

    [Fact]
    public async Task Preview_OfAThousandStackedParcels_CapsTheFindings_StaysSmall_AndIsComputedOnce()
    {
        var clerk = await ProjectPages.SignInAsync(app, Roles.CountyClerk, "150421");
        var code = await clerk.CreateProjectAsync("叠放地块测试项目区");
        var header = Example[..(Example.IndexOf("[地块坐标]", StringComparison.Ordinal) + "[地块坐标]".Length)];
        var square = string.Join("\n", Shifted(30).Split('\n').Skip(12).Take(6)); // CJ01's outer ring alone, moved 30 km north
        square = square.Replace("9,0.7800,CJ01", "5,0.8000,CODE", StringComparison.Ordinal);
        var file = header + "\n" + string.Join("\n", Enumerable.Range(1, 1000).Select(i => square.Replace("CODE", $"S{i:0000}", StringComparison.Ordinal))) + "\n";
        var cache = app.Services.GetRequiredService<ParcelPreviewCache>();

        var preview = await UploadAsync(clerk, code, "Demolition", Gbk(file), "叠放.txt");
        var checksBefore = cache.FileChecks;
        var first = await clerk.Client.GetAsync(preview);
        var html = await first.Content.ReadAsByteArrayAsync();
        var checksAfterFirst = cache.FileChecks;
        var second = await clerk.Client.GetAsync(preview);
        var map = await clerk.Client.GetAsync(preview + "/preview.geojson");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True(html.Length < 1_000_000, $"the preview page is {html.Length} bytes");
        var page = await clerk.Client.GetDocumentAsync(preview);
        Assert.Equal(1000, page.QuerySelectorAll("[data-testid='import-parcels'] tbody tr").Length);
        var errors = page.QuerySelector("[data-testid='import-errors']")!;
        Assert.Contains("重叠检查已停止，只列出前 100 处", errors.TextContent, StringComparison.Ordinal);
        Assert.InRange(errors.QuerySelectorAll("li").Length, 100, 101);
        Assert.Equal(checksBefore + 1, checksAfterFirst);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, map.StatusCode);
        Assert.Equal(checksAfterFirst, cache.FileChecks); // the reload, the map and the page above reused the first check

        var discarded = await clerk.Client.SubmitFormAsync(preview, "discard", new Dictionary<string, string>());
        Assert.Equal($"/projects/{code}", discarded.RedirectTarget());
        await clerk.Client.GetAsync(preview);
        Assert.Equal(checksAfterFirst + 1, cache.FileChecks); // discarding dropped the cached check
    }

    [Fact]
    public async Task Reimport_ReplacesTheZoneAndKeepsThePreviousVersionForComparison()
    {
        var clerk = await ProjectPages.SignInAsync(app, Roles.CountyClerk, "150421");
        var code = await clerk.CreateProjectAsync("替换版本测试项目区");
        await CommitAsync(clerk, await UploadAsync(clerk, code, "Demolition", Gbk(Shifted(8)), "v1.txt"));
        var withoutJx = Shifted(8)[..Shifted(8).IndexOf("5,0.2000,JX01", StringComparison.Ordinal)];

        Assert.Equal($"/projects/{code}", (await CommitAsync(clerk, await UploadAsync(clerk, code, "Demolition", Gbk(withoutJx), "v2.txt"))).RedirectTarget());

        var versions = await clerk.Client.GetDocumentAsync($"/projects/{code}/parcels/versions");
        var version = versions.QuerySelector("[data-testid='version']")!.TextContent;
        Assert.Contains("原有 2 块", version, StringComparison.Ordinal);
        Assert.Contains("仅在旧版本中：JX01", version, StringComparison.Ordinal);
        var history = (await clerk.Client.GetDocumentAsync($"/projects/{code}")).QuerySelector("[data-testid='history']")!.TextContent;
        Assert.Contains("替换原有 2 块", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commit_WithAStaleVersion_WritesNothing_ThenWithTheCurrentOneReplacesAllOrNothing()
    {
        // The new parcels are written with COPY next to EF's changes: the version check, the kept version, the
        // history record and the parcels must still go together.
        var clerk = await ProjectPages.SignInAsync(app, Roles.CountyClerk, "150421");
        var code = await clerk.CreateProjectAsync("并发导入测试项目区");
        var projectCode = ProjectCode.Parse(code);
        await CommitAsync(clerk, await UploadAsync(clerk, code, "Demolition", Gbk(Shifted(18)), "v1.txt"));
        var withoutJx = Shifted(18)[..Shifted(18).IndexOf("5,0.2000,JX01", StringComparison.Ordinal)];
        var preview = await UploadAsync(clerk, code, "Demolition", Gbk(withoutJx), "v2.txt");
        var importId = Guid.Parse(preview[(preview.LastIndexOf('/') + 1)..]);
        var user = await ProjectPages.CurrentUserAsync(app, clerk);
        uint current;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var imports = scope.ServiceProvider.GetRequiredService<ParcelImportService>();
            current = (await imports.PreviewAsync(user, projectCode, importId))!.ProjectVersion;
            var error = await Assert.ThrowsAsync<DomainException>(() => imports.CommitAsync(user, projectCode, importId, unchecked(current + 1)));
            Assert.Equal("concurrency.conflict", error.Code);
        }

        await using (var db = TestDatabase.CreateContext(app.ConnectionString))
        {
            var project = await db.ProjectAreas.AsNoTracking().Include(p => p.Parcels).Include(p => p.Transitions).SingleAsync(p => p.Code == projectCode);
            Assert.Equal(["CJ01", "JX01"], project.Parcels.Select(p => p.Code).Order(StringComparer.Ordinal));
            Assert.Single(project.Transitions, t => t.Kind == TransitionKind.ParcelsReplaced);
            Assert.False(await db.ParcelZoneVersions.AnyAsync(v => v.ProjectAreaId == project.Id));
            Assert.Equal(ParcelImportStatus.Pending, (await db.ParcelImports.SingleAsync(i => i.Id == importId)).Status);
        }

        int replaced;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            replaced = await scope.ServiceProvider.GetRequiredService<ParcelImportService>().CommitAsync(user, projectCode, importId, current);
        }

        Assert.Equal(2, replaced);
        await using (var db = TestDatabase.CreateContext(app.ConnectionString))
        {
            var project = await db.ProjectAreas.AsNoTracking().Include(p => p.Parcels).Include(p => p.Transitions).SingleAsync(p => p.Code == projectCode);
            var parcel = Assert.Single(project.Parcels);
            Assert.Equal(("CJ01", Zone.Demolition, "0702", ReclamationDirection.Farmland, 4527), (parcel.Code, parcel.Zone, parcel.LandClass.Value, parcel.ReclamationDirection!.Value, parcel.SourceEpsg!.Value));
            Assert.Equal(7800m, parcel.PlanarArea!.Value.SquareMetres);
            Assert.Equal(1, ((NetTopologySuite.Geometries.Polygon)parcel.Boundary!.GetGeometryN(0)).NumInteriorRings);
            Assert.Equal(2, project.Transitions.Count(t => t.Kind == TransitionKind.ParcelsReplaced));
            var kept = await db.ParcelZoneVersions.SingleAsync(v => v.ProjectAreaId == project.Id);
            Assert.Equal((2, importId), (kept.ParcelCount, kept.ImportId!.Value));
            Assert.Equal(ParcelImportStatus.Committed, (await db.ParcelImports.SingleAsync(i => i.Id == importId)).Status);
            // The PostGIS column is generated from the EWKB the COPY wrote.
            Assert.Equal(1L, await db.Database.SqlQueryRaw<long>(
                "SELECT count(*) AS \"Value\" FROM guagou.parcels WHERE project_area_id = {0} AND boundary IS NOT NULL AND ST_SRID(boundary) = 4490", project.Id).SingleAsync());
        }
    }

    [Fact]
    public async Task Export_OfImportedParcels_RoundTripsTheStandardTxt()
    {
        var clerk = await ProjectPages.SignInAsync(app, Roles.CountyClerk, "150421");
        var code = await clerk.CreateProjectAsync("往返测试项目区");
        await CommitAsync(clerk, await UploadAsync(clerk, code, "Demolition", Gbk(Shifted(10)), "rt.txt"));

        var export = await clerk.Client.GetAsync($"/projects/{code}/parcels/export.txt");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var original = CoordinateTxtReader.Read(Gbk(Shifted(10)));
        var exported = CoordinateTxtReader.Read(await export.Content.ReadAsByteArrayAsync());

        Assert.Equal("GB18030", exported.Encoding);
        Assert.Empty(exported.Errors);
        Assert.Equal(original.Parcels.Select(p => p.Code), exported.Parcels.Select(p => p.Code));
        foreach (var (a, b) in original.Parcels.Zip(exported.Parcels))
        {
            Assert.Equal(a.DeclaredArea, b.DeclaredArea);
            Assert.Equal(a.Geometry!.Normalized().Coordinates.Select(c => (Math.Round(c.X, 3), Math.Round(c.Y, 3))),
                b.Geometry!.Normalized().Coordinates.Select(c => (Math.Round(c.X, 3), Math.Round(c.Y, 3))));
        }

        var geojson = await clerk.Client.GetStringAsync($"/projects/{code}/parcels.geojson");
        Assert.Contains("\"MultiPolygon\"", geojson, StringComparison.Ordinal);

        // The ledger's 界址点 sheet: 7 points of CJ01 (4 + a 3-point hole) and 4 of JX01, in the survey's own X/Y.
        var ledger = await clerk.Client.GetByteArrayAsync($"/projects/{code}/parcels/ledger.xlsx");
        using var workbook = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(ledger), false);
        var part = workbook.WorkbookPart!;
        var sheet = part.Workbook.Descendants<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Single(x => x.Name == "界址点坐标");
        var rows = ((DocumentFormat.OpenXml.Packaging.WorksheetPart)part.GetPartById(sheet.Id!)).Worksheet
            .Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().Skip(2).ToList();
        Assert.Equal(11, rows.Count);
        var northings = rows.Select(r => double.Parse(r.Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>().ElementAt(4).CellValue!.Text,
            System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Contains(northings, n => Math.Abs(n - 3770100.000) < 0.001);
    }

    [Fact]
    public async Task Upload_ByNonClerkOrOfAnUnsupportedFile_IsRefusedAndNothingIsStaged()
    {
        var clerk = await ProjectPages.SignInAsync(app, Roles.CountyClerk, "150421");
        var code = await clerk.CreateProjectAsync("上传校验测试项目区");
        var office = await ProjectPages.SignInAsync(app, Roles.LeadingGroupOffice, "150421");

        var byOffice = await office.Client.PostFormBlindAsync($"/projects/{code}/parcels/import", "upload",
            new Dictionary<string, string> { ["Input.Zone"] = "Demolition" });
        var wrongType = await PostUploadAsync(clerk, code, "Demolition", [1, 2, 3], "x.exe");

        Assert.Equal(HttpStatusCode.Forbidden, byOffice.StatusCode);
        Assert.Contains("不支持的文件类型", (await Html.ParseAsync(wrongType)).QuerySelector("[data-testid='error']")!.TextContent, StringComparison.Ordinal);
        await using var db = TestDatabase.CreateContext(app.ConnectionString);
        Assert.False(await db.ParcelImports.AnyAsync(i => db.ProjectAreas.Any(p => p.Id == i.ProjectAreaId && p.Code == ProjectCode.Parse(code))));
    }

    [Fact]
    public async Task ShapefileExport_ReimportedThroughGdal_GivesTheSameParcels_AndFieldsCanBeRemapped()
    {
        var clerk = await ProjectPages.SignInAsync(app, Roles.CountyClerk, "150421");
        var code = await clerk.CreateProjectAsync("Shapefile 往返测试项目区");
        await CommitAsync(clerk, await UploadAsync(clerk, code, "Demolition", Gbk(Shifted(16)), "src.txt"));
        var zip = await clerk.Client.GetAsync($"/projects/{code}/parcels/export.zip");
        Assert.Equal("application/zip", zip.Content.Headers.ContentType!.MediaType);

        var preview = await UploadAsync(clerk, code, "Demolition", await zip.Content.ReadAsByteArrayAsync(), "parcels.zip");

        var page = await clerk.Client.GetDocumentAsync(preview);
        Assert.Null(page.QuerySelector("[data-testid='import-errors']"));
        Assert.Equal(["CJ01", "JX01"], page.QuerySelectorAll("[data-testid='import-parcels'] tbody tr td:nth-child(2)").Select(td => td.TextContent));
        Assert.Contains("DKBH", page.QuerySelector("[data-testid='field-mapping']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("EPSG:4527", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        var remapped = await clerk.Client.SubmitFormAsync(preview, "fields", new Dictionary<string, string>
        {
            ["Fields.Code"] = "DKMC", ["Fields.Name"] = "DKBH", ["Fields.LandClass"] = "DLBM", ["Fields.Use"] = "", ["Fields.DeclaredArea"] = "SBMJ", ["Fields.Epsg"] = "",
        });
        Assert.Equal(preview, remapped.RedirectTarget());
        var names = (await clerk.Client.GetDocumentAsync(preview)).QuerySelectorAll("[data-testid='import-parcels'] tbody tr td:nth-child(2)").Select(td => td.TextContent).ToList();
        Assert.Equal(["某村拆旧地块1", "某镇建新地块1"], names);

        Assert.Equal($"/projects/{code}", (await CommitAsync(clerk, preview)).RedirectTarget());
        await using var db = TestDatabase.CreateContext(app.ConnectionString);
        var planar = await db.Parcels.Where(p => db.ProjectAreas.Any(x => x.Id == p.ProjectAreaId && x.Code == ProjectCode.Parse(code)))
            .OrderBy(p => p.Code).Select(p => p.PlanarArea).ToListAsync();
        Assert.Equal([7800m, 2000m], planar.Select(a => Math.Round(a!.Value.SquareMetres)).OrderDescending());
    }

    [Fact]
    public async Task CliImport_DoesWhatTheWebImportDoes_AndRefusesAFileWithErrors()
    {
        var clerk = await ProjectPages.SignInAsync(app, Roles.CountyClerk, "150421");
        var code = await clerk.CreateProjectAsync("命令行导入测试项目区");
        var good = Path.Combine(Path.GetTempPath(), $"cli-{Guid.NewGuid():N}.txt");
        await File.WriteAllBytesAsync(good, Gbk(Shifted(12)));
        var output = new StringWriter();

        var exit = await GuaGou.Cli.CommandLine.RunAsync(["parcels", "import", good, "--project", code, "--zone", "拆旧", "--user", clerk.UserName,
            "--township", "天山镇", "--connection", app.ConnectionString], TextReader.Null, output, TextWriter.Null);

        Assert.Equal(0, exit);
        Assert.Contains("已导入拆旧区地块 2 块", output.ToString(), StringComparison.Ordinal);
        var bad = Path.Combine(Path.GetTempPath(), $"cli-{Guid.NewGuid():N}.txt");
        await File.WriteAllBytesAsync(bad, Gbk(Shifted(14).Replace("带号=39", "带号=38", StringComparison.Ordinal)));
        var errors = new StringWriter();
        Assert.Equal(1, await GuaGou.Cli.CommandLine.RunAsync(["parcels", "import", bad, "--project", code, "--zone", "拆旧", "--user", clerk.UserName,
            "--township", "天山镇", "--connection", app.ConnectionString], TextReader.Null, TextWriter.Null, errors));
        Assert.Contains("未导入任何地块", errors.ToString(), StringComparison.Ordinal);
        await using var db = TestDatabase.CreateContext(app.ConnectionString);
        Assert.Equal(2, await db.Parcels.CountAsync(p => db.ProjectAreas.Any(x => x.Id == p.ProjectAreaId && x.Code == ProjectCode.Parse(code))));
    }

    [Fact]
    public async Task Reimport_KeepsHouseholdsOnTheirParcelCodes_AndRefusesToDropAParcelWithHouseholds()
    {
        var clerk = await ProjectPages.SignInAsync(app, Roles.CountyClerk, "150421");
        var code = await clerk.CreateProjectAsync("农户地块重测项目区");
        var file = Gbk(Shifted(40));
        await CommitAsync(clerk, await UploadAsync(clerk, code, "Demolition", file, "拆旧.txt"));
        var township = await ProjectPages.SignInAsync(app, Roles.TownshipClerk, "150421100");
        var officer = await ProjectPages.CurrentUserAsync(app, township);
        int householdId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await using var db = TestDatabase.CreateContext(app.ConnectionString);
            var parcelId = await db.Parcels.Where(p => p.Code == "CJ01" && db.ProjectAreas.Any(x => x.Id == p.ProjectAreaId && x.Code == ProjectCode.Parse(code)))
                .Select(p => p.Id).SingleAsync();
            var body = "15042119800101123";
            householdId = await scope.ServiceProvider.GetRequiredService<GuaGou.Infrastructure.Households.HouseholdService>().RegisterAsync(officer, parcelId,
                new GuaGou.Domain.Households.HouseholdData("重测户", GuaGou.Domain.Households.IdCardNumber.Parse(body + GuaGou.Domain.Households.IdCardNumber.CheckCharacterFor(body)),
                    3, Area.FromSquareMetres(120m), GuaGou.Domain.Households.LocationClass.OutsidePlanningArea,
                    GuaGou.Domain.Households.ResettlementChoice.MonetaryCompensation, null, null));
        }

        // The re-survey brings CJ01 back: the household moves to the new CJ01.
        var again = await CommitAsync(clerk, await UploadAsync(clerk, code, "Demolition", file, "拆旧-重测.txt"));
        Assert.Equal($"/projects/{code}", again.RedirectTarget());
        await using (var db = TestDatabase.CreateContext(app.ConnectionString))
        {
            var household = await db.Households.SingleAsync(h => h.Id == householdId);
            Assert.Equal("CJ01", await db.Parcels.Where(p => p.Id == household.ParcelId).Select(p => p.Code).SingleAsync());
        }

        // A file without CJ01 would leave the household without a parcel: refused, nothing changes.
        var withoutCj01 = System.Text.RegularExpressions.Regex.Replace(Shifted(40), @"9,0\.7800,CJ01[^@]*@\s*(J\d+,[^\n]*\n\s*)+", "");
        Assert.DoesNotContain("CJ01", withoutCj01, StringComparison.Ordinal);
        var refused = await CommitAsync(clerk, await UploadAsync(clerk, code, "Demolition", Gbk(withoutCj01), "拆旧-缺地块.txt"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("地块 CJ01 上已登记 1 户农户", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using (var db = TestDatabase.CreateContext(app.ConnectionString))
        {
            Assert.Equal(["CJ01", "JX01"], await db.Parcels.Where(p => db.ProjectAreas.Any(x => x.Id == p.ProjectAreaId && x.Code == ProjectCode.Parse(code)))
                .OrderBy(p => p.Code).Select(p => p.Code).ToListAsync());
        }

        // Nor can the parcel be deleted by hand.
        var cj01 = await ParcelIdAsync(code, "CJ01");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var county = await ProjectPages.CurrentUserAsync(app, clerk);
            var projects = scope.ServiceProvider.GetRequiredService<GuaGou.Infrastructure.ProjectAreas.ProjectAreaService>();
            var error = await Assert.ThrowsAsync<DomainException>(() => projects.RemoveParcelAsync(county, ProjectCode.Parse(code), 0, cj01));
            Assert.Equal("parcel.households.remove", error.Code);
        }
    }

    private async Task<int> ParcelIdAsync(string code, string parcelCode)
    {
        await using var db = TestDatabase.CreateContext(app.ConnectionString);
        return await db.Parcels.Where(p => p.Code == parcelCode && db.ProjectAreas.Any(x => x.Id == p.ProjectAreaId && x.Code == ProjectCode.Parse(code)))
            .Select(p => p.Id).SingleAsync();
    }

    /// <summary>
    /// The example moved <paramref name="kilometres"/> km north, so that tests sharing a database do not overlap
    /// each other's parcels (overlaps across projects are an error by design).
    /// </summary>
    private static string Shifted(int kilometres) => System.Text.RegularExpressions.Regex.Replace(Example,
        @"^(J\d+,\d+,)(\d+\.\d+)", m => m.Groups[1].Value +
            (double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) + kilometres * 1000)
                .ToString("0.000", System.Globalization.CultureInfo.InvariantCulture),
        System.Text.RegularExpressions.RegexOptions.Multiline);

    private static byte[] Gbk(string text)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GBK").GetBytes(text.Replace("\n", "\r\n", StringComparison.Ordinal));
    }

    private static async Task<string> UploadAsync(ProjectPages user, string code, string zone, byte[] content, string fileName, string township = "天山镇")
    {
        var response = await PostUploadAsync(user, code, zone, content, fileName, township);
        var target = response.RedirectTarget();
        Assert.StartsWith($"/projects/{code}/parcels/import/", target, StringComparison.Ordinal);
        return target;
    }

    private static async Task<HttpResponseMessage> PostUploadAsync(ProjectPages user, string code, string zone, byte[] content, string fileName,
        string township = "天山镇")
    {
        var url = $"/projects/{code}/parcels/import";
        return await user.Client.UploadFormAsync(url, "upload", new Dictionary<string, string>
        {
            ["Input.Zone"] = zone,
            ["Input.TownshipId"] = await user.Client.OptionValueAsync(url, "#township", township),
            ["Input.DefaultLandClass"] = "0602",
            ["Input.DefaultDirection"] = "Farmland",
            ["Input.DefaultPlannedUse"] = "集中安置",
        }, content, fileName);
    }

    private static async Task<HttpResponseMessage> ForceCommitAsync(ProjectPages user, string previewUrl)
    {
        var page = await user.Client.GetDocumentAsync(previewUrl);
        var token = page.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        return await user.Client.PostAsync(previewUrl, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "commit", ["__RequestVerificationToken"] = token, ["Input.Confirmed"] = "true", ["Input.Version"] = "0",
        }));
    }

    private static Task<HttpResponseMessage> CommitAsync(ProjectPages user, string previewUrl) =>
        user.Client.SubmitFormAsync(previewUrl, "commit", new Dictionary<string, string> { ["Input.Confirmed"] = "true" });
}
