using Microsoft.AspNetCore.Mvc;
using SupportBot.Engine.Staff;

namespace SupportBot.Web.Staff.Pages;

/// <summary>Callback requests: who asked, the number, when suits them; mark one done with a note.</summary>
public sealed class CallbacksModel(StaffAudit audit, StaffInbox inbox) : StaffPage(audit)
{
    public IReadOnlyList<CallbackItem> Items { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Items = await inbox.CallbacksAsync(HttpContext.RequestAborted);
        await AuditAsync("view.callbacks");
    }

    public async Task<IActionResult> OnPostDoneAsync(string id, string? note)
    {
        if (note is { Length: > 200 }) note = note[..200];
        if (!await inbox.MarkCallbackDoneAsync(id, User.Who(), note, HttpContext.RequestAborted)) return NotFound();
        await AuditAsync("callback.done", id);
        return RedirectToPage();
    }
}
