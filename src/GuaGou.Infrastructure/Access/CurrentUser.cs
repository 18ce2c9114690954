using GuaGou.Domain.Access;
using GuaGou.Domain.ProjectAreas;
using GuaGou.Domain.Regions;

namespace GuaGou.Infrastructure.Access;

/// <summary>The signed-in person as services see them: who, in which role, at which place.</summary>
public sealed record CurrentUser(Guid Id, string Name, string RoleCode, RegionCode Region, int RegionId)
{
    public Actor AsActor() => new(Id, Name, RoleCode);

    public bool Is(string roleCode) => string.Equals(RoleCode, roleCode, StringComparison.Ordinal);

    /// <summary>Projects are county records: a user sees those of the counties under their region.</summary>
    public bool CanSeeCounty(string countyCode) => RegionScope.Covers(Region, countyCode);

    /// <summary>A township official's own township: township records of other townships are out of their reach.</summary>
    public int? OwnTownshipId => Is(Roles.TownshipClerk) ? RegionId : null;

    /// <summary>City and province approvers see the projects that have reached them: submitted for approval or later.</summary>
    public bool SeesOnlySubmittedProjects => Is(Roles.CityApprover) || Is(Roles.ProvinceApprover);

    /// <summary>The region-code prefix every county-level record this user may see starts with.</summary>
    public string ScopePrefix => RegionScope.PrefixOf(Region);
}

/// <summary>Thrown when a record does not exist or lies outside the user's region: both look the same from outside.</summary>
public sealed class NotFoundException(string message) : Exception(message)
{
    public NotFoundException() : this("记录不存在或无权查看。") { }

    public NotFoundException(string message, Exception inner) : this(message + inner.Message) { }
}
