using GuaGou.Domain.Common;
using GuaGou.Domain.ProjectAreas;
using GuaGou.Domain.Regions;
using GuaGou.Domain.Spatial;
using NetTopologySuite.Geometries;
using static GuaGou.Domain.Tests.ProjectAreas.ProjectAreaBuilder;

namespace GuaGou.Domain.Tests.ProjectAreas;

/// <summary>Replacing a zone's parcels from a boundary file: all or nothing, computed areas counted in the balance.</summary>
public sealed class ProjectAreaImportTests
{
    private static readonly Dictionary<int, Region> Regions = new() { [Township.Id] = Township, [OtherTownship.Id] = OtherTownship, [TownshipOfOtherCounty.Id] = TownshipOfOtherCounty };

    private static ImportedParcel Imported(string code, decimal ellipsoid, Zone zone = Zone.Demolition, int? township = null) => new(
        zone == Zone.Demolition ? Demolition(code, 100m) with { TownshipId = township ?? Township.Id, VillageId = null } : Construction(code, 100m) with { TownshipId = township ?? Township.Id, VillageId = null },
        Cgcs2000.Factory.CreateMultiPolygon([Cgcs2000.Factory.CreatePolygon([
            new Coordinate(120.09, 43.87), new Coordinate(120.091, 43.87), new Coordinate(120.091, 43.871), new Coordinate(120.09, 43.871), new Coordinate(120.09, 43.87),
        ])]),
        Area.FromSquareMetres(ellipsoid), Area.FromSquareMetres(ellipsoid + 1), 4549);

    [Fact]
    public void ReplaceZoneParcels_ReplacesOnlyThatZone_AndTheBalanceUsesTheEllipsoidalArea_Formats3()
    {
        var project = NewProject();
        project.AddDemolition("OLD1", 500m);
        project.AddConstruction("JX1", 200m);

        var replaced = project.ReplaceZoneParcels(Zone.Demolition, [Imported("CJ1", 1000m), Imported("CJ2", 234.56m)], Regions, CountyClerk, "文件 a.txt", Now);

        Assert.Equal(1, replaced);
        Assert.Equal(["CJ1", "CJ2", "JX1"], project.Parcels.Select(p => p.Code).Order(StringComparer.Ordinal));
        Assert.Equal(1234.56m, project.Balance.Reclaimed.SquareMetres);
        Assert.Equal(4549, project.Parcels.First(p => p.Code == "CJ1").SourceEpsg);
        Assert.Equal(1001m, project.Parcels.First(p => p.Code == "CJ1").PlanarArea!.Value.SquareMetres);
        var record = project.Transitions[^1];
        Assert.Equal(TransitionKind.ParcelsReplaced, record.Kind);
        Assert.Contains("替换原有 1 块", record.Opinion, StringComparison.Ordinal);
    }

    [Fact]
    public void ReplaceZoneParcels_WithOneBadParcel_ChangesNothing()
    {
        var project = NewProject();
        project.AddDemolition("OLD1", 500m);

        var error = Assert.Throws<DomainException>(() => project.ReplaceZoneParcels(Zone.Demolition,
            [Imported("CJ1", 1000m), Imported("CJ2", 10m, township: TownshipOfOtherCounty.Id)], Regions, CountyClerk, "b.txt", Now));

        Assert.Equal("parcel.township.outside", error.Code);
        Assert.Equal(["OLD1"], project.Parcels.Select(p => p.Code));
    }

    [Fact]
    public void ReplaceZoneParcels_WithACodeOfTheOtherZoneOrTwiceTheSame_IsRefused()
    {
        var project = NewProject();
        project.AddConstruction("JX1", 200m);

        Assert.Equal("parcel.code.duplicate", Assert.Throws<DomainException>(() => project.ReplaceZoneParcels(Zone.Demolition,
            [Imported("jx1", 1000m)], Regions, CountyClerk, "c.txt", Now)).Code);
        Assert.Equal("parcel.code.duplicate", Assert.Throws<DomainException>(() => project.ReplaceZoneParcels(Zone.Demolition,
            [Imported("CJ1", 1000m), Imported("cj1", 5m)], Regions, CountyClerk, "c.txt", Now)).Code);
    }

    [Fact]
    public void ReplaceZoneParcels_AfterSubmission_IsRefused()
    {
        var project = At(Stage.Approval);

        Assert.Equal("parcels.locked", Assert.Throws<DomainException>(() => project.ReplaceZoneParcels(Zone.Demolition,
            [Imported("CJ1", 1000m)], Regions, CountyClerk, "d.txt", Now)).Code);
    }
}
