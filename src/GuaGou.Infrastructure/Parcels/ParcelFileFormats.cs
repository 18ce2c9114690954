using GuaGou.Domain.Parcels;
using GuaGou.Infrastructure.Parcels.Gdal;

namespace GuaGou.Infrastructure.Parcels;

/// <summary>What a boundary file gave: the parcels, and for GIS files the attribute fields and the mapping used.</summary>
public sealed record ParcelFileRead(ParsedParcelSet Set, IReadOnlyList<string> Fields, GdalFieldMapping? Mapping, int? DetectedEpsg)
{
    public bool IsGisFile => Mapping is not null;
}

/// <summary>
/// Which boundary files can be read, and the reader for each: the standard coordinate TXT in-process, everything else
/// (zipped shapefile, GeoPackage, KML, DXF, GeoJSON) through GDAL.
/// </summary>
public static class ParcelFileFormats
{
    public const string SupportedText = "支持标准坐标文本（.txt）、压缩的 Shapefile（.zip）、GeoPackage（.gpkg）、KML、DXF 和 GeoJSON。";

    public static string AcceptAttribute { get; } = string.Join(",", GdalFormats.Extensions.Prepend(".txt"));

    public static bool IsSupported(string fileName) => IsTxt(fileName) || GdalFormats.IsSupported(fileName);

    /// <summary>Why a file cannot be taken, in Chinese; null when it can.</summary>
    public static string? Refusal(string fileName) =>
        IsSupported(fileName) ? null
        : GdalFormats.IsShapefilePart(fileName) ? GdalFormats.ShapefileNeedsZip
        : $"不支持的文件类型“{Path.GetExtension(fileName)}”。{SupportedText}";

    public static async Task<ParcelFileRead> ReadAsync(string fileName, byte[] content, GdalReadOptions? options = null, CancellationToken ct = default)
    {
        if (IsTxt(fileName))
        {
            return new ParcelFileRead(TxtParcelSetReader.Read(content), [], null, null);
        }

        if (GdalFormats.IsSupported(fileName))
        {
            var read = await new GdalParcelReader().ReadAsync(fileName, content, options ?? new GdalReadOptions(), ct);
            return new ParcelFileRead(read.Set, read.Fields, read.Mapping, read.DetectedEpsg);
        }

        return new ParcelFileRead(new ParsedParcelSet(null, null, [], [new ImportIssue(0, Refusal(fileName)!)], [], new Dictionary<string, string>()),
            [], null, null);
    }

    private static bool IsTxt(string fileName) => Path.GetExtension(fileName).Equals(".txt", StringComparison.OrdinalIgnoreCase);
}
