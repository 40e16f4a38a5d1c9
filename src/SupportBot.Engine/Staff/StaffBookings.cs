using SupportBot.Engine.Activities;
using SupportBot.Engine.Messages;
using SupportBot.Engine.Outbox;
using SupportBot.Engine.Services.Bookings;
using SupportBot.Engine.State;

namespace SupportBot.Engine.Staff;

public enum StaffBookingOutcome { Done, NotFound, NotBookable, Full }

/// <summary>
/// Staff change or cancel a booking on the person's behalf (they phoned, or the center must move it): the ledger,
/// the reminder and the staff webhook as when the person does it, and the person is told in their own
/// conversation (<see cref="IOutbox"/>) in their language.
/// </summary>
public sealed class StaffBookings(BookingDesk desk, IOutbox outbox, MessageCatalog catalog, TimeProvider clock)
{
    public static readonly string[] MessageKeys = ["booking.staff_changed", "booking.staff_cancelled"];

    public async Task<(StaffBookingOutcome Outcome, bool Told)> ChangeAsync(string id, string slotKey, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var booking = await desk.Ledger.GetAsync(id, ct);
        if (booking is null || booking.Status != BookingStatus.Confirmed) return (StaffBookingOutcome.NotFound, false);
        var slot = desk.Slots.Parse(slotKey);
        // Staff may use any open slot from now on (the person's notice period is theirs to waive on the phone).
        if (slot is null || slot.Start <= now) return (StaffBookingOutcome.NotBookable, false);
        var day = DateOnly.Parse(slot.Day, System.Globalization.CultureInfo.InvariantCulture);
        if (!(await desk.Slots.FreeAsync(day, day, now, booking.User, ct)).Any(s => s.Key == slot.Key))
            return (StaffBookingOutcome.NotBookable, false);
        var result = await desk.Ledger.ChangeAsync(id, slot, desk.Slots.LimitsFor(slot), now, desk.Options.KeepAfter, ct);
        if (result.Outcome == BookOutcome.Full) return (StaffBookingOutcome.Full, false);
        if (result.Outcome == BookOutcome.NotFound || result.Booking is not { } moved) return (StaffBookingOutcome.NotFound, false);
        await desk.ScheduleReminderAsync(moved, now, ct);
        desk.Notify("booking_changed", moved, now, booking.Slot);
        return (StaffBookingOutcome.Done, await TellAsync(moved, "booking.staff_changed", ct));
    }

    public async Task<(StaffBookingOutcome Outcome, bool Told)> CancelAsync(string id, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var result = await desk.Ledger.CancelAsync(id, now, ct);
        if (result.Outcome != BookOutcome.Booked || result.Booking is not { } cancelled) return (StaffBookingOutcome.NotFound, false);
        await desk.RemoveReminderAsync(id, ct);
        desk.Notify("booking_cancelled", cancelled, now);
        return (StaffBookingOutcome.Done, await TellAsync(cancelled, "booking.staff_cancelled", ct));
    }

    private Task<bool> TellAsync(Booking booking, string key, CancellationToken ct)
    {
        var details = BookingDetails.Parse(booking.Details);
        if (string.IsNullOrEmpty(details.Channel) || string.IsNullOrEmpty(details.Conversation)) return Task.FromResult(false);
        var culture = catalog.ResolveCulture(details.Culture);
        var text = catalog.Text(culture, key, new Dictionary<string, string> { ["slot"] = desk.Label(booking, culture), ["booking_id"] = booking.Id });
        return outbox.SendAsync(details.Reference, new Activity { Type = ActivityTypes.Message, Text = text, Locale = culture }, ct);
    }
}
