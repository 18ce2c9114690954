using GuaGou.Domain.Common;
using GuaGou.Domain.Spatial.Geodesy;

namespace GuaGou.Domain.Tests.Spatial;

public sealed class GaussKrugerZoneTests
{
    [Fact]
    public void Epsg_ForEveryZone_FollowsFormatsTable()
    {
        // FORMATS.md §2: 3° zones 25–45 → 4488 + zone / 4509 + zone; 6° zones 13–23 → 4478 + zone / 4489 + zone.
        var expected = new List<(int Width, int Zone, bool Prefix, int Epsg, double CentralMeridian, double FalseEasting)>();
        for (var zone = 25; zone <= 45; zone++)
        {
            expected.Add((3, zone, true, 4488 + zone, 3 * zone, (zone * 1_000_000) + 500_000));
            expected.Add((3, zone, false, 4509 + zone, 3 * zone, 500_000));
        }

        for (var zone = 13; zone <= 23; zone++)
        {
            expected.Add((6, zone, true, 4478 + zone, (6 * zone) - 3, (zone * 1_000_000) + 500_000));
            expected.Add((6, zone, false, 4489 + zone, (6 * zone) - 3, 500_000));
        }

        foreach (var (width, number, prefix, epsg, centralMeridian, falseEasting) in expected)
        {
            var zone = GaussKrugerZone.Create(width, number, prefix);
            Assert.Equal(epsg, zone.Epsg);
            Assert.Equal(centralMeridian, zone.CentralMeridian);
            Assert.Equal(falseEasting, zone.FalseEasting);
            Assert.Equal(zone, GaussKrugerZone.FromEpsg(epsg));
            Assert.True(GaussKrugerZone.TryFromEpsg(epsg, out var parsed));
            Assert.Equal(zone, parsed);
        }

        // Every code 4491–4554 is used exactly once.
        Assert.Equal(Enumerable.Range(4491, 4554 - 4491 + 1), expected.Select(e => e.Epsg).Order());
    }

    [Theory]
    [InlineData(4527, 3, 39, true, 117, 39_500_000)]   // the FORMATS.md example file (带号=39)
    [InlineData(4528, 3, 40, true, 120, 40_500_000)]   // 阿鲁科尔沁旗
    [InlineData(4549, 3, 40, false, 120, 500_000)]
    [InlineData(4491, 6, 13, true, 75, 13_500_000)]
    [InlineData(4512, 6, 23, false, 135, 500_000)]
    public void FromEpsg_KnownCodes_GiveZoneCentralMeridianAndFalseEasting(int epsg, int width, int number, bool prefix, double centralMeridian, double falseEasting)
    {
        var zone = GaussKrugerZone.FromEpsg(epsg);

        Assert.Equal(new GaussKrugerZone(width, number, prefix), zone);
        Assert.Equal(centralMeridian, zone.CentralMeridian);
        Assert.Equal(falseEasting, zone.FalseEasting);
    }

    [Theory]
    [InlineData(4490)]   // geographic CGCS2000
    [InlineData(4326)]
    [InlineData(4479)]   // CGCS2000 geocentric, just below the GK block
    [InlineData(4555)]
    [InlineData(2383)]   // Xi'an 1980 GK: legacy datum, refused (FORMATS.md §2)
    [InlineData(0)]
    public void FromEpsg_OtherCodes_AreRefused(int epsg)
    {
        var error = Assert.Throws<DomainException>(() => GaussKrugerZone.FromEpsg(epsg));

        Assert.Equal("crs.unsupported", error.Code);
        Assert.Contains($"EPSG:{epsg}", error.Message, StringComparison.Ordinal);
        Assert.False(GaussKrugerZone.TryFromEpsg(epsg, out var zone));
        Assert.Null(zone);
    }

    [Theory]
    [InlineData(3, 24)]
    [InlineData(3, 46)]
    [InlineData(3, 13)]
    [InlineData(6, 12)]
    [InlineData(6, 24)]
    [InlineData(6, 39)]
    [InlineData(1, 39)]
    [InlineData(0, 0)]
    public void Create_ZoneOutsideChina_IsRefused(int width, int number)
    {
        Assert.Equal("crs.zone.invalid", Assert.Throws<DomainException>(() => GaussKrugerZone.Create(width, number, true)).Code);
        Assert.Equal("crs.zone.invalid", Assert.Throws<DomainException>(() => new GaussKrugerZone(width, number, false)).Code);
    }

    [Fact]
    public void WithoutPrefix_KeepsTheZoneAndDropsTheMillions()
    {
        var zone = GaussKrugerZone.FromEpsg(4527).WithoutPrefix();

        Assert.Equal(new GaussKrugerZone(3, 39, false), zone);
        Assert.Equal(4548, zone.Epsg);
        Assert.Equal(500_000, zone.FalseEasting);
        Assert.Equal(117, zone.CentralMeridian);
    }
}
