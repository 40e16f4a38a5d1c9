using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using SupportBot.Bench.Soak;
using SupportBot.Engine.State;
using SupportBot.IntegrationTests.Support;
using SupportBot.Storage.Redis;
using Xunit.Abstractions;

namespace SupportBot.IntegrationTests.Redis;

/// <summary>
/// Durability as docs/redis.md states it: a Redis with AOF killed with SIGKILL in the middle of booking load and
/// restarted on the same data directory keeps the bookings the bot told people were confirmed, and no slot is booked
/// twice. With <c>appendfsync always</c> every acknowledged write is on disk before the reply: none may be missing.
/// With <c>everysec</c> Redis writes its AOF buffer before replying unless a background fsync still runs — then it
/// holds acknowledged writes in memory for up to 2 s (a busy disk; the soak saw it), and a kill loses them: every
/// booking confirmed longer ago than that must be there. Its own redis-server, so killing it disturbs no other test.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class AofRestartTests(ITestOutputHelper output)
{
    /// <summary>How long Redis may postpone writing its AOF buffer under <c>everysec</c> (2 s of its clock, counted in whole seconds) plus slack.</summary>
    private static readonly TimeSpan EverysecWindow = TimeSpan.FromSeconds(4);

    [Theory]
    [InlineData("always")]
    [InlineData("everysec")]
    public async Task Redis_killed_under_booking_load_and_restarted_from_its_AOF_keeps_the_confirmed_bookings_and_books_no_slot_twice(string fsync)
    {
        await using var redis = await OwnRedis.StartAsync(fsync);
        var prefix = "aof:" + Guid.NewGuid().ToString("N")[..8] + ":";
        Dictionary<string, string?> Settings() => new()
        {
            ["ConnectionStrings:Redis"] = redis.ConnectionString,
            ["Storage:KeyPrefix"] = prefix,
            // A pinned day with free weeks ahead (the clock runs on from it), as in BookingRedisTests.
            ["Clock:Now"] = "2026-11-24T14:00:00+09:00",
            // Slots for everyone (about 1,100 of capacity 1): a run that fills every slot before the kill has nothing
            // left to book after the restart.
            ["Booking:HorizonWeeks"] = "40",
        };
        using var first = new BotApp(Settings());
        using var second = new BotApp(Settings());
        var endpoints = new[] { first, second }.Select(app => new SoakEndpoint(app.CreateClient(), new Uri("/api/messages", UriKind.Relative))).ToList();
        var script = SoakScript.Load(Path.Combine(Repository.Root, "bench", "scripts", "soak.json"));
        // Twelve people booking at once on two instances, each slot of capacity 1: every confirm races someone.
        var driver = new SoakDriver(endpoints, script, new SoakOptions { BookingUsers = 12, FaqUsers = 2, KeepEvery = 1, Think = TimeSpan.FromMilliseconds(40) });
        using var stop = new CancellationTokenSource();
        var load = driver.RunAsync(stop.Token);

        // Eight bookings confirmed longer ago than everysec may hold writes back, so there is something to judge.
        static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await Until(() => driver.Bookings.Count(b => b.ConfirmedMs < Now() - (long)EverysecWindow.TotalMilliseconds - 500) >= 8,
            TimeSpan.FromMinutes(2), "8 bookings before the kill", load);
        var beforeKill = driver.Bookings.Select(b => b.Id).ToList();
        var killedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await redis.KillAsync();
        // The bot noticed: turns answered without state while Redis is gone.
        await Until(() => driver.Turns.Any(t => t.StartMs >= killedAt && t.Outcome == SoakOutcome.Unavailable), TimeSpan.FromSeconds(30), "an unavailable reply during the outage", load);
        await redis.RestartAsync();
        var restartedWith = driver.Confirmed;
        await Until(() => driver.Confirmed >= restartedWith + 8, TimeSpan.FromMinutes(2), "8 bookings after the restart", load);

        await stop.CancelAsync();
        await load;

        await using var store = new RedisStore(redis.ConnectionString, new StorageOptions { KeyPrefix = prefix });
        var ledger = (await store.ListAsync(DateTimeOffset.Parse("2026-11-01T00:00:00+09:00"), DateTimeOffset.Parse("2028-01-01T00:00:00+09:00")))
            .Select(b => new LedgerEntry(b.Id, b.Slot, b.Status == BookingStatus.Confirmed)).ToList();
        // Under everysec, bookings confirmed in the last moments before the kill may be gone (see the summary): judged
        // are the ones told before that; the others are counted in the output.
        var judged = fsync == "always" ? driver.Bookings : driver.Bookings.Where(b => b.ConfirmedMs < killedAt - (long)EverysecWindow.TotalMilliseconds).ToList();
        var verdict = SoakVerdict.Of(judged, ledger, capacity: 1, driver.NumbersToldTwice);
        var recentLost = SoakVerdict.Of(driver.Bookings.Except(judged), ledger, capacity: 1, 0).Lost;

        var turns = driver.Turns;
        output.WriteLine($"confirmed {driver.Bookings.Count} (before the kill {beforeKill.Count}), in the ledger {ledger.Count(e => e.Confirmed)}, " +
            $"turns {turns.Count}: unavailable {turns.Count(t => t.Outcome == SoakOutcome.Unavailable)}, busy {turns.Count(t => t.Outcome == SoakOutcome.Busy)}, " +
            $"no reply {turns.Count(t => t.Outcome == SoakOutcome.NoReply)}; appendfsync {fsync}: lost {verdict.Lost} of {judged.Count} judged, " +
            $"{recentLost} of the {driver.Bookings.Count - judged.Count} confirmed in the last {EverysecWindow.TotalSeconds:F0} s before the kill; overbooked slots {verdict.OverbookedSlots}");
        Assert.True(judged.Count >= 8, $"only {judged.Count} bookings to judge");
        Assert.True(verdict.Lost == 0, $"confirmed bookings lost: {string.Join(", ", verdict.LostIds)}");
        Assert.Equal(0, verdict.OverbookedSlots);
        Assert.Equal(0, verdict.NumbersToldTwice);
        Assert.True(verdict.Passed);
    }

    /// <summary>Waits for a condition, looking every 50 ms; fails with <paramref name="what"/> after <paramref name="limit"/>.</summary>
    private static async Task Until(Func<bool> condition, TimeSpan limit, string what, Task load)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (load.IsFaulted) await load;
            Assert.True(watch.Elapsed < limit, $"timed out after {limit.TotalSeconds:F0} s waiting for {what}");
            await Task.Delay(50);
        }
    }

    /// <summary>A redis-server of this test's own, with AOF, on a free loopback port and a temporary data directory.</summary>
    private sealed class OwnRedis(string fsync) : IAsyncDisposable
    {
        private readonly string _dir = Directory.CreateTempSubdirectory("supportbot-aof-").FullName;
        private readonly int _port = FreePort();
        private Process? _process;

        public string ConnectionString => $"127.0.0.1:{_port}";

        public static async Task<OwnRedis> StartAsync(string fsync)
        {
            var redis = new OwnRedis(fsync);
            await redis.RestartAsync();
            return redis;
        }

        /// <summary>Starts redis-server on the same port and directory (it replays the AOF there) and waits until it answers PING.</summary>
        public async Task RestartAsync()
        {
            var info = new ProcessStartInfo("redis-server")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[]
            {
                "--port", _port.ToString(), "--bind", "127.0.0.1", "--dir", _dir, "--save", "",
                "--appendonly", "yes", "--appendfsync", fsync, "--logfile", Path.Combine(_dir, "redis.log"),
            })
                info.ArgumentList.Add(arg);
            _process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start (apt-get install redis-server)");
            _process.OutputDataReceived += (_, _) => { };
            _process.ErrorDataReceived += (_, _) => { };
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
            var watch = Stopwatch.StartNew();
            // PING answers -LOADING while the AOF is replayed: ready means +PONG.
            while (!await PongAsync())
            {
                if (_process.HasExited) throw new InvalidOperationException($"redis-server exited: {File.ReadAllText(Path.Combine(_dir, "redis.log"))}");
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "redis-server did not answer PING within 30 s");
                await Task.Delay(20);
            }
        }

        /// <summary>SIGKILL: no shutdown, no final fsync, as when the process is killed or crashes.</summary>
        public async Task KillAsync()
        {
            _process!.Kill();
            await _process.WaitForExitAsync();
        }

        private async Task<bool> PongAsync()
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, _port);
                var stream = client.GetStream();
                await stream.WriteAsync("PING\r\n"u8.ToArray());
                var buffer = new byte[64];
                var read = await stream.ReadAsync(buffer);
                return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
            }
            catch (SocketException) { return false; }
            catch (IOException) { return false; }
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        public async ValueTask DisposeAsync()
        {
            if (_process is { HasExited: false }) await KillAsync();
            _process?.Dispose();
            try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
        }
    }
}
