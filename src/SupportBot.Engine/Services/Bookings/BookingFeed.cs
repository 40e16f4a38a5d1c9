using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using SupportBot.Engine.Messages;
using SupportBot.Engine.State;

namespace SupportBot.Engine.Services.Bookings;

/// <summary>
/// The staff's calendar feed of bookings (RFC 5545), written by Ical.Net: CRLF line ends, lines folded
/// at 75 octets (never inside a UTF-8 sequence), TEXT values escaped, times in UTC (so no VTIMEZONE).
/// Only the nickname, the booking number, who is consulting and the support needed go in — never the
/// phone number or the topic, because calendar feeds end up on phones and in cloud calendars.
/// </summary>
public sealed class BookingFeed(BookingDesk desk, MessageCatalog catalog)
{
    public const string StaffCulture = "ja-JP";

    public static readonly string[] MessageKeys = ["booking.ics_name", "booking.ics_summary", "booking.ics_description"];

    public string Write(IEnumerable<Booking> bookings, DateTimeOffset now)
    {
        var calendar = new Ical.Net.Calendar { ProductId = "-//SupportBot//Bookings//EN", Method = "PUBLISH" };
        calendar.AddProperty("CALSCALE", "GREGORIAN");
        calendar.AddProperty("X-WR-CALNAME", catalog.Text(StaffCulture, "booking.ics_name"));
        calendar.AddProperty("X-WR-TIMEZONE", "Asia/Tokyo");
        foreach (var b in bookings)
        {
            var args = Arguments(b);
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"{b.Id}@supportbot",
                DtStamp = Utc(now),
                DtStart = Utc(b.Start),
                DtEnd = Utc(b.Start.AddMinutes(desk.Options.SlotMinutes)),
                Created = Utc(b.Created),
                LastModified = Utc(b.Changed),
                // Each change is a new revision for subscribed calendars.
                Sequence = (int)Math.Clamp((b.Changed - b.Created).TotalSeconds, 0, int.MaxValue),
                Summary = catalog.Text(StaffCulture, "booking.ics_summary", args),
                Description = catalog.Text(StaffCulture, "booking.ics_description", args),
                Status = b.Status == BookingStatus.Confirmed ? EventStatus.Confirmed : EventStatus.Cancelled,
                Transparency = TransparencyType.Opaque,
            });
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private Dictionary<string, string> Arguments(Booking b)
    {
        var d = BookingDetails.Parse(b.Details);
        string Label(string prefix, string? value) =>
            value is { Length: > 0 } && catalog.Has(prefix + value, StaffCulture) ? catalog.Text(StaffCulture, prefix + value) : value ?? "";
        return new Dictionary<string, string>
        {
            ["name"] = d.Nickname ?? "", ["booking_id"] = b.Id, ["who"] = Label("booking.who_", d.Who),
            ["needs"] = d.Needs is { Length: > 0 } n
                ? string.Join(catalog.Text(StaffCulture, "common.list_separator"), n.Split(',').Select(x => Label("booking.needs_", x)))
                : Label("booking.needs_", "none"),
        };
    }

    /// <summary>A UTC time (written with Z); Ical.Net writes an unspecified kind as floating time.</summary>
    private static CalDateTime Utc(DateTimeOffset t) => new(t.UtcDateTime, "UTC", true);
}
