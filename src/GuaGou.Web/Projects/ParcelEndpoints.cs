using GuaGou.Domain.Common;
using GuaGou.Domain.ProjectAreas;
using GuaGou.Infrastructure.Exports;
using GuaGou.Infrastructure.Parcels;
using GuaGou.Web.Account;

namespace GuaGou.Web.Projects;

/// <summary>Parcel files out of a project: GeoJSON for the maps and for download, and the standard TXT.</summary>
public static class ParcelEndpoints
{
    public static void MapParcelEndpoints(this WebApplication app)
    {
        app.MapGet("/projects/{code}/parcels.geojson", async (string code, bool? download, HttpContext context, ParcelExports exports) =>
        {
            var user = CurrentUserAccessor.Require(context.User);
            if (!ProjectCode.TryParse(code, out var projectCode) || await exports.GeoJsonAsync(user, projectCode, context.RequestAborted) is not { } bytes)
            {
                return Results.NotFound();
            }

            context.Response.Headers.CacheControl = "no-store";
            return download == true
                ? Results.File(bytes, GeoJson.ContentType, $"{code}-地块.geojson")
                : Results.Bytes(bytes, GeoJson.ContentType);
        });

        app.MapGet("/projects/{code}/parcels/export.txt", async (string code, string? zone, string? encoding, HttpContext context, ParcelExports exports) =>
        {
            var user = CurrentUserAccessor.Require(context.User);
            Zone? only = Enum.TryParse<Zone>(zone, ignoreCase: true, out var z) && Enum.IsDefined(z) ? z : null;
            if (!ProjectCode.TryParse(code, out var projectCode))
            {
                return Results.NotFound();
            }

            try
            {
                var utf8 = string.Equals(encoding, "utf8", StringComparison.OrdinalIgnoreCase) || string.Equals(encoding, "utf-8", StringComparison.OrdinalIgnoreCase);
                if (await exports.StandardTxtAsync(user, projectCode, only, utf8, context.RequestAborted) is not { } bytes)
                {
                    return Results.NotFound();
                }

                context.Response.Headers.CacheControl = "no-store";
                var suffix = only is null ? "全部" : ChineseNames.Of(only.Value);
                return Results.File(bytes, utf8 ? "text/plain; charset=utf-8" : "text/plain; charset=gbk", $"{code}-{suffix}-坐标.txt");
            }
            catch (DomainException e)
            {
                return Results.Problem(e.Message, statusCode: StatusCodes.Status422UnprocessableEntity, title: "无法导出");
            }
        });

        app.MapGet("/projects/{code}/parcels/export.zip", async (string code, string? encoding, HttpContext context, ParcelExports exports) =>
        {
            var user = CurrentUserAccessor.Require(context.User);
            if (!ProjectCode.TryParse(code, out var projectCode))
            {
                return Results.NotFound();
            }

            try
            {
                var utf8 = string.Equals(encoding, "utf8", StringComparison.OrdinalIgnoreCase);
                if (await exports.ShapefileZipAsync(user, projectCode, utf8, context.RequestAborted) is not { } bytes)
                {
                    return Results.NotFound();
                }

                context.Response.Headers.CacheControl = "no-store";
                return Results.File(bytes, "application/zip", $"{code}-地块-shapefile.zip");
            }
            catch (DomainException e)
            {
                return Results.Problem(e.Message, statusCode: StatusCodes.Status422UnprocessableEntity, title: "无法导出");
            }
        });

        app.MapGet("/projects/{code}/parcels/ledger.xlsx", async (string code, HttpContext context, ParcelExports exports) =>
        {
            var user = CurrentUserAccessor.Require(context.User);
            if (!ProjectCode.TryParse(code, out var projectCode) || await exports.LedgerXlsxAsync(user, projectCode, context.RequestAborted) is not { } bytes)
            {
                return Results.NotFound();
            }

            context.Response.Headers.CacheControl = "no-store";
            return Results.File(bytes, XlsxWorkbook.ContentType, $"{code}-地块台账.xlsx");
        });

        app.MapGet("/projects/{code}/parcels/import/{id:guid}/preview.geojson", async (string code, Guid id, HttpContext context, ParcelImportService imports) =>
        {
            var user = CurrentUserAccessor.Require(context.User);
            if (!ProjectCode.TryParse(code, out var projectCode) || await imports.PreviewAsync(user, projectCode, id, context.RequestAborted) is not { } preview)
            {
                return Results.NotFound();
            }

            var errorLines = preview.Set.Errors.Select(e => e.Line).ToHashSet();
            var features = preview.Set.Parcels.Where(p => p.Geographic is not null).Select(p => new GeoJsonFeature(new Dictionary<string, object?>
            {
                ["code"] = p.Code,
                ["name"] = p.Name,
                ["zone"] = preview.Zone.ToString(),
                ["hasError"] = errorLines.Contains(p.Line),
                ["areaText"] = p.EllipsoidalSquareMetres is { } m ? $"{Area.FormatMu((decimal)m)} 亩（椭球面积）" : null,
            }, p.Geographic));
            context.Response.Headers.CacheControl = "no-store";
            return Results.Bytes(GeoJson.Write(features), GeoJson.ContentType);
        }).RequireAuthorization(policy => policy.RequireRole(Domain.Access.Roles.CountyClerk)); // the preview is the clerk's work in progress
    }
}
