using System.Text.Encodings.Web;
using System.Text.Json;
using GuaGou.Domain.Parcels;
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

        var set = ParcelSetValidator.Validate(ParcelFileFormats.Read(path, content));
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

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 2) : null;
}
