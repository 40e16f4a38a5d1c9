using System.Globalization;
using System.Text;
using System.Text.Json;
using SupportBot.Calendar;
using SupportBot.Engine.Messages;
using SupportBot.Engine.Services.Bookings;
using SupportBot.Engine.State;

namespace SupportBot.Web.Endpoints;

/// <summary>
/// The staff side of booking (inside the admin group, so the admin key is required): the bookings as
/// JSON and as an iCalendar feed, and closures that the slot catalog honours at once. See docs/booking.md.
/// </summary>
internal static class AdminBookingEndpoints
{
    public static void MapBookings(this RouteGroupBuilder admin)
    {
        admin.MapGet("/bookings", async (string? from, string? to, BookingDesk desk, TimeProvider clock, CancellationToken ct) =>
        {
            if (!TryRange(from, to, clock.GetUtcNow(), desk, out var start, out var end)) return BadRange();
            var bookings = await desk.Ledger.ListAsync(start, end, ct);
            return Results.Json(bookings.Select(b =>
            {
                var d = BookingDetails.Parse(b.Details);
                return new
                {
                    id = b.Id, slot = b.Slot, start = b.Start, end = b.Start.AddMinutes(desk.Options.SlotMinutes),
                    status = b.Status == BookingStatus.Confirmed ? "confirmed" : "cancelled", created = b.Created, changed = b.Changed,
                    nickname = d.Nickname, phone = d.Phone, who = d.Who, needs = d.Needs?.Split(',') ?? [], topic = d.Topic, channel = d.Channel,
                };
            }));
        });

        admin.MapGet("/bookings.ics", async (string? from, string? to, BookingDesk desk, BookingFeed feed, TimeProvider clock, CancellationToken ct) =>
        {
            var now = clock.GetUtcNow();
            if (!TryRange(from, to, now, desk, out var start, out var end)) return BadRange();
            var bookings = await desk.Ledger.ListAsync(start, end, ct);
            return Results.Text(feed.Write(bookings, now), "text/calendar; charset=utf-8", Encoding.UTF8);
        });

        admin.MapGet("/closures", async (SlotCatalog slots, TimeProvider clock, CancellationToken ct) =>
            Results.Json(await slots.BlocksAsync(clock.GetUtcNow(), ct), SlotCatalog.Json));

        admin.MapPost("/closures", async (HttpRequest request, SupportBot.Engine.Center.CenterClosures closures, MessageCatalog catalog, CancellationToken ct) =>
        {
            ClosureRequest? body;
            try { body = await JsonSerializer.DeserializeAsync<ClosureRequest>(request.Body, SlotCatalog.Json, ct); }
            catch (JsonException) { return Invalid("The body must be JSON: {\"date\":\"2026-12-10\",\"from\":\"13:00\",\"until\":\"15:00\"}."); }
            if (body is null) return Invalid("The body must be a JSON object.");
            if (!Day(body.Date, out var date)) return Invalid("'date' (yyyy-MM-dd) is required.");
            DateOnly? through = null;
            if (body.Through is not null) { if (!Day(body.Through, out var t) || t < date) return Invalid("'through' must be a yyyy-MM-dd date on or after 'date'."); through = t; }
            TimeOnly? fromTime = null, untilTime = null;
            if (body.From is not null) { if (!Clock(body.From, out var f)) return Invalid("'from' must be HH:mm."); fromTime = f; }
            if (body.Until is not null) { if (!Clock(body.Until, out var u)) return Invalid("'until' must be HH:mm."); untilTime = u; }
            if (through is null && fromTime is { } a && untilTime is { } b && b <= a) return Invalid("'until' must be after 'from'.");
            if (body.Label is { } label && !catalog.Has(label)) return Invalid($"'label' must be a message key in locales (e.g. closure.default); '{label}' is not.");
            var closure = new AdHocClosure { Date = date, Through = through, From = fromTime, Until = untilTime, LabelKey = body.Label };
            await closures.AddAsync(closure, ct); // the slot search and the calendar (every answer) honour it at once
            return Results.Json(closure, SlotCatalog.Json, statusCode: 201);
        });
    }

    private sealed record ClosureRequest(string? Date, string? Through, string? From, string? Until, string? Label);

    private static IResult Invalid(string message) =>
        Results.Json(new { error = new { code = "BadArgument", message } }, statusCode: 400);

    private static IResult BadRange() => Invalid("from/to must be yyyy-MM-dd dates (Asia/Tokyo), from not after to.");

    /// <summary>[from 00:00, to 24:00) in Asia/Tokyo; default from today through the booking horizon.</summary>
    private static bool TryRange(string? from, string? to, DateTimeOffset now, BookingDesk desk, out DateTimeOffset start, out DateTimeOffset end)
    {
        start = end = default;
        var zone = desk.Slots.TimeZone;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        DateOnly first = today, last = desk.Slots.LastDay(now);
        if (from is not null && !Day(from, out first)) return false;
        if (to is not null && !Day(to, out last)) return false;
        if (last < first) return false;
        var a = first.ToDateTime(TimeOnly.MinValue);
        var b = last.AddDays(1).ToDateTime(TimeOnly.MinValue);
        start = new DateTimeOffset(a, zone.GetUtcOffset(a));
        end = new DateTimeOffset(b, zone.GetUtcOffset(b)).AddTicks(-1);
        return true;
    }

    private static bool Day(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    private static bool Clock(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
}
