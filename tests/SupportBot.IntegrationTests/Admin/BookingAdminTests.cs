using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.Engine.Services.Bookings;
using SupportBot.Engine.State;
using SupportBot.IntegrationTests.Support;

namespace SupportBot.IntegrationTests.Admin;

public sealed class BookingAdminTests
{
    private const string Key = "staff-key-123";
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-24T14:00:00+09:00");

    private static BotApp App() => new(new() { ["Admin:ApiKey"] = Key, ["Clock:Now"] = "2026-11-24T14:00:00+09:00" });

    private static HttpRequestMessage Get(string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("X-Admin-Key", Key);
        return request;
    }

    private static HttpRequestMessage Post(string url, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Admin-Key", Key);
        return request;
    }

    private static async Task<Booking> BookAsync(BotApp app, string slotKey, string nickname, string user)
    {
        var desk = app.Services.GetRequiredService<BookingDesk>();
        var slot = desk.Slots.Parse(slotKey)!;
        var details = JsonSerializer.Serialize(new { nickname, phone = "090-1234-5678", who = "family", needs = "wheelchair,writing", topic = "退院後の生活", channel = "directline" });
        var result = await desk.Ledger.ConfirmAsync(new NewBooking("k-" + slotKey, BookingDesk.NewId(), slot, user, details), desk.Options.Limits, Now, desk.Options.KeepAfter);
        return result.Booking!;
    }

    [Fact]
    public async Task Bookings_need_the_key_and_are_listed_by_date_range_with_their_details()
    {
        using var app = App();
        var a = await BookAsync(app, "2026-12-02T14:00", "さくら", "directline:u1");
        await BookAsync(app, "2026-12-10T10:00", "ひまわり", "directline:u2");
        var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/admin/bookings")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/admin/bookings.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/admin/closures", new StringContent("{}"))).StatusCode);

        var response = await client.SendAsync(Get("/admin/bookings?from=2026-12-01&to=2026-12-02"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var item = Assert.Single((await BotApp.ReadJson(response)).EnumerateArray());
        Assert.Equal(a.Id, item.GetProperty("id").GetString());
        Assert.Equal("2026-12-02T14:00", item.GetProperty("slot").GetString());
        Assert.Equal("confirmed", item.GetProperty("status").GetString());
        Assert.Equal("090-1234-5678", item.GetProperty("phone").GetString());
        Assert.Equal(["wheelchair", "writing"], item.GetProperty("needs").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(DateTimeOffset.Parse("2026-12-02T15:00:00+09:00"), item.GetProperty("end").GetDateTimeOffset());

        Assert.Equal(2, (await BotApp.ReadJson(await client.SendAsync(Get("/admin/bookings")))).GetArrayLength());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(Get("/admin/bookings?from=2026-12-05&to=2026-12-01"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(Get("/admin/bookings?from=tomorrow"))).StatusCode);
    }

    [Fact]
    public async Task The_calendar_feed_is_rfc5545_with_crlf_folded_lines_and_no_phone_numbers()
    {
        using var app = App();
        // A long nickname makes the SUMMARY longer than 75 octets, so it must be folded.
        var a = await BookAsync(app, "2026-12-02T14:00", "とても長いニックネームのさくらさん, ご家族と一緒", "directline:u1");
        var b = await BookAsync(app, "2026-12-03T10:00", "ひまわり", "directline:u2");
        var desk = app.Services.GetRequiredService<BookingDesk>();
        await desk.Ledger.CancelAsync(b.Id, Now);
        var response = await app.CreateClient().SendAsync(Get("/admin/bookings.ics"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(bytes);

        Assert.EndsWith("END:VCALENDAR\r\n", text);
        Assert.DoesNotContain("\n", text.Replace("\r\n", ""));
        Assert.DoesNotContain("\r", text.Replace("\r\n", ""));
        var lines = text.Split("\r\n")[..^1];
        Assert.All(lines, l => Assert.True(Encoding.UTF8.GetByteCount(l) <= 75, $"line longer than 75 octets: {l}"));
        Assert.Contains(lines, l => l.StartsWith(' ')); // something was folded

        var unfolded = text.Replace("\r\n ", "").Split("\r\n");
        Assert.Equal("BEGIN:VCALENDAR", unfolded[0]);
        Assert.Contains("VERSION:2.0", unfolded);
        Assert.Contains($"UID:{a.Id}@supportbot", unfolded);
        Assert.Contains("DTSTART:20261202T050000Z", unfolded);
        Assert.Contains("DTEND:20261202T060000Z", unfolded);
        Assert.Contains($"SUMMARY:初回相談 とても長いニックネームのさくらさん\\, ご家族と一緒（{a.Id}）", unfolded);
        Assert.Contains($"DESCRIPTION:予約番号：{a.Id}\\nご相談の方：家族\\n配慮：車いす、筆談", unfolded);
        Assert.Equal(2, unfolded.Count(l => l == "BEGIN:VEVENT"));
        Assert.Contains("STATUS:CANCELLED", unfolded);
        Assert.DoesNotContain("090", text);
        Assert.DoesNotContain("1234", text);
        Assert.DoesNotContain("退院", text);
    }

    [Fact]
    public async Task A_calendar_app_subscribes_to_the_feed_by_url_with_its_own_token_which_opens_nothing_else()
    {
        const string feed = "feed-0123456789abcdef";
        using var app = new BotApp(new() { ["Admin:ApiKey"] = Key, ["Admin:CalendarFeedToken"] = feed, ["Clock:Now"] = "2026-11-24T14:00:00+09:00" });
        var a = await BookAsync(app, "2026-12-02T14:00", "さくら", "directline:u1");
        var client = app.CreateClient();

        var response = await client.GetAsync($"/admin/bookings.ics?token={feed}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"UID:{a.Id}@supportbot", await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/admin/bookings.ics?token=feed-0123456789abcdeX")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/admin/bookings?token={feed}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/admin/callbacks?token={feed}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/admin/bookings.ics?token={Key}")).StatusCode);
    }

    [Fact]
    public void A_short_calendar_feed_token_stops_the_start_naming_the_key()
    {
        using var app = new BotApp(new() { ["Admin:CalendarFeedToken"] = "short" });
        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("Admin:CalendarFeedToken", error.ToString());
    }

    [Fact]
    public async Task A_closure_is_validated_stored_and_honoured_by_the_slot_search()
    {
        using var app = App();
        var client = app.CreateClient();
        var slots = app.Services.GetRequiredService<SlotCatalog>();
        var day = new DateOnly(2026, 12, 2);
        Assert.Equal(6, (await slots.FreeAsync(day, day, Now, null, default)).Count);

        foreach (var bad in new[] { "not json", "{}", """{"date":"2026-13-01"}""", """{"date":"2026-12-02","from":"15:00","until":"13:00"}""",
                     """{"date":"2026-12-02","through":"2026-12-01"}""", """{"date":"2026-12-02","from":"1pm"}""", """{"date":"2026-12-02","label":"no.such.key"}""" })
        {
            var response = await client.SendAsync(Post("/admin/closures", bad));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("BadArgument", (await BotApp.ReadJson(response)).GetProperty("error").GetProperty("code").GetString());
        }

        var created = await client.SendAsync(Post("/admin/closures", """{"date":"2026-12-02","from":"13:00","until":"15:00"}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(["2026-12-02T10:00", "2026-12-02T11:00", "2026-12-02T15:00", "2026-12-02T16:00"],
            (await slots.FreeAsync(day, day, Now, null, default)).Select(s => s.Key));

        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(Post("/admin/closures", """{"date":"2026-12-07","through":"2026-12-08","label":"closure.default"}"""))).StatusCode);
        Assert.Empty(await slots.FreeAsync(new DateOnly(2026, 12, 7), new DateOnly(2026, 12, 8), Now, null, default));
        var search = await slots.SearchAsync([new() { Date = new DateOnly(2026, 12, 7) }], Now, null, null, default);
        Assert.Equal(WishNote.Closed, search.Note);
        Assert.Equal(6, search.Slots.Count);
        Assert.Equal(2, (await BotApp.ReadJson(await client.SendAsync(Get("/admin/closures")))).GetArrayLength());
    }

    [Fact]
    public void Invalid_booking_settings_stop_the_app_and_name_the_key()
    {
        using var app = new BotApp(new() { ["Booking:ReminderTime"] = "23:00", ["Booking:StartTimes:0"] = "10時" });
        var error = Assert.ThrowsAny<Exception>(() => app.Services.GetRequiredService<BookingDesk>());
        Assert.Contains("Booking:ReminderTime", error.ToString());
        Assert.Contains("Booking:StartTimes", error.ToString());
    }
}
