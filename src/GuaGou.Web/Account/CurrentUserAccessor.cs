using System.Globalization;
using System.Security.Claims;
using GuaGou.Domain.Regions;
using GuaGou.Infrastructure.Access;
using GuaGou.Infrastructure.Identity;

namespace GuaGou.Web.Account;

/// <summary>Builds the services' <see cref="CurrentUser"/> from the sign-in cookie's claims.</summary>
public static class CurrentUserAccessor
{
    public static CurrentUser? From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true
            || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            || principal.FindFirstValue(GuaGouClaims.RegionCode) is not { } regionCode
            || !int.TryParse(principal.FindFirstValue(GuaGouClaims.RegionId), CultureInfo.InvariantCulture, out var regionId))
        {
            return null;
        }

        return new CurrentUser(id, principal.FindFirstValue(GuaGouClaims.DisplayName) ?? principal.Identity.Name ?? "",
            principal.FindFirstValue(ClaimTypes.Role) ?? "", RegionCode.Parse(regionCode), regionId);
    }

    /// <summary>For pages behind sign-in: a signed-in user without a region cannot work on regional records.</summary>
    public static CurrentUser Require(ClaimsPrincipal principal) =>
        From(principal) ?? throw new NotFoundException("当前账户未设置所属区域，请联系系统管理员。");
}
