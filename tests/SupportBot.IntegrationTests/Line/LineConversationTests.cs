using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.Engine.State;
using SupportBot.IntegrationTests.Support;

namespace SupportBot.IntegrationTests.Line;

/// <summary>Whole conversations over LINE: FAQ, booking, crisis; Redis shared, and Redis down.</summary>
public sealed class LineConversationTests
{
    private static async Task<IReadOnlyList<string>> SayAsync(LineHook line, string user, string text)
    {
        var before = line.Api.Calls.Count(c => c.Accepted && c.To == user && c.Kind is "reply" or "push");
        await line.PostEventsAsync(line.Text(user, text));
        await line.Api.WaitUntilAsync(s => s.Calls.Count(c => c.Accepted && c.To == user && c.Kind is "reply" or "push") > before);
        return line.Api.Calls.Where(c => c.Accepted && c.To == user && c.Kind is "reply" or "push").Skip(before)
            .SelectMany(c => c.Messages).Where(m => m.GetProperty("type").GetString() == "text").Select(m => m.GetProperty("text").GetString()!).ToList();
    }

    private static void AssertFullCrisisReply(IReadOnlyList<string> texts)
    {
        Assert.Equal(4, texts.Count);
        Assert.StartsWith("つらい気持ちを話してくれて", texts[0]);
        Assert.Contains("0465-71-0189", texts[1]);
        Assert.Contains("よりそいホットライン", texts[2]);
        Assert.Equal("いま、あなたは安全な場所にいますか？", texts[3]);
    }

    [Fact]
    public async Task A_full_faq_then_booking_then_crisis_conversation_over_line_stays_within_the_limits()
    {
        await using var line = await LineHook.StartAsync(new()
        {
            ["Clock:Now"] = "2026-11-24T14:00:00+09:00",
            ["ConnectionStrings:Redis"] = TestRedis.ConnectionString,
        });
        var user = LineHook.NewUserId();

        await line.PostEventsAsync(line.Simple("follow", user));
        await line.Api.WaitForMessagesAsync(user, 3);

        var faq = await SayAsync(line, user, "よくある質問");
        Assert.Contains("どのことについて知りたいですか？", faq);
        // Eight topics: a Flex message with the buttons and a plain altText.
        var flex = line.Api.MessagesTo(user).Last(m => m.GetProperty("type").GetString() == "flex");
        Assert.Contains("開所時間", flex.GetProperty("altText").GetString());

        var hours = await SayAsync(line, user, "開所時間は？");
        Assert.Contains(hours, t => t.Contains("10:00"));

        // The booking flow over LINE: consent, who, a wish in words, then the free slots as buttons.
        var booking = await SayAsync(line, user, "相談の予約をしたい");
        Assert.Contains(booking, t => t.Contains("初回相談（面談）のご予約ですね"));
        Assert.Contains(await SayAsync(line, user, "はい"), t => t.Contains("どなたのことですか"));
        Assert.Contains(await SayAsync(line, user, "母のことです"), t => t.Contains("ご希望の日時"));
        // The date question comes with LINE's date picker, bounded to the bookable days.
        var picker = line.Api.MessagesTo(user)[^1].GetProperty("quickReply").GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("action")).Single(a => a.GetProperty("type").GetString() == "datetimepicker");
        Assert.Equal(("2026-11-25", "2027-01-19"), (picker.GetProperty("min").GetString(), picker.GetProperty("max").GetString()));
        // A date picked in the picker arrives as a postback and is read like a typed date.
        var before = line.Api.Calls.Count(c => c.Accepted && c.To == user);
        await line.PostEventsAsync(line.Postback(user, "supportbot:datepicker", new { date = "2026-12-02" }));
        await line.Api.WaitUntilAsync(s => s.Calls.Count(c => c.Accepted && c.To == user) > before);
        Assert.Contains("ご希望に合う空き枠です", string.Join("\n", line.TextsTo(user).TakeLast(2)));
        var offer = line.Api.MessagesTo(user)[^1];
        Assert.Contains("12月2日（水）10:00", offer.ToString());
        Assert.Contains(await SayAsync(line, user, "やっぱり12月3日の午後"), t => t.Contains("ご希望に合う空き枠です"));
        Assert.Contains("12月3日（木）13:00", line.Api.MessagesTo(user)[^1].ToString());

        AssertFullCrisisReply(await SayAsync(line, user, "もう死にたい"));
        var last = line.Api.MessagesTo(user)[^1];
        var actions = last.GetProperty("quickReply").GetProperty("items").EnumerateArray().Select(i => i.GetProperty("action")).ToList();
        Assert.Contains(actions, a => a.GetProperty("type").GetString() == "uri" && a.GetProperty("uri").GetString() == "tel:0465710189");

        Assert.Empty(line.Api.Violations);
        Assert.Empty(line.Api.Of("push"));
    }

    [Fact]
    public async Task With_redis_unreachable_a_crisis_message_over_line_still_gets_the_full_reply()
    {
        await using var line = await LineHook.StartAsync(new() { ["ConnectionStrings:Redis"] = "127.0.0.1:1,connectTimeout=500" });
        var user = LineHook.NewUserId();
        var response = await line.PostEventsAsync(line.Text(user, "しにたい"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await line.Api.WaitForMessagesAsync(user, 4);
        AssertFullCrisisReply(line.TextsTo(user));
        Assert.Empty(line.Api.Violations);
    }

    [Fact]
    public async Task A_redelivery_to_another_instance_sharing_redis_gets_no_second_reply()
    {
        var prefix = "line-dedupe-" + Guid.NewGuid().ToString("N")[..8] + ":";
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = TestRedis.ConnectionString, ["Storage:KeyPrefix"] = prefix };
        await using var a = await LineHook.StartAsync(settings);
        await using var b = await LineHook.StartAsync(new(settings) { ["Line:ApiBaseUrl"] = a.Api.BaseUrl });
        var user = LineHook.NewUserId();
        var id = LineHook.NewEventId();

        await a.PostEventsAsync(a.Text(user, "開所時間は？", eventId: id));
        await a.Api.WaitForMessagesAsync(user, 1);
        var count = a.Api.MessagesTo(user).Count;

        // The redelivery lands on instance b; a new event follows it in the same request.
        await b.PostEventsAsync(a.Text(user, "開所時間は？", eventId: id, redelivery: true), a.Text(user, "ありがとう"));
        await a.Api.WaitUntilAsync(s => a.TextsTo(user).Any(t => t.Contains("どういたしまして")));
        Assert.Equal(count + 1, a.Api.MessagesTo(user).Count);
        Assert.Empty(a.Api.Violations);
    }

    [Fact]
    public async Task Unfollow_deletes_the_conversation_state_and_the_requests_left_for_staff()
    {
        await using var line = await LineHook.StartAsync(new() { ["ConnectionStrings:Redis"] = TestRedis.ConnectionString });
        var user = LineHook.NewUserId();
        var other = LineHook.NewUserId();
        var records = line.App.Services.GetRequiredService<IRecordLog>();
        var now = DateTimeOffset.UtcNow;
        string Request(string who) => JsonSerializer.Serialize(new { id = Guid.NewGuid().ToString("N")[..12], time = now, channel = "line", conversation = who, user = who, name = "やまだ", phone = "090-1234-5678" });
        await records.AppendAsync("callbacks", now, Request(user), TimeSpan.FromDays(30));
        await records.AppendAsync("callbacks", now, Request(other), TimeSpan.FromDays(30));
        await records.AppendAsync("peer-requests", now, Request(user), TimeSpan.FromDays(30));

        // Mid-flow state exists for the user.
        await SayAsync(line, user, "夜中だけど誰かと話したい");
        var store = line.App.Services.GetRequiredService<IConversationStore>();

        await line.PostEventsAsync(line.Simple("unfollow", user, withToken: false), line.Text(other, "ありがとう"));
        await line.Api.WaitForMessagesAsync(other, 1);

        var left = await records.ReadAsync("callbacks", now.AddMinutes(-1), now.AddMinutes(1));
        Assert.Single(left);
        Assert.Contains(other, left[0]);
        Assert.Empty(await records.ReadAsync("peer-requests", now.AddMinutes(-1), now.AddMinutes(1)));
        var lease = await store.TryBeginAsync("line:" + user, TimeSpan.FromSeconds(5));
        Assert.NotNull(lease);
        Assert.Null(lease!.StateJson);
        await store.ReleaseAsync(lease);
        // Nothing is said to someone who blocked the account.
        Assert.DoesNotContain(line.Api.Calls, c => c.Kind == "push" && c.To == user);
    }
}
