using SupportBot.Engine.Outbox;
using SupportBot.Engine.Activities;
using SupportBot.Engine.Messages;
using SupportBot.Engine.Services.Reminders;
using SupportBot.Engine.State;

namespace SupportBot.Engine.Services.Bookings;

/// <summary>The day-before reminder of a booking, in the person's conversation; nothing for a cancelled or deleted booking.</summary>
public sealed class BookingReminder(BookingDesk desk, IOutbox messenger, MessageCatalog catalog) : IReminderHandler
{
    public string Kind => BookingDesk.ReminderKind;

    public static readonly string[] MessageKeys = ["booking.reminder"];

    public async Task<bool> SendAsync(string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var booking = await desk.Ledger.GetAsync(id, cancellationToken);
        if (booking is null || booking.Status != BookingStatus.Confirmed || booking.Start <= now) return false;
        var details = BookingDetails.Parse(booking.Details);
        var culture = catalog.ResolveCulture(details.Culture);
        var text = catalog.Text(culture, "booking.reminder", new Dictionary<string, string> { ["slot"] = desk.Label(booking, culture), ["booking_id"] = booking.Id });
        return await messenger.SendAsync(details.Reference, new Activity { Type = ActivityTypes.Message, Text = text, Locale = culture }, cancellationToken);
    }
}
