using Xunit.Abstractions;
using System.Net;
using StackExchange.Redis;
using SupportBot.Engine.State;
using SupportBot.Storage.Redis;

namespace SupportBot.Storage.Tests;

/// <summary>
/// The cluster tests share one collection: these change the cluster (move a slot, fail over a master), so
/// nothing else on the cluster may run at the same time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RedisClusterCollection : ICollectionFixture<RedisClusterFixture>
{
    public const string Name = "redis-cluster";
}

/// <summary>
/// Bookings while the cluster changes under them: a day's hash slot moves to another master (resharding),
/// and a master fails over to its replica. People retry what failed (as they do when the bot apologises),
/// with the same idempotency key and id; afterwards every booking somebody was told about exists, each
/// exactly once, and no slot holds more than its capacity.
/// </summary>
[Collection(RedisClusterCollection.Name)]
public sealed class RedisClusterChangeTests(RedisClusterFixture cluster, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.FromHours(9));
    private readonly List<RedisStore> _opened = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _opened) await store.DisposeAsync();
        foreach (var admin in _admins) await admin.DisposeAsync();
    }

    private RedisStore Open(string prefix)
    {
        var store = new RedisStore(cluster.ConnectionString, new StorageOptions { KeyPrefix = prefix });
        _opened.Add(store);
        return store;
    }

    private static SlotRef Slot(int day, int hour) =>
        new($"2026-12-{day:00}T{hour:00}:00", new DateTimeOffset(2026, 12, day, hour, 0, 0, TimeSpan.FromHours(9)));

    [Fact]
    public async Task A_days_hash_slot_moves_to_another_master_during_bookings_and_no_booking_is_lost_or_doubled()
    {
        var prefix = "test:" + Guid.NewGuid().ToString("N")[..12] + ":";
        var stores = new[] { Open(prefix), Open(prefix) };
        var moving = stores[0].DayTag("2026-12-03T10:00");
        // Something in the slot before the move starts, so the move has keys to carry.
        Assert.Equal(BookOutcome.Booked, (await stores[0].ConfirmAsync(new NewBooking("seed", "SEED", Slot(3, 9), "seed", "{}"), new SlotLimits(1), Now, TimeSpan.FromDays(30))).Outcome);

        var load = RunBookingsAsync(stores, days: [3, 4], started: out var started);
        await started;
        var changeStarted = Environment.TickCount64;
        var moved = await MoveSlotAsync(HashSlotOf(moving));
        var changeEnded = Environment.TickCount64;
        var outcomes = await load;

        Assert.True(moved > 0, "the move carried no key");
        await AssertConsistentAsync(stores[1], outcomes, [3, 4], extra: 1);
        AssertDuring(outcomes, changeStarted, changeEnded, $"moved {moved} keys");
    }

    [Fact]
    public async Task A_master_fails_over_to_its_replica_during_bookings_and_no_booking_is_lost_or_doubled()
    {
        var prefix = "test:" + Guid.NewGuid().ToString("N")[..12] + ":";
        var stores = new[] { Open(prefix), Open(prefix) };
        var (replica, master) = await ReplicaAsync();
        // A day whose bookings live on the master that fails over.
        var day = Enumerable.Range(1, 28).First(d => master.Slots.Any(r => r.From <= HashSlotOf(stores[0].DayTag($"2026-12-{d:00}T10:00")) && HashSlotOf(stores[0].DayTag($"2026-12-{d:00}T10:00")) <= r.To));

        var load = RunBookingsAsync(stores, days: [day, day + 1], started: out var started);
        await started;
        // A manual failover (no FORCE): the master stops taking writes, the replica catches up and takes over.
        var changeStarted = Environment.TickCount64;
        await replica.ExecuteAsync("CLUSTER", "FAILOVER");
        var deadline = Environment.TickCount64 + 20_000;
        while ((string?)((RedisResult[])(await replica.ExecuteAsync("ROLE"))!)[0] != "master")
        {
            Assert.True(Environment.TickCount64 < deadline, "the replica did not take over");
            await Task.Delay(50);
        }
        var changeEnded = Environment.TickCount64;
        var outcomes = await load;
        await AssertConsistentAsync(stores[1], outcomes, [day, day + 1], extra: 0);
        AssertDuring(outcomes, changeStarted, changeEnded, $"failover of the master of day {day}");
    }

    // The change happened in the middle of the load: answers came before it began and after it ended.
    private void AssertDuring(List<(NewBooking Request, BookResult Result, long At, int Retries)> outcomes, long changeStarted, long changeEnded, string change)
    {
        output.WriteLine($"{change} in {changeEnded - changeStarted} ms; {outcomes.Count(o => o.At < changeStarted)} answers before, " +
            $"{outcomes.Count(o => o.At > changeEnded)} after, {outcomes.Sum(o => o.Retries)} retries");
        Assert.Contains(outcomes, o => o.At < changeStarted);
        Assert.Contains(outcomes, o => o.At > changeEnded);
    }

    // 240 people, two instances, 12 slots of one place on two days; each retries until the store answers.
    private static Task<List<(NewBooking Request, BookResult Result, long At, int Retries)>> RunBookingsAsync(RedisStore[] stores, int[] days, out Task started)
    {
        // "Started" once 40 people have their answer: the change then meets the remaining 200 in flight.
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var answered = 0;
        started = first.Task;
        var slots = days.SelectMany(d => Enumerable.Range(10, 6).Select(h => Slot(d, h))).ToList();
        var attempts = Enumerable.Range(0, 240).Select(async i =>
        {
            await Task.Delay(i * 8); // spread over about two seconds, so the change happens in the middle
            var store = stores[i % 2];
            var request = new NewBooking($"u{i}:{slots[i % slots.Count].Key}", $"R-{i:000000}", slots[i % slots.Count], $"u{i}", "{}");
            var deadline = Environment.TickCount64 + 30_000;
            var retries = 0;
            while (true)
            {
                try
                {
                    if (i % 3 == 0) await store.HoldAsync(request.Slot, request.User, new SlotLimits(1), Now, TimeSpan.FromMinutes(5));
                    var result = await store.ConfirmAsync(request, new SlotLimits(1), Now, TimeSpan.FromDays(30));
                    if (Interlocked.Increment(ref answered) == 40) first.TrySetResult();
                    return (request, result, Environment.TickCount64, retries);
                }
                catch (Exception) when (Environment.TickCount64 < deadline)
                {
                    // TRYAGAIN / MOVED during the move, a connection dropped at the failover: the person tries again.
                    retries++;
                    await Task.Delay(50);
                }
            }
        }).ToList();
        return Task.WhenAll(attempts).ContinueWith(t => t.Result.ToList(), TaskScheduler.Default);
    }

    private static async Task AssertConsistentAsync(RedisStore store, List<(NewBooking Request, BookResult Result, long At, int Retries)> outcomes, int[] days, int extra)
    {
        var told = outcomes.Where(o => o.Result.Outcome is BookOutcome.Booked or BookOutcome.Duplicate).ToList();
        // Everyone told "booked" has that booking, and it reads back as theirs in their slot.
        foreach (var (request, result, _, _) in told)
        {
            var booking = await store.GetAsync(result.Booking!.Id);
            Assert.NotNull(booking);
            Assert.Equal((request.Slot.Key, request.User, BookingStatus.Confirmed), (booking.Slot, booking.User, booking.Status));
            Assert.Single(await store.ListByUserAsync(request.User));
        }
        Assert.All(outcomes.Where(o => o.Result.Outcome is not (BookOutcome.Booked or BookOutcome.Duplicate)), o => Assert.Equal(BookOutcome.Full, o.Result.Outcome));
        // One booking per slot of one place: every slot was wanted by 20 people, so each is taken exactly once.
        var listed = await store.ListAsync(Slot(days.Min(), 0).Start, Slot(days.Max(), 23).Start);
        Assert.Equal(12 + extra, listed.Count);
        Assert.Equal(listed.Count, listed.Select(b => b.Id).Distinct().Count());
        Assert.Equal(12, told.Select(o => o.Result.Booking!.Id).Distinct().Count());
        var slotKeys = days.SelectMany(d => Enumerable.Range(10, 6).Select(h => Slot(d, h).Key)).ToList();
        var taken = await store.TakenAsync(slotKeys, null, Now.AddHours(1));
        Assert.All(slotKeys, k => Assert.Equal(1, taken[k]));
    }

    private int HashSlotOf(string key) => cluster.Admin.HashSlot(key);

    // Resharding by hand, as redis-cli --cluster reshard does: IMPORTING on the target, MIGRATING on the
    // source, MIGRATE the keys a few at a time (slowly, so bookings meet the half-moved slot), then
    // SETSLOT NODE everywhere. Returns how many keys moved.
    private async Task<int> MoveSlotAsync(int slot)
    {
        var nodes = Masters();
        var source = nodes.Single(n => n.Slots.Any(r => r.From <= slot && slot <= r.To));
        var target = nodes.First(n => n.NodeId != source.NodeId);
        var sourceServer = cluster.Admin.GetServer(source.EndPoint!);
        var targetServer = cluster.Admin.GetServer(target.EndPoint!);
        await targetServer.ExecuteAsync("CLUSTER", "SETSLOT", slot, "IMPORTING", source.NodeId);
        await sourceServer.ExecuteAsync("CLUSTER", "SETSLOT", slot, "MIGRATING", target.NodeId);
        var endpoint = (IPEndPoint)target.EndPoint!;
        var moved = 0;
        while (true)
        {
            var keys = (RedisResult[])(await sourceServer.ExecuteAsync("CLUSTER", "GETKEYSINSLOT", slot, 2))!;
            if (keys.Length == 0) break;
            object[] args = ["127.0.0.1", endpoint.Port, "", 0, 5000, "KEYS", .. keys.Select(k => (object)(string)k!)];
            await sourceServer.ExecuteAsync("MIGRATE", args);
            moved += keys.Length;
            await Task.Delay(30);
        }
        foreach (var node in nodes)
            await cluster.Admin.GetServer(node.EndPoint!).ExecuteAsync("CLUSTER", "SETSLOT", slot, "NODE", target.NodeId);
        return moved;
    }

    private List<ClusterNode> Masters()
    {
        var config = cluster.Admin.GetServers().First(s => s.IsConnected).ClusterConfiguration!;
        return config.Nodes.Where(n => !n.IsReplica && n.Slots.Count > 0).ToList();
    }

    // A replica in the cluster and its master: the one there is (after an earlier run), or else the spare node
    // (SUPPORTBOT_TEST_REDIS_CLUSTER_SPARE) joins and replicates the first master.
    private async Task<(IServer Replica, ClusterNode Master)> ReplicaAsync()
    {
        var config = cluster.Admin.GetServers().First(s => s.IsConnected).ClusterConfiguration!;
        var existing = config.Nodes.FirstOrDefault(n => n.IsReplica && n.Parent is { Slots.Count: > 0 });
        ClusterNode master;
        string replicaId;
        if (existing is not null)
        {
            (master, replicaId) = (existing.Parent!, existing.NodeId);
        }
        else
        {
            Assert.False(string.IsNullOrEmpty(cluster.Spare), "SUPPORTBOT_TEST_REDIS_CLUSTER_SPARE is not set: ./scripts/test.sh starts a spare node for this test.");
            master = Masters()[0];
            var masterEndpoint = (IPEndPoint)master.EndPoint!;
            var spareConnection = await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions { EndPoints = { cluster.Spare }, AllowAdmin = true, ConnectTimeout = 3000 });
            _admins.Add(spareConnection);
            var spare = spareConnection.GetServer(spareConnection.GetEndPoints()[0]);
            replicaId = (string)(await spare.ExecuteAsync("CLUSTER", "MYID"))!;
            await spare.ExecuteAsync("CLUSTER", "MEET", masterEndpoint.Address.ToString(), masterEndpoint.Port);
            var meetDeadline = Environment.TickCount64 + 20_000;
            while (true)
            {
                try
                {
                    await spare.ExecuteAsync("CLUSTER", "REPLICATE", master.NodeId);
                    break;
                }
                catch (RedisServerException) when (Environment.TickCount64 < meetDeadline)
                {
                    await Task.Delay(100); // "Unknown node" until the handshake is done
                }
            }
        }
        // Wait until the replica is in sync with its master, then hand back a connection to it.
        var replicaEndpoint = await WaitForReplicaAsync(cluster.Admin.GetServer(master.EndPoint!), master.NodeId, replicaId);
        var admin = await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions { EndPoints = { replicaEndpoint }, AllowAdmin = true, ConnectTimeout = 3000 });
        _admins.Add(admin);
        return (admin.GetServer(admin.GetEndPoints()[0]), master);
    }

    private readonly List<ConnectionMultiplexer> _admins = [];

    private static async Task<string> WaitForReplicaAsync(IServer master, string masterId, string replicaId)
    {
        var deadline = Environment.TickCount64 + 30_000;
        while (true)
        {
            var replicas = (RedisResult[])(await master.ExecuteAsync("CLUSTER", "REPLICAS", masterId))!;
            var line = replicas.Select(r => ((string)r!).Split(' ')).FirstOrDefault(l => l[0] == replicaId);
            var info = (string?)await master.ExecuteAsync("INFO", "replication") ?? "";
            if (line is not null && info.Contains("state=online", StringComparison.Ordinal))
                return line[1][..line[1].IndexOf('@')];
            Assert.True(Environment.TickCount64 < deadline, "the replica did not come in sync with its master");
            await Task.Delay(100);
        }
    }
}
