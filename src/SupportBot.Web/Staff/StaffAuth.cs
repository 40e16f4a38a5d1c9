using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using SupportBot.Engine.Staff;
using SupportBot.Engine.State;

namespace SupportBot.Web.Staff;

/// <summary>The staff console's cookie sign-in: the scheme, the policies, and the claims a session carries.</summary>
public static class StaffAuth
{
    public const string Scheme = "StaffCookie";

    /// <summary>Any signed-in staff member (role Staff or Admin).</summary>
    public const string StaffPolicy = "staff";

    /// <summary>Admins only (accounts, the audit log).</summary>
    public const string AdminPolicy = "staff-admin";

    public const string StampClaim = "sb:stamp";

    public static ClaimsPrincipal Principal(StaffAccount account) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.Name, account.UserName),
        new Claim(ClaimTypes.GivenName, account.DisplayName),
        new Claim(ClaimTypes.Role, account.Role.ToString()),
        new Claim(StampClaim, account.Stamp),
    ], Scheme));

    /// <summary>The signed-in account name (what the audit log records as "who").</summary>
    public static string Who(this ClaimsPrincipal user) => user.Identity?.Name ?? "";

    public static string DisplayName(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.GivenName) ?? user.Who();

    /// <summary>
    /// On every request: the account must still exist, be enabled, have the same role and the same stamp (a
    /// password reset or a disable ends every earlier session at once, on every instance).
    /// </summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var accounts = context.HttpContext.RequestServices.GetRequiredService<StaffAccounts>();
        var principal = context.Principal;
        var account = principal is null ? null : await accounts.FindAsync(principal.Who(), context.HttpContext.RequestAborted);
        if (principal is null || account is null || account.Disabled || account.Stamp != principal.FindFirstValue(StampClaim) || !principal.IsInRole(account.Role.ToString()))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
        }
    }
}
