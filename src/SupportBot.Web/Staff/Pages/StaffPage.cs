using Microsoft.AspNetCore.Mvc.RazorPages;
using SupportBot.Engine.Staff;

namespace SupportBot.Web.Staff.Pages;

/// <summary>A console page: the audit log at hand, with the signed-in account as "who".</summary>
public abstract class StaffPage(StaffAudit audit) : PageModel
{
    protected StaffAudit Audit { get; } = audit;

    /// <summary>Records a staff action (an action name and an id; never text a resident wrote).</summary>
    protected Task AuditAsync(string action, string? target = null) =>
        Audit.WriteAsync(User.Who(), action, target, HttpContext.RequestAborted);
}
