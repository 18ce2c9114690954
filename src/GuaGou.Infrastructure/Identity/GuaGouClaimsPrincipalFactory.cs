using System.Globalization;
using System.Security.Claims;
using GuaGou.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GuaGou.Infrastructure.Identity;

/// <summary>Puts the user's name and region into the sign-in cookie so every page can show them without a query.</summary>
public sealed class GuaGouClaimsPrincipalFactory(
    UserManager<AppUser> userManager,
    RoleManager<AppRole> roleManager,
    IOptions<IdentityOptions> options,
    GuaGouDbContext db)
    : UserClaimsPrincipalFactory<AppUser, AppRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(GuaGouClaims.DisplayName, user.DisplayName));
        if (user.RegionId is { } regionId)
        {
            var region = await db.Regions.AsNoTracking()
                .Where(r => r.Id == regionId)
                .Select(r => new { r.Name, r.Code })
                .SingleAsync();
            identity.AddClaim(new Claim(GuaGouClaims.RegionId, regionId.ToString(CultureInfo.InvariantCulture)));
            identity.AddClaim(new Claim(GuaGouClaims.RegionCode, region.Code.Value));
            identity.AddClaim(new Claim(GuaGouClaims.RegionName, region.Name));
        }

        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(GuaGouClaims.MustChangePassword, "true"));
        }

        return identity;
    }
}

public static class GuaGouClaims
{
    public const string DisplayName = "guagou:display_name";
    public const string RegionId = "guagou:region_id";
    public const string RegionCode = "guagou:region_code";
    public const string RegionName = "guagou:region_name";
    public const string MustChangePassword = "guagou:must_change_password";
}
