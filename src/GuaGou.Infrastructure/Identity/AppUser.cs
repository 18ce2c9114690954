using GuaGou.Domain.Regions;
using Microsoft.AspNetCore.Identity;

namespace GuaGou.Infrastructure.Identity;

/// <summary>A person who signs in. Belongs to one region (their county, township, city or province).</summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public const int MaxDisplayNameLength = 64;

    public string DisplayName { get; set; } = string.Empty;

    public int? RegionId { get; set; }

    public Region? Region { get; set; }

    /// <summary>Set for accounts created with a password somebody else chose (seeded, or set by an admin).</summary>
    public bool MustChangePassword { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class AppRole : IdentityRole<Guid>
{
    public AppRole() { }

    public AppRole(string name) : base(name) { }
}
