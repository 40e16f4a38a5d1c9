using SupportBot.Engine.Services.Callbacks;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using SupportBot.Engine.Safety;
using SupportBot.Engine.Services;
using SupportBot.Engine.Services.Meetups;
using SupportBot.Engine.State;
using SupportBot.Web.Composition;

namespace SupportBot.Web.Endpoints;

/// <summary>The staff API: read what residents left for staff. Every route needs the admin key.</summary>
internal static class AdminEndpoints
{
    public static void MapAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin").AddEndpointFilter(async (context, next) =>
        {
            var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<AdminOptions>>().Value;
            var request = context.HttpContext.Request;
            // The calendar feed alone may be opened with its own read-only token in the URL (calendar apps subscribe by URL).
            if (options.CalendarFeedToken.Length > 0 && request.Path.Equals("/admin/bookings.ics", StringComparison.OrdinalIgnoreCase)
                && request.Query["token"] is [{ } token] && Same(token, options.CalendarFeedToken))
                return await next(context);
            if (string.IsNullOrEmpty(options.ApiKey)) return Results.NotFound();
            if (!HasKey(request, options))
                return Results.Json(new { error = new { code = "Unauthorized", message = "A valid admin key is required." } }, statusCode: 401);
            return await next(context);
        });

        admin.MapGet("/callbacks", (string? from, string? to, IRecordLog records, TimeProvider clock, CancellationToken ct) =>
            ReadLog(records, CallbackSaveAction.Log, from, to, clock, ct));
        admin.MapGet("/peer-requests", (string? from, string? to, IRecordLog records, TimeProvider clock, CancellationToken ct) =>
            ReadLog(records, PeerRequestAction.Log, from, to, clock, ct));
        admin.MapGet("/meetups/{id}/attendees", async (string id, string? date, MeetupDirectory meetups, IMeetupRoster roster, TimeProvider clock, CancellationToken ct) =>
        {
            if (meetups.Find(id) is null) return Results.Json(new { error = new { code = "NotFound", message = $"No meetup '{id}'." } }, statusCode: 404);
            var dates = date is null
                ? meetups.Upcoming(clock.GetUtcNow(), meetups.Find(id), 3).Takes.Select(d => d.Key).ToList()
                : [$"{id}|{date}"];
            var result = new List<object>();
            foreach (var key in dates)
            {
                var (confirmed, waitlist) = await roster.ListAsync(key, ct);
                result.Add(new
                {
                    meetup = id,
                    date = key.Split('|')[1],
                    confirmed = confirmed.Select(c => System.Text.Json.JsonDocument.Parse(c.Record).RootElement),
                    waitlist = waitlist.Select(w => System.Text.Json.JsonDocument.Parse(w.Record).RootElement),
                });
            }
            return Results.Json(result);
        });
        admin.MapGet("/crisis-audit", (string? from, string? to, IRecordLog records, TimeProvider clock, CancellationToken ct) =>
            ReadLog(records, CrisisGuard.AuditLog, from, to, clock, ct));
        admin.MapBookings();
    }

    /// <summary>Records between <c>from</c> and <c>to</c> (ISO dates or instants; default the last 14 days), as a JSON array.</summary>
    private static async Task<IResult> ReadLog(IRecordLog records, string log, string? from, string? to, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (!TryParse(from, now.AddDays(-14), out var start) || !TryParse(to, now, out var end))
            return Results.Json(new { error = new { code = "BadArgument", message = "from/to must be ISO-8601 dates or instants." } }, statusCode: 400);
        if (to is { Length: 10 }) end = end.AddDays(1).AddTicks(-1); // a date means the whole day
        var items = await records.ReadAsync(log, start, end, ct);
        return Results.Content("[" + string.Join(",", items) + "]", "application/json; charset=utf-8");
    }

    private static bool TryParse(string? text, DateTimeOffset fallback, out DateTimeOffset value)
    {
        value = fallback;
        if (string.IsNullOrEmpty(text)) return true;
        if (text.Length == 10 && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            // Dates are the center's dates (Asia/Tokyo).
            value = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(9));
            return true;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    /// <summary>Whether the request carries the admin key (<c>X-Admin-Key</c> or a bearer token); false when none is configured.</summary>
    public static bool HasKey(HttpRequest request, AdminOptions options)
    {
        if (string.IsNullOrEmpty(options.ApiKey)) return false;
        var presented = request.Headers["X-Admin-Key"].ToString() is { Length: > 0 } h ? h
            : request.Headers.Authorization.ToString() is { } a && a.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? a[7..].Trim() : "";
        return Same(presented, options.ApiKey);
    }

    /// <summary>
    /// The Prometheus scrape endpoint (<c>/metrics</c>), behind the admin key like the rest of the staff API; absent
    /// (404) when no key is configured. Metrics carry no personal data, but they tell how busy the center is.
    /// </summary>
    public static void MapMetrics(this WebApplication app)
    {
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/metrics"), branch => branch.Use(async (http, next) =>
        {
            var options = http.RequestServices.GetRequiredService<IOptions<AdminOptions>>().Value;
            if (string.IsNullOrEmpty(options.ApiKey)) { http.Response.StatusCode = StatusCodes.Status404NotFound; return; }
            if (!HasKey(http.Request, options))
            {
                http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await http.Response.WriteAsJsonAsync(new { error = new { code = "Unauthorized", message = "A valid admin key is required." } });
                return;
            }
            await next(http);
        }));
        app.MapPrometheusScrapingEndpoint("/metrics");
    }

    private static bool Same(string presented, string secret) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(secret));
}
