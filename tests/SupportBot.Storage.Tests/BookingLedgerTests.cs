using SupportBot.Engine.State;
using SupportBot.Engine.State.Memory;
using SupportBot.Storage.Redis;
using Microsoft.Extensions.Time.Testing;

namespace SupportBot.Storage.Tests;

public sealed class MemoryBookingLedgerTests : BookingLedgerContractTests
{
    private readonly FakeTimeProvider _clock = new(Now);

    protected override Ledger Create(string prefix)
    {
        var ledger = new MemoryBookingLedger(_clock);
        return new Ledger(ledger, ledger);
    }

    protected override Ledger CreateSecond(Ledger first, string prefix) => first; // one process, one store

    [Fact]
    public async Task Bookings_disappear_after_the_appointment_plus_retention()
    {
        var ledger = new MemoryBookingLedger(_clock);
        var slot = Slot(3, 10);
        await ledger.ConfirmAsync(new NewBooking("k", "A", slot, "u1", "{}"), new SlotLimits(1), Now, Keep);
        _clock.Advance(slot.Start + Keep - Now - TimeSpan.FromMinutes(1));
        Assert.NotNull(await ledger.GetAsync("A"));
        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(await ledger.GetAsync("A"));
        Assert.Empty(await ledger.ListByUserAsync("u1"));
    }
}

/// <summary>The booking ledger contract on one redis-server.</summary>
public sealed class RedisBookingLedgerTests(RedisFixture redis) : RedisBookingLedgerTestsBase(redis), IClassFixture<RedisFixture>;

/// <summary>The same on a three-master Redis Cluster.</summary>
[Collection(RedisClusterCollection.Name)]
public sealed class RedisClusterBookingLedgerTests(RedisClusterFixture redis) : RedisBookingLedgerTestsBase(redis);

public abstract class RedisBookingLedgerTestsBase(RedisFixtureBase redis) : BookingLedgerContractTests, IAsyncLifetime
{
    private readonly List<RedisStore> _opened = [];

    protected override Ledger Create(string prefix)
    {
        var store = new RedisStore(redis.ConnectionString, new StorageOptions { KeyPrefix = prefix });
        lock (_opened) _opened.Add(store);
        return new Ledger(store, store);
    }

    // Its own RedisStore, its own multiplexer: a second app instance on the same Redis.
    protected override Ledger CreateSecond(Ledger first, string prefix) => Create(prefix);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _opened) await store.DisposeAsync();
    }

    [Fact]
    public async Task Keys_follow_the_documented_scheme_and_expire_after_the_appointment_plus_retention()
    {
        var prefix = NewPrefix();
        var store = (RedisStore)Create(prefix).Bookings;
        var slot = Slot(3, 10);
        await store.HoldAsync(slot, "u1", new SlotLimits(1), Now, Hold);
        var day = prefix + "{bk:2026-12-03}:";
        Assert.Equal(day + "hold:2026-12-03T10:00", (string?)await redis.Db.StringGetAsync(prefix + "bk:held:u1"));
        Assert.InRange((await redis.Db.KeyTimeToLiveAsync(day + "hold:2026-12-03T10:00"))!.Value, TimeSpan.FromMinutes(4), Hold);

        await store.ConfirmAsync(new NewBooking("idem-1", "A", slot, "u1", "{\"nickname\":\"さくら\"}"), new SlotLimits(1), Now, Keep);
        var expected = slot.Start + Keep - Now;
        foreach (var key in new[] { day + "b:A", day + "slot:2026-12-03T10:00", day + "idem:idem-1", prefix + "bk:user:u1", prefix + "bk:id:A" })
            Assert.InRange((await redis.Db.KeyTimeToLiveAsync(key))!.Value, expected - TimeSpan.FromMinutes(1), expected);
        Assert.Equal("{\"nickname\":\"さくら\"}", (string?)await redis.Db.HashGetAsync(day + "b:A", "data"));
        Assert.Equal("confirmed", (string?)await redis.Db.HashGetAsync(day + "b:A", "status"));
        Assert.Equal("2026-12-03T10:00", (string?)await redis.Db.StringGetAsync(prefix + "bk:id:A"));
        Assert.Equal(0, await redis.Db.SortedSetLengthAsync(day + "hold:2026-12-03T10:00"));
        Assert.True(await redis.Db.SetContainsAsync(day + "day", "A"));
        Assert.NotNull(await redis.Db.SortedSetScoreAsync(prefix + "bk:all", "A"));

        // When the booking itself has expired, the lists forget it.
        await redis.Db.KeyDeleteAsync(day + "b:A");
        Assert.Empty(await store.ListByUserAsync("u1"));
        Assert.Empty(await store.ListAsync(Slot(1, 0).Start, Slot(28, 0).Start));
        Assert.Null(await store.GetAsync("A"));
    }
}
