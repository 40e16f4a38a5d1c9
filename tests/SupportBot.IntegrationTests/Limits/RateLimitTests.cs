using System.Net;
using SupportBot.IntegrationTests.Support;

namespace SupportBot.IntegrationTests.Limits;

/// <summary>
/// Messages per sender and Direct Line starts per address are limited, over the real HTTP pipeline; a message
/// that carries a crisis signal is answered whatever the rate.
/// </summary>
public sealed class RateLimitTests
{
    private static async Task<List<string>> SendAsync(HttpClient client, string conversation, string text, string user = "user-1")
    {
        var message = BotApp.Message(conversation, text);
        message["from"] = new { id = user, name = "User" };
        var response = await client.PostAsync("/api/messages", BotApp.Json(message));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await BotApp.ReadJson(response);
        return json.TryGetProperty("activities", out var activities)
            ? [.. activities.EnumerateArray().Select(a => a.TryGetProperty("text", out var t) ? t.GetString() ?? "" : "")]
            : [];
    }

    [Fact]
    public async Task A_sender_over_the_rate_is_asked_once_to_slow_down_and_a_crisis_still_gets_its_reply()
    {
        using var app = new BotApp(new() { ["Limits:MessagesPerMinute"] = "5" });
        var client = app.CreateClient();
        for (var i = 0; i < 5; i++)
            Assert.DoesNotContain(await SendAsync(client, "rate-1", "開いている時間を教えてください"), t => t.Contains("お休みします"));

        var sixth = await SendAsync(client, "rate-1", "開いている時間を教えてください");
        Assert.Contains(sixth, t => t.Contains("お休みします"));
        Assert.Empty(await SendAsync(client, "rate-1", "開いている時間を教えてください"));

        var crisis = await SendAsync(client, "rate-1", "もう生きていたくない。薬を全部飲もうと思う");
        Assert.Contains(crisis, t => t.Contains("よりそいホットライン"));

        // Someone else is not held back by this sender.
        Assert.Contains(await SendAsync(client, "rate-2", "開いている時間を教えてください", user: "user-2"), t => t.Contains("10"));
    }

    [Fact]
    public async Task Zero_turns_the_per_sender_limit_off_and_other_values_below_five_are_refused()
    {
        using (var app = new BotApp(new() { ["Limits:MessagesPerMinute"] = "0" }))
        {
            var client = app.CreateClient();
            for (var i = 0; i < 40; i++)
                Assert.Contains(await SendAsync(client, "rate-off", "開いている時間を教えてください"), t => t.Contains("10"));
        }
        using var refused = new BotApp(new() { ["Limits:MessagesPerMinute"] = "3" });
        var error = Assert.ThrowsAny<Exception>(() => refused.CreateClient());
        Assert.Contains("Limits:MessagesPerMinute", error.ToString());
    }

    [Fact]
    public async Task Starting_direct_line_conversations_is_limited_per_address()
    {
        using var app = new BotApp(new() { ["Limits:TokensPerMinutePerAddress"] = "3" });
        var client = app.CreateClient();
        for (var i = 0; i < 3; i++)
            Assert.True((await client.PostAsync("/v3/directline/conversations", null)).IsSuccessStatusCode);
        var refused = await client.PostAsync("/v3/directline/conversations", null);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("60", refused.Headers.RetryAfter?.ToString());
        Assert.Equal("TooManyRequests", (await BotApp.ReadJson(refused)).GetProperty("error").GetProperty("code").GetString());
    }
}
