using SupportBot.Engine.State.Memory;
using Microsoft.Extensions.Time.Testing;

namespace SupportBot.Storage.Tests;

public sealed class MemoryStoreTests : StoreContractTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.FromHours(9)));

    protected override Store Create(string prefix)
    {
        // The memory store has no prefix: one instance is one isolated namespace.
        var store = new MemoryStore(_clock);
        return new Store(store, store, store, store, store);
    }

    protected override Store CreateSecond(Store first, string prefix) => first; // one process, one store

    protected override Task ExpireAsync(Store store, string prefix, string key)
    {
        // Moving the clock just past the key's lifetime is exactly what expiry means for this store.
        _clock.Advance((key.StartsWith("lease:", StringComparison.Ordinal) ? Lease : Keep) + TimeSpan.FromMilliseconds(1));
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Sweep_removes_expired_entries_and_keeps_live_ones()
    {
        var store = new MemoryStore(_clock);
        await store.TryClaimAsync("short", TimeSpan.FromMinutes(1));
        await store.TryClaimAsync("long", TimeSpan.FromHours(2));
        await store.AppendAsync("d1", ["a"], TimeSpan.FromMinutes(1));
        var lease = await store.TryBeginAsync("c1", TimeSpan.FromSeconds(30));
        await store.CommitAsync(lease!, "\"s\"", TimeSpan.FromMinutes(1));
        await store.TryBeginAsync("c2", TimeSpan.FromSeconds(30));

        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(4, store.SweepExpired()); // short claim, transcript, c1 state, c2 lease
        Assert.Equal(0, store.SweepExpired());
        Assert.False(await store.TryClaimAsync("long", TimeSpan.FromHours(2)));
    }

    [Fact]
    public async Task Calls_sweep_on_their_own_once_per_interval()
    {
        var store = new MemoryStore(_clock);
        await store.TryClaimAsync("a", TimeSpan.FromSeconds(10));
        await store.TryClaimAsync("b", TimeSpan.FromSeconds(10));

        _clock.Advance(TimeSpan.FromSeconds(11));
        await store.TryClaimAsync("c", TimeSpan.FromHours(1)); // not due yet: the first call swept at start
        Assert.Equal(2, store.SweepExpired());

        await store.TryClaimAsync("d", TimeSpan.FromSeconds(10));
        _clock.Advance(MemoryStore.SweepEvery);
        await store.TryClaimAsync("e", TimeSpan.FromHours(1)); // due: sweeps "d" away
        Assert.Equal(0, store.SweepExpired());
        Assert.True(await store.TryClaimAsync("d", TimeSpan.FromSeconds(10)));
    }
}
