using GuaGou.Domain.ProjectAreas;

namespace GuaGou.Domain.Tests.ProjectAreas;

public sealed class AreaBalanceTests
{
    // RULES: 复垦方向 耕地 first, then 林地/草地, or kept as construction land（003 二(四)）
    [Fact]
    public void Of_DemolitionParcels_AreSummedPerReclamationDirection_Direction003_2_4()
    {
        var project = ProjectAreaBuilder.NewProject();
        project.AddDemolition("CJ-01", 6_000m);
        project.AddDemolition("CJ-02", 2_000.5m, ReclamationDirection.Forest);
        project.AddDemolition("CJ-03", 1_000.25m, ReclamationDirection.Grassland);
        project.AddDemolition("CJ-04", 500m, ReclamationDirection.KeepConstruction);
        project.AddDemolition("CJ-05", 0.01m);

        var balance = project.Balance;

        Assert.Equal(6_000.01m, balance.DemolitionByDirection[ReclamationDirection.Farmland].SquareMetres);
        Assert.Equal(2_000.5m, balance.DemolitionByDirection[ReclamationDirection.Forest].SquareMetres);
        Assert.Equal(1_000.25m, balance.DemolitionByDirection[ReclamationDirection.Grassland].SquareMetres);
        Assert.Equal(500m, balance.DemolitionByDirection[ReclamationDirection.KeepConstruction].SquareMetres);
        Assert.Equal(9_500.76m, balance.DemolitionTotal.SquareMetres);
        Assert.Equal(5, balance.DemolitionParcels);
    }

    // RULES: Σ建新 ≤ Σ拆旧 *reclaimed* area（001 二(二), 004 一）; 保留建设用地 is not reclaimed（003 二(四)）
    [Fact]
    public void Of_Reclaimed_ExcludesParcelsKeptAsConstructionLand_AreaBalance001_2_2()
    {
        var project = ProjectAreaBuilder.NewProject();
        project.AddDemolition("CJ-01", 6_000m);
        project.AddDemolition("CJ-02", 2_000m, ReclamationDirection.Forest);
        project.AddDemolition("CJ-03", 1_000m, ReclamationDirection.Grassland);
        project.AddDemolition("CJ-04", 500m, ReclamationDirection.KeepConstruction);

        var balance = project.Balance;

        Assert.Equal(9_500m, balance.DemolitionTotal.SquareMetres);
        Assert.Equal(9_000m, balance.Reclaimed.SquareMetres);
    }

    // RULES: 节余 = reclaimed 拆旧 − 建新（RULES.md「Area balance」, 003 二(三)）
    [Fact]
    public void Of_ConstructionParcels_AreSummedAndTheSurplusIsReclaimedMinusConstruction_Surplus003_2_3()
    {
        var project = ProjectAreaBuilder.NewProject();
        project.AddDemolition("CJ-01", 9_000.75m);
        project.AddDemolition("CJ-02", 800m, ReclamationDirection.KeepConstruction);
        project.AddConstruction("JX-01", 4_000m);
        project.AddConstruction("JX-02", 500.5m);

        var balance = project.Balance;

        Assert.Equal(4_500.5m, balance.ConstructionTotal.SquareMetres);
        Assert.Equal(2, balance.ConstructionParcels);
        Assert.Equal(2, balance.DemolitionParcels);
        Assert.Equal(4_500.25m, balance.SurplusSquareMetres);
        Assert.True(balance.Holds);
    }

    // RULES: surplus target 50 %（003 二(三)）— exactly 50 % meets it
    [Fact]
    public void SurplusRatio_OfExactlyHalf_MeetsTheFiftyPercentTarget_SurplusTarget003_2_3()
    {
        var project = ProjectAreaBuilder.NewProject();
        project.AddDemolition("CJ-01", 10_000m);
        project.AddConstruction("JX-01", 5_000m);

        var balance = project.Balance;

        Assert.Equal(0.5m, AreaBalance.SurplusTarget);
        Assert.Equal(0.5m, balance.SurplusRatio);
        Assert.True(balance.MeetsSurplusTarget);
    }

    // RULES: surplus target 50 %（003 二(三)）— one hundredth of a m² short misses it
    [Fact]
    public void SurplusRatio_JustBelowHalf_MissesTheFiftyPercentTarget_SurplusTarget003_2_3()
    {
        var project = ProjectAreaBuilder.NewProject();
        project.AddDemolition("CJ-01", 10_000m);
        project.AddConstruction("JX-01", 5_000.01m);

        var balance = project.Balance;

        Assert.Equal(0.499999m, balance.SurplusRatio);
        Assert.False(balance.MeetsSurplusTarget);
        Assert.True(balance.Holds);
    }

    // RULES: surplus ratio is a share of the reclaimed area（003 二(三)）; 保留建设用地 does not enlarge the base
    [Fact]
    public void SurplusRatio_IgnoresParcelsKeptAsConstructionLand_SurplusTarget003_2_3()
    {
        var project = ProjectAreaBuilder.NewProject();
        project.AddDemolition("CJ-01", 8_000m);
        project.AddDemolition("CJ-02", 8_000m, ReclamationDirection.KeepConstruction);
        project.AddConstruction("JX-01", 6_000m);

        Assert.Equal(0.25m, project.Balance.SurplusRatio);
        Assert.False(project.Balance.MeetsSurplusTarget);
    }

    [Fact]
    public void Of_NoParcels_IsAllZeroWithNoRatioAndHolds()
    {
        var balance = ProjectAreaBuilder.NewProject().Balance;

        Assert.Equal(Area.Zero, balance.DemolitionTotal);
        Assert.Equal(Area.Zero, balance.Reclaimed);
        Assert.Equal(Area.Zero, balance.ConstructionTotal);
        Assert.Equal(0m, balance.SurplusSquareMetres);
        Assert.Null(balance.SurplusRatio);
        Assert.False(balance.MeetsSurplusTarget);
        Assert.True(balance.Holds);
        Assert.Empty(balance.ByLandClass);
        Assert.Equal(Enum.GetValues<ReclamationDirection>(), balance.DemolitionByDirection.Keys.Order());
        Assert.All(balance.DemolitionByDirection.Values, a => Assert.Equal(Area.Zero, a));
    }

    // RULES: Σ建新 ≤ Σ拆旧 reclaimed（001 二(二), 004 一）— a shortfall is a negative surplus
    [Fact]
    public void Holds_WhenConstructionExceedsReclaimedByOneCent_IsFalseWithNegativeSurplus_AreaBalance001_2_2()
    {
        var project = ProjectAreaBuilder.NewProject();
        project.AddDemolition("CJ-01", 10_000m);
        project.AddConstruction("JX-01", 10_000.01m);

        Assert.False(project.Balance.Holds);
        Assert.Equal(-0.01m, project.Balance.SurplusSquareMetres);
    }

    // RULES: Σ建新 ≤ Σ拆旧 reclaimed（001 二(二), 004 一）— equal passes
    [Fact]
    public void Holds_WhenConstructionEqualsReclaimed_IsTrueWithZeroSurplus_AreaBalance001_2_2()
    {
        var project = ProjectAreaBuilder.NewProject();
        project.AddDemolition("CJ-01", 3_333.33m);
        project.AddDemolition("CJ-02", 3_333.33m, ReclamationDirection.Forest);
        project.AddDemolition("CJ-03", 3_333.34m, ReclamationDirection.Grassland);
        project.AddConstruction("JX-01", 10_000m);

        Assert.True(project.Balance.Holds);
        Assert.Equal(0m, project.Balance.SurplusSquareMetres);
        Assert.Equal(0m, project.Balance.SurplusRatio);
    }

    // RULES: each land type's area balances within the project area（RULES.md「What a project area is」, 004, 003）
    [Fact]
    public void ByLandClass_TotalsEachZoneAndClassInZoneThenCodeOrder_LandTypeBalance004()
    {
        var project = ProjectAreaBuilder.NewProject();
        project.AddDemolition("CJ-01", 3_000m, landClass: "0602");
        project.AddDemolition("CJ-02", 1_000m, landClass: "0702");
        project.AddDemolition("CJ-03", 2_000m, ReclamationDirection.Forest, landClass: "0602");
        project.AddDemolition("CJ-04", 500m, ReclamationDirection.KeepConstruction, landClass: "204A");
        project.AddConstruction("JX-01", 2_500m, landClass: "0103");
        project.AddConstruction("JX-02", 1_000m, landClass: "0103");
        project.AddConstruction("JX-03", 100m, landClass: "0101");

        var totals = project.Balance.ByLandClass;

        Assert.Equal(
            [
                (Zone.Demolition, "0602", 2, 5_000m),
                (Zone.Demolition, "0702", 1, 1_000m),
                (Zone.Demolition, "204A", 1, 500m),
                (Zone.Construction, "0101", 1, 100m),
                (Zone.Construction, "0103", 2, 3_500m),
            ],
            totals.Select(t => (t.Zone, t.LandClass.Value, t.Parcels, t.Area.SquareMetres)));
    }

    // RULES: areas count from the boundary once there is one（Parcel.cs; computed area wins over declared）
    [Fact]
    public void Of_ParcelWithComputedArea_CountsTheComputedAreaNotTheDeclaredOne()
    {
        var project = ProjectAreaBuilder.NewProject();
        var parcel = project.AddDemolition("CJ-01", 10_000m);
        project.AddConstruction("JX-01", 2_000m);

        ProjectAreaBuilder.WithComputedArea(parcel, 9_876.54m);

        Assert.Equal(10_000m, parcel.DeclaredArea.SquareMetres);
        Assert.Equal(9_876.54m, parcel.EffectiveArea.SquareMetres);
        Assert.Equal(9_876.54m, project.Balance.DemolitionTotal.SquareMetres);
        Assert.Equal(9_876.54m, project.Balance.Reclaimed.SquareMetres);
        Assert.Equal(7_876.54m, project.Balance.SurplusSquareMetres);
        Assert.Equal(9_876.54m, project.Balance.ByLandClass.Single(t => t.Zone == Zone.Demolition).Area.SquareMetres);
    }

    [Fact]
    public void EffectiveArea_WithoutBoundary_IsTheDeclaredArea()
    {
        var parcel = ProjectAreaBuilder.NewProject().AddDemolition("CJ-01", 1_234.56m);

        Assert.Null(parcel.ComputedArea);
        Assert.Equal(1_234.56m, parcel.EffectiveArea.SquareMetres);
    }
}
