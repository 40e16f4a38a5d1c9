using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace SupportBot.Bench;

/// <summary>Resource readings at one edge of the measured window.</summary>
public sealed record WindowEdge(long Timestamp, TimeSpan LoadgenUser, TimeSpan LoadgenSystem,
    ProcSnapshot? Target, IReadOnlyList<ProcSnapshot?> Watched, MachineSnapshot? Machine, RedisCounts? Redis = null);

/// <summary>Everything a run measured; <see cref="Report"/> turns it into the result JSON.</summary>
public sealed record RunResult(
    DateTimeOffset StartedAt,
    double WindowSeconds,
    long Turns, long OkTurns, long Errors, IReadOnlyDictionary<string, long> ErrorKinds,
    long ConversationsCompleted, long WarmupTurns, long WarmupErrors, long LateTurns,
    double[] LatenciesMs,
    WindowEdge WindowStart, WindowEdge WindowEnd);

/// <summary>One load run: N simulated users, each running the script's conversations one turn
/// at a time (a turn waits for its HTTP answer), all users concurrently, over one keep-alive
/// HttpClient. A finished conversation is followed by a new one with a new id.</summary>
public sealed class LoadRun(BenchOptions options, Script script, TimeProvider clock, TextWriter log)
{
    static readonly MediaTypeHeaderValue JsonContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");

    readonly string runId = Guid.NewGuid().ToString("N")[..8];
    readonly OutgoingActivity activity = new(options, clock);
    readonly ConcurrentDictionary<string, long> errorKinds = new();
    long turns, ok, errors, warmupTurns, warmupErrors, conversationsCompleted, lateTurns, active, templateCounter;
    int errorSamples;
    long warmupEnd, measureEnd;

    /// <summary>Per simulated user, so recording a sample needs no lock.</summary>
    sealed class UserLog
    {
        public readonly List<double> LatenciesMs = new(4096);
        public long LastCompletion;
    }

    public async Task<RunResult> RunAsync(CancellationToken hardStop)
    {
        using var http = CreateClient();
        var startedAt = clock.GetUtcNow();
        var t0 = Stopwatch.GetTimestamp();
        warmupEnd = t0 + Ticks(options.WarmupSeconds);
        measureEnd = options.TurnsMode ? long.MaxValue : warmupEnd + Ticks(options.DurationSeconds);

        using var progressStop = new CancellationTokenSource();
        var progress = options.Quiet ? Task.CompletedTask : ReportProgressAsync(t0, progressStop.Token);

        WindowEdge? start = null, end = null;
        var windowStart = Task.Run(async () =>
        {
            await DelayUntil(warmupEnd, hardStop);
            start = ReadEdge();
            if (!options.TurnsMode)
            {
                await DelayUntil(measureEnd, hardStop);
                end = ReadEdge();
            }
        }, CancellationToken.None);

        var users = Enumerable.Range(0, options.Conversations).Select(_ => new UserLog()).ToArray();
        await Task.WhenAll(users.Select((u, i) => Task.Run(() => SimulateUserAsync(http, i, u, hardStop), CancellationToken.None)));

        // Duration mode: the edges were read at warmup end and at window end. Turns mode: the
        // window is warmup end .. the last counted completion, which is now.
        try { await windowStart; } catch (OperationCanceledException) { }
        start ??= ReadEdge();
        end ??= ReadEdge();
        if (options.TurnsMode) measureEnd = Math.Max(warmupEnd + 1, users.Max(u => u.LastCompletion));
        progressStop.Cancel();
        try { await progress; } catch (OperationCanceledException) { }

        var windowSeconds = Stopwatch.GetElapsedTime(warmupEnd, measureEnd).TotalSeconds;
        var latencies = users.SelectMany(u => u.LatenciesMs).ToArray();
        Array.Sort(latencies);
        return new RunResult(startedAt, windowSeconds, turns, ok, errors,
            new SortedDictionary<string, long>(errorKinds, StringComparer.Ordinal),
            conversationsCompleted, warmupTurns, warmupErrors, lateTurns, latencies, start, end);
    }

    HttpClient CreateClient()
    {
        // One pooled keep-alive connection per simulated user at most: each user has one request
        // in flight, so connections are reused and never opened per request.
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.Conversations,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        return new HttpClient(handler)
        {
            Timeout = TimeSpan.FromMilliseconds(options.TimeoutMs),
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
    }

    async Task SimulateUserAsync(HttpClient http, int index, UserLog userLog, CancellationToken hardStop)
    {
        var userId = $"lg-user-{runId}-{index}";
        var userName = $"load-user-{index}";
        var sequence = 0;
        var measuredTurns = 0;
        while (!hardStop.IsCancellationRequested)
        {
            var template = script.Conversations[(int)((Interlocked.Increment(ref templateCounter) - 1) % script.Conversations.Count)];
            var conversationId = $"lg-{runId}-{index}-{sequence++}";
            var completedAll = true;
            for (var i = 0; i < template.Count; i++)
            {
                if (hardStop.IsCancellationRequested || Stopwatch.GetTimestamp() >= measureEnd
                    || (options.TurnsMode && measuredTurns >= options.Turns))
                {
                    completedAll = false;
                    break;
                }

                var turn = template[i];
                var payload = activity.Build(userId, userName, conversationId, turn.Text);
                var begin = Stopwatch.GetTimestamp();
                var beganMeasured = begin >= warmupEnd;
                TurnFailure? failure;
                long end;
                Interlocked.Increment(ref active);
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, options.Url) { Content = new ByteArrayContent(payload) };
                    request.Content.Headers.ContentType = JsonContentType;
                    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, hardStop);
                    var body = await response.Content.ReadAsByteArrayAsync(hardStop);
                    // Latency is request-to-full-response; checking the reply is not part of it.
                    end = Stopwatch.GetTimestamp();
                    failure = ReplyCheck.Verify((int)response.StatusCode, body, turn, conversationId, options.CheckText);
                }
                catch (OperationCanceledException) when (hardStop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    end = Stopwatch.GetTimestamp();
                    var why = e is TaskCanceledException ? $"timeout after {options.TimeoutMs} ms" : Describe(e);
                    failure = new TurnFailure("network", why);
                }
                finally
                {
                    Interlocked.Decrement(ref active);
                }

                // Duration mode: a turn counts when it completes inside the window.
                // Turns mode: a turn counts when it began after the warmup.
                var measured = options.TurnsMode ? beganMeasured : end >= warmupEnd && end <= measureEnd;
                if (measured)
                {
                    Interlocked.Increment(ref turns);
                    measuredTurns++;
                    userLog.LastCompletion = Math.Max(userLog.LastCompletion, end);
                    if (failure is null)
                    {
                        Interlocked.Increment(ref ok);
                        // Only turns that also began after the warmup: a cold-start turn begun
                        // during the warmup must not leak into the percentiles.
                        if (beganMeasured) userLog.LatenciesMs.Add(Stopwatch.GetElapsedTime(begin, end).TotalMilliseconds);
                        if (i == template.Count - 1) Interlocked.Increment(ref conversationsCompleted);
                    }
                    else
                    {
                        Interlocked.Increment(ref errors);
                        errorKinds.AddOrUpdate(failure.Kind, 1, (_, n) => n + 1);
                        Sample(failure, "measure", conversationId, i, turn);
                    }
                }
                else if (end < warmupEnd)
                {
                    Interlocked.Increment(ref warmupTurns);
                    if (failure is not null)
                    {
                        Interlocked.Increment(ref warmupErrors);
                        Sample(failure, "warmup", conversationId, i, turn);
                    }
                }
                else
                {
                    Interlocked.Increment(ref lateTurns);
                }

                if (failure is not null)
                {
                    // The bot's dialog state for this conversation is unknown now: start over
                    // with a new conversation (after a pause when the bot is unreachable, so a
                    // dead server is not hammered in a hot loop).
                    completedAll = false;
                    if (failure.Kind == "network") await Task.Delay(100, CancellationToken.None);
                    break;
                }
            }
            if (options.TurnsMode && measuredTurns >= options.Turns) return;
            if (!completedAll && Stopwatch.GetTimestamp() >= measureEnd) return;
        }
    }

    static string Describe(Exception e)
    {
        var inner = e.InnerException is null ? "" : $" ({e.InnerException.GetType().Name}: {e.InnerException.Message})";
        return $"{e.GetType().Name}: {e.Message}{inner}";
    }

    void Sample(TurnFailure failure, string phase, string conversationId, int turnIndex, ScriptTurn turn)
    {
        var n = Interlocked.Increment(ref errorSamples);
        if (n > options.MaxErrorSamples) return;
        lock (log)
        {
            log.WriteLine($"bench: ERROR [{phase}] {failure.Kind} conv={conversationId} turn={turnIndex + 1} \"{turn.Text}\": {failure.Detail}");
            if (n == options.MaxErrorSamples) log.WriteLine("bench: (further error samples suppressed)");
        }
    }

    WindowEdge ReadEdge()
    {
        var cpu = Environment.CpuUsage;
        return new WindowEdge(Stopwatch.GetTimestamp(), cpu.UserTime, cpu.PrivilegedTime,
            options.TargetPid is int pid ? ProcSnapshot.Read(pid) : null,
            options.WatchPids.Select(ProcSnapshot.Read).ToArray(),
            MachineSnapshot.Read(),
            options.RedisInfo is { } redis ? RedisCommands.Read(redis) : null);
    }

    async Task ReportProgressAsync(long t0, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        var lastTime = t0;
        long lastTotal = 0;
        while (await timer.WaitForNextTickAsync(stop))
        {
            var now = Stopwatch.GetTimestamp();
            var total = Interlocked.Read(ref turns) + Interlocked.Read(ref warmupTurns);
            var rate = (total - lastTotal) / Stopwatch.GetElapsedTime(lastTime, now).TotalSeconds;
            (lastTime, lastTotal) = (now, total);
            lock (log)
            {
                log.WriteLine($"bench: t={Stopwatch.GetElapsedTime(t0, now).TotalSeconds:F1}s phase={(now < warmupEnd ? "warmup" : "measure")} " +
                    $"turns={Interlocked.Read(ref turns)} errors={Interlocked.Read(ref errors)} rate={rate:F0}/s inflight={Interlocked.Read(ref active)}");
            }
        }
    }

    static long Ticks(double seconds) => (long)(seconds * Stopwatch.Frequency);

    static async Task DelayUntil(long timestamp, CancellationToken stop)
    {
        var wait = timestamp - Stopwatch.GetTimestamp();
        if (wait > 0) await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency), stop);
    }
}
