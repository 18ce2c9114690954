using GuaGou.Domain.Households;
using GuaGou.Domain.ProjectAreas;
using static GuaGou.Domain.Tests.ProjectAreas.ProjectAreaBuilder;

namespace GuaGou.Domain.Tests.Households;

internal static class HouseholdBuilder
{
    /// <summary>A valid ID-card number for a person born on 1970-01-01 in 360421, with sequence <paramref name="n"/>.</summary>
    public static IdCardNumber IdCard(int n = 1)
    {
        var body = $"36042119700101{n % 1000:000}";
        return IdCardNumber.Parse(body + IdCardNumber.CheckCharacterFor(body));
    }

    public static HouseholdData Data(int members = 4, decimal? plot = 80m, LocationClass location = LocationClass.InsidePlanningArea,
        ResettlementChoice resettlement = ResettlementChoice.Concentrated, string name = "王大山", int n = 1) =>
        new(name, IdCard(n), members, Area.FromSquareMetres(150m), location, resettlement, plot is { } p ? Area.FromSquareMetres(p) : null, null);

    public static Parcel DemolitionParcel(string code = "CJ-01") => NewProject().AddDemolition(code, 6_000m);

    public static Household Registered(HouseholdData? data = null) => Household.Register(DemolitionParcel(), data ?? Data(), Now);

    /// <summary>A household with consent and both agreements signed in May 2025.</summary>
    public static Household Signed()
    {
        var household = Registered();
        household.RecordAgreement(AgreementKind.Consent, new DateOnly(2025, 5, 1), "王大山", null, Guid.NewGuid(), Now);
        household.RecordAgreement(AgreementKind.Compensation, new DateOnly(2025, 5, 10), "王大山", 86_000m, Guid.NewGuid(), Now);
        household.RecordAgreement(AgreementKind.Resettlement, new DateOnly(2025, 5, 10), "王大山", null, Guid.NewGuid(), Now);
        return household;
    }
}
