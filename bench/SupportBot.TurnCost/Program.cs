using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using SupportBot.Bench;

namespace SupportBot.TurnCost;

/// <summary>
/// The CPU one turn costs the bot, measured in process: the real ASP.NET Core pipeline, channel, engine and
/// readers behind an in-memory test server (no sockets, no load generator sharing the cores), one turn at a
/// time, after enough turns that the JIT has finished tiering. Steadier than turns/s on a shared 2-core machine,
/// where the same build moves by ±30 % between runs; the load benchmark (bench/run.sh) stays the figure of record
/// for throughput. Usage: SupportBot.TurnCost [script (supportbot-faq)] [measured turns (20000)] [warm-up turns (30000)]
/// </summary>
internal static class Measure
{
    public static async Task Main(string[] args)
    {
        var script = Script.Load(args.Length > 0 ? args[0] : "supportbot-faq");
        var measured = args.Length > 1 ? int.Parse(args[1]) : 20_000;
        var warmup = args.Length > 2 ? int.Parse(args[2]) : 30_000;

        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment("Development");
            host.UseSetting("Logging:LogLevel:Default", "Warning");
            host.UseSetting("Limits:MessagesPerMinute", "0");
            host.UseSetting("Limits:TokensPerMinutePerAddress", "10000");
            host.UseSetting("Booking:Capacity", "100000");
            host.UseSetting("Clock:Now", Environment.GetEnvironmentVariable("TURNCOST_CLOCK") ?? "2026-11-24T22:00:00+09:00");
        });
        var client = factory.CreateClient();
        var options = BenchOptions.Parse(["--script", script.Name]);
        var activity = new OutgoingActivity(options, TimeProvider.System);
        var conversation = 0;

        async Task RunAsync(int turns)
        {
            var done = 0;
            while (done < turns)
            {
                var id = $"tc-{conversation++}";
                foreach (var turn in script.Conversations[conversation % script.Conversations.Count])
                {
                    using var content = new ByteArrayContent(activity.Build("user-" + id, "user", id, turn.Text));
                    content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                    using var response = await client.PostAsync("/api/messages", content);
                    var body = await response.Content.ReadAsByteArrayAsync();
                    if (ReplyCheck.Verify((int)response.StatusCode, body, turn, id, checkText: true) is { } failure)
                        throw new InvalidOperationException($"turn failed ({failure.Kind}): {failure.Detail}");
                    done++;
                }
            }
        }

        await RunAsync(warmup);
        GC.Collect();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu0 = process.TotalProcessorTime;
        var allocated0 = GC.GetTotalAllocatedBytes(precise: true);
        var gcs0 = GC.CollectionCount(0);
        var wall = Stopwatch.StartNew();
        await RunAsync(measured);
        wall.Stop();
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpu0).TotalMicroseconds / measured;
        var allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocated0) / (double)measured;
        Console.WriteLine($"{script.Name}: {measured} turns after {warmup} warm-up: CPU {cpu:F1} µs/turn, wall {wall.Elapsed.TotalMicroseconds / measured:F1} µs/turn, " +
            $"allocated {allocated / 1024:F1} KB/turn, gen0 GCs {GC.CollectionCount(0) - gcs0}, working set {process.WorkingSet64 / 1e6:F0} MB");
    }
}
