using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using SupportBot.Engine.Messages;
using SupportBot.Engine.Services.Bookings;
using SupportBot.Engine.Staff;
using SupportBot.Engine.State;

namespace SupportBot.Web.Staff.Pages;

/// <summary>
/// A week of intake bookings from the ledger, with what the person agreed to give (name or nickname, phone, who,
/// needs, topic); change or cancel one on the person's behalf, and the person is told in their chat.
/// </summary>
public sealed class BookingsModel(StaffAudit audit, BookingDesk desk, StaffBookings bookings, MessageCatalog catalog, StaffText text, TimeProvider clock) : StaffPage(audit)
{
    public DateOnly Monday { get; private set; }
    public DateTimeOffset Now { get; private set; }
    public IReadOnlyList<Booking> Bookings { get; private set; } = [];
    public IReadOnlyList<SlotRef> Free { get; private set; } = [];
    [TempData] public string? Message { get; set; }

    public BookingDetails Details(Booking b) => BookingDetails.Parse(b.Details);

    /// <summary>A resident catalog label (who, needs) in the console's culture; the raw value when there is none.</summary>
    public string Label(string key) => catalog.Has(key, text.Culture) ? catalog.Text(text.Culture, key) : key[(key.LastIndexOf('_') + 1)..];

    public async Task OnGetAsync(string? week)
    {
        await LoadAsync(week);
        await AuditAsync("view.bookings", Monday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    public async Task<IActionResult> OnPostChangeAsync(string id, string slot, string? week)
    {
        var (outcome, told) = await bookings.ChangeAsync(id, slot, HttpContext.RequestAborted);
        if (outcome == StaffBookingOutcome.NotFound) return NotFound();
        if (outcome == StaffBookingOutcome.Done) await AuditAsync("booking.change", id);
        Message = outcome switch
        {
            StaffBookingOutcome.Done => told ? "staff.bookings.changed_told" : "staff.bookings.changed_not_told",
            _ => "staff.bookings.slot_gone",
        };
        return RedirectToPage(new { week });
    }

    public async Task<IActionResult> OnPostCancelAsync(string id, string? week)
    {
        var (outcome, told) = await bookings.CancelAsync(id, HttpContext.RequestAborted);
        if (outcome == StaffBookingOutcome.NotFound) return NotFound();
        await AuditAsync("booking.cancel", id);
        Message = told ? "staff.bookings.cancelled_told" : "staff.bookings.cancelled_not_told";
        return RedirectToPage(new { week });
    }

    private async Task LoadAsync(string? week)
    {
        Now = clock.GetUtcNow();
        var today = StaffText.Today(clock);
        var day = DateOnly.TryParseExact(week, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var w) ? w : today;
        Monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        var start = new DateTimeOffset(Monday.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(9));
        Bookings = await desk.Ledger.ListAsync(start, start.AddDays(7).AddTicks(-1), HttpContext.RequestAborted);
        Free = Bookings.Any(b => b.Status == BookingStatus.Confirmed && b.Start > Now)
            ? await desk.Slots.FreeAsync(today, desk.Slots.LastDay(Now), Now, null, HttpContext.RequestAborted)
            : [];
    }
}
