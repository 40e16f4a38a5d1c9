using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SupportBot.Engine.Activities;
using SupportBot.Engine.Bot;
using SupportBot.Engine.Messages;
using SupportBot.Engine.State;
using SupportBot.Engine.State.Memory;
using SupportBot.Engine.Turns;
using SupportBot.Engine.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace SupportBot.Engine.Tests.Turns;

public sealed class TurnPipelineTests
{
    private static readonly FakeTimeProvider Clock = new(DateTimeOffset.Parse("2026-11-24T10:00:00+09:00"));

    private static MessageCatalog Catalog() => new(
        new Dictionary<string, Dictionary<string, CatalogEntry>>
        {
            ["ja-JP"] = new() { ["error.apology"] = new("申し訳ありません。{center.phone}", "test"), ["error.unavailable"] = new("不具合です。{center.phone}", "test"), ["common.busy"] = new("お返事中です。{center.phone}", "test"), ["echo"] = new("{n}", "test") },
        },
        new Dictionary<string, string> { ["center.phone"] = "0465-71-0189" });

    private static TurnPipeline Pipeline(IConversationStore store, IBot bot, TimeProvider? clock = null, StorageOptions? options = null) =>
        new(store, bot, Catalog(), clock ?? Clock, Options.Create(options ?? new StorageOptions()), NullLogger<TurnPipeline>.Instance);

    private static Activity Message(string text, string conversation = "c1") => new()
    {
        Type = "message", Id = Guid.NewGuid().ToString("N"), ChannelId = "test", Text = text, Locale = "ja-JP",
        From = new ChannelAccount { Id = "u" }, Recipient = new ChannelAccount { Id = "bot" }, Conversation = new ConversationAccount { Id = conversation },
    };

    /// <summary>Counts messages in a state value, with a yield in between so turns really interleave if unguarded.</summary>
    private sealed class CountingBot : IBot
    {
        public int Runs;
        public async Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Runs);
            var n = turn.State.Values.TryGetValue("n", out var v) ? v.GetInt32() : 0;
            await Task.Yield();
            turn.State.Values["n"] = JsonSerializer.SerializeToElement(n + 1);
            turn.Say("echo", new Dictionary<string, string> { ["n"] = (n + 1).ToString() });
        }
    }

    [Fact]
    public async Task Concurrent_turns_of_one_conversation_on_two_pipelines_lose_no_update()
    {
        var store = new MemoryStore(Clock);
        var bot = new CountingBot();
        // The pipelines back off from each other's lease in real time (a fake clock's delays wait for the test to move it).
        // Waiting as long as it takes (not the busy reply after a second): this test is about lost updates.
        var patient = new StorageOptions { LeaseWait = TimeSpan.FromMinutes(1) };
        var pipelines = new[] { Pipeline(store, bot, TimeProvider.System, patient), Pipeline(store, bot, TimeProvider.System, patient) };

        var replies = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(() => pipelines[i % 2].RunAsync(Message("m" + i)))));

        var lease = await store.TryBeginAsync("test:c1", TimeSpan.FromSeconds(1));
        var state = JsonSerializer.Deserialize<ConversationState>(lease!.StateJson!, ActivityJson.Options)!;
        Assert.Equal(100, state.Values["n"].GetInt32());
        Assert.Equal(100, state.Turns);
        // Every turn saw a distinct count: the replies are exactly 1..100.
        Assert.Equal(Enumerable.Range(1, 100).Select(i => i.ToString()), replies.Select(r => r.Single().Text!).OrderBy(int.Parse));
    }

    [Fact]
    public async Task A_version_conflict_reruns_the_turn_and_only_the_committed_replies_go_out()
    {
        var store = new ConflictOnce(new MemoryStore(Clock));
        var bot = new CountingBot();

        var replies = await Pipeline(store, bot).RunAsync(Message("hi"));

        Assert.Equal(2, bot.Runs);
        Assert.Equal("1", Assert.Single(replies).Text);
    }

    [Fact]
    public async Task A_failing_bot_gives_the_apology_and_a_fresh_state()
    {
        var store = new MemoryStore(Clock);
        var pipeline = Pipeline(store, new CountingBot());
        await pipeline.RunAsync(Message("one"));
        var failing = Pipeline(store, new ThrowingBot());

        var replies = await failing.RunAsync(Message("two"));

        Assert.Equal("申し訳ありません。0465-71-0189", Assert.Single(replies).Text);
        var lease = await store.TryBeginAsync("test:c1", TimeSpan.FromSeconds(1));
        var state = JsonSerializer.Deserialize<ConversationState>(lease!.StateJson!, ActivityJson.Options)!;
        Assert.Empty(state.Values);
        Assert.Equal(2, state.Turns);
    }

    [Fact]
    public async Task Replies_carry_the_wire_fields()
    {
        var incoming = Message("hi");
        var reply = Assert.Single(await Pipeline(new MemoryStore(Clock), new CountingBot()).RunAsync(incoming));
        Assert.False(string.IsNullOrEmpty(reply.Id));
        Assert.Equal(Clock.GetUtcNow(), reply.Timestamp);
        Assert.Equal((incoming.Id, "test", "ja-JP", "bot", "u"), (reply.ReplyToId, reply.ChannelId, reply.Locale, reply.From!.Id, reply.Recipient!.Id));
    }

    [Fact]
    public async Task A_conversation_held_elsewhere_beyond_the_wait_gets_the_busy_reply()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-24T10:00:00+09:00"));
        var store = new AlwaysBusy();
        var pipeline = Pipeline(store, new CountingBot(), clock, new StorageOptions { LeaseWait = TimeSpan.FromSeconds(1) });

        // The pipeline waits on the fake clock between looks; move it on 100 ms at a time until it gives up.
        var turn = pipeline.RunAsync(Message("hi"));
        var waited = TimeSpan.Zero;
        for (var i = 0; i < 100 && !turn.IsCompleted; i++)
        {
            var looks = store.Attempts;
            clock.Advance(TimeSpan.FromMilliseconds(100));
            waited += TimeSpan.FromMilliseconds(100);
            // Each step releases one back-off (they are all under 100 ms): wait in real time for that look, so a
            // loaded machine cannot advance the clock twice before the pipeline has looked once.
            for (var spin = 0; spin < 500 && !turn.IsCompleted && store.Attempts == looks; spin++) await Task.Delay(10);
            await Task.Delay(10);
        }
        var reply = Assert.Single(await turn);
        Assert.Equal("お返事中です。0465-71-0189", reply.Text);
        Assert.True(store.Attempts > 1);
        Assert.InRange(waited, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.2));
    }

    [Fact]
    public async Task A_second_message_behind_a_slow_turn_in_this_instance_gets_the_busy_reply_after_the_wait_and_the_slow_turn_still_commits()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-24T10:00:00+09:00"));
        var store = new MemoryStore(clock);
        var bot = new SlowBot();
        var pipeline = Pipeline(store, bot, clock, new StorageOptions { LeaseWait = TimeSpan.FromSeconds(1) });

        var first = pipeline.RunAsync(Message("one"));
        await bot.Started.Task;
        var second = pipeline.RunAsync(Message("two"));
        await Task.Delay(20);
        Assert.False(second.IsCompleted);
        for (var i = 0; i < 50 && !second.IsCompleted; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(10);
        }

        Assert.Equal("お返事中です。0465-71-0189", Assert.Single(await second).Text);
        Assert.False(first.IsCompleted);
        bot.Finish.SetResult();
        Assert.Equal("1", Assert.Single(await first).Text);
        // The busy message neither loaded nor saved anything: one committed turn.
        var lease = await store.TryBeginAsync("test:c1", TimeSpan.FromSeconds(5));
        Assert.Equal(1, lease!.Version);
    }

    [Fact]
    public async Task A_quick_second_message_is_handed_over_in_order_without_a_busy_reply()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-24T10:00:00+09:00"));
        var store = new MemoryStore(clock);
        var bot = new SlowBot();
        var pipeline = Pipeline(store, bot, clock, new StorageOptions { LeaseWait = TimeSpan.FromSeconds(1) });

        var first = pipeline.RunAsync(Message("one"));
        await bot.Started.Task;
        var second = pipeline.RunAsync(Message("two"));
        clock.Advance(TimeSpan.FromMilliseconds(500));
        await Task.Delay(20);
        bot.Finish.SetResult();

        Assert.Equal("1", Assert.Single(await first).Text);
        Assert.Equal("1", Assert.Single(await second).Text);
        var lease = await store.TryBeginAsync("test:c1", TimeSpan.FromSeconds(5));
        Assert.Equal(2, lease!.Version);
    }

    /// <summary>Answers a busy turn itself, as the crisis guard does for a crisis message.</summary>
    private sealed class CrisisWhenBusyBot : IBot
    {
        public Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken) => Task.CompletedTask;
        public Task<bool> OnBusyTurnAsync(TurnContext turn, CancellationToken cancellationToken)
        {
            turn.Say("echo", new Dictionary<string, string> { ["n"] = "crisis" });
            return Task.FromResult(true);
        }
    }

    [Fact]
    public async Task A_busy_turn_the_bot_answers_itself_gets_that_answer_and_not_busy()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-24T10:00:00+09:00"));
        var pipeline = Pipeline(new AlwaysBusy(), new CrisisWhenBusyBot(), clock, new StorageOptions { LeaseWait = TimeSpan.FromSeconds(1) });

        var turn = pipeline.RunAsync(Message("hi"));
        for (var i = 0; i < 50 && !turn.IsCompleted; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(10);
        }

        Assert.Equal("crisis", Assert.Single(await turn).Text);
    }

    /// <summary>A turn that waits for the test to let it finish.</summary>
    private sealed class SlowBot : IBot
    {
        public readonly TaskCompletionSource Started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public readonly TaskCompletionSource Finish = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public async Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken)
        {
            Started.TrySetResult();
            await Finish.Task;
            turn.Say("echo", new Dictionary<string, string> { ["n"] = "1" });
        }
    }

    [Fact]
    public async Task A_turn_longer_than_its_lease_keeps_the_lease_by_renewing_it_and_commits()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-24T10:00:00+09:00"));
        var store = new MemoryStore(clock);
        var bot = new SlowBot();
        var pipeline = Pipeline(store, bot, clock, new StorageOptions { LeaseTtl = TimeSpan.FromSeconds(5) });

        var turn = pipeline.RunAsync(Message("hi"));
        await bot.Started.Task;
        // Four lease lifetimes pass while the turn runs: nobody else gets the conversation.
        for (var second = 1; second <= 20; second++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
            Assert.Null(await store.TryBeginAsync("test:c1", TimeSpan.FromSeconds(5)));
        }
        bot.Finish.SetResult();
        Assert.Single(await turn);
        var next = await store.TryBeginAsync("test:c1", TimeSpan.FromSeconds(5));
        Assert.Equal(1, next!.Version);
        // Done: no renewal keeps a lease any more; the next lease expires after its 5 s.
        clock.Advance(TimeSpan.FromSeconds(6));
        Assert.NotNull(await store.TryBeginAsync("test:c1", TimeSpan.FromSeconds(5)));
    }

    private sealed class ThrowingBot : IBot
    {
        public Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken) => throw new InvalidOperationException("boom");
    }

    private sealed class ConflictOnce(MemoryStore inner) : IConversationStore
    {
        private int _commits;
        public Task<TurnLease?> TryBeginAsync(string key, TimeSpan leaseFor, CancellationToken ct = default) => inner.TryBeginAsync(key, leaseFor, ct);
        public async Task<bool> CommitAsync(TurnLease lease, string? json, TimeSpan keepFor, CancellationToken ct = default)
        {
            if (Interlocked.Increment(ref _commits) == 1) { await inner.ReleaseAsync(lease, ct); return false; }
            return await inner.CommitAsync(lease, json, keepFor, ct);
        }
        public Task ReleaseAsync(TurnLease lease, CancellationToken ct = default) => inner.ReleaseAsync(lease, ct);
    }

    /// <summary>Another instance holds the lease for ever.</summary>
    private sealed class AlwaysBusy : IConversationStore
    {
        private int _attempts;
        public int Attempts => Volatile.Read(ref _attempts);
        public Task<TurnLease?> TryBeginAsync(string key, TimeSpan leaseFor, CancellationToken ct = default)
        {
            Interlocked.Increment(ref _attempts);
            return Task.FromResult<TurnLease?>(null);
        }
        public Task<bool> CommitAsync(TurnLease lease, string? json, TimeSpan keepFor, CancellationToken ct = default) => throw new InvalidOperationException();
        public Task ReleaseAsync(TurnLease lease, CancellationToken ct = default) => Task.CompletedTask;
    }
}
