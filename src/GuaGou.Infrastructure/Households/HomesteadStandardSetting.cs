using GuaGou.Domain.Households;

namespace GuaGou.Infrastructure.Households;

/// <summary>A county's own homestead standard (a setting per county); counties without a row use the document's defaults.</summary>
public sealed class HomesteadStandardSetting
{
    private HomesteadStandardSetting()
    {
        UpdatedByName = "";
    }

    public HomesteadStandardSetting(int countyId) : this() => CountyId = countyId;

    public int CountyId { get; private set; }

    public decimal InsidePerPerson { get; private set; }

    public decimal InsidePerHousehold { get; private set; }

    public decimal OutsidePerPerson { get; private set; }

    public decimal OutsidePerHousehold { get; private set; }

    public decimal MountainPerHousehold { get; private set; }

    public string UpdatedByName { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public HomesteadStandard Standard => new(InsidePerPerson, InsidePerHousehold, OutsidePerPerson, OutsidePerHousehold, MountainPerHousehold);

    public void Set(HomesteadStandard standard, string updatedBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(standard);
        standard.Validated();
        (InsidePerPerson, InsidePerHousehold, OutsidePerPerson, OutsidePerHousehold, MountainPerHousehold) =
            (standard.InsidePerPerson, standard.InsidePerHousehold, standard.OutsidePerPerson, standard.OutsidePerHousehold, standard.MountainPerHousehold);
        UpdatedByName = updatedBy;
        UpdatedAt = now;
    }
}
