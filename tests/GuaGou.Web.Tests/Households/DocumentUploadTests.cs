using System.Net;
using System.Text;
using GuaGou.Testing;
using GuaGou.Web.Tests.Projects;
using Microsoft.EntityFrameworkCore;

namespace GuaGou.Web.Tests.Households;

/// <summary>
/// Uploads the store refuses, through the real upload page: each is a 422 with the reason in Chinese, and leaves no
/// row in <c>documents</c>, no file under <c>files/</c> and no staging leftover. The host's limit is 100 KB.
/// </summary>
public sealed class DocumentUploadTests(SmallUploadLimitFactory app) : IClassFixture<SmallUploadLimitFactory>
{
    private async Task<(ProjectPages Township, int HouseholdId)> HouseholdAsync()
    {
        var clerk = await HouseholdSteps.CountyClerkAsync(app);
        var township = await HouseholdSteps.TownshipClerkAsync(app);
        var code = await HouseholdSteps.ProjectAsync(clerk, "上传测试项目区", ("CJ01", Places.TownshipAName));
        return (township, await township.RegisterAsync(app, code, "CJ01", "王上传"));
    }

    private async Task AssertRefusedAsync(byte[] bytes, string fileName, string expectedMessage)
    {
        var (township, id) = await HouseholdAsync();
        var before = await StoreState.OfAsync(app);

        var response = await township.UploadAsync(id, bytes, fileName);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(expectedMessage, await HouseholdForms.ErrorOfAsync(response), StringComparison.Ordinal);
        Assert.Equal(before, await StoreState.OfAsync(app));
        Assert.Equal(0, (await StoreState.OfAsync(app)).Staging);
    }

    [Fact]
    public Task Upload_LargerThanTheConfiguredLimit_IsRefusedAndNothingIsStored()
    {
        // A PDF by its first and last bytes; only its size is wrong.
        var padded = Encoding.ASCII.GetBytes("%PDF-1.4\n%" + new string('x', (int)SmallUploadLimitFactory.MaxBytes) + "\n%%EOF\n");
        return AssertRefusedAsync(padded, "大文件.pdf", "超过上限 0.1 MB");
    }

    [Fact]
    public Task Upload_OfAnEmptyFile_IsRefusedAndNothingIsStored() =>
        AssertRefusedAsync([], "空文件.pdf", "文件为空");

    [Fact]
    public Task Upload_WithWrongMagicBytesUnderAPdfName_IsRefusedAndNothingIsStored() =>
        AssertRefusedAsync(Encoding.UTF8.GetBytes("PK这不是 PDF，只是改了扩展名的文本。%%EOF"), "同意书.pdf", "文件内容不是 PDF、JPG、PNG 或 OFD");

    [Fact]
    public Task Upload_OfHtmlDisguisedAsJpg_IsRefusedAndNothingIsStored() =>
        AssertRefusedAsync(Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"),
            "拆除前.jpg", "文件内容不是 PDF、JPG、PNG 或 OFD");

    [Fact]
    public Task Upload_WithAPathInItsName_IsRefusedAndNothingIsStored() =>
        AssertRefusedAsync(Samples.Pdf("path"), "../../x.pdf", "文件名不能包含路径");

    [Fact]
    public async Task Upload_OfTheSameBytesTwiceToOneProject_RefusesTheSecondAndStoresOnlyTheFirst()
    {
        var (township, id) = await HouseholdAsync();
        var photo = Samples.Png("duplicate");
        var before = await StoreState.OfAsync(app);
        Assert.Equal($"/households/{id}", (await township.UploadAsync(id, photo, "拆除前1.png")).RedirectTarget());
        var afterFirst = await StoreState.OfAsync(app);
        Assert.Equal(before.Rows + 1, afterFirst.Rows);
        Assert.True(afterFirst.Files > before.Files);

        var second = await township.UploadAsync(id, photo, "拆除前-再传一次.png", purpose: "PhotoAfterDemolition");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);
        var message = await HouseholdForms.ErrorOfAsync(second);
        Assert.Contains("内容完全相同", message, StringComparison.Ordinal);
        Assert.Contains("拆除前1.png", message, StringComparison.Ordinal);
        Assert.Equal(afterFirst, await StoreState.OfAsync(app));
    }

    [Fact]
    public async Task Upload_JustUnderTheLimit_IsStoredWithItsHashAndTheUploader()
    {
        var (township, id) = await HouseholdAsync();
        var pdf = Samples.Pdf("ok");
        var before = await StoreState.OfAsync(app);

        var response = await township.UploadAsync(id, pdf, "其他材料.pdf", purpose: "Other", note: "村委会证明");

        Assert.Equal($"/households/{id}", response.RedirectTarget());
        var after = await StoreState.OfAsync(app);
        Assert.Equal((before.Rows + 1, before.Files + 1, 0), (after.Rows, after.Files, after.Staging));
        await using var db = TestDatabase.CreateContext(app.ConnectionString);
        var document = await db.Documents.SingleAsync(d => d.HouseholdId == id);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)), document.Sha256);
        Assert.Equal("application/pdf", document.MediaType);
        Assert.Equal("其他材料.pdf", document.FileName);
        Assert.Equal("村委会证明", document.Note);
        Assert.Equal(pdf.Length, document.Size);
        Assert.Equal(1, document.Version);
        Assert.DoesNotContain("其他材料", document.StorageKey, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(app.DocumentRoot, "files", document.StorageKey)));
        Assert.Equal(pdf, await File.ReadAllBytesAsync(Path.Combine(app.DocumentRoot, "files", document.StorageKey)));
    }

    [Fact]
    public async Task Upload_OfAFileAnotherTownshipAlreadyStored_IsRefusedWithoutNamingTheirFile()
    {
        var clerk = await HouseholdSteps.CountyClerkAsync(app);
        var townshipA = await HouseholdSteps.TownshipClerkAsync(app);
        var townshipB = await HouseholdSteps.TownshipClerkAsync(app, Places.TownshipB);
        var code = await HouseholdSteps.ProjectAsync(clerk, "跨乡镇重复上传项目区", ("CJ01", Places.TownshipAName), ("CJ02", Places.TownshipBName));
        var inA = await townshipA.RegisterAsync(app, code, "CJ01", "甲乡重复户");
        var inB = await townshipB.RegisterAsync(app, code, "CJ02", "乙乡重复户");
        var photo = Samples.Png("two-townships");
        Assert.Equal($"/households/{inA}", (await townshipA.UploadAsync(inA, photo, "甲乡机密照片.png")).RedirectTarget());
        var afterFirst = await StoreState.OfAsync(app);

        var second = await townshipB.UploadAsync(inB, photo, "乙乡照片.png");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);
        var message = await HouseholdForms.ErrorOfAsync(second);
        Assert.Contains("内容完全相同", message, StringComparison.Ordinal);
        Assert.Contains("不在您的查看范围内", message, StringComparison.Ordinal);
        Assert.DoesNotContain("甲乡机密照片", message, StringComparison.Ordinal);
        Assert.DoesNotContain(townshipA.UserName, message, StringComparison.Ordinal);
        Assert.Equal(afterFirst, await StoreState.OfAsync(app));
    }

    [Fact]
    public async Task Upload_OfAPdfNamedAsAPage_IsStoredAndServedUnderThePdfExtension()
    {
        var (township, id) = await HouseholdAsync();

        var response = await township.UploadAsync(id, Samples.Pdf("renamed"), "协议.html", purpose: "Other");

        Assert.Equal($"/households/{id}", response.RedirectTarget());
        await using var db = TestDatabase.CreateContext(app.ConnectionString);
        var document = await db.Documents.SingleAsync(d => d.HouseholdId == id);
        Assert.Equal("协议.pdf", document.FileName);
        var download = await township.Client.GetAsync($"/documents/{document.Id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var disposition = download.Content.Headers.ContentDisposition!;
        Assert.Equal("协议.pdf", disposition.FileNameStar);
        Assert.DoesNotContain(".html", disposition.ToString(), StringComparison.Ordinal);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
    }
}
