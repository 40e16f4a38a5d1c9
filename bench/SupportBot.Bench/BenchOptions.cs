using System.Globalization;
using System.Net;

namespace SupportBot.Bench;

/// <summary>Command-line options of the load generator. Names and defaults follow the peer's
/// loadgen.mjs so the same command line (and the same numbers) work against either bot.</summary>
public sealed record BenchOptions
{
    public Uri Url { get; init; } = new("http://127.0.0.1:3978/api/messages");
    public int Conversations { get; init; } = 1;
    public string Script { get; init; } = "booking";
    public double DurationSeconds { get; init; } = 15;
    /// <summary>Measured turns per conversation; when set, replaces the duration.</summary>
    public int? Turns { get; init; }
    public double WarmupSeconds { get; init; } = 3;
    public string ChannelId { get; init; } = "directline";
    public string ServiceUrl { get; init; } = "http://127.0.0.1:1";
    public string BotId { get; init; } = "bot";
    public string Locale { get; init; } = "ja-JP";
    public int TimeoutMs { get; init; } = 30_000;
    public bool CheckText { get; init; } = true;
    public int? TargetPid { get; init; }
    public IReadOnlyList<int> WatchPids { get; init; } = [];
    /// <summary>A Redis server (host:port) whose processed commands are counted over the window.</summary>
    public string? RedisInfo { get; init; }
    public string? Label { get; init; }
    public int MaxErrorSamples { get; init; } = 10;
    public bool Quiet { get; init; }
    public bool AllowNonLoopback { get; init; }
    public bool Help { get; init; }
    public string? PrintScript { get; init; }
    public IReadOnlyList<string> SummarizeFiles { get; init; } = [];

    public bool TurnsMode => Turns is not null;

    public const string Usage = """
        Usage: SupportBot.Bench [options]
          Drives a Bot Framework endpoint (POST, no auth) with concurrent multi-turn conversations
          sent with deliveryMode "expectReplies" (replies come back in the HTTP 200 body).

          --url URL               bot endpoint (default http://127.0.0.1:3978/api/messages)
          --conversations N       concurrent conversations (default 1)
          --script NAME|FILE      booking | faq | any NAME.json in bench/scripts | a JSON file (default booking)
          --duration S            measured seconds after warmup (default 15)
          --turns T               instead of --duration: measured turns per concurrent conversation
          --warmup S              warmup seconds, not measured (default 3)
          --channel-id ID         activity channelId (default directline)
          --service-url URL       activity serviceUrl (default http://127.0.0.1:1; never contacted with expectReplies)
          --bot-id ID             recipient id (default bot)
          --locale L              activity locale (default ja-JP)
          --timeout-ms MS         per-request timeout (default 30000)
          --no-check-text         only check HTTP 200 + non-empty activities, not the expected reply text
          --target-pid PID        report this process's CPU % (/proc/PID/stat) and peak RSS (VmHWM) over the window
          --watch-pid PID         also report this process's CPU % (e.g. redis-server); repeatable
          --redis-info HOST:PORT  count what this Redis processed in the window (INFO): commands and scripts per turn
          --label TEXT            copied into the result JSON
          --max-error-samples N   error samples printed to stderr (default 10)
          --quiet                 no progress lines on stderr
          --allow-non-loopback    permit a URL whose host is not a loopback address
          --print-script NAME     print a script as JSON (a starting point for a new script file) and exit
          --summarize FILE...     read result JSON lines (from run.sh --out) and print a median table
          -h, --help              this text

        Counting: throughput and error counts use turns that complete inside the measured window
        (duration mode); latency percentiles use only those that also started after the warmup.
        A conversation whose turn fails is abandoned and a fresh one started.
        Script file: {"conversations": [[{"text": "...", "expect": "..." | ["a","b"] | null}, ...], ...]}
        Output: a readable summary, then the result JSON as the last stdout line.
        Exit status: 0 when every measured turn passed, 2 when any failed, 1 on bad usage.
        """;

    /// <summary>Parses <paramref name="args"/>; throws <see cref="UsageException"/> on bad input.</summary>
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var o = new BenchOptions();
        var watch = new List<int>();
        var summarize = new List<string>();
        double? duration = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string? inline = null;
            var eq = arg.IndexOf('=');
            if (arg.StartsWith("--", StringComparison.Ordinal) && eq > 0)
            {
                inline = arg[(eq + 1)..];
                arg = arg[..eq];
            }

            string Value()
            {
                if (inline is not null) return inline;
                if (i + 1 >= args.Count) throw new UsageException($"{arg} needs a value");
                return args[++i];
            }

            switch (arg)
            {
                case "-h" or "--help": o = o with { Help = true }; break;
                case "--url": o = o with { Url = ParseUrl(Value()) }; break;
                case "--conversations": o = o with { Conversations = Int(arg, Value(), 1, 100_000) }; break;
                case "--script": o = o with { Script = Value() }; break;
                case "--duration": duration = Number(arg, Value(), 0.1, 86_400); break;
                case "--turns": o = o with { Turns = Int(arg, Value(), 1, 100_000_000) }; break;
                case "--warmup": o = o with { WarmupSeconds = Number(arg, Value(), 0, 3600) }; break;
                case "--channel-id": o = o with { ChannelId = Value() }; break;
                case "--service-url": o = o with { ServiceUrl = Value() }; break;
                case "--bot-id": o = o with { BotId = Value() }; break;
                case "--locale": o = o with { Locale = Value() }; break;
                case "--timeout-ms": o = o with { TimeoutMs = Int(arg, Value(), 1, 600_000) }; break;
                case "--no-check-text": o = o with { CheckText = false }; break;
                case "--target-pid": o = o with { TargetPid = Int(arg, Value(), 1, int.MaxValue) }; break;
                case "--watch-pid": watch.Add(Int(arg, Value(), 1, int.MaxValue)); break;
                case "--redis-info": o = o with { RedisInfo = HostPort(arg, Value()) }; break;
                case "--label": o = o with { Label = Value() }; break;
                case "--max-error-samples": o = o with { MaxErrorSamples = Int(arg, Value(), 0, 1_000_000) }; break;
                case "--quiet": o = o with { Quiet = true }; break;
                case "--allow-non-loopback": o = o with { AllowNonLoopback = true }; break;
                case "--print-script": o = o with { PrintScript = Value() }; break;
                case "--summarize":
                    summarize.Add(Value());
                    // Every following non-option argument is another result file.
                    while (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal)) summarize.Add(args[++i]);
                    break;
                default: throw new UsageException($"unknown option {args[i]} (see --help)");
            }
        }

        if (duration is not null && o.Turns is not null) throw new UsageException("give --duration or --turns, not both");
        o = o with { DurationSeconds = duration ?? o.DurationSeconds, WatchPids = watch, SummarizeFiles = summarize };
        if (!o.AllowNonLoopback && !IsLoopback(o.Url))
        {
            throw new UsageException($"refusing non-loopback host {o.Url.Host} (pass --allow-non-loopback to override)");
        }
        return o;
    }

    static Uri ParseUrl(string s)
    {
        if (!Uri.TryCreate(s, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
        {
            throw new UsageException($"--url must be an absolute http:// URL, got {s}");
        }
        return uri;
    }

    static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    static double Number(string name, string s, double min, double max)
    {
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || v < min || v > max || double.IsNaN(v))
        {
            throw new UsageException($"{name} must be a number in [{min}, {max}], got {s}");
        }
        return v;
    }

    static string HostPort(string option, string value)
    {
        var colon = value.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(value.AsSpan(colon + 1), out var port) || port is < 1 or > 65535)
            throw new UsageException($"{option} wants HOST:PORT, got {value}");
        return value;
    }

    static int Int(string name, string s, int min, int max)
    {
        if (!int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) || v < min || v > max)
        {
            throw new UsageException($"{name} must be an integer in [{min}, {max}], got {s}");
        }
        return v;
    }
}

public sealed class UsageException(string message) : Exception(message);
