using NetTopologySuite.Geometries;

namespace GuaGou.Domain.Parcels.Txt;

/// <summary>
/// A problem found in a coordinate TXT. <see cref="Line"/> is 1-based; 0 means the file as a whole.
/// When <see cref="Line"/> &gt; 0 the message is the full Chinese sentence starting "第 N 行：".
/// </summary>
public sealed record TxtIssue(int Line, string Message);

/// <summary>
/// One coordinate line: X is the northing, Y the easting (Chinese surveying order).
/// <see cref="Easting"/> is exactly as written and may carry the 2-digit zone prefix.
/// A closing point added by the reader repeats the ring's first point and carries the line of the ring's last point.
/// </summary>
public sealed record TxtPoint(string Label, int Ring, double Northing, double Easting, int Line);

/// <summary>One ring as written in the file, closed after reading (last point == first point).</summary>
public sealed record TxtRing(int Number, IReadOnlyList<TxtPoint> Points, bool WasClosedInFile);

/// <summary>The unit the declared 地块面积 was written in, inferred by comparison with the coordinates.</summary>
public enum DeclaredAreaUnit
{
    Unknown,
    Hectare,
    SquareMetre,
}

/// <summary>
/// One parcel block of <c>[地块坐标]</c>: its header attributes, its rings as written, and the polygon they form.
/// </summary>
/// <param name="Attributes">All positional attributes before the final '@', trimmed (8 in the standard form, 13 in the extended one).</param>
/// <param name="Geometry">
/// In the projected plane: X = easting without zone prefix, Y = northing; SRID = the EPSG code of the zone without
/// prefix (4534–4554 for 3° zones, 4502–4512 for 6° zones) or 0 when the zone is unknown or the datum is not CGCS2000.
/// Null when the rings cannot form a polygon (see the errors).
/// </param>
public sealed record TxtParcel(
    int HeaderLine,
    int? DeclaredPointCount,
    decimal? DeclaredArea,
    DeclaredAreaUnit DeclaredAreaUnit,
    string Code,
    string Name,
    string GeometryKind,
    string SheetNumber,
    string Use,
    string LandClass,
    IReadOnlyList<string> Attributes,
    IReadOnlyList<TxtRing> Rings,
    MultiPolygon? Geometry)
{
    /// <summary>The declared area in hectares when its unit could be inferred.</summary>
    public decimal? DeclaredHectares => DeclaredAreaUnit switch
    {
        DeclaredAreaUnit.Hectare => DeclaredArea,
        DeclaredAreaUnit.SquareMetre => DeclaredArea / 10_000m,
        _ => null,
    };
}

/// <summary>Everything read from one coordinate TXT, with every problem found. Reading never throws.</summary>
/// <param name="Encoding">"UTF-8", "UTF-8-BOM" or "GB18030" (GBK/GB2312 files are read as GB18030, their superset).</param>
public sealed record TxtDocument(
    IReadOnlyDictionary<string, string> ProjectInfo,
    IReadOnlyDictionary<string, string> Attributes,
    TxtCoordinateSystem? CoordinateSystem,
    IReadOnlyList<TxtParcel> Parcels,
    IReadOnlyList<TxtIssue> Errors,
    IReadOnlyList<TxtIssue> Warnings,
    string Encoding);

/// <param name="Utf8">UTF-8 (without BOM) instead of the default GBK.</param>
/// <param name="CoordinateDecimals">Decimals written for X and Y (0–6).</param>
/// <param name="WriteZonePrefix">Write Y with the 2-digit zone prefix (the usual form).</param>
public sealed record TxtWriteOptions(bool Utf8 = false, int CoordinateDecimals = 3, bool WriteZonePrefix = true);

/// <summary>A parcel to export. <see cref="Geometry"/> is in the projected plane without prefix (X = easting, Y = northing).</summary>
public sealed record TxtParcelToWrite(
    string Code,
    string Name,
    decimal AreaHectares,
    string Use,
    string LandClass,
    MultiPolygon Geometry,
    string SheetNumber = "");
