using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.Engine.State;
using SupportBot.IntegrationTests.Support;
using SupportBot.Storage.Redis;

namespace SupportBot.IntegrationTests.Redis;

/// <summary>Two app instances behind one Redis, as behind a load balancer.</summary>
public sealed class SharedRedisTests
{
    private static Dictionary<string, string?> Shared(string prefix) => new()
    {
        ["ConnectionStrings:Redis"] = TestRedis.ConnectionString,
        ["Storage:KeyPrefix"] = prefix,
        ["DirectLine:TokenSigningKey"] = "shared-signing-key-for-both-instances",
        // 200 messages into one conversation at once queue far longer than the second after which a message
        // normally gets the busy reply (BusyConversationTests); here every one of them must be run.
        ["Storage:LeaseWait"] = "00:01:00",
    };

    [Fact]
    public async Task Two_hundred_concurrent_messages_into_one_conversation_across_two_instances_lose_no_update()
    {
        var prefix = "it:" + Guid.NewGuid().ToString("N")[..8] + ":";
        using var first = new BotApp(Shared(prefix));
        using var second = new BotApp(Shared(prefix));
        Assert.IsType<RedisStore>(first.Services.GetRequiredService<IConversationStore>());
        var clients = new[] { first.CreateClient(), second.CreateClient() };

        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
        {
            var response = await clients[i % 2].PostAsync("/api/messages", BotApp.Json(BotApp.Message("conv-race", $"開所時間は？ {i}")));
            return (response.StatusCode, Body: await BotApp.ReadJson(response));
        }));

        Assert.All(responses, r =>
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.Equal(2, r.Body.GetProperty("activities").GetArrayLength());
        });
        await using var store = new RedisStore(TestRedis.ConnectionString, new StorageOptions { KeyPrefix = prefix });
        // /api/messages files its conversations under its own ingress (ConversationIdentityTests).
        var lease = await store.TryBeginAsync(Engine.Turns.TurnPipeline.ConversationKey(Channels.BotFramework.BotFrameworkChannel.Ingress, "directline", "conv-race"), TimeSpan.FromSeconds(5));
        Assert.NotNull(lease);
        var state = JsonDocument.Parse(lease!.StateJson!).RootElement;
        Assert.Equal(200, state.GetProperty("turns").GetInt64());
        Assert.Equal(200, lease.Version);
        await store.ReleaseAsync(lease);
    }

    [Fact]
    public async Task A_direct_line_conversation_started_on_one_instance_is_polled_on_the_other()
    {
        var prefix = "it:" + Guid.NewGuid().ToString("N")[..8] + ":";
        using var first = new BotApp(Shared(prefix));
        using var second = new BotApp(Shared(prefix));

        var page = await BotApp.ReadJson(await first.CreateClient().PostAsync("/api/webchat/token", null));
        var token = page.GetProperty("token").GetString()!;
        var id = page.GetProperty("conversationId").GetString()!;
        var start = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations");
        start.Headers.Authorization = BotApp.Bearer(token);
        Assert.Equal(HttpStatusCode.Created, (await first.CreateClient().SendAsync(start)).StatusCode);

        var polled = await DirectLine.DirectLineTests.Poll(second.CreateClient(), token, id, null);
        Assert.Contains(polled.Activities, a => a.GetProperty("text").GetString()!.Contains("スマイル"));
    }
}
