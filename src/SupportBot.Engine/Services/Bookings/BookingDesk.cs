using SupportBot.Engine.Services.Reminders;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SupportBot.Engine.Activities;
using SupportBot.Engine.Messages;
using SupportBot.Engine.Notifications;
using SupportBot.Engine.State;

namespace SupportBot.Engine.Services.Bookings;

/// <summary>What a booking keeps about the person (with their consent) and how to reach them again.</summary>
public sealed record BookingDetails(
    string? Nickname, string? Phone, string? Who, string? Needs, string? Topic,
    string? Channel, string? Conversation, string? User, string? ServiceUrl, string? Culture)
{
    public static BookingDetails Parse(string json)
    {
        try { return JsonSerializer.Deserialize<BookingDetails>(json, ActivityJson.Options) ?? Empty; }
        catch (JsonException) { return Empty; }
    }

    private static readonly BookingDetails Empty = new(null, null, null, null, null, null, null, null, null, null);

    public ConversationReference Reference => new(Channel ?? "", Conversation ?? "", User ?? "", ServiceUrl);
}

/// <summary>
/// The booking domain the flow actions, the staff API and the reminders share: booking numbers,
/// labels, the ledger's user key, reminders and staff notifications.
/// </summary>
public sealed class BookingDesk(
    SlotCatalog slots,
    IBookingLedger ledger,
    IReminderQueue reminders,
    StaffNotifier notifier,
    MessageCatalog catalog,
    IOptions<BookingOptions> options)
{
    public const string ReminderKind = "booking";

    // No 0/O, 1/I/L: a number read out on the phone is not misheard.
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    // Read at construction so invalid settings (validated by the host) stop the start, not the first booking.
    private readonly BookingOptions _options = options.Value;

    public BookingOptions Options => _options;
    public SlotCatalog Slots => slots;
    public IBookingLedger Ledger => ledger;

    /// <summary>A short, readable booking number, e.g. <c>R-7K3M9Q</c>.</summary>
    public static string NewId()
    {
        Span<char> chars = stackalloc char[6];
        for (var i = 0; i < chars.Length; i++) chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return "R-" + new string(chars);
    }

    /// <summary>Whose bookings these are: the channel and the channel's user id.</summary>
    public static string UserKey(Activity incoming) => $"{incoming.ChannelId}:{incoming.From?.Id}";

    public string Label(SlotRef slot, string culture)
    {
        var local = TimeZoneInfo.ConvertTime(slot.Start, slots.TimeZone).DateTime;
        return Formats.DateTime(catalog, culture, DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local));
    }

    public string Label(Booking booking, string culture) => Label(new SlotRef(booking.Slot, booking.Start), culture);

    /// <summary>Bounds the date picker of the flow's later date question to the bookable days.</summary>
    public void BoundDatePicker(Flows.FlowTurn turn)
    {
        turn.Args[Flows.Inputs.DateInput.MinValue] = slots.EarliestDay(turn.Now).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        turn.Args[Flows.Inputs.DateInput.MaxValue] = slots.LastDay(turn.Now).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The day-before reminder time of an appointment, or null when reminders are off or it is already past.</summary>
    public DateTimeOffset? ReminderDue(DateTimeOffset start, DateTimeOffset now) =>
        Options.Reminder() is { } at ? DayBefore.Due(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(start, slots.TimeZone).DateTime), at, slots.TimeZone, now) : null;

    public async Task ScheduleReminderAsync(Booking booking, DateTimeOffset now, CancellationToken ct)
    {
        var item = new ReminderItem(ReminderKind, booking.Id);
        if (ReminderDue(booking.Start, now) is { } due) await reminders.ScheduleAsync(item, due, ct);
        else await reminders.RemoveAsync(item, ct);
    }

    public Task RemoveReminderAsync(string id, CancellationToken ct) => reminders.RemoveAsync(new ReminderItem(ReminderKind, id), ct);

    /// <summary>Tells staff (webhook) of a new, changed or cancelled booking; never waits for the webhook.</summary>
    public void Notify(string type, Booking booking, DateTimeOffset now, string? previousSlot = null)
    {
        var details = BookingDetails.Parse(booking.Details);
        var data = new Dictionary<string, object?>
        {
            ["id"] = booking.Id, ["slot"] = booking.Slot, ["start"] = booking.Start, ["nickname"] = details.Nickname, ["phone"] = details.Phone,
            ["who"] = details.Who, ["needs"] = details.Needs, ["topic"] = details.Topic,
        };
        if (previousSlot is not null) data["previousSlot"] = previousSlot;
        _ = notifier.NotifyAsync(new StaffEvent(type, now, details.Channel ?? "", details.Conversation ?? "", data));
    }

    /// <summary>The person's confirmed bookings that have not started yet, by time.</summary>
    public async Task<IReadOnlyList<Booking>> UpcomingAsync(string user, DateTimeOffset now, CancellationToken ct) =>
        (await ledger.ListByUserAsync(user, ct)).Where(b => b.Status == BookingStatus.Confirmed && b.Start > now).ToList();
}
