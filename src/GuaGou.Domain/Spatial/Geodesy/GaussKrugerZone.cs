using System.Diagnostics.CodeAnalysis;
using GuaGou.Domain.Common;

namespace GuaGou.Domain.Spatial.Geodesy;

/// <summary>
/// A CGCS2000 Gauss–Krüger zone as FORMATS.md §2 defines them: 3° zones 25–45 (central meridian 3 × zone) and
/// 6° zones 13–23 (central meridian 6 × zone − 3), each with or without the zone number prefixed to the easting.
/// The constructor validates like <see cref="Create"/>; the properties have no <c>init</c>, so a <c>with</c>
/// expression cannot produce an invalid zone either.
/// </summary>
public sealed record GaussKrugerZone(int ZoneWidth, int Zone, bool EastingHasZonePrefix)
{
    // Field initialisers run in this order, so the width is checked before the zone is checked against it.
    public int ZoneWidth { get; } = ZoneWidth;

    public int Zone { get; } = Validate(ZoneWidth, Zone);

    public bool EastingHasZonePrefix { get; } = EastingHasZonePrefix;

    /// <summary>The EPSG code of this zone's projected CRS (FORMATS.md §2).</summary>
    public int Epsg => (ZoneWidth, EastingHasZonePrefix) switch
    {
        (3, true) => 4488 + Zone,   // 4513–4533
        (3, false) => 4509 + Zone,  // 4534–4554
        (_, true) => 4478 + Zone,   // 4491–4501
        (_, false) => 4489 + Zone,  // 4502–4512
    };

    /// <summary>Longitude of the central meridian in degrees.</summary>
    public double CentralMeridian => ZoneWidth == 3 ? 3 * Zone : (6 * Zone) - 3;

    /// <summary>500 000 m, plus zone × 1 000 000 m when the easting carries the zone number (39 500 000 for zone 39).</summary>
    public double FalseEasting => EastingHasZonePrefix ? (Zone * 1_000_000.0) + 500_000.0 : 500_000.0;

    public static GaussKrugerZone Create(int zoneWidth, int zone, bool prefix) => new(zoneWidth, zone, prefix);

    public static GaussKrugerZone FromEpsg(int epsg) =>
        TryFromEpsg(epsg, out var zone)
            ? zone
            : throw new DomainException("crs.unsupported",
                $"不支持的坐标系 EPSG:{epsg}：仅支持 CGCS2000 高斯-克吕格投影（3 度带 EPSG:4513–4554，6 度带 EPSG:4491–4512）。");

    public static bool TryFromEpsg(int epsg, [NotNullWhen(true)] out GaussKrugerZone? zone)
    {
        zone = epsg switch
        {
            >= 4491 and <= 4501 => new GaussKrugerZone(6, epsg - 4478, true),
            >= 4502 and <= 4512 => new GaussKrugerZone(6, epsg - 4489, false),
            >= 4513 and <= 4533 => new GaussKrugerZone(3, epsg - 4488, true),
            >= 4534 and <= 4554 => new GaussKrugerZone(3, epsg - 4509, false),
            _ => null,
        };
        return zone is not null;
    }

    public GaussKrugerZone WithoutPrefix() => new(ZoneWidth, Zone, false);

    public override string ToString() =>
        $"CGCS2000 {ZoneWidth} 度带第 {Zone} 带（中央经线 {CentralMeridian}°，EPSG:{Epsg}）";

    private static int Validate(int zoneWidth, int zone)
    {
        var (first, last) = zoneWidth switch
        {
            3 => (25, 45),
            6 => (13, 23),
            _ => throw new DomainException("crs.zone.invalid", $"分带宽度应为 3 度或 6 度，而不是 {zoneWidth} 度。"),
        };
        if (zone < first || zone > last)
        {
            throw new DomainException("crs.zone.invalid",
                $"{zoneWidth} 度带的带号应在 {first}–{last} 之间（CGCS2000 中国范围），而不是 {zone}。");
        }

        return zone;
    }
}
