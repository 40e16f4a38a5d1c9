using System.Text.Json;
using SupportBot.IntegrationTests.Line;
using SupportBot.IntegrationTests.Support;
using static SupportBot.IntegrationTests.Access.PlainLanguageSwitchTests;

namespace SupportBot.IntegrationTests.Access;

/// <summary>
/// 「電話できない」「耳がきこえない」「声が出ない」: the contacts that need no voice call (the center's FAX, this chat,
/// 電話リレーサービス, NET119, SNS counselling), and from then on beside every number of the crisis and after-hours
/// replies, kept in the crisis state. Over the real HTTP pipeline.
/// </summary>
public sealed class NoVoiceContactsTests
{
    private const string Fax = "0465-72-4160";

    private static List<string> Buttons(JsonElement reply) =>
        reply.TryGetProperty("suggestedActions", out var s)
            ? s.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("title").GetString()!).ToList() : [];

    [Theory]
    [InlineData("電話できない")]
    [InlineData("耳がきこえないです")]
    [InlineData("声が出ないので文字で相談したい")]
    public async Task Saying_one_cannot_phone_gets_the_contacts_without_a_voice_call(string text)
    {
        using var app = new BotApp(new() { ["Clock:Now"] = "2026-11-24T14:00:00+09:00" });
        var client = app.CreateClient();
        var replies = await Say(client, "n1", text);
        // Beside whatever else the message asked (「電話できない」 alone reads as "I want to talk now": the number
        // during opening hours, and these beside it).
        var contacts = Assert.Single(replies.Select(Text), t => t.Contains("電話をしなくても使える連絡先です。"));
        Assert.StartsWith("電話をしなくても使える連絡先です。", contacts);
        Assert.Contains("このチャット", contacts);
        Assert.Contains(Fax, contacts);
        Assert.Contains("電話リレーサービス", contacts);
        Assert.Contains("NET119", contacts);
        Assert.Contains("事前の登録が必要", contacts);
        Assert.Contains("文字で相談できる窓口", contacts);
    }

    [Fact]
    public async Task After_hours_the_24_hour_line_comes_with_the_ways_without_a_call_and_no_callback_is_offered()
    {
        using var app = new BotApp(new() { ["Clock:Now"] = "2026-11-24T22:00:00+09:00" });
        var client = app.CreateClient();
        Assert.Contains(await Say(client, "n2", "耳が聞こえません"), a => Text(a).Contains(Fax));

        var replies = (await Say(client, "n2", "夜中だけど誰かと話したい")).Select(Text).ToList();
        Assert.Contains(replies, t => t.Contains("いまは開所時間外です") && t.Contains("0465-71-0189"));
        Assert.Contains(replies, t => t.Contains(Fax) && t.Contains("NET119"));
        Assert.DoesNotContain(replies, t => t.Contains("折り返しお電話"));

        // Someone who has not said so gets the callback offer as before.
        var others = (await Say(client, "n3", "夜中だけど誰かと話したい")).Select(Text).ToList();
        Assert.Contains(others, t => t.Contains("折り返しお電話"));
        Assert.DoesNotContain(others, t => t.Contains(Fax));
    }

    [Fact]
    public async Task Said_together_with_an_after_hours_question_the_answer_has_the_numbers_and_the_ways_without_a_call()
    {
        using var app = new BotApp(new() { ["Clock:Now"] = "2026-11-24T22:00:00+09:00" });
        var client = app.CreateClient();
        var replies = (await Say(client, "n4", "電話できないけど、今すぐ相談したい")).Select(Text).ToList();
        Assert.Contains(replies, t => t.Contains("0465-71-0189"));
        Assert.Contains(replies, t => t.Contains(Fax) && t.Contains("電話リレーサービス"));
    }

    [Fact]
    public async Task In_a_crisis_every_number_has_a_way_without_a_call_beside_it_within_five_messages_and_the_crisis_state_keeps_them()
    {
        using var app = new BotApp(new() { ["Clock:Now"] = "2026-11-24T14:00:00+09:00" });
        var client = app.CreateClient();
        var crisis = await Say(client, "n5", "声が出ない。薬を全部飲んだ");
        Assert.InRange(crisis.Count, 4, 5);
        var texts = crisis.Select(Text).ToList();
        Assert.Contains(texts, t => t.Contains("119") && t.Contains("NET119") && t.Contains("電話リレーサービス"));
        Assert.Contains(texts, t => t.Contains("0465-71-0189") && t.Contains(Fax));
        Assert.Contains(texts, t => t.Contains("よりそいホットライン") && t.Contains("文字で相談できる窓口"));
        Assert.Contains("電話以外の連絡先", Buttons(crisis[^1]));

        // In the crisis state the contacts stay: 「電話できない」 again gets them, and every reply keeps the buttons.
        var again = await Say(client, "n5", "電話できない");
        Assert.Contains(again, a => Text(a).Contains(Fax));
        var buttons = Buttons(again[^1]);
        Assert.Contains("24時間の電話", buttons);
        Assert.Contains("緊急の連絡先", buttons);
        Assert.Contains("電話以外の連絡先", buttons);
        var okay = await Say(client, "n5", "大丈夫です");
        Assert.StartsWith("教えてくれて、ありがとうございます", Text(Assert.Single(okay)));
        Assert.Contains("電話以外の連絡先", Buttons(okay[0]));
        Assert.Contains(Fax, Text(Assert.Single(await Say(client, "n5", "電話以外の連絡先"))));
    }

    [Fact]
    public async Task The_plain_crisis_reply_acknowledges_gives_the_numbers_and_the_ways_without_a_call_in_short_sentences()
    {
        using var app = new BotApp(new() { ["Clock:Now"] = "2026-11-24T14:00:00+09:00" });
        var client = app.CreateClient();
        await Say(client, "n6", "やさしい にほんご");
        var crisis = (await Say(client, "n6", "もう死にたい。でんわ できない")).Select(Text).ToList();
        Assert.Equal(4, crisis.Count);
        Assert.StartsWith("はなして くれて、ありがとう ございます。あなたの ことが しんぱいです。", crisis[0]);
        Assert.Contains("24じかん つながる でんわが あります。", crisis[1]);
        Assert.Contains("0465-71-0189", crisis[1]);
        Assert.Contains(Fax, crisis[1]);
        Assert.Contains("でんわ リレー サービス", crisis[2]);
        Assert.Contains("0120-279-338", crisis[2]);
        Assert.Equal("いま、あなたは あんぜんな ばしょに いますか？", crisis[3]);
    }

    [Fact]
    public async Task Over_line_the_crisis_reply_with_the_ways_without_a_call_stays_within_the_reply_limit()
    {
        await using var line = await LineHook.StartAsync(new() { ["Clock:Now"] = "2026-11-24T14:00:00+09:00" });
        var user = LineHook.NewUserId();
        await line.PostEventsAsync(line.Text(user, "耳が聞こえないし、もう死にたい。薬を全部飲んだ"));
        await line.Api.WaitUntilAsync(s => s.Calls.Any(c => c.Accepted && c.To == user));
        var texts = line.TextsTo(user);
        Assert.InRange(texts.Count, 4, 5);
        Assert.Contains(texts, t => t.Contains(Fax));
        Assert.Contains(texts, t => t.Contains("NET119"));
        Assert.Empty(line.Api.Violations);
        Assert.Empty(line.Api.Of("push"));
    }
}
