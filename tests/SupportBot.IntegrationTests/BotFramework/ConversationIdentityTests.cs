using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.IntegrationTests.Support;

namespace SupportBot.IntegrationTests.BotFramework;

/// <summary>
/// A conversation is who the ingress says it is: an Activity without a conversation or a sender is refused
/// (two such people once shared one booking flow and saw each other's name and phone), a request on
/// /api/messages cannot reach a Direct Line conversation by naming its channel and id, and in Production an
/// endpoint without app credentials does not start unless allowed — and then serves this machine only.
/// </summary>
public sealed class ConversationIdentityTests
{
    [Theory]
    [InlineData("""{"type":"message","text":"予約したい","deliveryMode":"expectReplies","from":{"id":"u1"}}""")]
    [InlineData("""{"type":"message","text":"予約したい","deliveryMode":"expectReplies","from":{"id":"u1"},"conversation":{"id":""}}""")]
    [InlineData("""{"type":"message","text":"予約したい","deliveryMode":"expectReplies","conversation":{"id":"c1"}}""")]
    [InlineData("""{"type":"message","text":"予約したい","deliveryMode":"expectReplies","from":{"id":" "},"conversation":{"id":"c1"}}""")]
    public async Task An_activity_without_a_conversation_or_a_sender_is_refused_with_a_bot_framework_error(string json)
    {
        using var app = new BotApp();
        var response = await app.CreateClient().PostAsync("/api/messages", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await BotApp.ReadJson(response)).GetProperty("error");
        Assert.Equal("BadArgument", error.GetProperty("code").GetString());
        Assert.Contains("conversation.id", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Two_people_without_ids_never_share_a_flow()
    {
        using var app = new BotApp();
        var client = app.CreateClient();
        // Before: both fell into the conversation "default"; now neither gets a turn at all.
        foreach (var text in new[] { "予約したい", "はい" })
        {
            var json = """{"type":"message","text":"TEXT","deliveryMode":"expectReplies","from":{"id":"someone"}}""".Replace("TEXT", text);
            Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/api/messages", new StringContent(json, Encoding.UTF8, "application/json"))).StatusCode);
        }
    }

    [Fact]
    public async Task A_request_on_api_messages_cannot_reach_a_direct_line_conversation()
    {
        using var app = new BotApp();
        var client = app.CreateClient();
        // A Web Chat conversation starts a booking.
        var token = (await BotApp.ReadJson(await client.PostAsync("/api/webchat/token", null))).GetProperty("token").GetString()!;
        var start = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations");
        start.Headers.Authorization = BotApp.Bearer(token);
        var conversationId = (await BotApp.ReadJson(await client.SendAsync(start))).GetProperty("conversationId").GetString()!;
        var post = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities")
        {
            Content = BotApp.Json(new { type = "message", text = "相談の予約をしたいです", locale = "ja-JP" }),
        };
        post.Headers.Authorization = BotApp.Bearer(token);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(post)).StatusCode);

        // Someone posts to /api/messages naming the same channel and conversation: they get a conversation of
        // their own, with no booking open to cancel.
        var intruder = await client.PostAsync("/api/messages", BotApp.Json(BotApp.Message(conversationId, "キャンセル", channelId: "directline")));
        var texts = (await BotApp.ReadJson(intruder)).GetProperty("activities").EnumerateArray().Select(a => a.GetProperty("text").GetString()).ToList();
        Assert.Contains(texts, t => t!.Contains("いま中止する手続きはありません"));
    }

    [Fact]
    public void Production_refuses_to_start_with_an_anonymous_endpoint()
    {
        using var app = new BotApp(environment: "Production");
        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("BotFramework:AllowAnonymous", error.ToString());
    }

    [Fact]
    public async Task Production_allowed_anonymous_serves_this_machine_only()
    {
        using var local = new BotApp(new() { ["BotFramework:AllowAnonymous"] = "true" }, environment: "Production");
        var ok = await local.CreateClient().PostAsync("/api/messages", BotApp.Json(BotApp.Message("c-local", "開所時間は？")));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);

        using var remote = new BotApp(new() { ["BotFramework:AllowAnonymous"] = "true" }, services: s => s.AddSingleton<IStartupFilter>(new RemoteAddress("203.0.113.7")), environment: "Production");
        var refused = await remote.CreateClient().PostAsync("/api/messages", BotApp.Json(BotApp.Message("c-remote", "開所時間は？")));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    /// <summary>Makes every request come from another machine (the in-memory server has no address of its own).</summary>
    private sealed class RemoteAddress(string ip) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate nextHandler) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(ip);
                return nextHandler(context);
            });
            next(app);
        };
    }
}
