using System.Net;
using System.Text;
using GuaGou.Domain.Access;
using GuaGou.Domain.Documents;
using GuaGou.Domain.ProjectAreas;
using GuaGou.Infrastructure.Documents;
using GuaGou.Testing;
using GuaGou.Web.Projects;
using Microsoft.EntityFrameworkCore;

namespace GuaGou.Web.Tests.Projects;

/// <summary>A stage step can carry its document's scan (streamed from the stage page); step and file are stored together or not at all.</summary>
public sealed class StageAttachmentTests(GuaGouAppFactory app) : IClassFixture<GuaGouAppFactory>
{
    [Fact]
    public async Task Submission_WithAScan_StoresItOnTheStep_AndARefusedFileLeavesTheProjectWhereItWas()
    {
        var clerk = await ProjectPages.SignInAsync(app, Roles.CountyClerk, "150421");
        var code = await clerk.CreateProjectAsync("阶段附件测试项目区");
        await clerk.AddParcelAsync(code, "Demolition", "FJ-01", 1.0m);
        Assert.Equal(HttpStatusCode.Redirect, (await clerk.AdvanceAsync(code)).StatusCode); // 完成摸底调查
        var html = await clerk.StageActionAsync(code, StageAction.Advance, null, null,
            new DocumentUpload(new MemoryStream(Encoding.UTF8.GetBytes("<!DOCTYPE html><script>alert(1)</script>")), "方案.pdf"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, html.StatusCode);
        await using (var db = TestDatabase.CreateContext(app.ConnectionString))
        {
            Assert.Equal(Stage.Planning, await db.ProjectAreas.Where(p => p.Code == ProjectCode.Parse(code)).Select(p => p.Stage).SingleAsync());
            Assert.False(await db.Documents.AnyAsync(d => db.ProjectAreas.Any(p => p.Id == d.ProjectAreaId && p.Code == ProjectCode.Parse(code))));
        }

        var scan = SampleScans.Pdf("implementation plan", ["submitted for approval"]);
        var submitted = await clerk.StageActionAsync(code, StageAction.Advance, null, null, new DocumentUpload(new MemoryStream(scan), "实施方案.pdf"));

        Assert.Equal($"/projects/{code}", submitted.RedirectTarget());
        await using (var db = TestDatabase.CreateContext(app.ConnectionString))
        {
            var document = await db.Documents.SingleAsync(d => db.ProjectAreas.Any(p => p.Id == d.ProjectAreaId && p.Code == ProjectCode.Parse(code)));
            var step = await db.StageTransitions.SingleAsync(t => t.Id == document.StageTransitionId);
            Assert.Equal((Stage.Planning, Stage.Approval, DocumentPurpose.StageAttachment, "实施方案.pdf"),
                (step.FromStage, step.ToStage, document.Purpose, document.FileName));
            var page = await clerk.Client.GetDocumentAsync($"/projects/{code}");
            var link = page.QuerySelector("[data-testid='history'] a[href^='/documents/']")!;
            Assert.Equal("实施方案.pdf", link.TextContent);
            Assert.Equal(scan, await clerk.Client.GetByteArrayAsync(link.GetAttribute("href")));
        }
    }
}
