using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportBot.Engine.Activities;
using SupportBot.Engine.Bot;
using SupportBot.Engine.Limits;
using SupportBot.Engine.Telemetry;
using SupportBot.Engine.Messages;
using SupportBot.Engine.State;

namespace SupportBot.Engine.Turns;

/// <summary>
/// Runs one incoming activity as a turn: take the conversation's lease, load its state, run the
/// bot, commit the state with a version check, and only then hand back the replies. A version
/// conflict reruns the turn; a failing bot yields an apology and a fresh state, never a crash.
/// </summary>
public sealed class TurnPipeline(
    IConversationStore store,
    IBot bot,
    MessageCatalog catalog,
    TimeProvider clock,
    IOptions<StorageOptions> storageOptions,
    ILogger<TurnPipeline> log,
    TurnLimiter? limiter = null,
    BotTelemetry? telemetry = null)
{
    /// <summary>
    /// What the pipeline says itself: the apology for a failed turn, the answer while the store is down, and the
    /// answer to a message whose conversation is still busy with an earlier turn.
    /// </summary>
    public static readonly string[] MessageKeys = ["error.apology", "error.unavailable", BusyKey];

    /// <summary>Said when the conversation's earlier turn still runs after <see cref="StorageOptions.LeaseWait"/>.</summary>
    public const string BusyKey = "common.busy";

    private const int MaxAttempts = 3;
    private readonly StorageOptions _options = storageOptions.Value;
    private readonly LocalQueue _local = new();
    private readonly Outage _outage = new(log);

    /// <summary>
    /// The store key of a conversation: the ingress, the channel and the conversation id. Direct Line and LINE
    /// set their own channel id, so their keys stay <c>channel:conversation</c>; the Bot Framework endpoint takes
    /// the channel id from the body, so its conversations are filed apart (<c>botframework/emulator:…</c>) and a
    /// request there cannot reach a Direct Line or LINE conversation.
    /// </summary>
    public static string ConversationKey(Activity activity) =>
        ConversationKey(activity.Ingress, activity.ChannelId, activity.Conversation?.Id);

    public static string ConversationKey(string? ingress, string? channelId, string? conversationId)
    {
        var channel = channelId ?? "unknown";
        var prefix = ingress is null || ingress == channel ? channel : $"{ingress}/{channel}";
        return $"{prefix}:{conversationId ?? "unknown"}";
    }

    public async Task<IReadOnlyList<Activity>> RunAsync(Activity incoming, CancellationToken cancellationToken = default)
    {
        var channel = incoming.ChannelId ?? "unknown";
        var started = clock.GetTimestamp();
        // One span per turn: the channel, the flow that answered and how many attempts it took; never the text.
        using var span = BotTelemetry.Traces.StartActivity("turn");
        span?.SetTag("channel", channel);
        // A sender over the rate costs no lease and no state; a crisis message is never held back.
        if (limiter?.Admit(incoming) == TurnAdmission.Limited)
        {
            TurnLog.Limited(log, incoming.ChannelId ?? "");
            telemetry?.Limited(channel);
            var limited = new TurnContext(incoming, new ConversationState(), catalog, clock.GetUtcNow());
            if (limiter.ShouldWarn(incoming)) limited.Say(TurnLimiter.SlowDownKey);
            return Stamp(incoming, limited.Replies);
        }
        var key = ConversationKey(incoming);
        // A message waits for its conversation's earlier turn (here or on another instance) at most LeaseWait,
        // counted from its arrival: then it gets the busy reply instead of a silent wait. The earlier turn may be
        // slow for a long time (a stuck dependency), or its instance may have died holding the lease (then the
        // lease is free within LeaseTtl and the next message is served as usual).
        var busyAt = clock.GetUtcNow() + _options.LeaseWait;
        // Turns of one conversation in this instance queue here, so only turns on other instances
        // ever poll the shared lease.
        using var entered = await _local.TryEnterAsync(key, _options.LeaseWait, clock, cancellationToken);
        if (entered is null) return await BusyAsync(incoming, channel, cancellationToken);
        var roundTrips = 0;
        for (var attempt = 1; ; attempt++)
        {
            TurnLease lease;
            try
            {
                (var held, var tries) = await AcquireAsync(key, busyAt, cancellationToken);
                roundTrips += tries;
                if (tries > 1) telemetry?.LeaseWaited(channel);
                if (held is null) return await BusyAsync(incoming, channel, cancellationToken);
                lease = held;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                _outage.Failed(ex);
                telemetry?.Stateless(channel);
                return await StatelessAsync(incoming, cancellationToken);
            }
            _outage.Succeeded();
            var state = Read(lease.StateJson);
            var turn = new TurnContext(incoming, state, catalog, clock.GetUtcNow());
            // The lease is short (a dead instance's conversations are free again soon); a turn that runs
            // longer keeps it by renewing it. A plain turn ends long before the first renewal is due, and one
            // that finished without waiting on anything needs no renewal at all (no timer, no token source).
            try
            {
                var running = bot.OnTurnAsync(turn, cancellationToken);
                if (running.IsCompleted) await running;
                else await RunRenewingAsync(running, lease, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // The message text and state are not logged: they may hold health information.
                TurnLog.TurnFailed(log, ex, incoming.ChannelId ?? "", ex.GetType().Name);
                telemetry?.Failed(channel, ex.GetType().Name);
                turn.ClearReplies();
                turn.State = new ConversationState { Turns = state.Turns };
                turn.Say("error.apology");
            }
            turn.State.Turns++;

            bool committed;
            try
            {
                committed = await store.CommitAsync(lease, JsonSerializer.Serialize(turn.State, ActivityJson.Options), _options.ConversationTtl, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // The state could not be saved: answer only what needs no state (a crisis reply still goes out).
                _outage.Failed(ex);
                telemetry?.Stateless(channel);
                await TryReleaseAsync(lease);
                return await StatelessAsync(incoming, cancellationToken);
            }
            roundTrips++;
            if (committed)
            {
                var flow = turn.Flow ?? "none";
                span?.SetTag("flow", flow);
                span?.SetTag("attempts", attempt);
                telemetry?.TurnCompleted(channel, flow, clock.GetElapsedTime(started), roundTrips);
                return Stamp(incoming, turn.Replies);
            }
            TurnLog.VersionConflict(log, incoming.ChannelId ?? "", attempt);
            if (attempt >= MaxAttempts) throw new InvalidOperationException("The conversation state kept changing under the turn.");
        }
    }

    /// <summary>The turn without state: the bot's stateless answer, or an apology that gives the phone numbers.</summary>
    private async Task<IReadOnlyList<Activity>> StatelessAsync(Activity incoming, CancellationToken cancellationToken)
    {
        var turn = new TurnContext(incoming, new ConversationState(), catalog, clock.GetUtcNow());
        var answered = false;
        try { answered = await bot.OnStatelessTurnAsync(turn, cancellationToken); }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested) { TurnLog.TurnFailed(log, ex, incoming.ChannelId ?? "", ex.GetType().Name); }
        if (!answered && incoming.IsMessage)
        {
            turn.ClearReplies();
            turn.Say("error.unavailable");
        }
        return Stamp(incoming, turn.Replies);
    }

    /// <summary>
    /// The turn of a message whose conversation stayed busy: nothing is loaded or saved. The bot's busy answer
    /// comes first (the crisis guard: a crisis is answered in full, never with "busy" alone); otherwise the one
    /// polite sentence asking to send it again shortly.
    /// </summary>
    private async Task<IReadOnlyList<Activity>> BusyAsync(Activity incoming, string channel, CancellationToken cancellationToken)
    {
        telemetry?.Busy(channel);
        TurnLog.Busy(log, channel);
        var turn = new TurnContext(incoming, new ConversationState(), catalog, clock.GetUtcNow());
        var answered = false;
        try { answered = await bot.OnBusyTurnAsync(turn, cancellationToken); }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested) { TurnLog.TurnFailed(log, ex, channel, ex.GetType().Name); }
        if (!answered)
        {
            turn.ClearReplies();
            if (incoming.IsMessage) turn.Say(BusyKey);
        }
        return Stamp(incoming, turn.Replies);
    }

    /// <summary>Takes the lease, looking again with a short back-off until <paramref name="busyAt"/>; null: still busy then.</summary>
    private async Task<(TurnLease? Lease, int Tries)> AcquireAsync(string key, DateTimeOffset busyAt, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(2);
        for (var tries = 1; ; tries++)
        {
            var lease = await store.TryBeginAsync(key, _options.LeaseTtl, cancellationToken);
            if (lease is not null) return (lease, tries);
            var left = busyAt - clock.GetUtcNow();
            if (left <= TimeSpan.Zero) return (null, tries);
            await Task.Delay(delay < left ? delay : left, clock, cancellationToken);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 50));
        }
    }

    /// <summary>
    /// Renews the lease every third of <see cref="StorageOptions.LeaseTtl"/> until stopped. When the lease was lost
    /// (or the store fails), it stops: the commit's fencing and version check then decide, and a lost turn reruns.
    /// </summary>
    private async Task RunRenewingAsync(Task running, TurnLease lease, CancellationToken cancellationToken)
    {
        using var renewing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewal = RenewWhileRunningAsync(lease, renewing.Token);
        try
        {
            await running;
        }
        finally
        {
            await renewing.CancelAsync();
            await renewal;
        }
    }

    private async Task RenewWhileRunningAsync(TurnLease lease, CancellationToken stop)
    {
        var every = _options.LeaseTtl / 3;
        try
        {
            while (true)
            {
                // Stopped is how nearly every turn ends this loop (long before the first renewal): awaited without
                // throwing, since an exception per turn cost about a third of an in-memory FAQ turn's throughput.
                await Task.Delay(every, clock, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (stop.IsCancellationRequested) return;
                if (!await store.RenewAsync(lease, _options.LeaseTtl, stop)) return;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            TurnLog.RenewFailed(log, ex.GetType().Name);
        }
    }

    private async Task TryReleaseAsync(TurnLease lease)
    {
        try { await store.ReleaseAsync(lease, CancellationToken.None); }
        catch (Exception ex) { TurnLog.ReleaseFailed(log, ex.GetType().Name); }
    }

    private static ConversationState Read(string? json)
    {
        if (string.IsNullOrEmpty(json)) return new ConversationState();
        try { return JsonSerializer.Deserialize<ConversationState>(json, ActivityJson.Options) ?? new ConversationState(); }
        catch (JsonException) { return new ConversationState(); }
    }

    /// <summary>Fills the fields every reply must carry on the wire.</summary>
    private IReadOnlyList<Activity> Stamp(Activity incoming, IReadOnlyList<Activity> replies)
    {
        var now = clock.GetUtcNow();
        foreach (var reply in replies)
        {
            reply.Id ??= Guid.NewGuid().ToString("N");
            reply.Timestamp ??= now;
            reply.ReplyToId ??= incoming.Id;
            reply.ChannelId ??= incoming.ChannelId;
            reply.ServiceUrl ??= incoming.ServiceUrl;
            reply.Locale ??= incoming.Locale;
        }
        return replies;
    }

    /// <summary>An in-process queue per conversation key; entries disappear when unused.</summary>
    private sealed class LocalQueue
    {
        private readonly Dictionary<string, (SemaphoreSlim Gate, int Users)> _gates = new(StringComparer.Ordinal);

        /// <summary>The conversation's turn in this process, or null when the one before still runs after <paramref name="wait"/>.</summary>
        public async Task<IDisposable?> TryEnterAsync(string key, TimeSpan wait, TimeProvider clock, CancellationToken cancellationToken)
        {
            SemaphoreSlim gate;
            lock (_gates)
            {
                (SemaphoreSlim Gate, int Users) entry = _gates.TryGetValue(key, out var e) ? e : (new SemaphoreSlim(1, 1), 0);
                _gates[key] = (entry.Gate, entry.Users + 1);
                gate = entry.Gate;
            }
            if (gate.Wait(0)) return new Exit(this, key);
            // The wait runs on the injected clock, so tests with a fake clock decide when it is over.
            using var timeout = new CancellationTokenSource(wait, clock);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                await gate.WaitAsync(linked.Token);
                return new Exit(this, key);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                Leave(key, release: false);
                return null;
            }
            catch { Leave(key, release: false); throw; }
        }

        private void Leave(string key, bool release)
        {
            lock (_gates)
            {
                var entry = _gates[key];
                if (release) entry.Gate.Release();
                if (entry.Users == 1) _gates.Remove(key);
                else _gates[key] = (entry.Gate, entry.Users - 1);
            }
        }

        private sealed class Exit(LocalQueue queue, string key) : IDisposable
        {
            private int _done;
            public void Dispose() { if (Interlocked.Exchange(ref _done, 1) == 0) queue.Leave(key, release: true); }
        }
    }
}

/// <summary>
/// The store's outage in the log: one line when it starts, a count every 1,000 turns while it lasts, one line when
/// it ends — not one line per turn (an outage under load once wrote 43,000 lines in 5 s).
/// </summary>
internal sealed class Outage(ILogger log)
{
    private const long ReportEvery = 1000;
    private long _failedTurns;

    public void Failed(Exception error)
    {
        var turns = Interlocked.Increment(ref _failedTurns);
        if (turns == 1) TurnLog.StoreUnavailable(log, error.GetType().Name);
        else if (turns % ReportEvery == 0) TurnLog.StoreStillUnavailable(log, turns);
    }

    public void Succeeded()
    {
        if (Interlocked.Read(ref _failedTurns) == 0) return;
        var turns = Interlocked.Exchange(ref _failedTurns, 0);
        if (turns > 0) TurnLog.StoreBack(log, turns);
    }
}
