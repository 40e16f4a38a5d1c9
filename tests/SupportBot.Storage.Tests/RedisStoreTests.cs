using Microsoft.Extensions.DependencyInjection;
using SupportBot.Engine.State;
using SupportBot.Storage.Redis;
using StackExchange.Redis;

namespace SupportBot.Storage.Tests;

public sealed class RedisStoreTests(RedisFixture redis) : StoreContractTests, IClassFixture<RedisFixture>, IAsyncLifetime
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
        var fullKey = prefix + key;
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
        var leaseTtl = await redis.Db.KeyTimeToLiveAsync(prefix + "lease:line:U1");
        Assert.InRange(leaseTtl!.Value, TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(30));
        Assert.Equal(lease!.Token, (string?)await redis.Db.StringGetAsync(prefix + "lease:line:U1"));

        await store.CommitAsync(lease, "{\"a\":1}", TimeSpan.FromHours(24));
        Assert.False(await redis.Db.KeyExistsAsync(prefix + "lease:line:U1"));
        var conv = prefix + "conv:line:U1";
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
        Assert.Equal("di:conv:x", store.ConversationKey("x"));
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
