using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.Engine.Access;
using SupportBot.Engine.Activities;
using SupportBot.Engine.State;
using SupportBot.IntegrationTests.Line;
using SupportBot.IntegrationTests.Support;

namespace SupportBot.IntegrationTests.Access;

/// <summary>
/// The switch to plain Japanese (やさしい にほんご) over the real HTTP pipeline: on LINE it sticks to the user (real
/// Redis), in Web Chat the page can ask for it with the Direct Line token, and typed or by button it works on both.
/// </summary>
public sealed class PlainLanguageSwitchTests
{
    private static async Task<IReadOnlyList<string>> SayAsync(LineHook line, string user, string text)
    {
        var before = line.Api.Calls.Count(c => c.Accepted && c.To == user && c.Kind is "reply" or "push");
        await line.PostEventsAsync(line.Text(user, text));
        await line.Api.WaitUntilAsync(s => s.Calls.Count(c => c.Accepted && c.To == user && c.Kind is "reply" or "push") > before);
        return line.Api.Calls.Where(c => c.Accepted && c.To == user && c.Kind is "reply" or "push").Skip(before)
            .SelectMany(c => c.Messages).Where(m => m.GetProperty("type").GetString() == "text").Select(m => m.GetProperty("text").GetString()!).ToList();
    }

    private static bool HasKanji(string text) => text.Any(c => c is >= '\u4E00' and <= '\u9FFF');

    /// <summary>What LINE shows of a plain answer has no kanji except the configured center name and address.</summary>
    private static string WithoutCenterFacts(string text) => text.Replace("自立サポートセンター スマイル", "").Replace("南足柄市", "");

    [Fact]
    public async Task On_line_the_choice_sticks_to_the_user_beyond_the_conversation_state_until_they_switch_back_or_leave()
    {
        await using var line = await LineHook.StartAsync(new()
        {
            ["Clock:Now"] = "2026-11-24T14:00:00+09:00",
            ["ConnectionStrings:Redis"] = TestRedis.ConnectionString,
        });
        var user = LineHook.NewUserId();

        Assert.Contains(await SayAsync(line, user, "開所時間は？"), t => t.StartsWith("開所時間は"));

        var switched = await SayAsync(line, user, "やさしい にほんご");
        Assert.StartsWith("やさしい にほんごで はなします。", Assert.Single(switched));
        // The way back is a quick reply button, in plain words.
        var items = line.Api.MessagesTo(user)[^1].GetProperty("quickReply").GetProperty("items").EnumerateArray().Select(i => i.GetProperty("action").GetProperty("label").GetString()).ToList();
        Assert.Contains("ふつうの にほんご", items);

        var hours = await SayAsync(line, user, "開所時間は？");
        Assert.Contains(hours, t => t.StartsWith("あいて いる じかんは 10:00〜17:00 です。"));
        Assert.All(hours, t => Assert.False(HasKanji(WithoutCenterFacts(t)), t));
        var access = await SayAsync(line, user, "電話番号を教えて");
        Assert.Contains(access, t => t.Contains("0465-72-4160"));
        // LINE shows no ruby: the call button's label is in kana too.
        var call = line.Api.MessagesTo(user)[^1].GetProperty("quickReply").GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("action")).First(a => a.GetProperty("type").GetString() == "uri");
        Assert.StartsWith("でんわ（", call.GetProperty("label").GetString());

        // The conversation's state goes (its TTL is a day); the choice, kept by user id, stays.
        var store = line.App.Services.GetRequiredService<IConversationStore>();
        var lease = await store.TryBeginAsync("line:" + user, TimeSpan.FromSeconds(5));
        Assert.NotNull(lease?.StateJson);
        Assert.True(await store.CommitAsync(lease!, null, TimeSpan.FromMinutes(1)));
        Assert.Contains(await SayAsync(line, user, "開所時間は？"), t => t.StartsWith("あいて いる じかんは"));

        // 「ふつうの にほんご」 switches back, and that sticks too.
        Assert.StartsWith("ふつうの日本語に戻しました。", Assert.Single(await SayAsync(line, user, "ふつうの にほんご")));
        lease = await store.TryBeginAsync("line:" + user, TimeSpan.FromSeconds(5));
        Assert.True(await store.CommitAsync(lease!, null, TimeSpan.FromMinutes(1)));
        Assert.Contains(await SayAsync(line, user, "開所時間は？"), t => t.StartsWith("開所時間は"));

        // 「むずかしい」 asks for plain words too; leaving the account forgets the choice with the rest.
        Assert.StartsWith("やさしい にほんごで はなします。", Assert.Single(await SayAsync(line, user, "むずかしい")));
        var preferences = line.App.Services.GetRequiredService<RegisterPreferences>();
        var probe = new Activity { ChannelId = "line", Ingress = "line", From = new ChannelAccount { Id = user }, Conversation = new ConversationAccount { Id = user } };
        Assert.Equal(SupportBot.Language.Answers.Register.Plain, await preferences.GetAsync(probe, CancellationToken.None));
        Assert.Equal(HttpStatusCode.OK, (await line.PostEventsAsync(line.Simple("unfollow", user, withToken: false))).StatusCode);
        await WaitUntilAsync(async () => await preferences.GetAsync(probe, CancellationToken.None) is null);
    }

    [Fact]
    public async Task The_menu_button_switches_in_the_middle_of_a_question_and_the_question_goes_on_in_plain_words()
    {
        using var app = new BotApp(new() { ["Clock:Now"] = "2026-11-24T14:00:00+09:00" });
        var client = app.CreateClient();
        var menu = await Say(client, "m1", "メニュー");
        var buttons = menu[^1].GetProperty("suggestedActions").GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("title").GetString()).ToList();
        Assert.Contains("やさしい にほんご", buttons);

        // A question is open (the booking's consent); the switch keeps it and offers to go on.
        Assert.Contains(await Say(client, "m1", "相談の予約をしたい"), a => Text(a).Contains("初回相談（面談）のご予約ですね"));
        var switched = await Say(client, "m1", "やさしい にほんご");
        Assert.Equal(["やさしい にほんごで はなします。むずかしい ことばが あったら、おしえて ください。もとに もどす ときは「ふつうの にほんご」と おくって ください。", "さっきの つづきを しますか？"], switched.Select(Text));
        var again = await Say(client, "m1", "はい");
        Assert.StartsWith("はじめての そうだんの よやくですね。", Text(Assert.Single(again)));
        // The readings travel beside the kana for a client that shows ruby.
        Assert.Contains("｜相談《そうだん》", again[0].GetProperty("channelData").GetProperty("ruby").GetString());
    }

    [Fact]
    public async Task A_web_chat_page_asks_for_plain_japanese_with_its_token_and_the_person_can_still_switch_back()
    {
        using var app = new BotApp(new() { ["Clock:Now"] = "2026-11-24T14:00:00+09:00" });
        var client = app.CreateClient();

        var page = await BotApp.ReadJson(await client.PostAsync("/api/webchat/token?locale=ja-JP-x-easy", null));
        var token = page.GetProperty("token").GetString()!;
        var conversationId = page.GetProperty("conversationId").GetString()!;
        var start = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations");
        start.Headers.Authorization = BotApp.Bearer(token);
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(start)).StatusCode);

        // The welcome is already plain.
        var (welcome, watermark) = await Poll(client, token, conversationId, null);
        Assert.Contains(welcome, t => t.Contains("くらしの そうだんを てつだいます"));

        // Web Chat sends its own UI locale (ja-JP); the page's choice holds.
        (var hours, watermark) = await PostAndPoll(client, token, conversationId, "開所時間は？", watermark);
        Assert.Contains(hours, t => t.StartsWith("あいて いる じかんは"));

        (var back, watermark) = await PostAndPoll(client, token, conversationId, "ふつうの にほんご", watermark);
        Assert.Contains(back, t => t.StartsWith("ふつうの日本語に戻しました。"));
        (hours, _) = await PostAndPoll(client, token, conversationId, "開所時間は？", watermark);
        Assert.Contains(hours, t => t.StartsWith("開所時間は"));
    }

    [Fact]
    public async Task A_page_without_the_choice_is_standard_and_typing_the_switch_changes_it()
    {
        using var app = new BotApp(new() { ["Clock:Now"] = "2026-11-24T14:00:00+09:00" });
        var client = app.CreateClient();
        var page = await BotApp.ReadJson(await client.PostAsync("/api/webchat/token", null));
        var token = page.GetProperty("token").GetString()!;
        var conversationId = page.GetProperty("conversationId").GetString()!;
        var start = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations");
        start.Headers.Authorization = BotApp.Bearer(token);
        await client.SendAsync(start);
        var (welcome, watermark) = await Poll(client, token, conversationId, null);
        Assert.Contains(welcome, t => t.Contains("障害福祉サービスのご相談をお手伝いします"));
        (var switched, watermark) = await PostAndPoll(client, token, conversationId, "むずかしい", watermark);
        Assert.Contains(switched, t => t.StartsWith("やさしい にほんごで はなします。"));
        (var hours, _) = await PostAndPoll(client, token, conversationId, "休みの日は？", watermark);
        Assert.Contains(hours, t => t.StartsWith("やすみの ひは、どようび・にちようび・しゅくじつです。"));
    }

    internal static async Task<List<JsonElement>> Say(HttpClient client, string conversation, string text)
    {
        var body = await BotApp.ReadJson(await client.PostAsync("/api/messages", BotApp.Json(BotApp.Message(conversation, text))));
        return body.GetProperty("activities").EnumerateArray().Where(a => a.GetProperty("type").GetString() == "message").ToList();
    }

    internal static string Text(JsonElement a) => a.GetProperty("text").GetString() ?? "";

    private static async Task<(List<string> Texts, string Watermark)> Poll(HttpClient client, string token, string conversationId, string? watermark)
    {
        var get = new HttpRequestMessage(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities" + (watermark is null ? "" : $"?watermark={watermark}"));
        get.Headers.Authorization = BotApp.Bearer(token);
        var page = await BotApp.ReadJson(await client.SendAsync(get));
        var texts = page.GetProperty("activities").EnumerateArray()
            .Where(a => a.GetProperty("type").GetString() == "message" && a.GetProperty("from").GetProperty("role").GetString() == "bot")
            .Select(a => a.GetProperty("text").GetString() ?? "").ToList();
        return (texts, page.GetProperty("watermark").GetString()!);
    }

    private static async Task<(List<string> Texts, string Watermark)> PostAndPoll(HttpClient client, string token, string conversationId, string text, string watermark)
    {
        var post = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities")
        {
            Content = BotApp.Json(new { type = "message", text, locale = "ja-JP", from = new { id = "web", name = "あなた" } }),
        };
        post.Headers.Authorization = BotApp.Bearer(token);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(post)).StatusCode);
        return await Poll(client, token, conversationId, watermark);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await condition()) return;
            await Task.Delay(50);
        }
        Assert.Fail("The condition did not become true within 5 seconds.");
    }
}
