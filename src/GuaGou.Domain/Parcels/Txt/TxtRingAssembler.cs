using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;
using static System.FormattableString;

namespace GuaGou.Domain.Parcels.Txt;

/// <summary>One closed ring of a parcel in the projected plane (X = easting without prefix, Y = northing).</summary>
internal sealed record PlaneRing(int Number, int Line, Coordinate[] Coordinates);

/// <summary>
/// Turns the rings of one parcel into a MultiPolygon. The file does not say whether ring 2.. is a hole or another
/// part, so containment decides: a ring inside an earlier shell is a hole of the innermost such shell, unless it lies
/// inside one of that shell's holes (an island, i.e. a new part); a disjoint ring starts a new part.
/// </summary>
internal static class TxtRingAssembler
{
    /// <param name="eastingOffset">Added to X in messages so positions read like the file (zone prefix).</param>
    /// <param name="error">Receives (line, message without the "第 N 行：" prefix).</param>
    public static MultiPolygon? Assemble(
        IReadOnlyList<PlaneRing> rings, GeometryFactory factory, int headerLine, string parcelName, double eastingOffset, Action<int, string> error)
    {
        var parts = new List<Part>();
        var failed = false;
        try
        {
            foreach (var ring in rings)
            {
                var polygon = factory.CreatePolygon(ring.Coordinates);
                var problem = new IsValidOp(polygon).ValidationError;
                if (problem is not null)
                {
                    error(ring.Line, $"圈号 {ring.Number} 的环{Describe(problem, eastingOffset)}。");
                    failed = true;
                    continue;
                }

                // Once a ring is broken, containment tests against it would mislead; keep validating the others only.
                if (!failed && !Place(new Piece(ring, polygon), parts, error))
                {
                    failed = true;
                }
            }
        }
        catch (TopologyException)
        {
            error(headerLine, $"{parcelName}的环之间的关系无法判断（拓扑计算失败）。");
            return null;
        }

        if (failed || parts.Count == 0)
        {
            return null;
        }

        var geometry = factory.CreateMultiPolygon(parts.Select(p => p.ToPolygon(factory)).ToArray());
        if (rings.Count == 1)
        {
            return geometry; // one ring, already checked above: the parcel is that ring's polygon
        }

        var invalid = new IsValidOp(geometry).ValidationError;
        if (invalid is not null)
        {
            error(headerLine, $"{parcelName}的图形无效：{Describe(invalid, eastingOffset)}。");
        }

        return geometry;
    }

    /// <summary>Shells clockwise and holes counter-clockwise, as NTS Normalize orients them; the start point is kept.</summary>
    public static LinearRing Orient(GeometryFactory factory, Coordinate[] coordinates, bool clockwise)
    {
        if (Orientation.IsCCWArea(coordinates) != clockwise)
        {
            return factory.CreateLinearRing(coordinates);
        }

        var reversed = coordinates.Select(c => c.Copy()).ToArray();
        Array.Reverse(reversed);
        return factory.CreateLinearRing(reversed);
    }

    private static bool Place(Piece piece, List<Part> parts, Action<int, string> error)
    {
        Part? owner = null;
        Part? clash = null;
        foreach (var part in parts)
        {
            if (part.Shell.Polygon.Contains(piece.Polygon))
            {
                if (part.Holes.Exists(h => h.Polygon.Covers(piece.Polygon)))
                {
                    continue;
                }

                if (owner is null || part.Shell.Polygon.Area < owner.Shell.Polygon.Area)
                {
                    owner = part;
                }
            }
            else if (part.Shell.Polygon.Relate(piece.Polygon, "T********"))
            {
                clash ??= part;
            }
        }

        if (owner is not null)
        {
            owner.Holes.Add(piece);
            return true;
        }

        if (clash is not null)
        {
            error(piece.Ring.Line,
                $"圈号 {piece.Ring.Number} 的环与圈号 {clash.Shell.Ring.Number} 的环部分重叠，无法判断是洞还是另一部分（外边界应写在前面）。");
            return false;
        }

        parts.Add(new Part(piece));
        return true;
    }

    private static string Describe(TopologyValidationError problem, double eastingOffset)
    {
        var reason = problem.ErrorType switch
        {
            TopologyValidationErrors.SelfIntersection or TopologyValidationErrors.RingSelfIntersection => "自相交",
            TopologyValidationErrors.HoleOutsideShell => "有洞位于外边界之外",
            TopologyValidationErrors.NestedHoles => "有洞相互嵌套",
            TopologyValidationErrors.DisconnectedInteriors => "被洞分割成不相连的部分",
            TopologyValidationErrors.NestedShells => "有部分相互嵌套",
            TopologyValidationErrors.DuplicateRings => "有重复的环",
            TopologyValidationErrors.TooFewPoints => "点数太少",
            TopologyValidationErrors.InvalidCoordinate => "有无效坐标",
            TopologyValidationErrors.RingNotClosed => "未闭合",
            _ => "拓扑无效",
        };
        var at = problem.Coordinate;
        return at is null ? reason : Invariant($"{reason}（位置 X={at.Y:F3}, Y={at.X + eastingOffset:F3}）");
    }

    private sealed record Piece(PlaneRing Ring, Polygon Polygon);

    private sealed class Part(Piece shell)
    {
        public Piece Shell { get; } = shell;

        public List<Piece> Holes { get; } = [];

        public Polygon ToPolygon(GeometryFactory factory) => factory.CreatePolygon(
            Orient(factory, Shell.Ring.Coordinates, clockwise: true),
            Holes.Select(h => Orient(factory, h.Ring.Coordinates, clockwise: false)).ToArray());
    }
}
