using SupportBot.Calendar;
using SupportBot.Engine.Flows.Actions;
using SupportBot.Engine.Services.Bookings;
using SupportBot.Engine.Staff;
using SupportBot.Engine.State;

namespace SupportBot.Web.Staff.Pages;

/// <summary>Today: open or closed and why (the bot's own sentence), today's intakes, open callback requests, unacknowledged crisis alerts.</summary>
public sealed class TodayModel(StaffAudit audit, TimeProvider clock, BusinessCalendar calendar, TodayStatusAction status, StaffText text,
    BookingDesk desk, StaffInbox inbox, SupportBot.Engine.Handoffs.HandoffDesk handoffs) : StaffPage(audit)
{
    public DateOnly Today { get; private set; }
    public bool Open { get; private set; }
    public string Status { get; private set; } = "";
    public IReadOnlyList<Booking> Intakes { get; private set; } = [];
    public int OpenCallbacks { get; private set; }
    public int OpenAlerts { get; private set; }
    public int Waiting { get; private set; }

    public async Task OnGetAsync()
    {
        var now = clock.GetUtcNow();
        var ct = HttpContext.RequestAborted;
        Today = calendar.DateAt(now);
        Open = calendar.IsOpen(now);
        Status = status.Describe(now, text.Culture);
        var start = new DateTimeOffset(Today.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(9));
        Intakes = (await desk.Ledger.ListAsync(start, start.AddDays(1).AddTicks(-1), ct)).Where(b => b.Status == BookingStatus.Confirmed).ToList();
        OpenCallbacks = (await inbox.CallbacksAsync(ct)).Count(c => c.Done is null);
        OpenAlerts = (await inbox.CrisisAlertsAsync(30, ct)).Count(c => c.Acknowledged is null);
        Waiting = (await handoffs.OpenAsync(ct)).Count(h => h.Status == HandoffStatus.Waiting);
        await AuditAsync("view.today");
    }
}
