using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SupportBot.Engine.Handoffs;
using SupportBot.Engine.Staff;
using SupportBot.Engine.State;
using SupportBot.IntegrationTests.Support;

namespace SupportBot.IntegrationTests.Staff;

/// <summary>The live hand-off from the bot to a person, over the real HTTP pipeline (docs/staff.md).</summary>
public sealed class HandoffTests
{
    private static readonly DateTimeOffset Wednesday = DateTimeOffset.Parse("2026-12-09T11:00:00+09:00");

    /// <summary>The resident, on the Bot Framework endpoint as the Direct Line channel: replies in the body, proactive messages in the Direct Line transcript.</summary>
    private sealed class Resident(BotApp app, string conversation)
    {
        private readonly HttpClient _client = app.CreateClient();
        public string Conversation => conversation;
        public string Key => "botframework/directline:" + conversation;

        public async Task<List<string>> SayAsync(string text)
        {
            var response = await _client.PostAsync("/api/messages", BotApp.Json(BotApp.Message(conversation, text)));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await BotApp.ReadJson(response);
            return body.TryGetProperty("activities", out var a) ? a.EnumerateArray().Select(x => x.GetProperty("text").GetString() ?? "").ToList() : [];
        }

        /// <summary>What reached the resident outside their own turns (the staff member's words, the bot's notices).</summary>
        public async Task<List<string>> PushedAsync(BotApp on)
        {
            var page = await on.Services.GetRequiredService<ITranscriptStore>().ReadAsync(conversation, 0);
            return page.ActivitiesJson.Select(j => JsonDocument.Parse(j).RootElement.GetProperty("text").GetString() ?? "").ToList();
        }
    }

    private static async Task<StaffSession> StaffAsync(BotApp app, string name, string display)
    {
        var password = await app.Services.GetRequiredService<StaffAccounts>().AddAsync(name, display, StaffRole.Staff)
            ?? throw new InvalidOperationException("taken");
        var session = StaffSession.Open(app);
        Assert.Equal(HttpStatusCode.Redirect, (await session.SignInAsync(name, password)).StatusCode);
        return session;
    }

    private static async Task AskForAPersonAsync(Resident resident)
    {
        var offer = await resident.SayAsync("スタッフと話したい");
        Assert.Contains(offer, t => t.Contains("スタッフと直接お話しすることもできます"));
        Assert.Contains("やりとりをスタッフが読みます", string.Join("\n", await resident.SayAsync("はい")));
        Assert.Contains("スタッフをお呼びしています。このままお待ちください（5分ほど", string.Join("\n", await resident.SayAsync("はい")));
    }

    private static async Task Eventually(Func<Task<bool>> condition, string what)
    {
        var deadline = Environment.TickCount64 + 10000;
        while (!await condition())
        {
            Assert.True(Environment.TickCount64 < deadline, what);
            await Task.Delay(50);
        }
    }

    private static async Task HandOffAndBackAsync(BotApp residentSide, BotApp staffSide, StaffSession staff, string conversation)
    {
        var resident = new Resident(residentSide, conversation);
        await AskForAPersonAsync(resident);

        var list = await staff.PageAsync("/staff/handoff");
        Assert.Contains("対応待ち", list);
        Assert.Contains("Webチャット", list);
        Assert.Contains("id=\"waiting-count\">1<", await staff.PageAsync("/staff"));
        Assert.Equal(["スタッフをお呼びしています。もう少しお待ちください。"], await resident.SayAsync("母のことで相談があります"));

        var page = "/staff/conversation?key=" + Uri.EscapeDataString(resident.Key);
        var conversationPage = await staff.PageAsync(page);
        Assert.Contains("母のことで相談があります", conversationPage);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostAsync(page, "/staff/conversation?handler=Take", ("key", resident.Key))).StatusCode);
        await Eventually(async () => (await resident.PushedAsync(residentSide)).Contains("スタッフの佐藤です。ここからは私がお話をうかがいます。"), "the resident was not told who took it");
        Assert.Contains("佐藤 さんが対応中", await staff.PageAsync("/staff/handoff"));

        // While a person holds the conversation the bot is quiet.
        Assert.Empty(await resident.SayAsync("よろしくお願いします"));
        Assert.Empty(await resident.SayAsync("予約したいです"));
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostAsync(page, "/staff/conversation?handler=Reply", ("key", resident.Key), ("text", "こんにちは、どうされましたか"))).StatusCode);
        await Eventually(async () => (await resident.PushedAsync(residentSide)).Contains("佐藤：こんにちは、どうされましたか"), "the staff member's reply did not reach the resident");

        // Distress short of a crisis gets the bot's check-in with the lines, and the staff member sees both
        // (the message did not reach the transcript before); the conversation is not flagged red for it.
        Assert.Contains(await resident.SayAsync("疲れた"), t => t.Contains("よりそいホットライン"));
        conversationPage = await staff.PageAsync(page);
        Assert.Contains("疲れた", conversationPage);
        Assert.Contains("よりそいホットライン", conversationPage);
        Assert.DoesNotContain("id=\"crisis-flag\"", conversationPage);
        // With a request in it, the bot gives the lines and the staff member answers the request; both are there.
        Assert.Contains(await resident.SayAsync("寂しくてたまりません。ピアサポーターと話したいです"), t => t.StartsWith("お気持ちも話してくださって"));
        conversationPage = await staff.PageAsync(page);
        Assert.Contains("寂しくてたまりません", conversationPage);
        Assert.Contains("お気持ちも話してくださって", conversationPage);

        // The crisis guard still answers first, and the console shows the conversation red.
        var crisis = await resident.SayAsync("もう死にたい");
        Assert.Contains(crisis, t => t.Contains("0465-71-0189"));
        conversationPage = await staff.PageAsync(page);
        Assert.Contains("id=\"crisis-flag\"", conversationPage);
        foreach (var line in new[] { "よろしくお願いします", "予約したいです", "こんにちは、どうされましたか", "もう死にたい" }) Assert.Contains(line, conversationPage);
        Assert.Contains("class=\"red\"", await staff.PageAsync("/staff/handoff"));

        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostAsync(page, "/staff/conversation?handler=HandBack", ("key", resident.Key))).StatusCode);
        await Eventually(async () => (await resident.PushedAsync(residentSide)).Any(t => t.StartsWith("佐藤とのお話は、ここまでです。")), "the resident was not told the bot is back");
        // The transcript is gone with the hand-off, and the bot answers again.
        Assert.Null(await staffSide.Services.GetRequiredService<IHandoffStore>().GetHandoffAsync(resident.Key));
        Assert.Empty(await staffSide.Services.GetRequiredService<IHandoffStore>().LinesAsync(resident.Key));
        Assert.Contains("この会話の対応は終わりました", await staff.PageAsync(page));
        Assert.Contains(await resident.SayAsync("今日はやってますか"), t => t.Contains("開所しています"));

        var audit = await staffSide.Services.GetRequiredService<StaffAudit>().ReadAsync(Wednesday.AddHours(-1), Wednesday.AddHours(1));
        // The fake clock stands still, and entries of one instant have no order of their own in Redis.
        Assert.Equal(["handoff.handback", "handoff.reply", "handoff.take"], audit.Where(e => e.Action.StartsWith("handoff.") && e.Who == "sato").Select(e => e.Action).Order());
        Assert.All(audit, e => Assert.DoesNotContain("どうされました", e.Target ?? ""));
    }

    [Fact]
    public async Task A_resident_asks_for_a_person_a_staff_member_takes_replies_and_hands_back_and_the_bot_resumes()
    {
        var clock = new FakeTimeProvider(Wednesday);
        using var app = new BotApp(services: s => s.AddSingleton<TimeProvider>(clock));
        var staff = await StaffAsync(app, "sato", "佐藤");
        await HandOffAndBackAsync(app, app, staff, "ho-1");
    }

    [Fact]
    public async Task The_same_over_two_instances_on_one_redis_resident_on_one_staff_on_the_other_with_live_events()
    {
        var clock = new FakeTimeProvider(Wednesday);
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = TestRedis.ConnectionString, ["Storage:KeyPrefix"] = "test:" + Guid.NewGuid().ToString("N")[..8] + ":" };
        using var residentSide = new BotApp(settings, s => s.AddSingleton<TimeProvider>(clock));
        using var staffSide = new BotApp(settings, s => s.AddSingleton<TimeProvider>(clock));
        var staff = await StaffAsync(staffSide, "sato", "佐藤");

        // The console's live stream on the staff side hears what happens on the resident side.
        using var events = await staff.Client.GetAsync("/staff/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", events.Content.Headers.ContentType!.MediaType);
        var reader = new StreamReader(await events.Content.ReadAsStreamAsync());
        var heard = new List<string>();
        var listening = Task.Run(async () =>
        {
            while (await reader.ReadLineAsync() is { } line)
                if (line.StartsWith("data: ")) lock (heard) heard.Add(line[6..]);
        });
        await Eventually(() => { lock (heard) return Task.FromResult(heard.Contains("ready")); }, "the stream did not start");

        await HandOffAndBackAsync(residentSide, staffSide, staff, "ho-2");
        lock (heard) Assert.Contains("botframework/directline:ho-2", heard);
    }

    [Fact]
    public async Task Nobody_taking_it_within_five_minutes_the_resident_hears_so_kindly_and_can_ask_for_a_callback()
    {
        var clock = new FakeTimeProvider(Wednesday);
        using var app = new BotApp(services: s => s.AddSingleton<TimeProvider>(clock));
        var resident = new Resident(app, "ho-3");
        await AskForAPersonAsync(resident);

        clock.Advance(TimeSpan.FromMinutes(4));
        await Task.Delay(300);
        Assert.Empty(await resident.PushedAsync(app));
        clock.Advance(TimeSpan.FromMinutes(1) + HandoffTimeoutsEvery);
        await Eventually(async () => (await resident.PushedAsync(app)).Any(t => t.StartsWith("申し訳ありません。いまスタッフが対応できず")), "the resident was not told nobody was free");
        var told = (await resident.PushedAsync(app)).Single();
        Assert.Contains("0465-71-0189", told);
        Assert.Empty(await app.Services.GetRequiredService<IHandoffStore>().LinesAsync(resident.Key));

        // The answer to that message's question starts the callback request.
        Assert.Contains("14日たつと消去します", string.Join("\n", await resident.SayAsync("はい")));
        Assert.Null(await app.Services.GetRequiredService<IHandoffStore>().GetHandoffAsync(resident.Key));
    }

    [Fact]
    public async Task Saying_stop_while_waiting_leaves_the_queue_and_the_bot_answers_again()
    {
        var clock = new FakeTimeProvider(Wednesday);
        using var app = new BotApp(services: s => s.AddSingleton<TimeProvider>(clock));
        var resident = new Resident(app, "ho-4");
        await AskForAPersonAsync(resident);
        Assert.Equal(["わかりました。スタッフへのおつなぎをやめました。このままボットがお答えします。"], await resident.SayAsync("やめる"));
        Assert.Null(await app.Services.GetRequiredService<IHandoffStore>().GetHandoffAsync(resident.Key));
        Assert.Contains(await resident.SayAsync("今日はやってますか"), t => t.Contains("開所しています"));
    }

    private static readonly TimeSpan HandoffTimeoutsEvery = TimeSpan.FromSeconds(11);
}
