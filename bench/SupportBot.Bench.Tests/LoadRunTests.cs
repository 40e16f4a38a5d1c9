using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SupportBot.Bench.Tests;

/// <summary>Runs the load generator in turns mode (no clock waits) against a fake bot on
/// loopback that echoes every message and records what it received.</summary>
public sealed class LoadRunTests : IAsyncLifetime
{
    readonly ConcurrentQueue<(string ConversationId, string UserId, string Text, string? DeliveryMode, string? ChannelId)> received = new();
    WebApplication? bot;
    Uri url = null!;
    /// <summary>Text the fake bot answers wrongly, to provoke a failed turn.</summary>
    string? sabotage;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        bot = builder.Build();
        bot.MapPost("/api/messages", async (HttpContext ctx) =>
        {
            using var doc = await JsonDocument.ParseAsync(ctx.Request.Body);
            var a = doc.RootElement;
            var conv = a.GetProperty("conversation").GetProperty("id").GetString()!;
            var text = a.GetProperty("text").GetString()!;
            received.Enqueue((conv, a.GetProperty("from").GetProperty("id").GetString()!, text,
                a.GetProperty("deliveryMode").GetString(), a.GetProperty("channelId").GetString()));
            var reply = text == sabotage ? "unexpected" : "echo:" + text;
            return Results.Json(new { activities = new[] { new { type = "message", text = reply, conversation = new { id = conv } } } });
        });
        await bot.StartAsync();
        url = new Uri(new Uri(bot.Urls.Single()), "/api/messages");
    }

    public async Task DisposeAsync()
    {
        if (bot is not null) await bot.DisposeAsync();
    }

    static readonly Script ThreeTurns = new("t", null, [[new("a", ["echo:a"]), new("b", ["echo:b"]), new("c", ["echo:c"])]]);

    Task<RunResult> Run(int conversations, int turns, Script script) =>
        new LoadRun(new BenchOptions { Url = url, Conversations = conversations, Turns = turns, WarmupSeconds = 0, Quiet = true },
            script, TimeProvider.System, new StringWriter()).RunAsync(CancellationToken.None);

    [Fact]
    public async Task Conversations_run_their_turns_in_order_under_unique_ids()
    {
        var result = await Run(conversations: 4, turns: 7, ThreeTurns);

        Assert.Equal((28L, 28L, 0L), (result.Turns, result.OkTurns, result.Errors));
        Assert.Equal(28, result.LatenciesMs.Length);
        Assert.True(result.LatenciesMs[0] > 0);
        Assert.All(received, r => Assert.Equal(("expectReplies", "directline"), (r.DeliveryMode, r.ChannelId)));

        // 7 turns = a b c | a b c | a: each user runs three conversations, each a fresh id
        // whose messages arrive in script order; a finished conversation restarts the script.
        var byConversation = received.GroupBy(r => r.ConversationId).ToList();
        Assert.Equal(12, byConversation.Count);
        Assert.All(byConversation, g => Assert.Single(g.Select(r => r.UserId).Distinct()));
        Assert.All(byConversation, g => Assert.Contains(string.Concat(g.Select(r => r.Text)), new[] { "abc", "a" }));
        Assert.Equal(4, received.Select(r => r.UserId).Distinct().Count());
        Assert.Equal(8, result.ConversationsCompleted);
    }

    [Fact]
    public async Task A_wrong_reply_is_counted_and_the_conversation_starts_over()
    {
        sabotage = "b";
        var result = await Run(conversations: 1, turns: 4, ThreeTurns);

        Assert.Equal((4L, 2L, 2L), (result.Turns, result.OkTurns, result.Errors));
        Assert.Equal(2L, result.ErrorKinds["text_mismatch"]);
        Assert.Equal(["ab", "ab"], received.GroupBy(r => r.ConversationId).Select(g => string.Concat(g.Select(r => r.Text))));
    }
}
