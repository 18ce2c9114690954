using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace GuaGou.Infrastructure.Persistence.Spatial;

/// <summary>
/// Npgsql cannot read PostGIS <c>geometry</c> without a plugin our registry lacks (STACK.md), so EF stores
/// NTS geometries as EWKB (SRID included) in a <c>bytea</c> column; PostGIS derives a real geometry column from it.
/// </summary>
public static class EwkbGeometry
{
    public static byte[] Write(Geometry geometry) =>
        new WKBWriter(ByteOrder.LittleEndian, handleSRID: true, emitZ: false, emitM: false).Write(geometry);

    public static Geometry Read(byte[] ewkb) =>
        new WKBReader { HandleSRID = true }.Read(ewkb);

    /// <summary>EF never passes null through a converter; the nullable type only matches optional properties.</summary>
    public static ValueConverter<TGeometry?, byte[]> Converter<TGeometry>() where TGeometry : Geometry =>
        new(geometry => Write(geometry!), bytes => (TGeometry)Read(bytes));

    /// <summary>Geometries are mutable objects: compare by coordinates and snapshot by copy, or EF misses edits.</summary>
    public static ValueComparer<TGeometry?> Comparer<TGeometry>() where TGeometry : Geometry =>
        new(
            (a, b) => a == null ? b == null : b != null && a.EqualsExact(b),
            g => g == null ? 0 : g.GetHashCode(),
            g => g == null ? null : (TGeometry)g.Copy());
}
