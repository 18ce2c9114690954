using System.Globalization;
using GuaGou.Infrastructure.Access;
using GuaGou.Infrastructure.Audit;
using GuaGou.Infrastructure.Documents;
using GuaGou.Web.Account;
using GuaGou.Web.Audit;

namespace GuaGou.Web.Households;

/// <summary>
/// Downloads from the document store. Every request checks, server-side, that the signed-in user may see the
/// document (region, and township for township officials); anything else is a 404 that says nothing about existence.
/// </summary>
public static class DocumentEndpoints
{
    public static void MapDocumentEndpoints(this WebApplication app)
    {
        app.MapGet("/documents/{id:long}", (long id, bool? inline, HttpContext context, DocumentService documents) =>
            SendAsync(context, documents, id, thumbnail: false, inline == true));

        app.MapGet("/documents/{id:long}/thumbnail", (long id, HttpContext context, DocumentService documents) =>
            SendAsync(context, documents, id, thumbnail: true, inline: true));
    }

    private static async Task<IResult> SendAsync(HttpContext context, DocumentService documents, long id, bool thumbnail, bool inline)
    {
        var user = CurrentUserAccessor.Require(context.User);
        try
        {
            var (document, content) = await documents.OpenAsync(user, id, thumbnail, context.RequestAborted);
            if (!thumbnail && document.HouseholdId is { } household)
            {
                // A household's documents are personal data (ID cards, agreements, photos of a home): every download is recorded.
                await context.RequestServices.GetRequiredService<AuditLog>().RecordAsync(AuditActions.Download, "StoredDocument",
                    document.Id.ToString(CultureInfo.InvariantCulture),
                    after: new { document.FileName, Purpose = document.Purpose.ToString(), document.Version },
                    record: ("Household", household.ToString(CultureInfo.InvariantCulture)));
            }

            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.CacheControl = "no-store";
            // A stored PDF opened in the browser must not run anything of ours or reach our origin.
            headers.ContentSecurityPolicy = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";
            var name = thumbnail ? Path.GetFileNameWithoutExtension(document.FileName) + "-缩略图.jpg" : document.FileName;
            headers.ContentDisposition = DocumentFileName.ContentDisposition(name, inline);
            return Results.Stream(content, thumbnail ? "image/jpeg" : document.MediaType);
        }
        catch (NotFoundException e)
        {
            await AuditWeb.RecordRefusalAsync(context, "not_found", e.Message);
            return Results.NotFound();
        }
    }
}
