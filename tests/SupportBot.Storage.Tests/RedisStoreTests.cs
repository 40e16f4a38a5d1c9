using Microsoft.Extensions.DependencyInjection;
using SupportBot.Engine.State;
using SupportBot.Storage.Redis;
using StackExchange.Redis;

namespace SupportBot.Storage.Tests;

/// <summary>The store contract and the Redis-only checks on one redis-server.</summary>
public sealed class RedisStoreTests(RedisFixture redis) : RedisStoreTestsBase(redis), IClassFixture<RedisFixture>;

/// <summary>The same on a three-master Redis Cluster.</summary>
[Collection(RedisClusterCollection.Name)]
public sealed class RedisClusterStoreTests(RedisClusterFixture redis) : RedisStoreTestsBase(redis);

public abstract class RedisStoreTestsBase(RedisFixtureBase redis) : StoreContractTests, IAsyncLifetime
{
    private readonly List<RedisStore> _opened = [];

    protected override Store Create(string prefix)
    {
        var store = Open(prefix);
        return new Store(store, store, store, store, store);
    }

    // A separate RedisStore has its own multiplexer: two bot instances sharing one Redis.
    protected override Store CreateSecond(Store first, string prefix) => Create(prefix);

    protected override async Task ExpireAsync(Store store, string prefix, string key)
    {
        // Let Redis expire the key itself (PEXPIRE 1 ms), then wait until Redis says it is gone.
        var redisStore = (RedisStore)store.Conversations;
        var (kind, name) = (key[..key.IndexOf(':')], key[(key.IndexOf(':') + 1)..]);
        var fullKey = kind switch
        {
            "lease" => redisStore.LeaseKey(name),
            "conv" => redisStore.ConversationKey(name),
            "dl" => redisStore.TranscriptKey(name),
            "once" => redisStore.OnceKey(name),
            _ => throw new ArgumentException($"Unknown key kind {kind}.", nameof(key)),
        };
        Assert.True(await redis.Db.KeyExpireAsync(fullKey, TimeSpan.FromMilliseconds(1)), $"{fullKey} should exist");
        var deadline = Environment.TickCount64 + 5000;
        while (await redis.Db.KeyExistsAsync(fullKey))
        {
            Assert.True(Environment.TickCount64 < deadline, $"{fullKey} did not expire");
            await Task.Yield();
        }
    }

    private RedisStore Open(string prefix)
    {
        var store = new RedisStore(redis.ConnectionString, new StorageOptions { KeyPrefix = prefix });
        lock (_opened) _opened.Add(store);
        return store;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _opened) await store.DisposeAsync();
    }

    [Fact]
    public async Task Keys_follow_the_documented_scheme_and_carry_their_lifetimes()
    {
        var prefix = NewPrefix();
        var store = Open(prefix);
        var lease = await store.TryBeginAsync("line:U1", TimeSpan.FromSeconds(30));
        var leaseTtl = await redis.Db.KeyTimeToLiveAsync(prefix + "{conv:line:U1}:lease");
        Assert.InRange(leaseTtl!.Value, TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(30));
        Assert.Equal(lease!.Token, (string?)await redis.Db.StringGetAsync(prefix + "{conv:line:U1}:lease"));

        await store.CommitAsync(lease, "{\"a\":1}", TimeSpan.FromHours(24));
        Assert.False(await redis.Db.KeyExistsAsync(prefix + "{conv:line:U1}:lease"));
        var conv = prefix + "{conv:line:U1}";
        Assert.Equal("1", (string?)await redis.Db.HashGetAsync(conv, "v"));
        Assert.Equal("{\"a\":1}", (string?)await redis.Db.HashGetAsync(conv, "s"));
        Assert.InRange((await redis.Db.KeyTimeToLiveAsync(conv))!.Value, TimeSpan.FromHours(23.9), TimeSpan.FromHours(24));

        await store.AppendAsync("dl-1", ["x"], TimeSpan.FromHours(2));
        Assert.Equal(RedisType.List, await redis.Db.KeyTypeAsync(prefix + "dl:dl-1"));
        Assert.InRange((await redis.Db.KeyTimeToLiveAsync(prefix + "dl:dl-1"))!.Value, TimeSpan.FromHours(1.9), TimeSpan.FromHours(2));

        await store.TryClaimAsync("evt", TimeSpan.FromMinutes(10));
        Assert.InRange((await redis.Db.KeyTimeToLiveAsync(prefix + "once:evt"))!.Value, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));

        var lease2 = await store.TryBeginAsync("line:U1", TimeSpan.FromSeconds(30));
        await store.CommitAsync(lease2!, null, TimeSpan.FromHours(24));
        Assert.False(await redis.Db.KeyExistsAsync(conv));
    }

    [Fact]
    public void Keys_that_one_script_touches_share_one_hash_slot()
    {
        var store = Open("sb:");
        int Slot(string key) => HashSlot(key);
        // A conversation's lease and state, whatever its key holds (braces included).
        foreach (var conversation in new[] { "line:U1", "webchat:abc{x}", "dl:}{", "" })
            Assert.Equal(Slot(store.ConversationKey(conversation)), Slot(store.LeaseKey(conversation)));
        // A day's slots, holds, per-day set and bookings.
        var day = new[] { store.SlotKey("2026-12-03T10:00"), store.HoldKey("2026-12-03T11:30"), store.DayKey("2026-12-03T09:00"),
            store.BookingRecordKey("2026-12-03T10:00", "R-ABC123"), store.DayTag("2026-12-03T10:00") + "idem:u1:2026-12-03T10:00" };
        Assert.Single(day.Select(Slot).Distinct());
        // A meeting's roster and waiting list.
        var roster = store.RosterKeysOf("peer|2026-12-03");
        Assert.Single(roster.Select(k => Slot(k!)).Distinct());
        // Different days and different conversations spread over the slots.
        Assert.True(Enumerable.Range(1, 28).Select(d => Slot(store.DayKey($"2026-12-{d:00}T10:00"))).Distinct().Count() > 20);
        Assert.True(Enumerable.Range(0, 50).Select(i => Slot(store.ConversationKey($"line:U{i}"))).Distinct().Count() > 40);
    }

    // Redis Cluster's key slot: CRC16 (XMODEM) of the hash tag (the first non-empty {…}) or of the whole key, mod 16384.
    internal static int HashSlot(string key)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(key);
        var open = Array.IndexOf(bytes, (byte)'{');
        if (open >= 0)
        {
            var close = Array.IndexOf(bytes, (byte)'}', open + 1);
            if (close > open + 1) bytes = bytes[(open + 1)..close];
        }
        ushort crc = 0;
        foreach (var b in bytes)
        {
            crc ^= (ushort)(b << 8);
            for (var i = 0; i < 8; i++) crc = (ushort)((crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1);
        }
        return crc % 16384;
    }

    [Theory]
    [InlineData("sb:{conv:line:U1}", 6087)]
    [InlineData("a{b}c", 3300)]
    [InlineData("a{}c{d}", 13210)]
    [InlineData("plain", 7143)]
    [InlineData("{bk:2026-12-03}:day", 85)]
    public async Task The_slot_function_of_these_tests_agrees_with_redis(string key, int slot)
    {
        // The numbers are what CLUSTER KEYSLOT answered; a cluster is asked again (a single server has no such command).
        Assert.Equal(slot, HashSlot(key));
        if (redis is RedisClusterFixture)
            Assert.Equal(slot, (long)(await redis.Admin.GetServer(redis.Admin.GetEndPoints()[0]).ExecuteAsync("CLUSTER", "KEYSLOT", key)));
    }

    [Fact]
    public async Task Scripts_run_by_sha_and_reload_themselves_after_a_script_flush()
    {
        var store = Open(NewPrefix());
        Assert.NotNull(await store.TryBeginAsync("c1", TimeSpan.FromSeconds(30)));
        foreach (var endpoint in redis.Admin.GetEndPoints())
        {
            var server = redis.Admin.GetServer(endpoint);
            if (!server.IsReplica) await server.ScriptFlushAsync();
        }
        // Every node forgot every script: the next EVALSHA answers NOSCRIPT and the store sends the text once.
        Assert.NotNull(await store.TryBeginAsync("c2", TimeSpan.FromSeconds(30)));
        foreach (var endpoint in redis.Admin.GetEndPoints())
        {
            var server = redis.Admin.GetServer(endpoint);
            if (server.IsReplica) continue;
            var sha = Convert.ToHexStringLower(RedisStore.BeginScript.Sha1);
            var exists = (RedisResult[])(await server.ExecuteAsync("SCRIPT", "EXISTS", sha))!;
            if ((long)exists[0] == 1) return;
        }
        Assert.Fail("The begin script was not loaded again on any node.");
    }

    [Fact]
    public async Task After_the_warm_up_the_first_turn_is_two_commands()
    {
        var store = Open(NewPrefix());
        await store.WarmUpAsync();
        // Connected, and every primary knows every script: no NOSCRIPT, no EVAL on the first turn.
        var before = store.OperationCount;
        var lease = await store.TryBeginAsync("line:U1", TimeSpan.FromSeconds(30));
        Assert.True(await store.CommitAsync(lease!, "{}", TimeSpan.FromHours(1)));
        Assert.Equal(2, store.OperationCount - before);
    }

    [Fact]
    public async Task A_turn_is_two_commands_one_round_trip_each()
    {
        var store = Open(NewPrefix());
        // The first turn connects and may load the scripts on the conversation's node (NOSCRIPT, then EVAL).
        var first = await store.TryBeginAsync("line:U1", TimeSpan.FromSeconds(30));
        await store.CommitAsync(first!, "{\"turns\":1}", TimeSpan.FromHours(1));

        var before = store.OperationCount;
        for (var i = 0; i < 10; i++)
        {
            var lease = await store.TryBeginAsync("line:U1", TimeSpan.FromSeconds(30));
            Assert.True(await store.CommitAsync(lease!, $"{{\"turns\":{i + 2}}}", TimeSpan.FromHours(1)));
        }
        Assert.Equal(20, store.OperationCount - before);
    }

    [Fact]
    public async Task A_short_lease_expires_on_the_server()
    {
        var store = Open(NewPrefix());
        Assert.NotNull(await store.TryBeginAsync("c1", TimeSpan.FromMilliseconds(200)));
        Assert.Null(await store.TryBeginAsync("c1", TimeSpan.FromSeconds(30)));
        var deadline = Environment.TickCount64 + 5000;
        TurnLease? next;
        // Polls Redis (not a fixed sleep): Redis's own clock decides when the 200 ms are over.
        while ((next = await store.TryBeginAsync("c1", TimeSpan.FromSeconds(30))) is null)
        {
            Assert.True(Environment.TickCount64 < deadline, "the 200 ms lease never expired");
            await Task.Delay(10);
        }
        Assert.Equal(0, next.Version);
    }

    [Fact]
    public async Task Ping_answers()
    {
        var store = Open(NewPrefix());
        Assert.True(await store.PingAsync() < TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task An_unreachable_redis_fails_fast_with_an_exception_instead_of_hanging()
    {
        // Port 1 on loopback: nothing listens, the connection is refused.
        await using var store = new RedisStore("127.0.0.1:1,connectTimeout=500", new StorageOptions());
        var started = Environment.TickCount64;
        await Assert.ThrowsAnyAsync<Exception>(() => store.TryBeginAsync("c1", TimeSpan.FromSeconds(30)));
        await Assert.ThrowsAnyAsync<Exception>(() => store.PingAsync());
        await Assert.ThrowsAnyAsync<Exception>(() => store.TryClaimAsync("k", TimeSpan.FromSeconds(30)));
        Assert.InRange(Environment.TickCount64 - started, 0, 8000);
    }

    [Fact]
    public void The_extension_registers_one_store_as_all_three_contracts()
    {
        var services = new ServiceCollection();
        services.Configure<StorageOptions>(o => o.KeyPrefix = "di:");
        services.AddSupportBotRedis(redis.ConnectionString);
        using var provider = services.BuildServiceProvider();

        var store = provider.GetRequiredService<RedisStore>();
        Assert.Same(store, provider.GetRequiredService<IConversationStore>());
        Assert.Same(store, provider.GetRequiredService<ITranscriptStore>());
        Assert.Same(store, provider.GetRequiredService<IOnceStore>());
        Assert.Equal("di:{conv:x}", store.ConversationKey("x"));
    }

    [Fact]
    public async Task The_health_check_reports_healthy_and_unhealthy()
    {
        var healthy = new RedisHealthCheck(Open(NewPrefix()));
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy,
            (await healthy.CheckHealthAsync(new())).Status);

        await using var down = new RedisStore("127.0.0.1:1,connectTimeout=500", new StorageOptions());
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy,
            (await new RedisHealthCheck(down).CheckHealthAsync(new())).Status);
    }

    [Fact]
    public void A_malformed_connection_string_fails_at_registration()
    {
        Assert.ThrowsAny<ArgumentException>(() => new ServiceCollection().AddSupportBotRedis(" "));
    }
}
