using System.Net;
using System.Text.Json;
using SupportBot.IntegrationTests.DirectLine;
using SupportBot.IntegrationTests.Support;

namespace SupportBot.IntegrationTests.Safety;

/// <summary>The crisis reply and after-hours routing through the real HTTP pipeline, including with Redis down.</summary>
public sealed class SafetyEndToEndTests
{
    private static async Task<List<JsonElement>> Say(HttpClient client, string conversation, string text)
    {
        var body = await BotApp.ReadJson(await client.PostAsync("/api/messages", BotApp.Json(BotApp.Message(conversation, text))));
        return body.GetProperty("activities").EnumerateArray().Where(a => a.GetProperty("type").GetString() == "message").ToList();
    }

    private static string Text(JsonElement a) => a.GetProperty("text").GetString() ?? "";

    private static void AssertFullCrisisReply(List<JsonElement> replies)
    {
        Assert.Equal(4, replies.Count);
        Assert.StartsWith("つらい気持ちを話してくれて", Text(replies[0]));
        Assert.Contains("0465-71-0189", Text(replies[1]));
        Assert.Contains("よりそいホットライン", Text(replies[2]));
        Assert.Equal("いま、あなたは安全な場所にいますか？", Text(replies[3]));
    }

    [Fact]
    public async Task A_crisis_message_in_the_middle_of_a_callback_request_gets_the_crisis_reply_and_the_request_is_not_resumed()
    {
        using var app = new BotApp(new() { ["Clock:Now"] = "2026-11-24T22:00:00+09:00" });
        var client = app.CreateClient();
        await Say(client, "c1", "夜中だけど誰かと話したい");
        await Say(client, "c1", "はい");
        Assert.Equal("お名前を教えてください。ニックネームでも大丈夫です。", Text(Assert.Single(await Say(client, "c1", "はい"))));

        AssertFullCrisisReply(await Say(client, "c1", "もう消えたい"));

        // The request is gone: a name now is not taken as its answer, and 「大丈夫」 does not close the crisis state.
        Assert.DoesNotContain(await Say(client, "c1", "やまちゃん"), a => Text(a).Contains("電話番号"));
        var after = await Say(client, "c1", "大丈夫です");
        Assert.StartsWith("教えてくれて、ありがとうございます", Text(Assert.Single(after)));
        var buttons = after[0].GetProperty("suggestedActions").GetProperty("actions").EnumerateArray().ToList();
        Assert.Equal("tel:0465-71-0189", buttons[0].GetProperty("value").GetString());
    }

    /// <summary>A wish to stop living said with the words of a command or a goodbye is never read as one.</summary>
    [Theory]
    [InlineData("生きるのをやめたい")]
    [InlineData("もう全部終わりにしたい")]
    [InlineData("もう止めて。生きていたくない")]
    [InlineData("みんなさようなら。今までありがとう")]
    [InlineData("いきるのやめたい")]
    [InlineData("mou owari ni shitai, ikiru no yametai")]
    public async Task A_crisis_said_like_a_command_or_a_goodbye_gets_the_crisis_reply_at_the_top_and_inside_a_flow(string text)
    {
        using var app = new BotApp(new() { ["Clock:Now"] = "2026-11-24T14:00:00+09:00" });
        var client = app.CreateClient();
        AssertFullCrisisReply(await Say(client, "top", text));

        Assert.Contains("ご予約", Text((await Say(client, "flow", "相談の予約をしたい"))[0]));
        var inFlow = await Say(client, "flow", text);
        AssertFullCrisisReply(inFlow);
        Assert.DoesNotContain(inFlow, a => Text(a).Contains("中止しました") || Text(a).Contains("中止する手続き"));
    }

    [Theory]
    [InlineData("さようなら")]
    [InlineData("疲れた")]
    [InlineData("もう限界です")]
    public async Task Distress_that_is_not_explicit_gets_a_check_in_with_the_lines_and_no_crisis_state(string text)
    {
        using var app = new BotApp(new() { ["Clock:Now"] = "2026-11-24T14:00:00+09:00" });
        var client = app.CreateClient();
        var replies = await Say(client, "c", text);
        Assert.StartsWith("話してくれて、ありがとうございます", Text(replies[0]));
        Assert.Contains("24時間", Text(replies[1]));
        Assert.Contains("よりそいホットライン", Text(replies[1]));
        Assert.Contains("いのちの電話", Text(replies[1]));
        // No crisis state: the next question is answered as usual, without the crisis buttons.
        var next = await Say(client, "c", "開所時間は？");
        Assert.StartsWith("開所時間は", Text(next[0]));
        Assert.DoesNotContain(next, a => a.TryGetProperty("suggestedActions", out var s) && s.GetProperty("actions").EnumerateArray().Any(b => b.GetProperty("title").GetString() == "緊急の連絡先"));
    }

    [Theory]
    [InlineData("将来のことが心配で眠れない日が続いています。相談の予約をお願いします", "ご予約")]
    [InlineData("寂しくてたまりません。ピアサポーターと話したいです", "ピアサポーター")]
    public async Task Distress_with_a_clear_request_gets_the_lines_then_the_answer_without_the_check_in_question(string text, string answer)
    {
        using var app = new BotApp(new() { ["Clock:Now"] = "2026-11-24T14:00:00+09:00" });
        var client = app.CreateClient();
        var replies = await Say(client, "c", text);
        Assert.StartsWith("お気持ちも話してくださって、ありがとうございます", Text(replies[0]));
        Assert.Contains("24時間", Text(replies[1]));
        Assert.Contains("よりそいホットライン", Text(replies[1]));
        // Then the request itself, and one question only: the check-in's open question is not asked.
        Assert.Contains(replies.Skip(2), a => Text(a).Contains(answer));
        Assert.DoesNotContain(replies, a => Text(a).StartsWith("よかったら、いまの気持ち"));
    }

    [Fact]
    public async Task With_redis_unreachable_distress_with_a_request_still_gets_the_whole_check_in()
    {
        using var app = new BotApp(new() { ["ConnectionStrings:Redis"] = "127.0.0.1:1,connectTimeout=500", ["Clock:Now"] = "2026-11-24T14:00:00+09:00" });
        var replies = await Say(app.CreateClient(), "dead-c", "将来のことが心配で眠れない日が続いています。相談の予約をお願いします");
        Assert.StartsWith("話してくれて、ありがとうございます", Text(replies[0]));
        Assert.Contains("よりそいホットライン", Text(replies[1]));
        Assert.StartsWith("よかったら、いまの気持ち", Text(replies[2]));
    }

    [Fact]
    public async Task With_redis_unreachable_a_crisis_message_still_gets_the_full_reply_on_api_messages()
    {
        using var app = new BotApp(new() { ["ConnectionStrings:Redis"] = "127.0.0.1:1,connectTimeout=500" });
        var client = app.CreateClient();
        var response = await client.PostAsync("/api/messages", BotApp.Json(BotApp.Message("dead-1", "しにたい")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replies = (await BotApp.ReadJson(response)).GetProperty("activities").EnumerateArray().Where(a => a.GetProperty("type").GetString() == "message").ToList();
        AssertFullCrisisReply(replies);

        // What needs no state is answered as usual; what needs state gets one polite sentence with the number once.
        var hours = await Say(client, "dead-1", "開所時間は？");
        Assert.Contains(hours, a => Text(a).Contains("10:00"));
        var other = await Say(client, "dead-1", "相談の予約をしたいです");
        var sorry = Text(Assert.Single(other));
        Assert.Contains("システムに不具合", sorry);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(sorry, "0465-71-0189"));
    }

    [Fact]
    public async Task With_redis_unreachable_web_chat_still_receives_the_crisis_reply_through_direct_line()
    {
        using var app = new BotApp(new() { ["ConnectionStrings:Redis"] = "127.0.0.1:1,connectTimeout=500" });
        var client = app.CreateClient();
        var page = await BotApp.ReadJson(await client.PostAsync("/api/webchat/token", null));
        var token = page.GetProperty("token").GetString()!;
        var id = page.GetProperty("conversationId").GetString()!;
        var start = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations");
        start.Headers.Authorization = BotApp.Bearer(token);
        Assert.True((await client.SendAsync(start)).IsSuccessStatusCode);

        var post = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{id}/activities")
        {
            Content = BotApp.Json(new { type = "message", text = "もう死にたい", channelData = new { clientActivityID = "c-1" } }),
        };
        post.Headers.Authorization = BotApp.Bearer(token);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(post)).StatusCode);

        var polled = await DirectLineTests.Poll(client, token, id, null);
        Assert.Contains(polled.Activities, a => a.TryGetProperty("channelData", out var cd) && cd.GetProperty("clientActivityID").GetString() == "c-1");
        var messages = polled.Activities.Where(a => a.GetProperty("type").GetString() == "message" && a.GetProperty("from").GetProperty("id").GetString() == "supportbot").ToList();
        AssertFullCrisisReply(messages);
        Assert.Contains("~", polled.Watermark);
        var again = await DirectLineTests.Poll(client, token, id, polled.Watermark);
        Assert.Empty(again.Activities);
    }

    [Theory]
    [InlineData("2026-11-24T14:00:00+09:00", "いまは開所時間中です")]
    [InlineData("2026-11-24T09:59:00+09:00", "今日（11月24日（火））は10:00から開所します")]
    [InlineData("2026-11-24T10:00:00+09:00", "いまは開所時間中です")]
    [InlineData("2026-11-24T16:59:00+09:00", "いまは開所時間中です")]
    [InlineData("2026-11-24T17:00:00+09:00", "今日の受付は終了しました。次の開所は明日 10:00です")]
    [InlineData("2026-11-24T22:00:00+09:00", "今日の受付は終了しました。次の開所は明日 10:00です")]
    [InlineData("2026-11-28T11:00:00+09:00", "今日（11月28日（土））は休所日です。次の開所は11月30日（月）10:00です")]
    [InlineData("2026-11-23T11:00:00+09:00", "祝日（勤労感謝の日）のため休所です。次の開所は明日 10:00です")]
    [InlineData("2026-12-30T11:00:00+09:00", "年末年始のため休所です。次の開所は1月4日（月）10:00です")]
    public async Task Talk_now_routes_by_the_business_calendar(string now, string expected)
    {
        using var app = new BotApp(new() { ["Clock:Now"] = now });
        var replies = await Say(app.CreateClient(), "route", "今すぐ誰かと話したい");
        var all = string.Join(" / ", replies.Select(Text));
        Assert.Contains(expected, all);
        if (!expected.StartsWith("いまは開所時間中"))
            Assert.Contains("24時間つながる 0465-71-0189", all);
    }
}
