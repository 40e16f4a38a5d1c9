using System.Diagnostics;
using System.Net;
using System.Text.Json;
using SupportBot.Channels.BotFramework;
using SupportBot.Engine.State;
using SupportBot.Engine.Turns;
using SupportBot.IntegrationTests.Support;
using SupportBot.Storage.Redis;

namespace SupportBot.IntegrationTests.Redis;

/// <summary>
/// A message that arrives while another turn of its conversation holds the lease (a slow turn on another instance,
/// or an instance that died mid-turn) gets an answer within 2 s — the busy reply, or the crisis reply for a crisis —
/// and a dead instance's conversation is served again within 5 s. The other turn is a lease held in the real Redis.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class BusyConversationTests
{
    private const string AdminKey = "busy-test-key-0123456789";
    private const string BusyText = "ひとつ前のメッセージにお返事しているところです";
    private const string CrisisText = "あなたのことが心配です";
    private const string HoursQuestion = "開所時間を教えてください";
    private const string CrisisMessage = "もう生きていたくない。薬を全部飲もうと思う";
    private static readonly TimeSpan PersonWaitsAtMost = TimeSpan.FromSeconds(2);

    private static Dictionary<string, string?> Settings(string prefix) => new()
    {
        ["ConnectionStrings:Redis"] = TestRedis.ConnectionString,
        ["Storage:KeyPrefix"] = prefix,
        ["Admin:ApiKey"] = AdminKey,
    };

    private static string Key(string conversation) => TurnPipeline.ConversationKey(BotFrameworkChannel.Ingress, "directline", conversation);

    private static async Task<(string Text, TimeSpan Took)> SayAsync(HttpClient client, string conversation, string text)
    {
        var watch = Stopwatch.StartNew();
        var response = await client.PostAsync("/api/messages", BotApp.Json(BotApp.Message(conversation, text)));
        var took = watch.Elapsed;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await BotApp.ReadJson(response);
        var texts = body.GetProperty("activities").EnumerateArray()
            .Select(a => a.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null)
            .Where(t => !string.IsNullOrEmpty(t));
        return (string.Join("\n", texts), took);
    }

    [Fact]
    public async Task A_message_while_a_slow_turn_elsewhere_holds_the_conversation_gets_the_busy_reply_within_2_s_and_a_crisis_the_crisis_reply()
    {
        var prefix = "it:" + Guid.NewGuid().ToString("N")[..8] + ":";
        using var app = new BotApp(Settings(prefix));
        var client = app.CreateClient();
        await using var otherInstance = new RedisStore(TestRedis.ConnectionString, new StorageOptions { KeyPrefix = prefix });
        // What is timed is the wait for the lease, not a cold start: the app starts, connects to Redis and runs the
        // crisis and the busy paths once first (on a loaded CI machine their first run alone can take a second).
        Assert.DoesNotContain(BusyText, (await SayAsync(client, "busy-warm", HoursQuestion)).Text);
        Assert.Contains(CrisisText, (await SayAsync(client, "busy-warm-crisis", CrisisMessage)).Text);
        var warm = await otherInstance.TryBeginAsync(Key("busy-warm"), TimeSpan.FromSeconds(5));
        Assert.Contains(BusyText, (await SayAsync(client, "busy-warm", HoursQuestion)).Text);
        Assert.Contains(CrisisText, (await SayAsync(client, "busy-warm", CrisisMessage)).Text);
        await otherInstance.ReleaseAsync(warm!);

        var lease = await otherInstance.TryBeginAsync(Key("busy-1"), TimeSpan.FromSeconds(5));
        Assert.NotNull(lease);
        // A live slow turn: its instance renews the lease (often: a stalled test host must not let it run out).
        using var stop = new CancellationTokenSource();
        var renewing = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                Assert.True(await otherInstance.RenewAsync(lease!, TimeSpan.FromSeconds(5)));
                try { await Task.Delay(TimeSpan.FromMilliseconds(500), stop.Token); } catch (OperationCanceledException) { }
            }
        });

        var busy = await SayAsync(client, "busy-1", HoursQuestion);
        Assert.Contains(BusyText, busy.Text);
        Assert.True(busy.Took < PersonWaitsAtMost, $"the busy reply took {busy.Took.TotalMilliseconds:F0} ms");

        var crisis = await SayAsync(client, "busy-1", CrisisMessage);
        Assert.Contains(CrisisText, crisis.Text);
        Assert.DoesNotContain(BusyText, crisis.Text);
        Assert.True(crisis.Took < PersonWaitsAtMost, $"the crisis reply took {crisis.Took.TotalMilliseconds:F0} ms");

        // The slow turn ends: the next message is served as usual.
        await stop.CancelAsync();
        await renewing;
        await otherInstance.ReleaseAsync(lease!);
        var after = await SayAsync(client, "busy-1", HoursQuestion);
        Assert.DoesNotContain(BusyText, after.Text);
        Assert.Contains("時", after.Text);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add("X-Admin-Key", AdminKey);
        var metrics = await (await client.SendAsync(request)).Content.ReadAsStringAsync();
        // Two while warming up, two timed.
        Assert.Matches("supportbot_turn_busy[a-z_]*\\{[^}]*channel=\"directline\"[^}]*\\} 4", metrics);
    }

    [Fact]
    public async Task A_conversation_whose_instance_died_mid_turn_is_served_again_within_5_s_and_answered_within_2_s_meanwhile()
    {
        var prefix = "it:" + Guid.NewGuid().ToString("N")[..8] + ":";
        using var app = new BotApp(Settings(prefix));
        var client = app.CreateClient();
        Assert.DoesNotContain(BusyText, (await SayAsync(client, "dead-warm", HoursQuestion)).Text);
        await using var deadInstance = new RedisStore(TestRedis.ConnectionString, new StorageOptions { KeyPrefix = prefix });
        // The busy path once, untimed (a cold start is not what is measured).
        var warm = await deadInstance.TryBeginAsync(Key("dead-warm"), TimeSpan.FromSeconds(5));
        Assert.Contains(BusyText, (await SayAsync(client, "dead-warm", HoursQuestion)).Text);
        await deadInstance.ReleaseAsync(warm!);

        // The dead instance took the lease (5 s, the default) and will never renew or release it.
        var died = Stopwatch.StartNew();
        Assert.NotNull(await deadInstance.TryBeginAsync(Key("dead-1"), new StorageOptions().LeaseTtl));

        var busyReplies = 0;
        TimeSpan? servedAfter = null;
        while (servedAfter is null && died.Elapsed < TimeSpan.FromSeconds(15))
        {
            var reply = await SayAsync(client, "dead-1", HoursQuestion);
            Assert.True(reply.Took < PersonWaitsAtMost, $"a reply took {reply.Took.TotalMilliseconds:F0} ms");
            if (reply.Text.Contains(BusyText, StringComparison.Ordinal)) busyReplies++;
            else servedAfter = died.Elapsed;
            await Task.Delay(200);
        }

        Assert.True(busyReplies > 0, "the abandoned lease never held the conversation");
        Assert.NotNull(servedAfter);
        // 5 s of lease, then at most one busy wait (1 s) and the 200 ms between messages before the next look.
        Assert.True(servedAfter < TimeSpan.FromSeconds(5) + TimeSpan.FromSeconds(1.5), $"served again only after {servedAfter.Value.TotalSeconds:F1} s");
    }
}
