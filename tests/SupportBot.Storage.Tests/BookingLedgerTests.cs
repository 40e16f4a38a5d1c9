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
    public async Task A_booking_whose_pointer_lags_a_move_within_the_day_is_still_found_cancelled_and_deleted()
    {
        var prefix = NewPrefix();
        var store = (RedisStore)Create(prefix).Bookings;
        await store.ConfirmAsync(new NewBooking("k", "A", Slot(3, 10), "u1", "{}"), new SlotLimits(1), Now, Keep);
        await store.ChangeAsync("A", Slot(3, 13), new SlotLimits(1), Now, Keep);
        // As if the pointer's update after the move had been lost: it still names the old slot of that day.
        await redis.Db.StringSetAsync(prefix + "bk:id:A", "2026-12-03T10:00");
        Assert.Equal("2026-12-03T13:00", (await store.GetAsync("A"))!.Slot);
        Assert.Equal(BookOutcome.Booked, (await store.CancelAsync("A", Now)).Outcome);
        Assert.Equal(0, (await store.TakenAsync(["2026-12-03T13:00"], null, Now))["2026-12-03T13:00"]);
        Assert.True(await store.DeleteAsync("A"));
        Assert.Null(await store.GetAsync("A"));
    }

    [Fact]
    public async Task A_confirm_retried_with_the_same_id_after_it_booked_returns_the_same_booking_and_keeps_its_indexes()
    {
        var prefix = NewPrefix();
        var store = (RedisStore)Create(prefix).Bookings;
        var request = new NewBooking("k", "A", Slot(3, 10), "u1", "{}");
        Assert.Equal(BookOutcome.Booked, (await store.ConfirmAsync(request, new SlotLimits(1), Now, Keep)).Outcome);
        var again = await store.ConfirmAsync(request, new SlotLimits(1), Now, Keep);
        Assert.Equal((BookOutcome.Duplicate, "A"), (again.Outcome, again.Booking!.Id));
        Assert.Equal(["A"], (await store.ListByUserAsync("u1")).Select(b => b.Id));
        Assert.Equal(["A"], (await store.ListAsync(Slot(3, 0).Start, Slot(3, 23).Start)).Select(b => b.Id));
        // A full slot takes back what the refused attempt wrote to the indexes.
        Assert.Equal(BookOutcome.Full, (await store.ConfirmAsync(new NewBooking("k2", "B", Slot(3, 10), "u2", "{}"), new SlotLimits(1), Now, Keep)).Outcome);
        Assert.False(await redis.Db.KeyExistsAsync(prefix + "bk:id:B"));
        Assert.Null(await redis.Db.SortedSetScoreAsync(prefix + "bk:all", "B"));
        Assert.Null(await redis.Db.SortedSetScoreAsync(prefix + "bk:user:u2", "B"));
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
