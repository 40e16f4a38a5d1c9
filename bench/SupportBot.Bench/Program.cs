using SupportBot.Bench;

// Load generator for Bot Framework endpoints (expectReplies). See BenchOptions.Usage and
// docs/benchmarks.md. Readable summary and then one result JSON line on stdout; progress and
// error samples on stderr.
// `soak`: the fault test's simulated residents and its figures (bench/soak.sh, SoakCommand).
if (args.Length > 0 && args[0] == "soak")
{
    try { return await SupportBot.Bench.Soak.SoakCommand.RunAsync(args[1..], Console.Out, Console.Error); }
    catch (Exception e) when (e is UsageException or FormatException)
    {
        Console.Error.WriteLine($"bench soak: {e.Message}");
        return 1;
    }
}

BenchOptions options;
Script script;
try
{
    options = BenchOptions.Parse(args);
    if (options.Help)
    {
        Console.WriteLine(BenchOptions.Usage);
        return 0;
    }
    if (options.SummarizeFiles.Count > 0)
    {
        Console.WriteLine(Summary.Table(options.SummarizeFiles));
        return 0;
    }
    if (options.PrintScript is not null)
    {
        Console.WriteLine(Script.Load(options.PrintScript).ToJson().ToJsonString(Json.Indented));
        return 0;
    }
    script = Script.Load(options.Script);
}
catch (UsageException e)
{
    Console.Error.WriteLine($"bench: {e.Message}");
    return 1;
}

// The load generator shares the machine with the bot, so its own CPU per turn matters. By default
// .NET hands every socket completion from the epoll thread to the thread pool; running the tiny
// continuations (build the next activity, check the reply) inline on the epoll thread instead cut
// the generator's CPU per turn about threefold here (fewer thread wake-ups, far less system time).
// It must be set before the first socket is created; an explicit value in the environment wins.
const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";
if (Environment.GetEnvironmentVariable(InlineCompletions) is null) Environment.SetEnvironmentVariable(InlineCompletions, "1");

var log = Console.Error;
if (!options.Quiet)
{
    log.WriteLine($"bench: url={options.Url} script={script.Name} conversations={options.Conversations} " +
        $"{(options.TurnsMode ? $"turns={options.Turns}" : $"duration={options.DurationSeconds}s")} warmup={options.WarmupSeconds}s " +
        $"channelId={options.ChannelId} checkText={options.CheckText}");
}

// A run against a stuck bot still ends: warmup + duration (or an hour in turns mode) + one
// request timeout + slack.
var limit = TimeSpan.FromSeconds(options.WarmupSeconds + (options.TurnsMode ? 3600 : options.DurationSeconds) + options.TimeoutMs / 1000.0 + 5);
using var hardStop = new CancellationTokenSource(limit);
var result = await new LoadRun(options, script, TimeProvider.System, log).RunAsync(hardStop.Token);
if (hardStop.IsCancellationRequested) log.WriteLine("bench: hard deadline reached, stopped");

var json = Report.ToJson(options, script, result);
Console.WriteLine(Report.Summary(json));
Console.WriteLine(json.ToJsonString(Json.Relaxed));
return result.Errors > 0 ? 2 : 0;
