using Microsoft.AspNetCore.Mvc;
using SupportBot.Engine.Handoffs;
using SupportBot.Engine.Staff;
using SupportBot.Engine.State;

namespace SupportBot.Web.Staff.Pages;

/// <summary>
/// One conversation handed to a person: take it, read the turns since consent, reply (the resident gets it on their
/// channel), hand it back (the transcript is deleted, the bot says who was there). Only the one who took it replies.
/// </summary>
public sealed class ConversationModel(StaffAudit audit, HandoffDesk desk) : StaffPage(audit)
{
    [BindProperty(SupportsGet = true)] public string Key { get; set; } = "";
    public Handoff? Handoff { get; private set; }
    public IReadOnlyList<HandoffLine> Lines { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Handoff = await desk.GetAsync(Key, HttpContext.RequestAborted);
        if (Handoff is { Status: HandoffStatus.Unanswered }) Handoff = null;
        if (Handoff is not null) Lines = await desk.LinesAsync(Key, HttpContext.RequestAborted);
        await AuditAsync("view.conversation", Key);
    }

    public async Task<IActionResult> OnPostTakeAsync()
    {
        if (await desk.TakeAsync(Key, User.Who(), User.DisplayName(), HttpContext.RequestAborted) is not null) await AuditAsync("handoff.take", Key);
        return Back();
    }

    public async Task<IActionResult> OnPostReplyAsync(string? text)
    {
        if (text is { Length: > 1000 }) text = text[..1000];
        if (string.IsNullOrWhiteSpace(text)) return Back();
        if (await desk.GetAsync(Key, HttpContext.RequestAborted) is not { Status: HandoffStatus.Active } h || h.TakenBy != User.Who()) return StatusCode(StatusCodes.Status409Conflict);
        await desk.ReplyAsync(Key, User.Who(), text, HttpContext.RequestAborted);
        await AuditAsync("handoff.reply", Key);
        return Back();
    }

    public async Task<IActionResult> OnPostHandBackAsync()
    {
        if (!await desk.HandBackAsync(Key, User.Who(), HttpContext.RequestAborted)) return StatusCode(StatusCodes.Status409Conflict);
        await AuditAsync("handoff.handback", Key);
        return Redirect("/staff/handoff");
    }

    private RedirectResult Back() => Redirect("/staff/conversation?key=" + Uri.EscapeDataString(Key));
}
