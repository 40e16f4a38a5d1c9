using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupportBot.IntegrationTests.Support;

namespace SupportBot.IntegrationTests.DirectLine;

/// <summary>The embedded Direct Line 3.0 service, driven as Web Chat drives it.</summary>
public sealed class DirectLineTests
{
    private const string Secret = "test-secret-0123456789";

    [Fact]
    public async Task A_web_chat_session_start_post_poll_refresh_reconnect()
    {
        using var app = new BotApp(new() { ["DirectLine:Secret"] = Secret });
        var client = app.CreateClient();

        // Token for a new conversation (with the secret), then start it.
        var generate = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/tokens/generate") { Content = BotApp.Json(new { user = new { id = "dl_alice" } }) };
        generate.Headers.Authorization = BotApp.Bearer(Secret);
        var generated = await BotApp.ReadJson(await client.SendAsync(generate));
        var token = generated.GetProperty("token").GetString()!;
        var conversationId = generated.GetProperty("conversationId").GetString()!;
        Assert.True(generated.GetProperty("expires_in").GetInt32() > 0);

        var start = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations");
        start.Headers.Authorization = BotApp.Bearer(token);
        var started = await client.SendAsync(start);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        Assert.Equal(conversationId, (await BotApp.ReadJson(started)).GetProperty("conversationId").GetString());

        // The welcome is already in the transcript.
        var first = await Poll(client, token, conversationId, null);
        Assert.Contains(first.Activities, a => a.GetProperty("text").GetString()!.Contains("スマイル"));
        Assert.All(first.Activities, a => Assert.Equal("dl_alice", a.GetProperty("recipient").GetProperty("id").GetString()));

        // Post as Web Chat does: from.id in the body is ignored; clientActivityID is kept.
        var post = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities")
        {
            Content = BotApp.Json(new { type = "message", text = "開所時間を教えて", locale = "ja-JP", from = new { id = "mallory", name = "あなた" }, channelData = new { clientActivityID = "client-42" } }),
        };
        post.Headers.Authorization = BotApp.Bearer(token);
        var posted = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var postedId = (await BotApp.ReadJson(posted)).GetProperty("id").GetString();

        var next = await Poll(client, token, conversationId, first.Watermark);
        var echo = next.Activities.First();
        Assert.Equal(postedId, echo.GetProperty("id").GetString());
        Assert.Equal("dl_alice", echo.GetProperty("from").GetProperty("id").GetString());
        Assert.Equal("client-42", echo.GetProperty("channelData").GetProperty("clientActivityID").GetString());
        Assert.True(echo.TryGetProperty("timestamp", out _));
        Assert.Contains(next.Activities, a => a.GetProperty("type").GetString() == "typing");
        Assert.Contains(next.Activities.Skip(1), a => a.GetProperty("type").GetString() == "message" && a.GetProperty("replyToId").GetString() == postedId);

        // Nothing new after the last watermark.
        var none = await Poll(client, token, conversationId, next.Watermark);
        Assert.Empty(none.Activities);
        Assert.Equal(next.Watermark, none.Watermark);

        // Refresh and reconnect keep the conversation.
        var refresh = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/tokens/refresh");
        refresh.Headers.Authorization = BotApp.Bearer(token);
        var refreshed = await BotApp.ReadJson(await client.SendAsync(refresh));
        Assert.Equal(conversationId, refreshed.GetProperty("conversationId").GetString());
        var reconnect = new HttpRequestMessage(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}?watermark={next.Watermark}");
        reconnect.Headers.Authorization = BotApp.Bearer(refreshed.GetProperty("token").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(reconnect)).StatusCode);
    }

    [Fact]
    public async Task Tokens_are_bound_to_their_conversation_and_secrets_are_checked()
    {
        using var app = new BotApp(new() { ["DirectLine:Secret"] = Secret });
        var client = app.CreateClient();

        var noSecret = await client.PostAsync("/v3/directline/tokens/generate", null);
        Assert.Equal(HttpStatusCode.Unauthorized, noSecret.StatusCode);

        var wrong = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations");
        wrong.Headers.Authorization = BotApp.Bearer("not-the-secret");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(wrong)).StatusCode);

        var start = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations");
        start.Headers.Authorization = BotApp.Bearer(Secret);
        var started = await BotApp.ReadJson(await client.SendAsync(start));
        var token = started.GetProperty("token").GetString()!;

        var otherConversation = new HttpRequestMessage(HttpMethod.Get, "/v3/directline/conversations/someone-else/activities");
        otherConversation.Headers.Authorization = BotApp.Bearer(token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(otherConversation)).StatusCode);

        var tampered = new HttpRequestMessage(HttpMethod.Get, $"/v3/directline/conversations/{started.GetProperty("conversationId").GetString()}/activities");
        tampered.Headers.Authorization = BotApp.Bearer(token[..^2] + (token[^2] == 'A' ? "BB" : "AA"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(tampered)).StatusCode);
    }

    [Fact]
    public async Task Page_token_and_cors_preflight_for_allowed_origins()
    {
        using var app = new BotApp(new() { ["DirectLine:AllowedOrigins:0"] = "https://center.example" });
        var client = app.CreateClient();

        var page = await BotApp.ReadJson(await client.PostAsync("/api/webchat/token", null));
        Assert.False(string.IsNullOrEmpty(page.GetProperty("token").GetString()));

        var preflight = new HttpRequestMessage(HttpMethod.Options, "/v3/directline/conversations");
        preflight.Headers.Add("Origin", "https://center.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,x-ms-bot-agent");
        var response = await client.SendAsync(preflight);
        Assert.Equal("https://center.example", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var allowed = string.Join(",", response.Headers.GetValues("Access-Control-Allow-Headers")).ToLowerInvariant();
        Assert.Contains("authorization", allowed);
        Assert.Contains("x-ms-bot-agent", allowed);

        var foreign = new HttpRequestMessage(HttpMethod.Options, "/v3/directline/conversations");
        foreign.Headers.Add("Origin", "https://evil.example");
        foreign.Headers.Add("Access-Control-Request-Method", "POST");
        Assert.False((await client.SendAsync(foreign)).Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Malformed_and_oversized_activities_are_refused()
    {
        using var app = new BotApp(new() { ["DirectLine:MaxBodyBytes"] = "2048" });
        var client = app.CreateClient();
        var page = await BotApp.ReadJson(await client.PostAsync("/api/webchat/token", null));
        var token = page.GetProperty("token").GetString()!;
        var id = page.GetProperty("conversationId").GetString()!;

        var bad = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{id}/activities") { Content = new StringContent("{oops", System.Text.Encoding.UTF8, "application/json") };
        bad.Headers.Authorization = BotApp.Bearer(token);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(bad)).StatusCode);

        var big = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{id}/activities") { Content = BotApp.Json(new { type = "message", text = new string('あ', 3000) }) };
        big.Headers.Authorization = BotApp.Bearer(token);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await client.SendAsync(big)).StatusCode);
    }

    internal static async Task<(List<JsonElement> Activities, string Watermark)> Poll(HttpClient client, string token, string conversationId, string? watermark)
    {
        var url = $"/v3/directline/conversations/{conversationId}/activities" + (watermark is null ? "" : "?watermark=" + watermark);
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = BotApp.Bearer(token);
        var body = await BotApp.ReadJson(await client.SendAsync(request));
        return (body.GetProperty("activities").EnumerateArray().ToList(), body.GetProperty("watermark").GetString()!);
    }
}
