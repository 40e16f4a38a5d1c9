using SupportBot.Engine.Handoffs;
using SupportBot.Engine.Staff;
using SupportBot.Engine.State;

namespace SupportBot.Web.Staff.Pages;

/// <summary>People waiting for a person, and conversations staff hold, live (server-sent events), with the wait time.</summary>
public sealed class HandoffModel(StaffAudit audit, HandoffDesk desk, TimeProvider clock) : StaffPage(audit)
{
    public IReadOnlyList<Handoff> Open { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }

    public int Minutes(Handoff h) => (int)Math.Max(0, ((h.Taken ?? Now) - h.Requested).TotalMinutes);

    /// <summary>The channel's label key: line, directline (web chat), or other.</summary>
    public string Channel(Handoff h) => h.ChannelId is "line" or "directline" ? h.ChannelId : "other";

    public async Task OnGetAsync()
    {
        Now = clock.GetUtcNow();
        Open = [.. (await desk.OpenAsync(HttpContext.RequestAborted)).Where(h => h.Status != HandoffStatus.Unanswered)];
    }
}
