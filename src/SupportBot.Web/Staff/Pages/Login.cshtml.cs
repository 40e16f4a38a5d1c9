using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupportBot.Engine.Staff;

namespace SupportBot.Web.Staff.Pages;

public sealed class LoginModel(StaffAccounts accounts, StaffAudit audit) : PageModel
{
    [BindProperty] public string UserName { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    /// <summary>The message key to show after a failed sign-in.</summary>
    public string? Message { get; private set; }

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? Redirect(SafeReturn()) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await accounts.SignInAsync(UserName, Password, HttpContext.RequestAborted);
        // The audit names an attempted account only when it exists; anything else typed there stays out of the log.
        var who = result.Account?.UserName ?? "?";
        switch (result.Outcome)
        {
            case SignInOutcome.Ok:
                await HttpContext.SignInAsync(StaffAuth.Scheme, StaffAuth.Principal(result.Account!), new AuthenticationProperties { IsPersistent = false });
                await audit.WriteAsync(result.Account!.UserName, "signin", null, HttpContext.RequestAborted);
                return LocalRedirect(SafeReturn());
            case SignInOutcome.LockedOut:
                await audit.WriteAsync(who, "signin.locked", null, HttpContext.RequestAborted);
                Message = "staff.login.locked";
                break;
            default:
                await audit.WriteAsync(who, "signin.failed", null, HttpContext.RequestAborted);
                Message = "staff.login.failed";
                break;
        }
        Password = "";
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }

    private string SafeReturn() =>
        ReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) && url.StartsWith("/staff", StringComparison.OrdinalIgnoreCase) ? url : "/staff";
}
