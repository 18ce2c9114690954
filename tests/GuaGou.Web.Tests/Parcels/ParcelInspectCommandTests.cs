using System.Text;
using System.Text.Json;
using GuaGou.Cli;

namespace GuaGou.Web.Tests.Parcels;

/// <summary><c>guagou parcels inspect FILE --json</c>: the shape other scripts rely on, and its exit codes.</summary>
public sealed class ParcelInspectCommandTests
{
    [Fact]
    public async Task Inspect_WithJson_PrintsCrsParcelsAreasAndNoErrors_ExitZero()
    {
        var file = await WriteAsync(ParcelImportTests.Example);
        var output = new StringWriter();

        var exit = await CommandLine.RunAsync(["parcels", "inspect", file, "--json"], TextReader.Null, output, TextWriter.Null);

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output.ToString());
        Assert.Equal("EPSG:4527", json.RootElement.GetProperty("crs").GetString());
        var cj01 = json.RootElement.GetProperty("parcels")[0];
        Assert.Equal("CJ01", cj01.GetProperty("code").GetString());
        Assert.Equal("某村拆旧地块1", cj01.GetProperty("name").GetString());
        Assert.Equal(2, cj01.GetProperty("rings").GetInt32());
        Assert.Equal(1, cj01.GetProperty("parts").GetInt32());
        Assert.Equal(7, cj01.GetProperty("vertices").GetInt32());
        Assert.Equal(7800.0, cj01.GetProperty("planarAreaM2").GetDouble());
        Assert.Equal(7800.0, cj01.GetProperty("declaredAreaM2").GetDouble());
        Assert.InRange(cj01.GetProperty("ellipsoidAreaM2").GetDouble(), 7790, 7810);
        Assert.Equal(0, json.RootElement.GetProperty("errors").GetArrayLength());
    }

    [Fact]
    public async Task Inspect_OfAFileWithErrors_ListsThemWithLineNumbers_ExitOne()
    {
        var file = await WriteAsync(ParcelImportTests.Example.Replace("带号=39", "带号=38", StringComparison.Ordinal));
        var output = new StringWriter();

        var exit = await CommandLine.RunAsync(["parcels", "inspect", file, "--json"], TextReader.Null, output, TextWriter.Null);

        Assert.Equal(1, exit);
        using var json = JsonDocument.Parse(output.ToString());
        var first = json.RootElement.GetProperty("errors")[0];
        Assert.True(first.GetProperty("line").GetInt32() > 0);
        Assert.StartsWith($"第 {first.GetProperty("line").GetInt32()} 行", first.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_OfAMissingOrEmptyFile_ExitTwo()
    {
        Assert.Equal(2, await CommandLine.RunAsync(["parcels", "inspect", "/nonexistent/file.txt"], TextReader.Null, TextWriter.Null, TextWriter.Null));
        Assert.Equal(2, await CommandLine.RunAsync(["parcels", "inspect", await WriteAsync("")], TextReader.Null, TextWriter.Null, TextWriter.Null));
    }

    private static async Task<string> WriteAsync(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"guagou-inspect-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(path, text, new UTF8Encoding(false));
        return path;
    }
}
