using GuaGou.Domain.Common;

namespace GuaGou.Domain.Parcels.Txt;

/// <summary>
/// The coordinate system a TXT declares (or implies): datum text, Gauss–Krüger zone width (3 or 6) and zone number,
/// and whether eastings carry the zone prefix. EPSG codes are those of CGCS2000 (FORMATS.md §2).
/// </summary>
public sealed record TxtCoordinateSystem(string DatumText, bool IsCgcs2000, int? ZoneWidth, int? Zone, bool EastingHasZonePrefix)
{
    public const string StandardDatumText = "2000国家大地坐标系";

    /// <summary>3°: 4488 + zone (4513–4533); 6°: 4478 + zone (4491–4501); null if unknown, invalid or not CGCS2000.</summary>
    public int? EpsgWithPrefix => IsCgcs2000 && HasValidZone ? (ZoneWidth == 3 ? 4488 : 4478) + Zone : null;

    /// <summary>3°: 4509 + zone (4534–4554); 6°: 4489 + zone (4502–4512); null if unknown, invalid or not CGCS2000.</summary>
    public int? EpsgWithoutPrefix => IsCgcs2000 && HasValidZone ? (ZoneWidth == 3 ? 4509 : 4489) + Zone : null;

    /// <summary>Central meridian in degrees: 3° zones 3 × zone, 6° zones 6 × zone − 3; null if the zone is unknown or invalid.</summary>
    public double? CentralMeridian => HasValidZone ? (ZoneWidth == 3 ? 3.0 * Zone : 6.0 * Zone - 3) : null;

    private bool HasValidZone => IsValidZone(ZoneWidth, Zone);

    /// <summary>A CGCS2000 Gauss–Krüger system for a zone number; the width follows from the number (25–45 → 3°, 13–23 → 6°).</summary>
    public static TxtCoordinateSystem ForCgcs2000Zone(int zone, bool eastingHasZonePrefix = true)
    {
        var width = WidthOfZone(zone)
            ?? throw new DomainException("txt.zone.invalid", $"带号 {zone} 无效：3 度带带号应为 25–45，6 度带带号应为 13–23。");
        return new TxtCoordinateSystem(StandardDatumText, true, width, zone, eastingHasZonePrefix);
    }

    internal static bool IsValidZone(int? width, int? zone) => (width, zone) is (3, >= 25 and <= 45) or (6, >= 13 and <= 23);

    /// <summary>3° and 6° zone numbers used in China never collide, so the number alone tells the width.</summary>
    internal static int? WidthOfZone(int zone) => zone switch
    {
        >= 25 and <= 45 => 3,
        >= 13 and <= 23 => 6,
        _ => null,
    };
}
