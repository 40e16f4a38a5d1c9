using SupportBot.Engine.Outbox;
using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.Engine.Activities;
using SupportBot.Engine.Services;
using SupportBot.Engine.Services.Bookings;
using SupportBot.Engine.Services.Reminders;
using SupportBot.Engine.State;
using SupportBot.IntegrationTests.Support;
using SupportBot.Storage.Redis;
using Microsoft.Extensions.Time.Testing;

namespace SupportBot.IntegrationTests.Redis;

/// <summary>Booking with two app instances on one Redis: no double booking through the real HTTP pipeline, each reminder sent once.</summary>
public sealed class BookingRedisTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-24T14:00:00+09:00");

    private static Dictionary<string, string?> Shared(string prefix) => new()
    {
        ["ConnectionStrings:Redis"] = TestRedis.ConnectionString,
        ["Storage:KeyPrefix"] = prefix,
        ["Clock:Now"] = "2026-11-24T14:00:00+09:00",
    };

    private static Dictionary<string, object?> From(string user, string text)
    {
        var message = BotApp.Message("conv-" + user, text);
        message["from"] = new { id = user, name = "User" };
        return message;
    }

    private static async Task<List<string>> SayAsync(HttpClient client, string user, string text)
    {
        var response = await client.PostAsync("/api/messages", BotApp.Json(From(user, text)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await BotApp.ReadJson(response);
        return body.GetProperty("activities").EnumerateArray().Where(a => a.GetProperty("type").GetString() == "message")
            .Select(a => a.GetProperty("text").GetString() ?? "").ToList();
    }

    [Fact]
    public async Task Sixty_people_on_two_instances_racing_for_six_slots_make_six_bookings_and_the_rest_hear_it_politely()
    {
        var prefix = "it:" + Guid.NewGuid().ToString("N")[..8] + ":";
        using var first = new BotApp(Shared(prefix));
        using var second = new BotApp(Shared(prefix));
        Assert.IsType<RedisStore>(first.Services.GetRequiredService<IBookingLedger>());
        var clients = new[] { first.CreateClient(), second.CreateClient() };
        var users = Enumerable.Range(0, 60).Select(i => $"racer-{i:00}").ToList();

        // Everyone gets to the slot question for 2 December (six free slots).
        await Task.WhenAll(users.Select(async (u, i) =>
        {
            var c = clients[i % 2];
            await SayAsync(c, u, "相談の予約をしたいです");
            await SayAsync(c, u, "はい");
            await SayAsync(c, u, "本人");
            var slots = await SayAsync(c, u, "12月2日");
            Assert.Contains("ご希望に合う空き枠です", slots[^1]);
        }));

        // All at once, ten people per slot.
        var picks = await Task.WhenAll(users.Select((u, i) => SayAsync(clients[(i + 1) % 2], u, (i % 6 + 1).ToString())));
        var winners = users.Where((u, i) => picks[i][^1].Contains("お名前を教えてください")).ToList();
        var losers = users.Where((u, i) => picks[i].Any(t => t.Contains("ほかの方のご予約が入りました"))).ToList();
        Assert.Equal(6, winners.Count);
        Assert.Equal(54, losers.Count);
        // Every one of them is offered other free times at once (what is still free when their search runs).
        Assert.All(users.Where((u, i) => losers.Contains(u)).Select(u => picks[users.IndexOf(u)]),
            reply => Assert.True(reply[^1].Contains("近い日時で空いている枠はこちらです") || reply[^1].Contains("ご希望に合う空き枠です"), reply[^1]));

        await Task.WhenAll(winners.Select(async (u, i) =>
        {
            var c = clients[i % 2];
            await SayAsync(c, u, "さくら");
            await SayAsync(c, u, "090-1234-5678");
            await SayAsync(c, u, "なし");
            await SayAsync(c, u, "特になし");
            var done = await SayAsync(c, u, "はい");
            Assert.Contains("予約番号は R-", done[0]);
        }));

        var ledger = first.Services.GetRequiredService<IBookingLedger>();
        var booked = (await ledger.ListAsync(DateTimeOffset.Parse("2026-12-02T00:00:00+09:00"), DateTimeOffset.Parse("2026-12-02T23:59:00+09:00")))
            .Where(b => b.Status == BookingStatus.Confirmed).ToList();
        Assert.Equal(6, booked.Count);
        Assert.Equal(6, booked.Select(b => b.Slot).Distinct().Count());
        Assert.Equal(winners.Select(w => "directline:" + w).Order(), booked.Select(b => b.User).Order());
    }

    [Fact]
    public async Task A_confirm_delivered_ten_times_at_once_to_two_instances_books_once()
    {
        var prefix = "it:" + Guid.NewGuid().ToString("N")[..8] + ":";
        using var first = new BotApp(Shared(prefix));
        using var second = new BotApp(Shared(prefix));
        var clients = new[] { first.CreateClient(), second.CreateClient() };
        foreach (var text in new[] { "相談の予約をしたいです", "はい", "本人", "12月2日の10時", "1", "さくら", "090-1234-5678", "なし", "特になし" })
            await SayAsync(clients[0], "tapper", text);

        // The same activity (one id) redelivered and double-tapped, on both instances at once.
        var confirm = From("tapper", "はい");
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => clients[i % 2].PostAsync("/api/messages", BotApp.Json(confirm))));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var ledger = first.Services.GetRequiredService<IBookingLedger>();
        var mine = await ledger.ListByUserAsync("directline:tapper");
        Assert.Equal("2026-12-02T10:00", Assert.Single(mine).Slot);
    }

    [Fact]
    public async Task Reminders_are_sent_once_across_two_instances_at_the_configured_time_and_never_for_cancelled_bookings()
    {
        var prefix = "it:" + Guid.NewGuid().ToString("N")[..8] + ":";
        var clock = new FakeTimeProvider(Now);
        var sent = new ConcurrentBag<(string Instance, ConversationReference To, Activity Message)>();
        BotApp Instance(string name) => new(Shared(prefix), services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddSingleton<IOutbox>(new RecordingMessenger(name, sent));
        });
        using var first = Instance("first");
        using var second = Instance("second");
        _ = first.CreateClient();
        _ = second.CreateClient();

        var desk = first.Services.GetRequiredService<BookingDesk>();
        var bookings = new List<Booking>();
        for (var i = 0; i < 24; i++)
        {
            var slot = desk.Slots.Parse($"2026-12-{1 + i / 6:00}T{new[] { "10", "11", "13", "14", "15", "16" }[i % 6]}:00")!;
            var details = JsonSerializer.Serialize(new BookingDetails($"n{i}", "090-1234-5678", "self", null, null, "directline", $"conv-{i}", $"user-{i}", "http://127.0.0.1:1", "ja-JP"), ActivityJson.Options);
            var booking = (await desk.Ledger.ConfirmAsync(new NewBooking($"k{i}", $"R-T{i:00}", slot, $"directline:user-{i}", details), desk.Options.Limits, Now, desk.Options.KeepAfter)).Booking!;
            await desk.ScheduleReminderAsync(booking, Now, default);
            bookings.Add(booking);
        }
        foreach (var b in bookings.Where((_, i) => i % 4 == 0)) await desk.Ledger.CancelAsync(b.Id, Now); // cancelled, reminder left in the queue on purpose

        var senders = new[] { first.Services.GetRequiredService<ReminderSender>(), second.Services.GetRequiredService<ReminderSender>() };
        async Task Tick() => await Task.WhenAll(Enumerable.Range(0, 6).Select(i => senders[i % 2].SendDueAsync(default)));
        // The instances' own background senders wake too when the fake clock moves; wait for what they claimed to go out.
        async Task<List<string>> Sent(int count)
        {
            for (var i = 0; i < 100 && sent.Count < count; i++) await Task.Delay(50);
            return [.. sent.Select(s => Id(s.Message)).Order()];
        }

        clock.SetUtcNow(DateTimeOffset.Parse("2026-11-30T09:59:00+09:00"));
        await Tick();
        Assert.Empty(sent); // the day before 1 December, but not yet 10:00

        clock.SetUtcNow(DateTimeOffset.Parse("2026-11-30T10:00:00+09:00"));
        await Tick();
        Assert.Equal(["R-T01", "R-T02", "R-T03", "R-T05"], await Sent(4));

        foreach (var day in new[] { "2026-12-01", "2026-12-02", "2026-12-03" })
        {
            clock.SetUtcNow(DateTimeOffset.Parse(day + "T10:00:00+09:00"));
            await Tick();
        }
        await Tick();
        var expected = bookings.Where((_, i) => i % 4 != 0).Select(b => b.Id).Order().ToList();
        Assert.Equal(expected, await Sent(expected.Count));
        // Equal on the sorted lists also proves no reminder was sent twice (by either instance).
        var one = sent.Single(s => Id(s.Message) == "R-T01");
        Assert.Equal(("directline", "conv-1", "user-1"), (one.To.ChannelId, one.To.ConversationId, one.To.UserId));
        Assert.StartsWith("明日 12月1日（火）11:00 は、初回相談のご予約の日です", one.Message.Text);
    }

    private static string Id(Activity message) => System.Text.RegularExpressions.Regex.Match(message.Text ?? "", "R-T[0-9]{2}").Value;


    private sealed class RecordingMessenger(string name, ConcurrentBag<(string, ConversationReference, Activity)> sent) : IOutbox
    {
        public Task<bool> SendAsync(ConversationReference to, Activity message, CancellationToken cancellationToken)
        {
            sent.Add((name, to, message));
            return Task.FromResult(true);
        }
    }
}
