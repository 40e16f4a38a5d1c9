using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SupportBot.Engine.State;
using SupportBot.IntegrationTests.DirectLine;
using SupportBot.IntegrationTests.Support;
using static SupportBot.IntegrationTests.Staff.HandoffChannelTests;

namespace SupportBot.IntegrationTests.Staff;

/// <summary>
/// Two instances on one real Redis: the resident's Web Chat (the embedded Direct Line) on one, the staff member's
/// console on the other. The resident's instance goes away in the middle of a taken hand-off and a new one starts in
/// its place; the staff member's reply written meanwhile, the resident's next message and the hand-back all still
/// arrive, and the transcript lost nothing.
/// </summary>
public sealed class HandoffRestartTests
{
    private const string Secret = "test-secret-restart-0123456789";

    /// <summary>The resident as Web Chat drives Direct Line: one token, one conversation, polling with a watermark, on whichever instance serves it.</summary>
    private sealed class WebChat(string token, string conversationId)
    {
        private string? _watermark;
        public List<JsonElement> Seen { get; } = [];
        public string ConversationId => conversationId;
        public string Key => "directline:" + conversationId;

        public static async Task<WebChat> StartAsync(HttpClient client)
        {
            var generate = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/tokens/generate") { Content = BotApp.Json(new { user = new { id = "dl_resident" } }) };
            generate.Headers.Authorization = BotApp.Bearer(Secret);
            var generated = await BotApp.ReadJson(await client.SendAsync(generate));
            var chat = new WebChat(generated.GetProperty("token").GetString()!, generated.GetProperty("conversationId").GetString()!);
            var start = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations");
            start.Headers.Authorization = BotApp.Bearer(chat.Token);
            Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(start)).StatusCode);
            return chat;
        }

        public string Token => token;

        public async Task<string> PostAsync(HttpClient client, string text)
        {
            var post = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities")
            {
                Content = BotApp.Json(new { type = "message", text, locale = "ja-JP", from = new { id = "dl_resident" } }),
            };
            post.Headers.Authorization = BotApp.Bearer(token);
            var posted = await client.SendAsync(post);
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
            return (await BotApp.ReadJson(posted)).GetProperty("id").GetString()!;
        }

        /// <summary>Polls until a bot message containing <paramref name="text"/> arrives (what Web Chat shows).</summary>
        public Task WaitForAsync(HttpClient client, string text) => Eventually(async () =>
        {
            var (activities, watermark) = await DirectLineTests.Poll(client, token, conversationId, _watermark);
            Seen.AddRange(activities);
            _watermark = watermark;
            return BotTexts().Any(t => t.Contains(text));
        }, $"Web Chat did not show 「{text}」; it showed: {string.Join(" | ", BotTexts())}");

        public IEnumerable<string> BotTexts() => Seen.Where(a => a.GetProperty("type").GetString() == "message" && a.GetProperty("from").GetProperty("id").GetString() != "dl_resident")
            .Select(a => a.GetProperty("text").GetString() ?? "");

        public IEnumerable<JsonElement> RepliesTo(string id) => Seen.Where(a => a.GetProperty("type").GetString() == "message" && a.TryGetProperty("replyToId", out var r) && r.GetString() == id);
    }

    [Fact]
    public async Task The_residents_instance_restarts_while_a_staff_member_holds_the_conversation_and_nothing_is_lost()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-09T11:00:00+09:00"));
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = TestRedis.ConnectionString,
            ["Storage:KeyPrefix"] = "test:" + Guid.NewGuid().ToString("N")[..8] + ":",
            ["DirectLine:Secret"] = Secret,
        };
        void Services(IServiceCollection s) => s.AddSingleton<TimeProvider>(clock);
        using var staffSide = new BotApp(settings, Services);
        var staff = await StaffAsync(staffSide, "sato", "佐藤");

        // The console's live stream on the staff side, open across the restart.
        using var events = await staff.Client.GetAsync("/staff/events", HttpCompletionOption.ResponseHeadersRead);
        var reader = new StreamReader(await events.Content.ReadAsStreamAsync());
        var heard = new List<string>();
        var listening = Task.Run(async () =>
        {
            while (await reader.ReadLineAsync() is { } line)
                if (line.StartsWith("data: ")) lock (heard) heard.Add(line[6..]);
        });
        int Heard(string key) { lock (heard) return heard.Count(h => h == key); }
        await Eventually(() => { lock (heard) return Task.FromResult(heard.Contains("ready")); }, "the stream did not start");

        WebChat chat;
        var first = new BotApp(settings, Services);
        try
        {
            var client = first.CreateClient();
            chat = await WebChat.StartAsync(client);
            await chat.PostAsync(client, "メニュー");
            await chat.WaitForAsync(client, "ご用件をお選びください");
            await chat.PostAsync(client, "スタッフと話す");
            await chat.WaitForAsync(client, "やりとりをスタッフが読みます");
            await chat.PostAsync(client, "はい");
            await chat.WaitForAsync(client, "スタッフをお呼びしています。このままお待ちください");

            Assert.Equal(HttpStatusCode.Redirect, (await staff.PostAsync(Page(chat.Key), "/staff/conversation?handler=Take", ("key", chat.Key))).StatusCode);
            await chat.WaitForAsync(client, "スタッフの佐藤です。");
            await chat.PostAsync(client, "母のことで相談があります");
            await InTranscriptAsync(staffSide, chat.Key, "母のことで相談があります");
        }
        finally
        {
            // The resident's instance goes away (a deploy, a crash the orchestrator replaces).
            await first.DisposeAsync();
        }

        // While no instance serves the resident, the staff member answers: it waits in the store for Web Chat's next poll.
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostAsync(Page(chat.Key), "/staff/conversation?handler=Reply", ("key", chat.Key), ("text", "こんにちは、どうされましたか"))).StatusCode);

        using var second = new BotApp(settings, Services);
        var again = second.CreateClient();
        // The same token and watermark, on the new instance.
        await chat.WaitForAsync(again, "佐藤：こんにちは、どうされましたか");

        // The resident's next message goes to the new instance: still the staff member's, the bot stays quiet,
        // the console on the other instance hears of it at once.
        var heardBefore = Heard(chat.Key);
        var quiet = await chat.PostAsync(again, "実は仕事のことも相談したいです");
        await InTranscriptAsync(staffSide, chat.Key, "実は仕事のことも相談したいです");
        await Eventually(() => Task.FromResult(Heard(chat.Key) > heardBefore), "the console did not hear the new instance's notice");
        Assert.Empty(chat.RepliesTo(quiet));

        var page = await staff.PageAsync(Page(chat.Key));
        foreach (var said in new[] { "母のことで相談があります", "こんにちは、どうされましたか", "実は仕事のことも相談したいです" }) Assert.Contains(said, page);

        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostAsync(Page(chat.Key), "/staff/conversation?handler=HandBack", ("key", chat.Key))).StatusCode);
        await chat.WaitForAsync(again, "佐藤とのお話は、ここまでです。");
        Assert.Null(await staffSide.Services.GetRequiredService<IHandoffStore>().GetHandoffAsync(chat.Key));
        await chat.PostAsync(again, "今日はやってますか");
        await chat.WaitForAsync(again, "開所しています");

        // Every message the staff member or the bot sent during the hand-off reached Web Chat exactly once.
        var texts = chat.BotTexts().ToList();
        foreach (var once in new[] { "スタッフの佐藤です。ここからは私がお話をうかがいます。", "佐藤：こんにちは、どうされましたか" })
            Assert.Single(texts, t => t == once);
    }
}
