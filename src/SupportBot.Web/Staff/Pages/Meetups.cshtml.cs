using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using SupportBot.Engine.Messages;
using SupportBot.Engine.Services.Meetups;
using SupportBot.Engine.Staff;
using SupportBot.Engine.State;

namespace SupportBot.Web.Staff.Pages;

/// <summary>
/// Peer-supporter meetings: the roster and the waiting list of the next dates (nicknames only); staff take someone
/// off on their behalf, and when that frees a place the first on the waiting list moves up and hears it in their chat.
/// </summary>
public sealed class MeetupsModel(StaffAudit audit, MeetupDirectory directory, IMeetupRoster roster, MeetupNotices notices, MessageCatalog catalog, StaffText text, TimeProvider clock) : StaffPage(audit)
{
    public sealed record DateRoster(MeetupDate Date, IReadOnlyList<(string Member, string Nickname)> Confirmed, IReadOnlyList<(string Member, string Nickname)> Waitlist);

    public IReadOnlyList<DateRoster> Dates { get; private set; } = [];
    [TempData] public string? Message { get; set; }

    public string Name(MeetupDate d) => catalog.Text(text.Culture, $"meetup.{d.Meetup.Id}.name");
    public string DateLabel(MeetupDate d) => directory.Label(d, text.Culture);
    public string MovedUpText(MeetupDate d) => catalog.Text(text.Culture, "meetup.moved_up", new Dictionary<string, string> { ["date_label"] = directory.Label(d, text.Culture), ["place"] = directory.Place(d, text.Culture) });

    public async Task OnGetAsync()
    {
        var now = clock.GetUtcNow();
        var list = new List<DateRoster>();
        foreach (var meetup in directory.Meetups)
            foreach (var date in directory.Upcoming(now, meetup, 3).Takes)
            {
                var (confirmed, waitlist) = await roster.ListAsync(date.Key, HttpContext.RequestAborted);
                list.Add(new DateRoster(date, confirmed.Select(c => (c.Member, Nickname(c.Record))).ToList(), waitlist.Select(w => (w.Member, Nickname(w.Record))).ToList()));
            }
        Dates = [.. list.OrderBy(d => d.Date.Occurrence.Date)];
        await AuditAsync("view.meetups");
    }

    public async Task<IActionResult> OnPostRemoveAsync(string key, string member)
    {
        if (directory.ByKey(key, clock.GetUtcNow()) is not { } date) return NotFound();
        var left = await roster.LeaveAsync(date.Key, member, date.Meetup.Capacity, HttpContext.RequestAborted);
        if (!left.Left) return NotFound();
        await AuditAsync("meetup.remove", date.Key);
        Message = "staff.meetups.removed";
        if (left.PromotedRecord is { } promoted)
            Message = await notices.TellMovedUpAsync(promoted, date, HttpContext.RequestAborted) ? "staff.meetups.removed_moved_up" : "staff.meetups.removed_moved_up_not_told";
        return RedirectToPage();
    }

    private string Nickname(string record)
    {
        try
        {
            using var doc = JsonDocument.Parse(record);
            return doc.RootElement.TryGetProperty("nickname", out var n) && n.ValueKind == JsonValueKind.String && n.GetString() is { Length: > 0 } name ? name : text["staff.meetups.no_name"];
        }
        catch (JsonException) { return text["staff.meetups.no_name"]; }
    }
}
