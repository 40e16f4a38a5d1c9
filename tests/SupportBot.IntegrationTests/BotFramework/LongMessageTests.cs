using System.Net;
using SupportBot.IntegrationTests.Support;

namespace SupportBot.IntegrationTests.BotFramework;

/// <summary>A very long message gets a polite reply that it is too long, not a bare 413 — and a crisis in it is still answered.</summary>
public sealed class LongMessageTests
{
    [Fact]
    public async Task A_hundred_thousand_characters_get_a_polite_answer()
    {
        using var app = new BotApp();
        var text = string.Concat(Enumerable.Repeat("今日は作業所でお菓子を作りました。", 6000))[..100_000];
        var response = await app.CreateClient().PostAsync("/api/messages", BotApp.Json(BotApp.Message("long-1", text)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single((await BotApp.ReadJson(response)).GetProperty("activities").EnumerateArray()).GetProperty("text").GetString();
        Assert.Contains("長すぎる", reply);
        Assert.Contains("2000", reply);
    }

    [Fact]
    public async Task A_crisis_in_a_very_long_message_still_gets_the_crisis_reply()
    {
        using var app = new BotApp();
        var text = string.Concat(Enumerable.Repeat("今日は作業所でお菓子を作りました。", 3000)) + "もう死にたい。";
        var response = await app.CreateClient().PostAsync("/api/messages", BotApp.Json(BotApp.Message("long-2", text)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var texts = (await BotApp.ReadJson(response)).GetProperty("activities").EnumerateArray().Select(a => a.GetProperty("text").GetString()).ToList();
        Assert.Contains(texts, t => t!.Contains("よりそいホットライン"));
        Assert.DoesNotContain(texts, t => t!.Contains("長すぎる"));
    }
}
