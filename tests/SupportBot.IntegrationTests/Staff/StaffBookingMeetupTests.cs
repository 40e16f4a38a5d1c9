using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SupportBot.Engine.Services.Bookings;
using SupportBot.Engine.Staff;
using SupportBot.Engine.State;
using SupportBot.IntegrationTests.Support;

namespace SupportBot.IntegrationTests.Staff;

/// <summary>Bookings and meetups in the console: staff act on the person's behalf, and the person hears it in their chat.</summary>
public sealed class StaffBookingMeetupTests
{
    private static readonly DateTimeOffset Wednesday = DateTimeOffset.Parse("2026-12-09T11:00:00+09:00");

    private static async Task<(BotApp App, StaffSession Session)> SignedInAsync(FakeTimeProvider clock, Dictionary<string, string?>? settings = null)
    {
        var app = new BotApp(settings, services => services.AddSingleton<TimeProvider>(clock));
        var password = await StaffSession.AddAccountAsync(app, "sato", StaffRole.Staff);
        var session = StaffSession.Open(app);
        Assert.Equal(HttpStatusCode.Redirect, (await session.SignInAsync("sato", password)).StatusCode);
        return (app, session);
    }

    private static async Task<IReadOnlyList<string>> ChatTextsAsync(BotApp app, string conversation)
    {
        var page = await app.Services.GetRequiredService<ITranscriptStore>().ReadAsync(conversation, 0);
        return page.ActivitiesJson.Select(j => JsonDocument.Parse(j).RootElement).Where(a => a.TryGetProperty("text", out _)).Select(a => a.GetProperty("text").GetString()!).ToList();
    }

    [Fact]
    public async Task The_week_shows_what_the_person_gave_and_staff_change_then_cancel_a_booking_and_the_person_is_told_in_their_chat()
    {
        var clock = new FakeTimeProvider(Wednesday);
        var (app, session) = await SignedInAsync(clock);
        using var _ = app;
        var desk = app.Services.GetRequiredService<BookingDesk>();
        var details = JsonSerializer.Serialize(new { nickname = "さくら", phone = "090-1234-5678", who = "family", needs = "wheelchair,writing", topic = "退院後の生活", channel = "directline", conversation = "dl-book-1", user = "u1", culture = "ja-JP" });
        var booked = await desk.Ledger.ConfirmAsync(new NewBooking("k1", "R-TEST22", desk.Slots.Parse("2026-12-10T14:00")!, "directline:u1", details), desk.Options.Limits, Wednesday, desk.Options.KeepAfter);
        Assert.Equal(BookOutcome.Booked, booked.Outcome);

        var week = await session.PageAsync("/staff/bookings?week=2026-12-09");
        Assert.Contains("12月7日", week); // the week from Monday
        Assert.Contains("R-TEST22", week);
        foreach (var shown in new[] { "さくら", "090-1234-5678", "家族", "車いす、筆談", "退院後の生活" }) Assert.Contains(shown, week);
        var options = Regex.Matches(week, "<option value=\"([0-9T:-]{16})\"").Select(m => m.Groups[1].Value).ToList();
        Assert.DoesNotContain("2026-12-10T14:00", options); // its own slot is taken
        var target = options.First(o => o.StartsWith("2026-12-11"));

        var changed = await session.PostAsync("/staff/bookings?week=2026-12-09", "/staff/bookings?handler=Change", ("id", "R-TEST22"), ("slot", target), ("week", "2026-12-07"));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(target, (await desk.Ledger.GetAsync("R-TEST22"))!.Slot);
        Assert.Contains("日時を変更し、ご本人のチャットにお知らせしました。", await session.PageAsync(changed.Headers.Location!.ToString()));
        var told = Assert.Single(await ChatTextsAsync(app, "dl-book-1"));
        Assert.StartsWith("センターの担当者が、ご予約（予約番号 R-TEST22）の日時を 12月11日（金）", told);

        var cancelled = await session.PostAsync("/staff/bookings?week=2026-12-09", "/staff/bookings?handler=Cancel", ("id", "R-TEST22"), ("week", "2026-12-07"));
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Equal(BookingStatus.Cancelled, (await desk.Ledger.GetAsync("R-TEST22"))!.Status);
        Assert.Contains("のご予約（予約番号 R-TEST22）を取り消しました。", (await ChatTextsAsync(app, "dl-book-1"))[^1]);
        Assert.Equal(HttpStatusCode.NotFound, (await session.PostAsync("/staff/bookings", "/staff/bookings?handler=Cancel", ("id", "R-TEST22"))).StatusCode);

        var audit = await app.Services.GetRequiredService<StaffAudit>().ReadAsync(Wednesday.AddHours(-1), clock.GetUtcNow());
        Assert.Contains(audit, e => e.Action == "booking.change" && e.Target == "R-TEST22" && e.Who == "sato");
        Assert.Contains(audit, e => e.Action == "booking.cancel" && e.Target == "R-TEST22");
        Assert.Contains(audit, e => e.Action == "view.bookings" && e.Target == "2026-12-07");
    }

    [Fact]
    public async Task Taking_someone_off_a_full_meetup_moves_the_first_waiting_person_up_and_tells_them_in_their_chat()
    {
        var clock = new FakeTimeProvider(Wednesday);
        var (app, session) = await SignedInAsync(clock, new() { ["Meetups:Items:0:Capacity"] = "1" });
        using var _ = app;
        var roster = app.Services.GetRequiredService<IMeetupRoster>();
        string Record(string nickname, string conversation) => JsonSerializer.Serialize(new { nickname, channel = "directline", conversation, user = conversation, culture = "ja-JP" });
        await roster.JoinAsync("teireikai|2026-12-16", "directline:u1", Record("ゆう", "dl-m-1"), 1, TimeSpan.FromDays(30));
        await roster.JoinAsync("teireikai|2026-12-16", "directline:u2", Record("みどり", "dl-m-2"), 1, TimeSpan.FromDays(30));

        var page = await session.PageAsync("/staff/meetups");
        Assert.Contains("参加 1／定員 1・キャンセル待ち 1", page);
        Assert.Contains("ゆう", page);
        Assert.Contains("みどり", page);

        var removed = await session.PostAsync("/staff/meetups", "/staff/meetups?handler=Remove", ("key", "teireikai|2026-12-16"), ("member", "directline:u1"));
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Contains("キャンセル待ちの方が繰り上がり、その方のチャットにお知らせしました。", await session.PageAsync("/staff/meetups"));
        var (confirmed, waitlist) = await roster.ListAsync("teireikai|2026-12-16");
        Assert.Equal(["directline:u2"], confirmed.Select(c => c.Member));
        Assert.Empty(waitlist);
        var told = Assert.Single(await ChatTextsAsync(app, "dl-m-2"));
        Assert.Contains("12月16日", told);
        Assert.Empty(await ChatTextsAsync(app, "dl-m-1"));
        var audit = await app.Services.GetRequiredService<StaffAudit>().ReadAsync(Wednesday.AddHours(-1), clock.GetUtcNow());
        Assert.Contains(audit, e => e.Action == "meetup.remove" && e.Target == "teireikai|2026-12-16" && e.Who == "sato");
    }
}
