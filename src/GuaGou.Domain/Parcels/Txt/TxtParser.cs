using System.Buffers;
using System.Globalization;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using static System.FormattableString;

namespace GuaGou.Domain.Parcels.Txt;

/// <summary>
/// One pass over the decoded lines of a coordinate TXT, then the whole-file checks (coordinate system, zone) and
/// the per-parcel ones (rings, point count, area unit, geometry). Collects issues; never throws on content.
/// </summary>
internal sealed class TxtParser
{
    private const string ProjectInfoSection = "项目信息";
    private const string AttributesSection = "属性描述";
    private const string CoordinatesSection = "地块坐标";
    private const double ZonePrefixThreshold = 10_000_000;
    private const double MaxEastingWithPrefix = 100_000_000;
    private const double AreaTolerance = 0.05;
    private const int MaxListedPrefixErrors = 20;

    /// <summary>Point labels repeat from parcel to parcel (J1, J2 …): keep one string each, up to this many.</summary>
    private const int MaxCachedLabels = 4096;

    private static readonly SearchValues<char> FullWidthPunctuation = SearchValues.Create("，＝＠［］");

    private readonly TxtLines lines;
    private readonly string encoding;
    private readonly List<TxtIssue> errors = [];
    private readonly List<TxtIssue> warnings = [];
    private readonly OrderedDictionary<string, string> projectInfo = new(StringComparer.Ordinal);
    private readonly OrderedDictionary<string, string> attributes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> attributeLines = new(StringComparer.Ordinal);
    private readonly List<ParcelDraft> drafts = [];
    private readonly Dictionary<string, int> headerLineOfCode = new(StringComparer.Ordinal);
    private readonly HashSet<string> labels = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> labelLookup;
    private bool hasAttributeSection;

    public TxtParser(TxtLines lines, string encoding)
    {
        this.lines = lines;
        this.encoding = encoding;
        labelLookup = labels.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private enum Section
    {
        None,
        ProjectInfo,
        Attributes,
        Coordinates,
        Unknown,
    }

    /// <summary>
    /// Trims and turns the full-width punctuation some producers write into the half-width form. Only a line that
    /// has such punctuation is copied; the usual line stays a slice of the file's text.
    /// </summary>
    public static ReadOnlySpan<char> Normalise(ReadOnlySpan<char> line)
    {
        if (line.ContainsAny(FullWidthPunctuation))
        {
            line = new string(line)
                .Replace('，', ',').Replace('＝', '=').Replace('＠', '@').Replace('［', '[').Replace('］', ']');
        }

        return line.Trim().Trim('\uFEFF').Trim();
    }

    public static bool IsSectionHeader(ReadOnlySpan<char> line, out string name)
    {
        var isHeader = line.Length >= 2 && line[0] == '[' && line[^1] == ']';
        name = isHeader ? line[1..^1].Trim().ToString() : string.Empty;
        return isHeader;
    }

    public static bool IsParcelHeader(ReadOnlySpan<char> line) => line.Length > 0 && line[^1] == '@' && line.Contains(',');

    public TxtDocument Parse()
    {
        ReadLines();
        var system = ResolveCoordinateSystem();
        var factory = NtsGeometryServices.Instance.CreateGeometryFactory(system?.EpsgWithoutPrefix ?? 0);
        var eastingOffset = system is { EastingHasZonePrefix: true, Zone: int zone } ? zone * 1_000_000d : 0;
        // Parcels are independent once their lines are read: build them on every core (issues are sorted by line below).
        var parcels = drafts.AsParallel().AsOrdered().Select(d => BuildParcel(d, factory, eastingOffset)).ToList();
        if (parcels.Count == 0)
        {
            AddError(0, "文件中没有地块（缺少“[地块坐标]”节或以 @ 结尾的地块头）。");
        }

        return new TxtDocument(projectInfo, attributes, system, parcels, Sorted(errors), Sorted(warnings), encoding);
    }

    private static List<TxtIssue> Sorted(List<TxtIssue> issues) => issues.OrderBy(i => i.Line).ToList();

    private static string Numbered(int line, string message) => line > 0 ? $"第 {line} 行：{message}" : message;

    private void AddError(int line, string message)
    {
        lock (errors)
        {
            errors.Add(new TxtIssue(line, Numbered(line, message)));
        }
    }

    private void AddWarning(int line, string message)
    {
        lock (warnings)
        {
            warnings.Add(new TxtIssue(line, Numbered(line, message)));
        }
    }

    private static string ParcelName(string code) => code.Length > 0 ? $"地块“{code}”" : "地块";

    private void ReadLines()
    {
        var section = Section.None;
        for (var i = 0; i < lines.Count; i++)
        {
            var number = i + 1;
            var line = Normalise(lines.Get(i));
            if (line.Length == 0)
            {
                continue;
            }

            if (IsSectionHeader(line, out var name))
            {
                section = name switch
                {
                    ProjectInfoSection => Section.ProjectInfo,
                    AttributesSection => Section.Attributes,
                    CoordinatesSection => Section.Coordinates,
                    _ => Section.Unknown,
                };
                hasAttributeSection |= section == Section.Attributes;
                if (section == Section.Unknown)
                {
                    AddWarning(number, $"未知的节“[{name}]”，其内容已忽略。");
                }

                continue;
            }

            if (IsParcelHeader(line))
            {
                if (section != Section.Coordinates)
                {
                    AddWarning(number, "地块头之前缺少“[地块坐标]”节标记，已按地块坐标读取。");
                    section = Section.Coordinates;
                }

                StartParcel(number, line.ToString());
                continue;
            }

            switch (section)
            {
                case Section.ProjectInfo:
                    ReadKeyValue(number, line.ToString(), projectInfo, null);
                    break;
                case Section.Attributes:
                    ReadKeyValue(number, line.ToString(), attributes, attributeLines);
                    break;
                case Section.Coordinates:
                    ReadCoordinate(number, line);
                    break;
                case Section.None:
                    AddWarning(number, "此行不在任何节内，已忽略。");
                    break;
                default:
                    break; // inside an unknown section: warned once at its header
            }
        }
    }

    private void ReadKeyValue(int number, string line, OrderedDictionary<string, string> target, Dictionary<string, int>? lineOfKey)
    {
        var equals = line.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            AddWarning(number, $"无法识别的行“{line}”（应为“键=值”），已忽略。");
            return;
        }

        var key = line[..equals].Trim();
        if (target.ContainsKey(key))
        {
            AddWarning(number, $"“{key}”重复出现，以本行为准。");
        }

        target[key] = line[(equals + 1)..].Trim();
        if (lineOfKey is not null)
        {
            lineOfKey[key] = number;
        }
    }

    private void StartParcel(int number, string line)
    {
        // Everything before the final '@' is positional; the usual trailing comma before '@' is not an attribute.
        var body = line[..^1].TrimEnd();
        if (body.EndsWith(','))
        {
            body = body[..^1];
        }

        var fields = body.Split(',').Select(f => f.Trim()).ToList();
        if (fields.Count is not 8 and not 13)
        {
            AddWarning(number, $"地块头有 {fields.Count} 个属性，标准格式为 8 个（扩展格式 13 个），已按位置读取。");
        }

        var draft = new ParcelDraft(number, fields);
        var countText = draft.Field(0);
        if (countText.Length > 0)
        {
            if (int.TryParse(countText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) && count >= 0)
            {
                draft.DeclaredPointCount = count;
            }
            else
            {
                AddError(number, $"界址点数“{countText}”不是整数。");
            }
        }

        var areaText = draft.Field(1);
        if (areaText.Length > 0)
        {
            if (decimal.TryParse(areaText, NumberStyles.Float, CultureInfo.InvariantCulture, out var area) && area >= 0)
            {
                draft.DeclaredArea = area;
            }
            else
            {
                AddError(number, $"地块面积“{areaText}”不是数字。");
            }
        }

        var code = draft.Field(2);
        if (code.Length == 0)
        {
            AddError(number, "地块头缺少地块编号。");
        }
        else if (!headerLineOfCode.TryAdd(code, number))
        {
            AddError(number, $"地块编号“{code}”与第 {headerLineOfCode[code]} 行的地块重复。");
        }

        var kind = draft.Field(4);
        if (kind.Length > 0 && kind != "面")
        {
            AddWarning(number, $"记录图形属性为“{kind}”，地块应为“面”，已按面读取。");
        }

        drafts.Add(draft);
    }

    private void ReadCoordinate(int number, ReadOnlySpan<char> line)
    {
        if (drafts.Count == 0)
        {
            AddError(number, "坐标行出现在第一个地块头（以 @ 结尾的行）之前，已忽略。");
            return;
        }

        var draft = drafts[^1];
        Span<Range> fields = stackalloc Range[4];
        var count = SplitCoordinateLine(line, fields);
        if (count < 4)
        {
            AddError(number, $"坐标行缺少字段：应为“点号,圈号,X,Y”，本行只有 {count} 个字段。");
            draft.HasBadLines = true;
            return;
        }

        if (count > 4)
        {
            AddWarning(number, $"坐标行多出 {count - 4} 个字段，已忽略。");
        }

        var ok = true;
        var ringText = line[fields[1]];
        if (!int.TryParse(ringText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ring) || ring < 0)
        {
            AddError(number, ringText.Length == 0 ? "坐标行缺少圈号。" : $"圈号“{ringText}”不是有效的整数。");
            ok = false;
        }

        var northingText = line[fields[2]];
        var eastingText = line[fields[3]];
        var northing = ParseCoordinate(number, "X", northingText, ref ok);
        var easting = ParseCoordinate(number, "Y", eastingText, ref ok);
        if (ok && northing >= ZonePrefixThreshold)
        {
            AddError(number, $"X 坐标 {northingText} 过大：X 是北坐标，应小于 10000000；X、Y 可能写反了。");
            ok = false;
        }

        if (ok && easting >= MaxEastingWithPrefix)
        {
            AddError(number, $"Y 坐标 {eastingText} 过大：带号前缀应为 2 位数字。");
            ok = false;
        }

        if (!ok)
        {
            draft.HasBadLines = true;
            return;
        }

        int? prefix = easting >= ZonePrefixThreshold ? (int)(easting / 1_000_000) : null;
        var plane = prefix is int zone ? StripPrefix(easting, zone, eastingText) : easting;
        draft.Points.Add(new PointDraft(new TxtPoint(Label(line[fields[0]]), ring, northing, easting, number), plane, prefix));
    }

    /// <summary>
    /// The first four comma-separated fields of a coordinate line, trimmed, into <paramref name="fields"/>; returns
    /// the number of fields, not counting empty ones after the fourth (a trailing comma is common).
    /// </summary>
    private static int SplitCoordinateLine(ReadOnlySpan<char> line, Span<Range> fields)
    {
        var total = 0;
        var lastNonEmpty = -1;
        var start = 0;
        while (true)
        {
            var comma = line[start..].IndexOf(',');
            var end = comma < 0 ? line.Length : start + comma;
            var field = line[start..end];
            var trimmedStart = start + (field.Length - field.TrimStart().Length);
            var trimmedEnd = end - (field.Length - field.TrimEnd().Length);
            if (trimmedEnd < trimmedStart)
            {
                trimmedEnd = trimmedStart; // all blank
            }

            if (total < fields.Length)
            {
                fields[total] = trimmedStart..trimmedEnd;
            }

            if (trimmedEnd > trimmedStart)
            {
                lastNonEmpty = total;
            }

            total++;
            if (comma < 0)
            {
                break;
            }

            start = end + 1;
        }

        return total <= fields.Length ? total : Math.Max(fields.Length, lastNonEmpty + 1);
    }

    /// <summary>One string per distinct point label (up to <see cref="MaxCachedLabels"/>), not one per line.</summary>
    private string Label(ReadOnlySpan<char> text)
    {
        if (labelLookup.TryGetValue(text, out var known))
        {
            return known;
        }

        var label = text.ToString();
        if (labels.Count < MaxCachedLabels)
        {
            labels.Add(label);
        }

        return label;
    }

    /// <summary>The Y field of a coordinate line as written, for messages (read again: only a few lines need it).</summary>
    private string EastingTextAt(int number)
    {
        var line = Normalise(lines.Get(number - 1));
        Span<Range> fields = stackalloc Range[4];
        SplitCoordinateLine(line, fields);
        return line[fields[3]].ToString();
    }

    private double ParseCoordinate(int number, string axis, ReadOnlySpan<char> text, ref bool ok)
    {
        if (text.Length == 0)
        {
            AddError(number, $"坐标行缺少 {axis} 坐标。");
            ok = false;
            return 0;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            AddError(number, $"{axis} 坐标“{text}”不是数字。");
            ok = false;
            return 0;
        }

        if (value < 0)
        {
            AddError(number, $"{axis} 坐标 {text} 为负数。");
            ok = false;
        }

        return value;
    }

    /// <summary>
    /// Removes the zone prefix and rounds to the decimals written, so the result is the double nearest to the
    /// decimal text without the prefix (reading the same text always gives the same bits).
    /// </summary>
    private static double StripPrefix(double easting, int zone, ReadOnlySpan<char> text)
    {
        var stripped = easting - zone * 1_000_000d;
        var dot = text.IndexOf('.');
        if (dot < 0 || text.ContainsAny('e', 'E'))
        {
            return stripped;
        }

        return Math.Round(stripped, Math.Min(text.Length - dot - 1, 10));
    }

    private TxtCoordinateSystem? ResolveCoordinateSystem()
    {
        // One pass over the points for what the checks need, instead of lists of half a million points.
        var pointCount = 0;
        var prefixedCount = 0;
        PointDraft? firstPoint = null, firstPrefixed = null, firstBare = null;
        foreach (var draft in drafts)
        {
            foreach (var point in draft.Points)
            {
                pointCount++;
                firstPoint ??= point;
                if (point.ZonePrefix is null)
                {
                    firstBare ??= point;
                }
                else
                {
                    prefixedCount++;
                    firstPrefixed ??= point;
                }
            }
        }

        var prefixed = drafts.SelectMany(d => d.Points).Where(p => p.ZonePrefix is not null);
        if (!hasAttributeSection && pointCount == 0)
        {
            return null;
        }

        var datum = attributes.GetValueOrDefault("坐标系") ?? string.Empty;
        var isCgcs2000 = ResolveDatum(datum);
        var (width, widthInvalid) = ReadWholeNumber("几度分带");
        var (declaredZone, zoneInvalid) = ReadWholeNumber("带号");
        if (width is not null and not 3 and not 6)
        {
            AddError(LineOf("几度分带"), $"几度分带为 {width}，应为 3 或 6。");
            widthInvalid = true;
        }

        var zone = declaredZone;
        var zoneLine = LineOf("带号");
        var zoneSubject = $"带号 {zone}";
        if (declaredZone is not null)
        {
            ReportMismatchedPrefixes(prefixed.Where(p => p.ZonePrefix != declaredZone),
                p => $"Y 坐标 {EastingTextAt(p.Point.Line)} 的带号前缀 {p.ZonePrefix} 与[属性描述]中的带号 {declaredZone} 不一致。");
        }
        else if (firstPrefixed is { } first)
        {
            // No (readable) 带号: the first prefix tells the zone and every other prefix must agree with it.
            zone = first.ZonePrefix;
            zoneLine = first.Point.Line;
            zoneSubject = $"Y 坐标的带号前缀 {zone}";
            ReportMismatchedPrefixes(prefixed.Where(p => p.ZonePrefix != first.ZonePrefix),
                p => $"Y 坐标 {EastingTextAt(p.Point.Line)} 的带号前缀 {p.ZonePrefix} 与第 {first.Point.Line} 行的带号前缀 {first.ZonePrefix} 不一致。");
        }

        if (prefixedCount > 0 && firstBare is { } bare && zone is not null)
        {
            AddWarning(bare.Point.Line, $"Y 坐标 {EastingTextAt(bare.Point.Line)} 没有带号前缀，而其他坐标有；均按带号 {zone} 读取。");
        }

        if (zone is int z && !widthInvalid)
        {
            width ??= TxtCoordinateSystem.WidthOfZone(z);
            if (width is null)
            {
                AddError(zoneLine, $"{zoneSubject} 无效：3 度带带号应为 25–45，6 度带带号应为 13–23。");
            }
            else if (!TxtCoordinateSystem.IsValidZone(width, z))
            {
                var range = width == 3 ? "25–45" : "13–23";
                AddError(zoneLine, $"{zoneSubject} 与几度分带 {width} 不符：{width} 度带带号应为 {range}。");
            }
        }
        else if (zone is null && pointCount > 0 && !zoneInvalid)
        {
            AddWarning(0, "无法确定投影带号：Y 坐标没有带号前缀，[属性描述]中也没有带号；图形的坐标系未知。");
        }

        var eastingHasPrefix = firstPoint is { ZonePrefix: not null };
        return new TxtCoordinateSystem(datum, isCgcs2000, width, zone, eastingHasPrefix);
    }

    /// <summary>One error per line, but a whole file written in another zone is one mistake: stop listing after a few.</summary>
    private void ReportMismatchedPrefixes(IEnumerable<PointDraft> mismatched, Func<PointDraft, string> message)
    {
        var all = mismatched.ToList();
        foreach (var point in all.Take(MaxListedPrefixErrors))
        {
            AddError(point.Point.Line, message(point));
        }

        if (all.Count > MaxListedPrefixErrors)
        {
            var next = all[MaxListedPrefixErrors];
            AddError(next.Point.Line, $"此行及之后还有 {all.Count - MaxListedPrefixErrors} 行 Y 坐标的带号前缀同样不一致，不再逐行列出。");
        }
    }

    private bool ResolveDatum(string datum)
    {
        if (!hasAttributeSection)
        {
            AddWarning(0, "文件缺少“[属性描述]”节，按 2000 国家大地坐标系读取，带号取自 Y 坐标的前缀。");
            return true;
        }

        var line = LineOf("坐标系");
        if (datum.Length == 0)
        {
            AddWarning(line, "[属性描述]未注明坐标系，按 2000 国家大地坐标系读取。");
            return true;
        }

        if (IsCgcs2000Text(datum))
        {
            return true;
        }

        AddError(line, $"坐标系为“{datum}”，系统只接受 2000 国家大地坐标系（CGCS2000）；请先转换坐标后再导入。");
        return false;
    }

    /// <summary>"2000国家大地坐标系", "CGCS2000", "国家2000坐标系"… but not the Xi'an 80 / Beijing 54 names.</summary>
    private static bool IsCgcs2000Text(string datum)
    {
        string[] legacy = ["西安", "北京", "Xian", "Beijing"];
        var says2000 = datum.Contains("2000", StringComparison.Ordinal) || datum.Contains("CGCS", StringComparison.OrdinalIgnoreCase);
        return says2000 && !legacy.Any(l => datum.Contains(l, StringComparison.OrdinalIgnoreCase));
    }

    private int LineOf(string key) => attributeLines.GetValueOrDefault(key);

    /// <summary>Reads "3", "3度", "39带"… as their leading digits; blank is absent, anything else an error.</summary>
    private (int? Value, bool Invalid) ReadWholeNumber(string key)
    {
        var text = attributes.GetValueOrDefault(key) ?? string.Empty;
        if (text.Length == 0)
        {
            return (null, false);
        }

        var digits = new string(text.TakeWhile(char.IsAsciiDigit).ToArray());
        if (digits.Length is 0 or > 6)
        {
            AddError(LineOf(key), $"“{key}”的值“{text}”不是整数。");
            return (null, true);
        }

        return (int.Parse(digits, CultureInfo.InvariantCulture), false);
    }

    private TxtParcel BuildParcel(ParcelDraft draft, GeometryFactory factory, double eastingOffset)
    {
        var name = ParcelName(draft.Field(2));
        var rings = SplitRings(draft);
        var txtRings = new List<TxtRing>();
        var planeRings = new List<PlaneRing>();
        var broken = draft.HasBadLines;
        foreach (var ring in rings)
        {
            var first = ring.Points[0];
            var last = ring.Points[^1];
            var closed = ring.IsClosed;
            var count = ring.Points.Count;
            var points = new TxtPoint[closed ? count : count + 1];
            var coordinates = new Coordinate[points.Length];
            for (var i = 0; i < count; i++)
            {
                points[i] = ring.Points[i].Point;
                coordinates[i] = new Coordinate(ring.Points[i].PlaneEasting, ring.Points[i].Point.Northing);
            }

            if (!closed)
            {
                points[count] = first.Point with { Line = last.Point.Line };
                coordinates[count] = coordinates[0].Copy();
            }

            var distinct = DistinctPointsUpToThree(ring.Points);
            if (distinct < 3)
            {
                AddError(first.Point.Line, $"圈号 {ring.Number} 的环只有 {distinct} 个不同的点，至少需要 3 个。");
                broken = true;
            }
            else if (!closed)
            {
                AddWarning(last.Point.Line, $"圈号 {ring.Number} 的环未闭合，已自动闭合。");
            }

            txtRings.Add(new TxtRing(ring.Number, points, closed));
            planeRings.Add(new PlaneRing(ring.Number, first.Point.Line, coordinates));
        }

        if (draft.Points.Count == 0 && !draft.HasBadLines)
        {
            AddError(draft.HeaderLine, $"{name}没有坐标。");
        }

        CheckPointCount(draft, rings);
        var geometry = broken || planeRings.Count == 0
            ? null
            : TxtRingAssembler.Assemble(planeRings, factory, draft.HeaderLine, name, eastingOffset, AddError);
        return new TxtParcel(
            draft.HeaderLine,
            draft.DeclaredPointCount,
            draft.DeclaredArea,
            InferAreaUnit(draft, geometry),
            draft.Field(2),
            draft.Field(3),
            draft.Field(4),
            draft.Field(5),
            draft.Field(6),
            draft.Field(7),
            draft.Attributes,
            txtRings,
            geometry);
    }

    /// <summary>How many different points a ring has, counting no further than 3 (all a ring needs).</summary>
    private static int DistinctPointsUpToThree(List<PointDraft> points)
    {
        var first = points[0];
        PointDraft? second = null;
        foreach (var point in points)
        {
            if (SamePlace(point, first))
            {
                continue;
            }

            if (second is not { } other)
            {
                second = point;
            }
            else if (!SamePlace(point, other))
            {
                return 3;
            }
        }

        return second is null ? 1 : 2;
    }

    private static bool SamePlace(PointDraft a, PointDraft b) =>
        a.Point.Northing == b.Point.Northing && a.PlaneEasting == b.PlaneEasting;

    /// <summary>
    /// A ring is a run of lines with the same 圈号. A run that has come back to its first point is complete, so
    /// further lines with the same number start a new ring (some producers number every part 1).
    /// </summary>
    private List<RingDraft> SplitRings(ParcelDraft draft)
    {
        var rings = new List<RingDraft>();
        var used = new HashSet<int>();
        RingDraft? current = null;
        foreach (var point in draft.Points)
        {
            var number = point.Point.Ring;
            var continues = current is not null && current.Number == number;
            if (continues && current!.IsClosed)
            {
                AddWarning(point.Point.Line,
                    $"圈号 {number} 的环已在第 {current.Points[^1].Point.Line} 行闭合，其后的点按新的环读取。");
                continues = false;
            }
            else if (!continues && used.Contains(number))
            {
                AddWarning(point.Point.Line, $"圈号 {number} 再次出现，按新的环读取。");
            }

            if (!continues)
            {
                current = new RingDraft(number);
                rings.Add(current);
                used.Add(number);
            }

            current!.Points.Add(point);
        }

        return rings;
    }

    /// <summary>Producers count with or without the closing points; trust the lines and warn when neither fits.</summary>
    private void CheckPointCount(ParcelDraft draft, List<RingDraft> rings)
    {
        if (draft.DeclaredPointCount is not int declared || rings.Count == 0 || draft.HasBadLines)
        {
            return;
        }

        var written = rings.Sum(r => r.Points.Count);
        var withoutClosing = rings.Sum(r => r.Points.Count - (r.IsClosed ? 1 : 0));
        var withClosing = withoutClosing + rings.Count;
        if (declared != written && declared != withoutClosing && declared != withClosing)
        {
            AddWarning(draft.HeaderLine,
                $"界址点数为 {declared}，与坐标行不符（共 {written} 个坐标行，不计闭合点为 {withoutClosing} 个），以坐标行为准。");
        }
    }

    /// <summary>The declared area is in 公顷 or m², whichever is closer to the planar (shoelace) area.</summary>
    private DeclaredAreaUnit InferAreaUnit(ParcelDraft draft, MultiPolygon? geometry)
    {
        if (draft.DeclaredArea is not decimal declared || geometry is null || geometry.Area <= 0)
        {
            return DeclaredAreaUnit.Unknown;
        }

        var planar = geometry.Area;
        var hectareGap = Math.Abs((double)declared * 10_000 - planar) / planar;
        var squareMetreGap = Math.Abs((double)declared - planar) / planar;
        if (Math.Min(hectareGap, squareMetreGap) > AreaTolerance)
        {
            AddWarning(draft.HeaderLine, Invariant(
                $"地块面积 {draft.Field(1)} 与按坐标计算的面积 {planar:F2} 平方米（{planar / 10_000:F4} 公顷）相差超过 5%，请核对面积及其单位。"));
        }

        return hectareGap <= squareMetreGap ? DeclaredAreaUnit.Hectare : DeclaredAreaUnit.SquareMetre;
    }

    /// <summary>A struct: one per coordinate line, so no allocation of its own.</summary>
    private readonly record struct PointDraft(TxtPoint Point, double PlaneEasting, int? ZonePrefix);

    private sealed class ParcelDraft(int headerLine, List<string> attributes)
    {
        public int HeaderLine { get; } = headerLine;

        public List<string> Attributes { get; } = attributes;

        public int? DeclaredPointCount { get; set; }

        public decimal? DeclaredArea { get; set; }

        /// <summary>A coordinate line of this parcel was refused, so its rings are incomplete.</summary>
        public bool HasBadLines { get; set; }

        public List<PointDraft> Points { get; } = [];

        public string Field(int index) => index < Attributes.Count ? Attributes[index] : string.Empty;
    }

    private sealed class RingDraft(int number)
    {
        public int Number { get; } = number;

        public List<PointDraft> Points { get; } = [];

        public bool IsClosed => Points.Count >= 3
            && Points[0].Point.Northing == Points[^1].Point.Northing
            && Points[0].PlaneEasting == Points[^1].PlaneEasting;
    }
}
