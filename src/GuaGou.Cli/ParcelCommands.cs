using System.Text.Encodings.Web;
using System.Text.Json;
using GuaGou.Domain.Common;
using GuaGou.Domain.Parcels;
using GuaGou.Domain.ProjectAreas;
using GuaGou.Domain.Regions;
using GuaGou.Infrastructure.Access;
using GuaGou.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using GuaGou.Infrastructure.Parcels;

namespace GuaGou.Cli;

/// <summary>
/// <c>guagou parcels inspect FILE [--json]</c>: reads a boundary file the way the web import does (without a database)
/// and prints its parcels and problems. Exit 0 without errors, 1 with errors, 2 when the file cannot be read at all.
/// </summary>
internal static class ParcelCommands
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
    };

    public static async Task<int> InspectAsync(string path, bool json, TextWriter output, TextWriter error)
    {
        byte[] content;
        try
        {
            content = await File.ReadAllBytesAsync(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"无法读取文件 {path}：{e.Message}");
            return 2;
        }

        var set = ParcelSetValidator.Validate((await ParcelFileFormats.ReadAsync(path, content)).Set);
        var unreadable = set.Parcels.Count == 0 && set.Errors.Any(e => e.Line == 0);
        if (json)
        {
            var document = new
            {
                crs = set.Crs,
                parcels = set.Parcels.Select(p => new
                {
                    code = p.Code,
                    name = p.Name,
                    line = p.Line,
                    rings = p.Rings,
                    parts = p.Parts,
                    vertices = p.Vertices,
                    ellipsoidAreaM2 = Round(p.EllipsoidalSquareMetres),
                    planarAreaM2 = Round(p.PlanarSquareMetres),
                    declaredAreaM2 = p.DeclaredSquareMetres is { } d ? decimal.Round(d, 2) : (decimal?)null,
                    landClass = p.LandClass,
                }),
                errors = set.Errors.Select(e => new { line = e.Line, message = e.Message }),
                warnings = set.Warnings.Select(w => new { line = w.Line, message = w.Message }),
            };
            await output.WriteLineAsync(JsonSerializer.Serialize(document, Json));
        }
        else
        {
            await output.WriteLineAsync($"坐标系：{set.Crs ?? "未识别"}；地块 {set.Parcels.Count} 个；错误 {set.Errors.Count} 处；提示 {set.Warnings.Count} 处。");
            foreach (var p in set.Parcels)
            {
                await output.WriteLineAsync($"  第 {p.Line} 行  {p.Code,-12} {p.Name}  环 {p.Rings} 部分 {p.Parts} 界址点 {p.Vertices}  " +
                    $"椭球 {Round(p.EllipsoidalSquareMetres):0.00} m²  平面 {Round(p.PlanarSquareMetres):0.00} m²  申报 {p.DeclaredSquareMetres:0.00} m²");
            }

            foreach (var e in set.Errors)
            {
                await output.WriteLineAsync($"错误：{e.Message}");
            }

            foreach (var w in set.Warnings)
            {
                await output.WriteLineAsync($"提示：{w.Message}");
            }
        }

        return unreadable ? 2 : set.Errors.Count > 0 ? 1 : 0;
    }

    /// <summary>
    /// <c>guagou parcels import</c>: the web import's upload and commit, acting as a county clerk's account (the
    /// history names them). Exit 0 imported, 1 refused (the reasons are printed), 2 the file cannot be read.
    /// </summary>
    public static async Task<int> ImportAsync(IServiceProvider services, string path, string project, string zone, string userName,
        string township, string? landClass, string? plannedUse, string? direction, TextWriter output, TextWriter error)
    {
        byte[] content;
        try
        {
            content = await File.ReadAllBytesAsync(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"无法读取文件 {path}：{e.Message}");
            return 2;
        }

        var zoneValue = zone switch
        {
            "拆旧" or "拆旧区" or "Demolition" => Zone.Demolition,
            "建新" or "建新区" or "Construction" => Zone.Construction,
            _ => throw new UsageException($"--zone 应为“拆旧”或“建新”，而不是“{zone}”。"),
        };
        var directionValue = direction switch
        {
            null or "耕地" or "Farmland" => ReclamationDirection.Farmland,
            "林地" or "Forest" => ReclamationDirection.Forest,
            "草地" or "Grassland" => ReclamationDirection.Grassland,
            "保留建设用地" or "KeepConstruction" => ReclamationDirection.KeepConstruction,
            _ => throw new UsageException($"--direction 应为“耕地”“林地”“草地”或“保留建设用地”，而不是“{direction}”。"),
        };
        var db = services.GetRequiredService<GuaGouDbContext>();
        var normalized = userName.ToUpperInvariant(); // Identity's normalisation of user names
        var account = await db.Users.AsNoTracking().Include(u => u.Region).SingleOrDefaultAsync(u => u.NormalizedUserName == normalized)
            ?? throw new DomainException("user.unknown", $"用户“{userName}”不存在。");
        var roles = await db.UserRoles.Where(r => r.UserId == account.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync();
        var user = new CurrentUser(account.Id, account.DisplayName, roles.FirstOrDefault() ?? "", account.Region!.Code, account.Region.Id);
        var code = ProjectCode.Parse(project);
        var townships = await db.Regions.AsNoTracking().Where(r => r.Level == RegionLevel.Township).ToListAsync();
        var chosen = townships.SingleOrDefault(r => r.Code.Value == township && r.Code.CountyPart == project[..6])
            ?? townships.SingleOrDefault(r => r.Name == township && r.Code.CountyPart == project[..6])
            ?? throw new DomainException("parcel.township.unknown", $"项目区所在县没有名为或代码为“{township}”的乡镇。");

        var imports = services.GetRequiredService<ParcelImportService>();
        var id = await imports.UploadAsync(user, code, new UploadRequest(zoneValue, Path.GetFileName(path), content, chosen.Id,
            directionValue, plannedUse, landClass ?? (zoneValue == Zone.Demolition ? "0602" : "0103")));
        var preview = (await imports.PreviewAsync(user, code, id))!;
        foreach (var w in preview.Set.Warnings)
        {
            await output.WriteLineAsync($"提示：{w.Message}");
        }

        if (!preview.Set.CanCommit)
        {
            foreach (var e in preview.Set.Errors)
            {
                await error.WriteLineAsync($"错误：{e.Message}");
            }

            await imports.DiscardAsync(user, code, id);
            await error.WriteLineAsync("未导入任何地块。");
            return preview.Set.Parcels.Count == 0 && preview.Set.Errors.Any(e => e.Line == 0) ? 2 : 1;
        }

        var replaced = await imports.CommitAsync(user, code, id, preview.ProjectVersion);
        await output.WriteLineAsync($"已导入{ChineseNames.Of(zoneValue)}地块 {preview.Set.Parcels.Count} 块，替换原有 {replaced} 块。");
        return 0;
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 2) : null;
}
