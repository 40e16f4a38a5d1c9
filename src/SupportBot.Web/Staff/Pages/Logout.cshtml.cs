using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using SupportBot.Engine.Staff;

namespace SupportBot.Web.Staff.Pages;

public sealed class LogoutModel(StaffAudit audit) : StaffPage(audit)
{
    public IActionResult OnGet() => Redirect("/staff");

    public async Task<IActionResult> OnPostAsync()
    {
        await AuditAsync("signout");
        await HttpContext.SignOutAsync(StaffAuth.Scheme);
        return Redirect("/staff/login");
    }
}
