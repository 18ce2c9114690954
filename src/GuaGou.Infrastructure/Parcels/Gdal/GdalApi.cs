using GuaGou.Domain.Parcels;

namespace GuaGou.Infrastructure.Parcels.Gdal;

/// <summary>Which attribute field holds each parcel attribute (field names as in the file); null = not mapped.</summary>
public sealed record GdalFieldMapping(string? Code, string? Name, string? LandClass, string? Use, string? DeclaredArea)
{
    public static GdalFieldMapping None { get; } = new(null, null, null, null, null);

    /// <summary>
    /// The common field names of Chinese land data (三调/变更调查, 勘测定界, CAD exports), matched case-insensitively
    /// in this order; the first present field wins.
    /// </summary>
    public static GdalFieldMapping Guess(IReadOnlyList<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        string? Find(params string[] candidates) =>
            candidates.Select(c => fields.FirstOrDefault(f => string.Equals(f.Trim(), c, StringComparison.OrdinalIgnoreCase)))
                .FirstOrDefault(f => f is not null);

        return new GdalFieldMapping(
            Find("DKBH", "BSM", "TBBH", "CODE", "地块编号", "编号"),
            Find("DKMC", "NAME", "MC", "地块名称", "名称"),
            Find("DLBM", "DLDM", "地类编码"),
            Find("DKYT", "YT", "用途", "地块用途"),
            // SBMJ is what our own shapefile export writes (申报面积), so an exported file reads back unchanged.
            Find("DKMJ", "MJ", "TBMJ", "SBMJ", "AREA", "面积", "地块面积"));
    }
}

/// <param name="Mapping">Attribute fields to use; null = guess from the field names.</param>
/// <param name="SourceEpsg">The CRS of the coordinates, when the file has none or a wrong one; wins over the file's own.</param>
public sealed record GdalReadOptions(GdalFieldMapping? Mapping = null, int? SourceEpsg = null);

/// <param name="Set">The parcels as read (not yet validated: run ParcelSetValidator on it).</param>
/// <param name="Fields">Attribute field names found in the file, in file order (for the mapping drop-downs).</param>
/// <param name="Mapping">The mapping actually used: the one given, or the guessed one.</param>
/// <param name="DetectedEpsg">The EPSG code the file itself declares (before any override); null if none or unknown.</param>
public sealed record GdalReadResult(ParsedParcelSet Set, IReadOnlyList<string> Fields, GdalFieldMapping Mapping, int? DetectedEpsg);

/// <summary>The foreign boundary formats read through GDAL.</summary>
public static class GdalFormats
{
    public const string SupportedText =
        "还支持压缩为 .zip 的 Shapefile（.shp、.shx、.dbf、.prj，可含 .cpg）、GeoPackage（.gpkg）、KML（.kml）、DXF（.dxf）和 GeoJSON（.geojson/.json）。";

    public const string ShapefileNeedsZip =
        "Shapefile 不能只上传 .shp 文件：请把同名的 .shp、.shx、.dbf、.prj（及 .cpg）文件一起压缩为 .zip 后上传。";

    /// <summary>For the file input's <c>accept</c> attribute.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".zip", ".gpkg", ".kml", ".dxf", ".geojson", ".json"];

    /// <summary>True for the extensions above. A bare .shp is not accepted: its .dbf/.shx/.prj siblings are needed.</summary>
    public static bool IsSupported(string fileName) =>
        Extensions.Contains(Path.GetExtension(fileName ?? string.Empty), StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The one GDAL driver allowed to open each accepted extension (security.md, "Untrusted GIS files"): GDAL
    /// otherwise picks the driver from the content, and a VRT file under any name reads other files and URLs.
    /// KML is read by LIBKML: the expat "KML" driver drops the ExtendedData attributes (DKBH etc.) that the Chinese
    /// tools write. LIBKML did not follow a NetworkLink (local path or URL) when tested with GDAL 3.6, and inside the
    /// sandbox there would be neither a network nor another file to follow it to.
    /// </summary>
    internal static GdalFormat For(string extension) => extension.ToLowerInvariant() switch
    {
        ".zip" => new GdalFormat("Shapefile", "ESRI Shapefile"),
        ".gpkg" => new GdalFormat("GeoPackage", "GPKG"),
        ".kml" => new GdalFormat("KML", "LIBKML"),
        ".dxf" => new GdalFormat("DXF", "DXF"),
        ".geojson" or ".json" => new GdalFormat("GeoJSON", "GeoJSON"),
        _ => throw new ArgumentOutOfRangeException(nameof(extension), extension, "not a GDAL boundary format"),
    };

    internal static string NotTheDeclaredFormat(GdalFormat format) => $"文件内容不是所标明的格式（{format.Name}），已拒绝。";

    /// <summary>
    /// A layer name reaches ogr2ogr as an argument: one starting with "-" would be read as an option ("-sql",
    /// "--config", "--optfile"), control characters could forge lines of ogrinfo's report, and "/vsi…" names a
    /// GDAL virtual file system. Such names are refused rather than rewritten: a rewritten name selects nothing.
    /// </summary>
    internal static bool IsSafeLayerName(string name) =>
        name.Length > 0 && !name.StartsWith('-') && !name.Any(char.IsControl)
        && !name.StartsWith("/vsi", StringComparison.OrdinalIgnoreCase);

    internal static string UnsafeLayerName(string name) =>
        $"文件中的图层名称“{new string(name.Select(c => char.IsControl(c) ? '?' : c).ToArray())}”以“-”开头、含控制字符或以“/vsi”开头，无法安全读取，已拒绝；请在 GIS 软件中重命名图层后重新上传。";

    /// <summary>A bare shapefile part (.shp/.dbf/.shx/.prj): the page should show <see cref="ShapefileNeedsZip"/>.</summary>
    public static bool IsShapefilePart(string fileName) =>
        Path.GetExtension(fileName ?? string.Empty).ToUpperInvariant() is ".SHP" or ".SHX" or ".DBF" or ".PRJ" or ".CPG";
}

/// <param name="Name">The format as users know it (for messages).</param>
/// <param name="Driver">The GDAL driver name, as <c>--formats</c> lists it and ogrinfo reports it.</param>
internal sealed record GdalFormat(string Name, string Driver);
