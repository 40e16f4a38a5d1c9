using Microsoft.AspNetCore.Mvc;
using SupportBot.Engine.Messages;
using SupportBot.Engine.Staff;

namespace SupportBot.Web.Staff.Pages;

/// <summary>Crisis alerts of the last 30 days (no message text): acknowledge one; who did and when is shown.</summary>
public sealed class CrisisModel(StaffAudit audit, StaffInbox inbox, MessageCatalog catalog, StaffText text) : StaffPage(audit)
{
    public IReadOnlyList<CrisisItem> Items { get; private set; } = [];

    /// <summary>The label key of a category; an unknown one reads as "other".</summary>
    public string CategoryKey(string category) =>
        catalog.Has("staff.crisis.category." + category, text.Culture) ? "staff.crisis.category." + category : "staff.crisis.category.other";

    public async Task OnGetAsync()
    {
        Items = await inbox.CrisisAlertsAsync(30, HttpContext.RequestAborted);
        await AuditAsync("view.crisis");
    }

    public async Task<IActionResult> OnPostAckAsync(string id)
    {
        if (!await inbox.AcknowledgeCrisisAsync(id, User.Who(), HttpContext.RequestAborted)) return NotFound();
        await AuditAsync("crisis.ack", id);
        return RedirectToPage();
    }
}
