using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SupportBot.Bench.Soak;

/// <summary>A fault as bench/soak.sh injected it: from injection to restoration (Redis answering again, the process
/// continued, the instance ready), Unix ms; <see cref="Endpoint"/> for an instance fault.</summary>
public sealed record SoakFault(string Name, long StartMs, long EndMs, int? Endpoint);

/// <summary>
/// <c>SupportBot.Bench soak</c>: runs <see cref="SoakDriver"/> against the instances for a while, then reads the faults
/// bench/soak.sh wrote and the booking ledger (staff API) and prints the figures. Exit 0 only when every must-be-0
/// figure is 0.
/// </summary>
public static class SoakCommand
{
    public const string Usage = """
        Usage: SupportBot.Bench soak --url URL [--url URL ...] --admin-key KEY [options]
          --url URL            a bot instance's /api/messages (repeat for each; requests go round-robin)
          --duration S         seconds of load (default 60)
          --script NAME|FILE   soak script (default soak: bench/scripts/soak.json)
          --booking-users N    people booking at once (default 8)
          --faq-users N        people asking FAQ questions at once (default 4)
          --keep-every N       keep every Nth booking, cancel the others (default 4)
          --think-ms MS        pause between a reply and the next message (default 100)
          --capacity N         the bot's Booking:Capacity, for the double-booking check (default 1)
          --faults FILE        lines "name start_ms end_ms [instance]" written by bench/soak.sh; the load goes on
                               past --duration until a line "end" is there (at most 300 s more)
          --warmup S           turns begun in the first S seconds are not judged late: a cold start (default 5)
          --warm               only run one booking and the FAQ questions on each --url, then exit (0: all answered)
          --grace-ms MS        after a fault's end, still its window (default 1000)
          --slow-ms MS         a turn without a reply within this is late (default 3000)
          --turns-out FILE     every request as a JSON line (for a closer look)
          --admin-key KEY      the bots' Admin:ApiKey (for GET /admin/bookings); or SOAK_ADMIN_KEY
        Exit: 0 all must-be-0 figures are 0, 3 one is not, 1 bad usage.
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter log)
    {
        var urls = new List<Uri>();
        double duration = 60;
        string scriptName = "soak", faultsFile = "", turnsOut = "";
        int bookingUsers = 8, faqUsers = 4, keepEvery = 4, thinkMs = 100, capacity = 1, graceMs = 1000, slowMs = 3000;
        double warmup = 5;
        var warmOnly = false;
        var adminKey = Environment.GetEnvironmentVariable("SOAK_ADMIN_KEY") ?? "";
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new UsageException($"{args[i]} needs a value");
            int Int() => int.Parse(Value(), CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--url": urls.Add(new Uri(Value())); break;
                case "--duration": duration = double.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--script": scriptName = Value(); break;
                case "--booking-users": bookingUsers = Int(); break;
                case "--faq-users": faqUsers = Int(); break;
                case "--keep-every": keepEvery = Math.Max(1, Int()); break;
                case "--think-ms": thinkMs = Int(); break;
                case "--capacity": capacity = Int(); break;
                case "--faults": faultsFile = Value(); break;
                case "--grace-ms": graceMs = Int(); break;
                case "--slow-ms": slowMs = Int(); break;
                case "--turns-out": turnsOut = Value(); break;
                case "--admin-key": adminKey = Value(); break;
                case "--warmup": warmup = double.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--warm": warmOnly = true; break;
                case "-h" or "--help": output.WriteLine(Usage); return 0;
                default: throw new UsageException($"unknown soak option {args[i]}");
            }
        }
        if (urls.Count == 0) throw new UsageException("give at least one --url");
        if (adminKey.Length == 0 && !warmOnly) throw new UsageException("give --admin-key (or SOAK_ADMIN_KEY): the ledger is read through GET /admin/bookings");

        var script = SoakScript.Load(Script.Resolve(scriptName) ?? throw new UsageException($"no soak script {scriptName}"));
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10), ConnectTimeout = TimeSpan.FromSeconds(2), UseProxy = false };
        using var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        var driver = new SoakDriver(urls.Select(u => new SoakEndpoint(http, u)).ToList(), script, new SoakOptions
        {
            BookingUsers = bookingUsers, FaqUsers = faqUsers, KeepEvery = keepEvery, Think = TimeSpan.FromMilliseconds(thinkMs),
        });
        if (warmOnly)
        {
            var all = true;
            foreach (var url in urls)
            {
                using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
                all &= await new SoakDriver([new SoakEndpoint(http, url)], script, new SoakOptions { Think = TimeSpan.Zero }).WarmAsync(limit.Token);
            }
            return all ? 0 : 3;
        }

        log.WriteLine($"soak: {urls.Count} instances, {bookingUsers} booking + {faqUsers} FAQ users, {duration:F0} s");
        var begun = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        using (var stop = new CancellationTokenSource())
        {
            var load = driver.RunAsync(stop.Token);
            await Task.Delay(TimeSpan.FromSeconds(duration));
            // The faults may outlast the duration (an instance restarting on a busy machine): the load goes on until
            // the last one is over, so its recovery is measured under load too.
            for (var waited = 0; faultsFile.Length > 0 && !FaultsDone(faultsFile) && waited < 3000; waited++) await Task.Delay(100);
            await stop.CancelAsync();
            await load;
        }
        var ended = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var warmEnd = begun + (long)(warmup * 1000);

        var turns = driver.Turns.OrderBy(t => t.StartMs).ToList();
        var faults = faultsFile.Length > 0 && File.Exists(faultsFile) ? ReadFaults(faultsFile) : [];
        if (turnsOut.Length > 0)
            await File.WriteAllLinesAsync(turnsOut, turns.Select(t => JsonSerializer.Serialize(new { t.StartMs, t.Ms, t.Endpoint, t.Kind, outcome = t.Outcome.ToString(), t.Who })));

        var ledger = await ReadLedgerAsync(http, urls, adminKey, log);
        var verdict = ledger is null ? null : SoakVerdict.Of(driver.Bookings, ledger, capacity, driver.NumbersToldTwice);

        // A turn is in a fault's window when the time it may take (up to slowMs) overlaps the fault, from injection to
        // restoration plus the grace: a turn sent just before Redis froze is part of that outage, not a finding.
        bool InWindow(SoakTurn t) => faults.Any(f => t.StartMs <= f.EndMs + graceMs && t.StartMs + Math.Min(t.Ms, slowMs) >= f.StartMs);
        bool Late(SoakTurn t) => t.Outcome == SoakOutcome.NoReply || t.Ms > slowMs;
        var lateWarm = turns.Count(t => Late(t) && t.StartMs < warmEnd);
        var lateOutside = turns.Where(t => Late(t) && !InWindow(t) && t.StartMs >= warmEnd).ToList();
        var lateInside = turns.Count(t => Late(t) && InWindow(t) && t.StartMs >= warmEnd);

        output.WriteLine($"turns: {turns.Count} in {(ended - begun) / 1000.0:F0} s ({turns.Count * 1000.0 / (ended - begun):F0}/s); " + string.Join(", ",
            Enum.GetValues<SoakOutcome>().Select(o => $"{o.ToString().ToLowerInvariant()} {turns.Count(t => t.Outcome == o)}")));
        output.WriteLine($"latency outside fault windows: p50 {Percentile(turns.Where(t => !InWindow(t)), 0.50):F0} ms, p99 {Percentile(turns.Where(t => !InWindow(t)), 0.99):F0} ms, max {turns.Where(t => !InWindow(t)).Select(t => t.Ms).DefaultIfEmpty().Max():F0} ms");
        output.WriteLine($"booking conversations: {driver.Conversations}, bookings confirmed {driver.Bookings.Count} (kept {driver.Bookings.Count(b => !b.CancelTried)}, cancelled {driver.Bookings.Count(b => b.Cancelled)}), given up {driver.Abandoned}");
        var recovery = new JsonArray();
        foreach (var f in faults)
        {
            // Back: the first answered booking or FAQ turn (on the faulted instance, for an instance fault) sent after the restoration.
            var back = turns.FirstOrDefault(t => t.StartMs >= f.EndMs && t.Outcome == SoakOutcome.Ok && (f.Endpoint is null || t.Endpoint == f.Endpoint));
            var backMs = back is null ? (double?)null : back.StartMs + back.Ms - f.EndMs;
            var fromStart = back is null ? (double?)null : back.StartMs + back.Ms - f.StartMs;
            // Busy replies after the injection: conversations whose lease a dead instance (or a frozen Redis) left behind;
            // the last one says when the last such conversation was free again (a lease lasts 5 s).
            var busy = turns.Where(t => t.Outcome == SoakOutcome.Busy && t.StartMs >= f.StartMs && t.StartMs <= f.EndMs + 10_000).ToList();
            var lastBusy = busy.Count == 0 ? (double?)null : busy.Max(t => t.StartMs + t.Ms) - f.StartMs;
            output.WriteLine($"fault {f.Name}: {(f.EndMs - f.StartMs) / 1000.0:F1} s; served again {(backMs is null ? "never" : $"{backMs / 1000.0:F2} s after restoration ({fromStart / 1000.0:F1} s after injection)")}; " +
                $"busy replies {busy.Count}{(lastBusy is null ? "" : $", the last {lastBusy / 1000.0:F1} s after injection")}");
            recovery.Add(new JsonObject
            {
                ["fault"] = f.Name, ["seconds"] = (f.EndMs - f.StartMs) / 1000.0, ["backAfterMs"] = backMs, ["backAfterInjectionMs"] = fromStart,
                ["busy"] = busy.Count, ["lastBusyAfterInjectionMs"] = lastBusy,
            });
        }
        output.WriteLine($"late turns (no reply within {slowMs} ms): in the first {warmup:F0} s (cold start) {lateWarm}, inside fault windows {lateInside}");
        output.WriteLine($"MUST BE 0 - late turns outside fault windows: {lateOutside.Count}");
        foreach (var t in lateOutside.Take(10))
            output.WriteLine($"  late: {DateTimeOffset.FromUnixTimeMilliseconds(t.StartMs):HH:mm:ss.fff} {t.Kind} instance {t.Endpoint} {t.Outcome} {t.Ms:F0} ms");
        if (verdict is null) output.WriteLine("MUST BE 0 - the ledger could not be read: counted as a failure");
        else
        {
            output.WriteLine($"MUST BE 0 - confirmed bookings lost: {verdict.Lost}{(verdict.Lost > 0 ? " (" + string.Join(", ", verdict.LostIds.Take(20)) + ")" : "")}");
            output.WriteLine($"MUST BE 0 - double bookings: {verdict.OverbookedSlots + verdict.NumbersToldTwice} (slots over capacity {verdict.OverbookedSlots}, numbers told to two people {verdict.NumbersToldTwice})");
            output.WriteLine($"MUST BE 0 - cancellations undone: {verdict.CancelsUndone}");
        }
        var passed = verdict is { Passed: true } && lateOutside.Count == 0;
        output.WriteLine(new JsonObject
        {
            ["turns"] = turns.Count,
            ["confirmed"] = driver.Bookings.Count,
            ["lost"] = verdict?.Lost,
            ["doubleBookings"] = verdict is null ? null : verdict.OverbookedSlots + verdict.NumbersToldTwice,
            ["cancelsUndone"] = verdict?.CancelsUndone,
            ["lateOutsideFaults"] = lateOutside.Count,
            ["lateInsideFaults"] = lateInside,
            ["lateWarmup"] = lateWarm,
            ["busy"] = turns.Count(t => t.Outcome == SoakOutcome.Busy),
            ["faults"] = recovery,
            ["passed"] = passed,
        }.ToJsonString());
        return passed ? 0 : 3;
    }

    private static double Percentile(IEnumerable<SoakTurn> turns, double p)
    {
        var sorted = turns.Select(t => t.Ms).Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
    }

    private static bool FaultsDone(string path) => File.Exists(path) && File.ReadAllLines(path).Any(l => l.Trim() == "end");

    private static List<SoakFault> ReadFaults(string path) =>
        File.ReadAllLines(path).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(p => p.Length >= 3)
            .Select(p => new SoakFault(p[0], long.Parse(p[1], CultureInfo.InvariantCulture), long.Parse(p[2], CultureInfo.InvariantCulture),
                p.Length > 3 ? int.Parse(p[3], CultureInfo.InvariantCulture) : null)).ToList();

    /// <summary>GET /admin/bookings (today through the horizon) from the first instance that answers.</summary>
    private static async Task<List<LedgerEntry>?> ReadLedgerAsync(HttpClient http, IReadOnlyList<Uri> urls, string adminKey, TextWriter log)
    {
        foreach (var url in urls)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, "/admin/bookings"));
                request.Headers.Add("X-Admin-Key", adminKey);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                using var response = await http.SendAsync(request, timeout.Token);
                if (response.StatusCode != HttpStatusCode.OK) { log.WriteLine($"soak: {url.Authority} /admin/bookings: {(int)response.StatusCode}"); continue; }
                var list = JsonNode.Parse(await response.Content.ReadAsStringAsync(timeout.Token))!.AsArray();
                return list.Select(b => new LedgerEntry(b!["id"]!.GetValue<string>(), b["slot"]!.GetValue<string>(), b["status"]!.GetValue<string>() == "confirmed")).ToList();
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or JsonException)
            {
                log.WriteLine($"soak: {url.Authority} /admin/bookings: {e.GetType().Name}");
            }
        }
        return null;
    }
}
