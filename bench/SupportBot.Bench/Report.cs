using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace SupportBot.Bench;

/// <summary>Turns a <see cref="RunResult"/> into the result JSON (field names and meanings as in
/// the peer loadgen's result line, so the two tools' numbers can be put in one table) and a short
/// readable summary.</summary>
public static class Report
{
    /// <summary>Nearest-rank percentile of ascending <paramref name="sorted"/> samples.</summary>
    public static double? Percentile(double[] sorted, double q)
    {
        if (sorted.Length == 0) return null;
        var rank = (int)Math.Ceiling(q * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    public static JsonObject ToJson(BenchOptions options, Script script, RunResult r)
    {
        var lat = r.LatenciesMs;
        var window = Math.Max(r.WindowSeconds, 1e-9);
        var cpuWall = Math.Max(Stopwatch.GetElapsedTime(r.WindowStart.Timestamp, r.WindowEnd.Timestamp).TotalSeconds, 1e-3);
        var loadgenUser = (r.WindowEnd.LoadgenUser - r.WindowStart.LoadgenUser).TotalSeconds;
        var loadgenSystem = (r.WindowEnd.LoadgenSystem - r.WindowStart.LoadgenSystem).TotalSeconds;
        var loadgenPct = 100 * (loadgenUser + loadgenSystem) / cpuWall;

        double PctOf(long ticks) => 100 * ticks / ProcSnapshot.TicksPerSecond / cpuWall;

        JsonObject? target = null;
        double targetPct = 0;
        if (options.TargetPid is int pid)
        {
            if (r.WindowStart.Target is { } a && r.WindowEnd.Target is { } b)
            {
                targetPct = PctOf(b.Ticks - a.Ticks);
                target = new JsonObject
                {
                    ["pid"] = pid,
                    ["cpu_s"] = Round((b.Ticks - a.Ticks) / ProcSnapshot.TicksPerSecond, 3),
                    ["cpu_pct_of_one_core"] = Round(targetPct, 1),
                    // The bot's CPU per measured turn: what a turn costs, whatever the throughput.
                    ["cpu_ms_per_turn"] = r.Turns > 0 ? Round((b.Ticks - a.Ticks) / ProcSnapshot.TicksPerSecond * 1000 / r.Turns, 3) : null,
                    ["main_thread_cpu_pct"] = a.MainThreadTicks is long ma && b.MainThreadTicks is long mb ? Round(PctOf(mb - ma), 1) : null,
                    ["threads"] = b.Threads,
                    ["rss_mb"] = b.VmRssKb is long rss ? Round(rss / 1024.0, 1) : null,
                    ["peak_rss_mb"] = b.VmHwmKb is long hwm ? Round(hwm / 1024.0, 1) : null,
                };
            }
            else
            {
                target = new JsonObject { ["pid"] = pid, ["error"] = "could not read /proc for target pid" };
            }
        }

        var watched = new JsonArray();
        double watchedPct = 0;
        for (var i = 0; i < options.WatchPids.Count; i++)
        {
            var (a, b) = (r.WindowStart.Watched[i], r.WindowEnd.Watched[i]);
            if (a is null || b is null)
            {
                watched.Add(new JsonObject { ["pid"] = options.WatchPids[i], ["error"] = "could not read /proc" });
                continue;
            }
            var pct = PctOf(b.Ticks - a.Ticks);
            watchedPct += pct;
            watched.Add(new JsonObject { ["pid"] = options.WatchPids[i], ["cpu_pct_of_one_core"] = Round(pct, 1) });
        }

        JsonObject? machine = null;
        if (r.WindowStart.Machine is { } ma0 && r.WindowEnd.Machine is { } mb0)
        {
            // "Foreign" = CPU this benchmark did not get: other processes + hypervisor steal.
            var busy = PctOf(mb0.BusyTicks - ma0.BusyTicks);
            var steal = PctOf(mb0.StealTicks - ma0.StealTicks);
            var foreign = Math.Max(0, busy - loadgenPct - targetPct - watchedPct);
            machine = new JsonObject
            {
                ["cpus"] = Environment.ProcessorCount,
                ["busy_pct_of_one_core"] = Round(busy, 1),
                ["foreign_pct_of_one_core"] = Round(foreign, 1),
                ["other_processes_pct_of_one_core"] = Round(Math.Max(0, foreign - steal), 1),
                ["steal_pct_of_one_core"] = Round(steal, 1),
                ["loadavg_1m_at_end"] = LoadAverage(),
            };
        }

        JsonObject? redis = null;
        if (options.RedisInfo is { } redisAt)
        {
            // Counted by the server over the window, so it includes the INFO call at the start (one command). A turn's
            // round trips are the scripts it ran plus the commands it sent on their own; "commands" also counts what
            // the scripts called.
            redis = r.WindowStart.Redis is { } c0 && r.WindowEnd.Redis is { } c1
                ? new JsonObject
                {
                    ["at"] = redisAt,
                    ["commands"] = c1.Commands - c0.Commands,
                    ["scripts"] = c1.Scripts - c0.Scripts,
                    ["commands_per_turn"] = r.Turns > 0 ? Round((c1.Commands - c0.Commands) / (double)r.Turns, 2) : null,
                    ["scripts_per_turn"] = r.Turns > 0 ? Round((c1.Scripts - c0.Scripts) / (double)r.Turns, 2) : null,
                }
                : new JsonObject { ["at"] = redisAt, ["error"] = "could not read INFO" };
        }

        var errorKinds = new JsonObject();
        foreach (var (kind, n) in r.ErrorKinds) errorKinds[kind] = n;

        return new JsonObject
        {
            ["tool"] = "SupportBot.Bench",
            ["label"] = options.Label,
            ["started_at"] = r.StartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"),
            ["url"] = options.Url.ToString(),
            ["script"] = script.Name,
            ["channel_id"] = options.ChannelId,
            ["client"] = Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS") == "1"
                ? "SocketsHttpHandler (inline socket completions)" : "SocketsHttpHandler",
            ["check_text"] = options.CheckText,
            ["conversations"] = options.Conversations,
            ["warmup_s"] = options.WarmupSeconds,
            ["duration_s"] = Round(r.WindowSeconds, 3),
            ["turns"] = r.Turns,
            ["ok_turns"] = r.OkTurns,
            ["errors"] = r.Errors,
            ["error_kinds"] = errorKinds,
            ["turns_per_sec"] = Round(r.Turns / window, 1),
            ["ok_turns_per_sec"] = Round(r.OkTurns / window, 1),
            ["conversations_completed"] = r.ConversationsCompleted,
            // A booking script's conversation books one appointment: this is booked appointments per second.
            ["conversations_per_sec"] = Round(r.ConversationsCompleted / window, 1),
            ["latency_ms"] = new JsonObject
            {
                ["p50"] = Round(Percentile(lat, 0.50)),
                ["p90"] = Round(Percentile(lat, 0.90)),
                ["p99"] = Round(Percentile(lat, 0.99)),
                ["max"] = Round(lat.Length > 0 ? lat[^1] : null),
                ["mean"] = Round(lat.Length > 0 ? lat.Average() : null),
                ["samples"] = lat.Length,
            },
            ["warmup_turns"] = r.WarmupTurns,
            ["warmup_errors"] = r.WarmupErrors,
            ["late_turns_not_counted"] = r.LateTurns,
            ["loadgen_cpu"] = new JsonObject
            {
                ["user_s"] = Round(loadgenUser, 3),
                ["system_s"] = Round(loadgenSystem, 3),
                ["pct_of_one_core"] = Round(loadgenPct, 1),
            },
            ["target"] = target,
            ["watched"] = watched,
            ["machine"] = machine,
            ["redis"] = redis,
            ["runtime"] = RuntimeInformation.FrameworkDescription,
        };
    }

    /// <summary>The readable lines printed before the JSON line.</summary>
    public static string Summary(JsonObject j)
    {
        var lat = j["latency_ms"]!;
        var lines = new List<string>
        {
            $"script {j["script"]}, {j["conversations"]} conversations, {j["duration_s"]} s measured after {j["warmup_s"]} s warmup",
            $"turns      {j["turns"]} ({j["turns_per_sec"]} turns/s), ok {j["ok_turns"]}, errors {j["errors"]} {j["error_kinds"]!.ToJsonString()}; conversations completed {j["conversations_completed"]} ({j["conversations_per_sec"]}/s)",
            $"latency ms p50 {lat["p50"]}  p90 {lat["p90"]}  p99 {lat["p99"]}  max {lat["max"]}  mean {lat["mean"]}  ({lat["samples"]} samples)",
            $"loadgen    {j["loadgen_cpu"]!["pct_of_one_core"]} % of one core",
        };
        if (j["target"] is JsonObject t)
        {
            lines.Add(t["error"] is not null
                ? $"target     pid {t["pid"]}: {t["error"]}"
                : $"target     pid {t["pid"]}: CPU {t["cpu_pct_of_one_core"]} % of one core (main thread {t["main_thread_cpu_pct"]} %, {t["cpu_ms_per_turn"]} ms per turn), RSS {t["rss_mb"]} MB, peak RSS {t["peak_rss_mb"]} MB");
        }
        foreach (var w in j["watched"]!.AsArray())
        {
            lines.Add($"watched    pid {w!["pid"]}: CPU {w["cpu_pct_of_one_core"] ?? w["error"]} %");
        }
        if (j["redis"] is JsonObject rd)
        {
            lines.Add(rd["error"] is not null ? $"redis      {rd["at"]}: {rd["error"]}" : $"redis      {rd["at"]}: {rd["commands"]} commands ({rd["commands_per_turn"]} per turn, scripts' own calls included), {rd["scripts"]} scripts ({rd["scripts_per_turn"]} per turn)");
        }
        if (j["machine"] is JsonObject m)
        {
            lines.Add($"machine    {m["cpus"]} cpus, foreign CPU {m["foreign_pct_of_one_core"]} % of one core (steal {m["steal_pct_of_one_core"]} %), load {m["loadavg_1m_at_end"]}");
        }
        return string.Join('\n', lines);
    }

    static double? LoadAverage()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.Parse(first, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    static double? Round(double? x, int digits = 2) =>
        x is double v ? Math.Round(v, digits, MidpointRounding.AwayFromZero) : null;
}
