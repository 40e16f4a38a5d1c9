using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SupportBot.Web.Staff.Pages;

/// <summary>Where a staff member lands on an admin page: 403 with a plain explanation.</summary>
public sealed class DeniedModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
