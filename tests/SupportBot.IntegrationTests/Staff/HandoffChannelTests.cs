using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SupportBot.Engine.Handoffs;
using SupportBot.Engine.Staff;
using SupportBot.Engine.State;
using SupportBot.IntegrationTests.Line;
using SupportBot.IntegrationTests.Support;

namespace SupportBot.IntegrationTests.Staff;

/// <summary>
/// The live hand-off on the channels that deliver outside a turn by calling out: LINE (signed webhooks in, replies
/// and pushes to the LINE API stand-in) and a Bot Framework Connector channel (everything POSTed to the serviceUrl
/// stand-in). The staff member works through the console's pages over the real HTTP pipeline, as HandoffTests do.
/// </summary>
public sealed class HandoffChannelTests
{
    private const string Wednesday = "2026-12-09T11:00:00+09:00";

    internal static async Task<StaffSession> StaffAsync(BotApp app, string name, string display)
    {
        var password = await app.Services.GetRequiredService<StaffAccounts>().AddAsync(name, display, StaffRole.Staff)
            ?? throw new InvalidOperationException("taken");
        var session = StaffSession.Open(app);
        Assert.Equal(HttpStatusCode.Redirect, (await session.SignInAsync(name, password)).StatusCode);
        return session;
    }

    internal static async Task Eventually(Func<Task<bool>> condition, string what)
    {
        var deadline = Environment.TickCount64 + 15000;
        while (!await condition())
        {
            Assert.True(Environment.TickCount64 < deadline, what);
            await Task.Delay(50);
        }
    }

    /// <summary>Waits until the resident's message is in the hand-off's transcript: the turn ran (and, if the bot is quiet, said nothing).</summary>
    internal static Task InTranscriptAsync(BotApp app, string key, string text) =>
        Eventually(async () => (await app.Services.GetRequiredService<HandoffDesk>().LinesAsync(key)).Any(l => l.Text == text), $"「{text}」 did not reach the hand-off transcript");

    internal static string Page(string key) => "/staff/conversation?key=" + Uri.EscapeDataString(key);

    [Fact]
    public async Task Over_line_a_resident_asks_for_a_person_consents_a_staff_member_takes_replies_by_push_hands_back_and_the_bot_resumes()
    {
        await using var line = await LineHook.StartAsync(new() { ["Clock:Now"] = Wednesday });
        var user = LineHook.NewUserId();
        var staff = await StaffAsync(line.App, "sato", "佐藤");
        IReadOnlyList<JsonElement> Since(int count) => line.Api.Calls.Where(c => c.Accepted && c.To == user && c.Kind is "reply" or "push").Skip(count).SelectMany(c => c.Messages).ToList();
        int Delivered() => line.Api.Calls.Count(c => c.Accepted && c.To == user && c.Kind is "reply" or "push");
        async Task<string> SayAsync(string text)
        {
            var before = Delivered();
            await line.PostEventsAsync(line.Text(user, text));
            await line.Api.WaitUntilAsync(_ => Delivered() > before);
            return string.Join("\n", Since(before).Where(m => m.GetProperty("type").GetString() == "text").Select(m => m.GetProperty("text").GetString()));
        }

        // The rich menu's area sends its label; in a fresh conversation it is read as wanting to talk now.
        Assert.Contains("スタッフと直接お話しすることもできます", await SayAsync("スタッフと話す"));
        Assert.Contains("やりとりをスタッフが読みます", await SayAsync("はい"));
        Assert.Contains("スタッフをお呼びしています。このままお待ちください", await SayAsync("はい"));

        var handoff = Assert.Single(await line.App.Services.GetRequiredService<IHandoffStore>().ListOpenAsync());
        Assert.Equal(("line", user), (handoff.ChannelId, handoff.UserId));
        Assert.Contains("LINE", await staff.PageAsync("/staff/handoff"));

        var before = Delivered();
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostAsync(Page(handoff.Key), "/staff/conversation?handler=Take", ("key", handoff.Key))).StatusCode);
        await line.Api.WaitUntilAsync(_ => Since(before).Any(m => m.GetProperty("text").GetString() == "スタッフの佐藤です。ここからは私がお話をうかがいます。"));
        // Outside a turn there is no reply token: the notice is a push, with its retry key.
        Assert.Contains(line.Api.Of("push"), c => c.To == user && c.Accepted);

        // The resident writes; the bot is quiet (no reply call), the staff member reads it.
        before = Delivered();
        await line.PostEventsAsync(line.Text(user, "母のことで相談があります"));
        await InTranscriptAsync(line.App, handoff.Key, "母のことで相談があります");
        Assert.Contains("母のことで相談があります", await staff.PageAsync(Page(handoff.Key)));

        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostAsync(Page(handoff.Key), "/staff/conversation?handler=Reply", ("key", handoff.Key), ("text", "こんにちは、どうされましたか"))).StatusCode);
        await line.Api.WaitUntilAsync(_ => Since(before).Any(m => m.GetProperty("text").GetString() == "佐藤：こんにちは、どうされましたか"));
        Assert.Single(Since(before)); // only the staff member's words: the bot said nothing to 「母のことで…」

        before = Delivered();
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostAsync(Page(handoff.Key), "/staff/conversation?handler=HandBack", ("key", handoff.Key))).StatusCode);
        await line.Api.WaitUntilAsync(_ => Since(before).Any(m => m.GetProperty("text").GetString()!.StartsWith("佐藤とのお話は、ここまでです。")));
        Assert.Null(await line.App.Services.GetRequiredService<IHandoffStore>().GetHandoffAsync(handoff.Key));

        Assert.Contains("開所しています", await SayAsync("今日はやってますか"));
        Assert.Empty(line.Api.Violations);
    }

    [Fact]
    public async Task Over_a_connector_channel_the_same_with_every_message_posted_to_the_service_url()
    {
        await using var connector = await RecordingServer.StartAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.Parse(Wednesday));
        using var app = new BotApp(services: s => s.AddSingleton<TimeProvider>(clock));
        var staff = await StaffAsync(app, "sato", "佐藤");
        const string conversation = "teams-personal/ho-5";
        var key = "botframework/msteams:" + conversation;
        List<(string? ReplyTo, string Text)> Said() => connector.Requests.Select(r => r.Json)
            .Where(j => j.GetProperty("type").GetString() == "message" && j.GetProperty("conversation").GetProperty("id").GetString() == conversation)
            .Select(j => (j.TryGetProperty("replyToId", out var r) ? r.GetString() : null, j.GetProperty("text").GetString() ?? "")).ToList();
        async Task<string> PostAsync(string text)
        {
            var message = BotApp.Message(conversation, text, deliveryMode: null, channelId: "msteams", serviceUrl: connector.BaseUrl + "/");
            var response = await app.CreateClient().PostAsync("/api/messages", BotApp.Json(message));
            Assert.True(response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, $"status {response.StatusCode}");
            return (string)message["id"]!;
        }
        async Task<string> SayAsync(string text, string expect)
        {
            var id = await PostAsync(text);
            await Eventually(() => Task.FromResult(Said().Any(s => s.ReplyTo == id && s.Text.Contains(expect))), $"no 「{expect}」 in reply to 「{text}」: {string.Join(" | ", Said().Select(s => s.Text))}");
            return id;
        }

        // The main menu's button goes straight to the consent question.
        await SayAsync("メニュー", "ご用件をお選びください");
        await SayAsync("スタッフと話す", "やりとりをスタッフが読みます");
        await SayAsync("はい", "スタッフをお呼びしています。このままお待ちください");

        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostAsync(Page(key), "/staff/conversation?handler=Take", ("key", key))).StatusCode);
        // Outside a turn: a new activity in the conversation (no replyToId), still to the serviceUrl the resident came from.
        await Eventually(() => Task.FromResult(Said().Contains((null, "スタッフの佐藤です。ここからは私がお話をうかがいます。"))), "the resident was not told who took it");
        Assert.Contains(connector.Requests, r => r.PathAndQuery == $"/v3/conversations/{Uri.EscapeDataString(conversation)}/activities");

        var quiet = await PostAsync("母のことで相談があります");
        await InTranscriptAsync(app, key, "母のことで相談があります");
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostAsync(Page(key), "/staff/conversation?handler=Reply", ("key", key), ("text", "こんにちは、どうされましたか"))).StatusCode);
        await Eventually(() => Task.FromResult(Said().Contains((null, "佐藤：こんにちは、どうされましたか"))), "the staff member's reply did not reach the resident");
        Assert.DoesNotContain(Said(), s => s.ReplyTo == quiet);

        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostAsync(Page(key), "/staff/conversation?handler=HandBack", ("key", key))).StatusCode);
        await Eventually(() => Task.FromResult(Said().Any(s => s.ReplyTo is null && s.Text.StartsWith("佐藤とのお話は、ここまでです。"))), "the resident was not told the bot is back");
        await SayAsync("今日はやってますか", "開所しています");
    }

    [Fact]
    public async Task The_menu_button_outside_opening_hours_says_so_at_once_without_asking_for_consent_and_offers_a_callback()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-09T19:30:00+09:00")); // a Wednesday evening, closed
        using var app = new BotApp(services: s => s.AddSingleton<TimeProvider>(clock));
        var client = app.CreateClient();
        async Task<string> SayAsync(string text)
        {
            var response = await client.PostAsync("/api/messages", BotApp.Json(BotApp.Message("ho-closed", text)));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return string.Join("\n", (await BotApp.ReadJson(response)).GetProperty("activities").EnumerateArray().Select(a => a.GetProperty("text").GetString()));
        }

        await SayAsync("メニュー");
        var said = await SayAsync("スタッフと話す");
        Assert.Contains("いまは開所時間外のため、チャットでスタッフにおつなぎできません", said);
        Assert.Contains("0465-71-0189", said);
        Assert.DoesNotContain("やりとりをスタッフが読みます", said);
        Assert.Empty(await app.Services.GetRequiredService<IHandoffStore>().ListOpenAsync());
        // The callback offer follows; yes starts the callback request.
        Assert.Contains("14日たつと消去します", await SayAsync("はい"));
    }
}
