using GuaGou.Domain.Common;
using GuaGou.Domain.Regions;
using GuaGou.Domain.Spatial;
using NetTopologySuite.Geometries;

namespace GuaGou.Domain.Tests.Regions;

public sealed class RegionTests
{
    private static Region Province() => new(RegionCode.Parse("150000"), "内蒙古自治区", null);

    private static Region County()
    {
        var city = new Region(RegionCode.Parse("150400"), "赤峰市", Province());
        return new Region(RegionCode.Parse("150421"), "阿鲁科尔沁旗", city);
    }

    [Fact]
    public void New_WithMatchingParent_TakesItsLevelFromTheCode()
    {
        var township = new Region(RegionCode.Parse("150421100"), " 天山镇 ", County());

        Assert.Equal(RegionLevel.Township, township.Level);
        Assert.Equal("天山镇", township.Name);
    }

    [Fact]
    public void New_BelowProvinceWithoutParent_IsRefused()
    {
        var error = Assert.Throws<DomainException>(() => new Region(RegionCode.Parse("150421"), "阿鲁科尔沁旗", null));

        Assert.Equal("region.parent.required", error.Code);
    }

    [Fact]
    public void New_UnderAParentWithAnotherPrefix_IsRefusedNamingBoth()
    {
        var error = Assert.Throws<DomainException>(() => new Region(RegionCode.Parse("360404100"), "某镇", County()));

        Assert.Equal("region.parent.mismatch", error.Code);
        Assert.Contains("360404100", error.Message, StringComparison.Ordinal);
        Assert.Contains("阿鲁科尔沁旗", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void New_WithoutName_IsRefused(string name) =>
        Assert.Equal("region.name.required", Assert.Throws<DomainException>(() => new Region(RegionCode.Parse("150000"), name, null)).Code);

    [Fact]
    public void Rename_BeyondMaximumLength_IsRefused()
    {
        var region = Province();

        var error = Assert.Throws<DomainException>(() => region.Rename(new string('镇', Region.MaxNameLength + 1)));

        Assert.Equal("region.name.too_long", error.Code);
        Assert.Equal("内蒙古自治区", region.Name);
    }

    [Fact]
    public void SetBoundary_InAnotherCoordinateSystem_IsRefused()
    {
        var region = County();
        var projected = new GeometryFactory(new PrecisionModel(), 4527).CreateMultiPolygon([Square(new GeometryFactory(new PrecisionModel(), 4527))]);

        var error = Assert.Throws<DomainException>(() => region.SetBoundary(projected));

        Assert.Equal("geometry.srid.mismatch", error.Code);
        Assert.Null(region.Boundary);
    }

    [Fact]
    public void SetBoundary_SelfIntersecting_IsRefusedWithTheLocation()
    {
        var region = County();
        var bowTie = Cgcs2000.Factory.CreateMultiPolygon([Cgcs2000.Factory.CreatePolygon([
            new Coordinate(120, 44), new Coordinate(120.01, 44.01), new Coordinate(120.01, 44), new Coordinate(120, 44.01), new Coordinate(120, 44),
        ])]);

        var error = Assert.Throws<DomainException>(() => region.SetBoundary(bowTie));

        Assert.Equal("geometry.invalid", error.Code);
        Assert.Contains("120.005", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SetBoundary_Valid_IsKept()
    {
        var region = County();
        var boundary = Cgcs2000.Factory.CreateMultiPolygon([Square(Cgcs2000.Factory)]);

        region.SetBoundary(boundary);

        Assert.Same(boundary, region.Boundary);
    }

    private static Polygon Square(GeometryFactory factory) => factory.CreatePolygon([
        new Coordinate(120, 44), new Coordinate(120.01, 44), new Coordinate(120.01, 44.01), new Coordinate(120, 44.01), new Coordinate(120, 44),
    ]);
}
