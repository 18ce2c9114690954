using System.Globalization;
using GuaGou.Domain.Spatial.Geodesy;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;

namespace GuaGou.Domain.Parcels;

/// <summary>
/// Checks of an imported parcel set that need no database (issue 4 "Validation before commit"): valid rings with
/// NTS's reason and location, duplicate codes, parcels overlapping each other, declared vs computed area beyond
/// a tolerance (a warning), and coordinates outside the stated zone.
/// </summary>
public static class ParcelSetValidator
{
    /// <summary>Default tolerance between declared and computed area: 0.5 % (a county setting may change it).</summary>
    public const double DefaultAreaTolerance = 0.005;

    /// <summary>Overlaps smaller than this (m² in the plane) are shared edges drawn twice, not real overlaps.</summary>
    public const double OverlapNoiseSquareMetres = 0.01;

    // Limits of one file, so that one upload cannot tie up the server (OWASP ASVS V12 / V13, resource limits on
    // uploads). A county's real files hold up to about 10 000 parcels of a few dozen to a few hundred vertices.

    /// <summary>Parcels in one file: twice the largest county files seen.</summary>
    public const int MaxParcels = 20_000;

    /// <summary>Vertices of one parcel: a surveyed boundary has hundreds; tens of thousands means a densified or broken line.</summary>
    public const int MaxVerticesPerParcel = 20_000;

    /// <summary>Vertices of one file: twice a 10 000-parcel file of 50 vertices each.</summary>
    public const int MaxVertices = 1_000_000;

    /// <summary>Overlaps within the file listed before the check stops: beyond this the file needs redrawing, not reading.</summary>
    public const int MaxOverlapFindings = 100;

    /// <summary>
    /// Pairs of parcels whose boxes meet that the in-file overlap check examines at most. Neighbours in a real file
    /// touch a handful of others (≈ 5 pairs per parcel); parcels stacked on each other make every pair a candidate.
    /// </summary>
    public const int MaxOverlapPairs = 200_000;

    public static ParsedParcelSet Validate(ParsedParcelSet set, double areaTolerance = DefaultAreaTolerance)
    {
        var errors = new List<ImportIssue>();
        var warnings = new List<ImportIssue>();
        if (FileTooLarge(set) is { } refusal)
        {
            // Refused as a whole: no parcel check runs on a file this size, and the commit refuses it (it has an error).
            return set.With([refusal], []);
        }

        var zone = set.SourceEpsg is { } epsg && GaussKrugerZone.TryFromEpsg(epsg, out var z) ? z : null;

        foreach (var group in set.Parcels.GroupBy(p => p.Code, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            foreach (var duplicate in group.Skip(1))
            {
                errors.Add(new ImportIssue(duplicate.Line, $"{set.Where(duplicate.Line)}：地块编号“{duplicate.Code}”重复（首次出现在{set.Where(group.First().Line)}）。"));
            }
        }

        // Each parcel's own checks are independent: run them on every core, validity computed once per parcel.
        var checks = set.Parcels.AsParallel().AsOrdered().Select(parcel => Check(set, parcel, zone, areaTolerance)).ToList();
        errors.AddRange(checks.SelectMany(c => c.Errors));
        warnings.AddRange(checks.SelectMany(c => c.Warnings));
        var valid = checks.Where(c => c.IsValid).Select(c => c.Parcel).ToList();

        errors.AddRange(OverlapsWithin(set, valid));
        return set.With(errors, warnings);
    }

    /// <summary>The refusal of a file beyond <see cref="MaxParcels"/> or <see cref="MaxVertices"/>, or null: such a file gets no other check.</summary>
    public static ImportIssue? FileTooLarge(ParsedParcelSet set)
    {
        if (set.Parcels.Count > MaxParcels)
        {
            return new ImportIssue(0, string.Create(CultureInfo.InvariantCulture,
                $"文件有 {set.Parcels.Count:N0} 个地块，超过每个文件 {MaxParcels:N0} 个地块的上限，未做其他检查，不能导入。请把地块分成几个文件分别导入。"));
        }

        var vertices = set.Parcels.Sum(p => (long)p.Vertices);
        return vertices > MaxVertices
            ? new ImportIssue(0, string.Create(CultureInfo.InvariantCulture,
                $"文件共有 {vertices:N0} 个界址点，超过每个文件 {MaxVertices:N0} 个界址点的上限，未做其他检查，不能导入。请分成几个文件导入，或删去重复加密的界址点。"))
            : null;
    }

    private sealed record ParcelCheck(ParsedParcel Parcel, bool IsValid, List<ImportIssue> Errors, List<ImportIssue> Warnings);

    private static ParcelCheck Check(ParsedParcelSet set, ParsedParcel parcel, GaussKrugerZone? zone, double areaTolerance)
    {
        var errors = new List<ImportIssue>();
        var warnings = new List<ImportIssue>();
        if (parcel.Projected is null)
        {
            return new ParcelCheck(parcel, false, errors, warnings);
        }

        if (parcel.Vertices > MaxVerticesPerParcel)
        {
            // Not checked further (validity and overlaps of such a ring are what would take the time).
            errors.Add(new ImportIssue(parcel.Line, string.Create(CultureInfo.InvariantCulture,
                $"{set.Where(parcel.Line)}：地块 {parcel.Code} 有 {parcel.Vertices:N0} 个界址点，超过每个地块 {MaxVerticesPerParcel:N0} 个的上限，请简化边界后重新上传。")));
            return new ParcelCheck(parcel, false, errors, warnings);
        }

        var problem = parcel.GeometryChecked ? null : new IsValidOp(parcel.Projected).ValidationError;
        var isValid = problem is null;
        if (problem is { } e)
        {
            errors.Add(new ImportIssue(parcel.Line, string.Create(CultureInfo.InvariantCulture,
                $"{set.Where(parcel.Line)}：地块 {parcel.Code} 的图形无效（{Explain(e.ErrorType)}），位置 X={e.Coordinate.Y:0.###}, Y={e.Coordinate.X:0.###}。")));
        }

        if (parcel.DeclaredSquareMetres is { } declared && declared > 0 && parcel.EllipsoidalSquareMetres is { } computed)
        {
            var difference = ((double)declared - computed) / computed;
            if (Math.Abs(difference) > areaTolerance)
            {
                warnings.Add(new ImportIssue(parcel.Line, string.Create(CultureInfo.InvariantCulture,
                    $"{set.Where(parcel.Line)}：地块 {parcel.Code} 的申报面积 {declared / 10_000m:0.0000} 公顷与计算面积（椭球）{computed / 10_000:0.0000} 公顷相差 {difference * 100:0.00} %，超过 {areaTolerance * 100:0.##} %。")));
            }
        }

        if (zone is not null && parcel.Geographic is { } geographic)
        {
            // A 3° zone spans ±1.5° around its central meridian, a 6° zone ±3°; allow a little overlap between zones.
            var halfWidth = zone.ZoneWidth / 2.0 + 0.05;
            var envelope = geographic.EnvelopeInternal;
            if (envelope.MinX < zone.CentralMeridian - halfWidth || envelope.MaxX > zone.CentralMeridian + halfWidth)
            {
                errors.Add(new ImportIssue(parcel.Line, string.Create(CultureInfo.InvariantCulture,
                    $"{set.Where(parcel.Line)}：地块 {parcel.Code} 的坐标（经度 {envelope.MinX:0.###}°–{envelope.MaxX:0.###}°）超出 {zone.ZoneWidth} 度带第 {zone.Zone} 带的范围（中央经线 {zone.CentralMeridian}°），请检查带号。")));
            }
        }

        return new ParcelCheck(parcel, isValid, errors, warnings);
    }

    /// <summary>
    /// Parcels of the same file overlapping each other, with the overlap area (planar, m²). Bounded: it stops after
    /// <see cref="MaxOverlapFindings"/> overlaps or <see cref="MaxOverlapPairs"/> candidate pairs, with one line saying
    /// so — the file has an error either way, and listing thousands of overlaps of stacked parcels helps no one.
    /// </summary>
    private static List<ImportIssue> OverlapsWithin(ParsedParcelSet set, IReadOnlyList<ParsedParcel> valid)
    {
        var found = new List<ImportIssue>();
        var index = new NetTopologySuite.Index.Strtree.STRtree<ParsedParcel>();
        foreach (var parcel in valid)
        {
            index.Insert(parcel.Projected!.EnvelopeInternal, parcel);
        }

        var pairs = 0;
        foreach (var parcel in valid)
        {
            // Prepared once per parcel: its edges indexed, each Intersects against a neighbour is then cheap.
            NetTopologySuite.Geometries.Prepared.IPreparedGeometry? prepared = null;
            foreach (var other in index.Query(parcel.Projected!.EnvelopeInternal))
            {
                if (other.Line <= parcel.Line)
                {
                    continue;
                }

                if (++pairs > MaxOverlapPairs)
                {
                    found.Add(new ImportIssue(0, string.Create(CultureInfo.InvariantCulture,
                        $"文件内相互叠放的地块过多（需比较的地块超过 {MaxOverlapPairs:N0} 对），重叠检查已停止，已列出的 {found.Count} 处重叠之外可能还有更多。请检查文件是否重复绘制了地块，修正后重新上传。")));
                    return found;
                }

                prepared ??= NetTopologySuite.Geometries.Prepared.PreparedGeometryFactory.Prepare(parcel.Projected);
                if (!prepared.Intersects(other.Projected))
                {
                    continue;
                }

                var overlap = parcel.Projected.Intersection(other.Projected!).Area;
                if (overlap <= OverlapNoiseSquareMetres)
                {
                    continue;
                }

                if (found.Count == MaxOverlapFindings)
                {
                    found.Add(new ImportIssue(0, string.Create(CultureInfo.InvariantCulture,
                        $"文件内地块相互重叠超过 {MaxOverlapFindings} 处，重叠检查已停止，只列出前 {MaxOverlapFindings} 处。请修正后重新上传。")));
                    return found;
                }

                found.Add(new ImportIssue(other.Line, string.Create(CultureInfo.InvariantCulture,
                    $"{set.Where(other.Line)}：地块 {other.Code} 与{set.Where(parcel.Line)}的地块 {parcel.Code} 重叠 {overlap:0.00} 平方米。")));
            }
        }

        return found;
    }

    private static string Explain(TopologyValidationErrors error) => error switch
    {
        TopologyValidationErrors.SelfIntersection or TopologyValidationErrors.RingSelfIntersection => "边界自相交",
        TopologyValidationErrors.TooFewPoints => "环的点数少于 3 个",
        TopologyValidationErrors.HoleOutsideShell => "扣除部分位于外边界之外",
        TopologyValidationErrors.NestedHoles => "扣除部分相互嵌套",
        TopologyValidationErrors.NestedShells => "多个外边界相互嵌套",
        TopologyValidationErrors.DisconnectedInteriors => "内部不连通",
        TopologyValidationErrors.RingNotClosed => "环未闭合",
        TopologyValidationErrors.InvalidCoordinate => "坐标无效",
        TopologyValidationErrors.DuplicateRings => "重复的环",
        _ => error.ToString(),
    };
}
