using System.Net;
using SupportBot.IntegrationTests.Support;

namespace SupportBot.IntegrationTests.BotFramework;

/// <summary>The Emulator / Azure Bot Service path: acknowledge at once, POST the replies to serviceUrl.</summary>
public sealed class ConnectorReplyTests
{
    [Fact]
    public async Task Normal_delivery_acknowledges_and_posts_each_reply_to_the_service_url()
    {
        await using var connector = await RecordingServer.StartAsync();
        using var app = new BotApp();
        var request = BotApp.Message("conv/with spaces", "メニュー", deliveryMode: null, channelId: "emulator", serviceUrl: connector.BaseUrl + "/");

        var response = await app.CreateClient().PostAsync("/api/messages", BotApp.Json(request));

        Assert.True(response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, $"status {response.StatusCode}");
        // A typing indicator first, then the menu and (on the Emulator) a trace activity.
        await connector.WaitForAsync(3, TimeSpan.FromSeconds(20));
        var posts = connector.Requests.ToList();
        Assert.All(posts, p =>
        {
            Assert.Equal("POST", p.Method);
            Assert.Equal($"/v3/conversations/conv%2Fwith%20spaces/activities/{request["id"]}", p.PathAndQuery);
            Assert.Equal("", p.Authorization); // no app credentials configured → no token
        });
        Assert.Contains(posts, p => p.Json.GetProperty("type").GetString() == "typing");
        Assert.Contains(posts, p => p.Json.GetProperty("type").GetString() == "trace");
        var texts = posts.Select(p => p.Json).Where(j => j.GetProperty("type").GetString() == "message").Select(j => j.GetProperty("text").GetString()).ToList();
        Assert.Equal("ご用件をお選びください。文字で書いていただいても大丈夫です。", Assert.Single(texts));
        Assert.All(posts, p => Assert.Equal(request["id"], p.Json.GetProperty("replyToId").GetString()));
    }

    [Fact]
    public async Task Replies_of_two_quick_messages_reach_a_slow_connector_in_turn_order()
    {
        await using var connector = await RecordingServer.StartAsync();
        using var app = new BotApp();
        var first = BotApp.Message("order-1", "こんにちは", deliveryMode: null, channelId: "emulator", serviceUrl: connector.BaseUrl + "/");
        var second = BotApp.Message("order-1", "営業時間を教えてください", deliveryMode: null, channelId: "emulator", serviceUrl: connector.BaseUrl + "/");
        // The Connector is slow to take the first message's replies: without ordering, the second message's
        // answer overtakes them.
        connector.Delay = r => r.Json.GetProperty("replyToId").GetString() == (string)first["id"]! ? TimeSpan.FromMilliseconds(400) : TimeSpan.Zero;

        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/messages", BotApp.Json(first))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/messages", BotApp.Json(second))).StatusCode);

        // Wait for the second message's answer itself, not for a count: the first message alone sends five
        // activities, and on a loaded CI machine a count was met before the second's answer had arrived.
        await connector.WaitForAsync(
            requests => requests.Any(r => r.Json.GetProperty("replyToId").GetString() == (string)second["id"]!
                && r.Json.GetProperty("type").GetString() == "message"),
            TimeSpan.FromSeconds(60));
        await Task.Delay(500); // anything still in flight lands; the order of what arrived is the check
        var order = connector.Requests.Select(r => r.Json.GetProperty("replyToId").GetString()).ToList();
        var lastOfFirst = order.LastIndexOf((string)first["id"]!);
        var firstOfSecond = order.IndexOf((string)second["id"]!);
        Assert.True(lastOfFirst >= 0 && firstOfSecond > lastOfFirst, "arrival order: " + string.Join(", ", order.Select(id => id == (string)first["id"]! ? "1" : "2")));
    }

    [Fact]
    public async Task Without_auth_a_non_loopback_service_url_is_refused()
    {
        using var app = new BotApp();
        var request = BotApp.Message("conv-x", "こんにちは", deliveryMode: null, serviceUrl: "https://example.invalid/");
        var response = await app.CreateClient().PostAsync("/api/messages", BotApp.Json(request));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
