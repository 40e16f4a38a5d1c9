using SupportBot.Engine.State;
using SupportBot.Engine.State.Memory;
using SupportBot.Storage.Redis;

namespace SupportBot.Storage.Tests;

/// <summary>
/// The staff account store and the signal bus, run against memory and Redis. Every test uses its own prefix
/// (Redis) or store (memory), so they share one Redis and run in any order.
/// </summary>
public abstract class StaffStoreContractTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.FromHours(9));

    protected sealed record Stores(IStaffAccountStore Accounts, ISignalBus Signals, IHandoffStore Handoffs);

    protected abstract Stores Create(string prefix);

    /// <summary>A second store on the same data (Redis: its own connection, like a second instance).</summary>
    protected abstract Stores CreateSecond(Stores first, string prefix);

    protected static string NewPrefix() => "test:" + Guid.NewGuid().ToString("N")[..12] + ":";

    private static StaffAccount Account(string name, StaffRole role = StaffRole.Staff) =>
        new(name, "表示名 " + name, role, "AQAAAAIAAYag-hash-" + name, false, 0, null, "stamp-1", Now);

    [Fact]
    public async Task An_account_reads_back_as_written_and_a_taken_name_is_refused()
    {
        var accounts = Create(NewPrefix()).Accounts;
        Assert.Null(await accounts.GetAsync("sato"));
        Assert.True(await accounts.CreateAsync(Account("sato", StaffRole.Admin)));
        Assert.False(await accounts.CreateAsync(Account("sato") with { PasswordHash = "other" }));
        var read = await accounts.GetAsync("sato");
        Assert.Equal(Account("sato", StaffRole.Admin), read);
        Assert.True(await accounts.CreateAsync(Account("abe")));
        Assert.Equal(["abe", "sato"], (await accounts.ListAsync()).Select(a => a.UserName));
    }

    [Fact]
    public async Task Update_writes_everything_but_the_failure_count_and_refuses_an_unknown_account()
    {
        var accounts = Create(NewPrefix()).Accounts;
        await accounts.CreateAsync(Account("sato"));
        Assert.Equal(1, await accounts.AddFailedLoginAsync("sato"));
        var locked = Account("sato") with { Disabled = true, LockedUntil = Now.AddMinutes(15), Stamp = "stamp-2", PasswordHash = "new", Role = StaffRole.Admin, FailedLogins = 99 };
        Assert.True(await accounts.UpdateAsync(locked));
        Assert.Equal(locked with { FailedLogins = 1 }, await accounts.GetAsync("sato"));
        Assert.True(await accounts.UpdateAsync(locked with { LockedUntil = null }));
        Assert.Null((await accounts.GetAsync("sato"))!.LockedUntil);
        Assert.False(await accounts.UpdateAsync(Account("nobody")));
        Assert.Null(await accounts.GetAsync("nobody"));
    }

    [Fact]
    public async Task Failed_sign_ins_are_counted_atomically_from_two_instances_and_cleared()
    {
        var prefix = NewPrefix();
        var first = Create(prefix);
        var second = CreateSecond(first, prefix);
        await first.Accounts.CreateAsync(Account("sato"));
        var counts = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? first : second).Accounts.AddFailedLoginAsync("sato")));
        Assert.Equal(Enumerable.Range(1, 40), counts.Order());
        Assert.Equal(40, (await second.Accounts.GetAsync("sato"))!.FailedLogins);
        await second.Accounts.ClearFailedLoginsAsync("sato");
        Assert.Equal(0, (await first.Accounts.GetAsync("sato"))!.FailedLogins);
        Assert.Equal(0, await first.Accounts.AddFailedLoginAsync("nobody"));
        await first.Accounts.ClearFailedLoginsAsync("nobody");
        Assert.Null(await first.Accounts.GetAsync("nobody"));
        Assert.DoesNotContain(await first.Accounts.ListAsync(), a => a.UserName == "nobody");
    }

    [Fact]
    public async Task A_signal_reaches_every_subscriber_of_its_topic_on_every_instance_until_it_unsubscribes()
    {
        var prefix = NewPrefix();
        var first = Create(prefix);
        var second = CreateSecond(first, prefix);
        var heardHere = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var heardThere = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var other = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await using (await first.Signals.SubscribeAsync("closures", m => { heardHere.Enqueue(m); return Task.CompletedTask; }))
        {
            var there = await second.Signals.SubscribeAsync("closures", m => { heardThere.Enqueue(m); return Task.CompletedTask; });
            await using var unrelated = await second.Signals.SubscribeAsync("handoff", m => { other.Enqueue(m); return Task.CompletedTask; });
            await first.Signals.PublishAsync("closures", "changed-1");
            await Eventually(() => heardHere.Count == 1 && heardThere.Count == 1);
            Assert.Equal(["changed-1"], heardHere);
            Assert.Equal(["changed-1"], heardThere);
            Assert.Empty(other);

            await there.DisposeAsync();
            await second.Signals.PublishAsync("closures", "changed-2");
            await Eventually(() => heardHere.Count == 2);
            await Task.Delay(200);
            Assert.Equal(["changed-1"], heardThere);
        }
        await first.Signals.PublishAsync("closures", "changed-3");
        await Task.Delay(200);
        Assert.Equal(["changed-1", "changed-2"], heardHere);
    }

    private static Handoff Waiting(string key, int minute) =>
        new(key, "directline", key[(key.IndexOf(':') + 1)..], "u-" + key, null, "ja-JP", HandoffStatus.Waiting, Now.AddMinutes(minute));

    [Fact]
    public async Task A_hand_off_opens_once_is_taken_by_one_of_two_racing_instances_and_closing_deletes_its_transcript()
    {
        var prefix = NewPrefix();
        var first = Create(prefix);
        var second = CreateSecond(first, prefix);
        Assert.True(await first.Handoffs.OpenAsync(Waiting("directline:c2", 2), TimeSpan.FromHours(1)));
        Assert.True(await first.Handoffs.OpenAsync(Waiting("directline:c1", 1), TimeSpan.FromHours(1)));
        Assert.False(await second.Handoffs.OpenAsync(Waiting("directline:c1", 3), TimeSpan.FromHours(1)));
        Assert.Equal(["directline:c1", "directline:c2"], (await second.Handoffs.ListOpenAsync()).Select(h => h.Key));
        Assert.Equal(Waiting("directline:c1", 1), await second.Handoffs.GetHandoffAsync("directline:c1"));

        Assert.True(await first.Handoffs.AppendLineAsync("directline:c1", "{\"from\":\"resident\"}"));
        Assert.False(await first.Handoffs.AppendLineAsync("directline:none", "{}"));
        var takes = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            (i % 2 == 0 ? first : second).Handoffs.TakeAsync("directline:c1", "staff" + i, "名前" + i, Now.AddMinutes(5))));
        var winner = Assert.Single(takes, t => t is not null)!;
        Assert.Equal(HandoffStatus.Active, winner.Status);
        Assert.Equal(winner, await first.Handoffs.GetHandoffAsync("directline:c1"));
        Assert.Equal(Now.AddMinutes(5), winner.Taken);
        Assert.Null(await first.Handoffs.MoveAsync("directline:c1", HandoffStatus.Waiting, HandoffStatus.Unanswered));
        await second.Handoffs.MarkCrisisAsync("directline:c1");
        Assert.True((await first.Handoffs.GetHandoffAsync("directline:c1"))!.Crisis);
        Assert.True(await second.Handoffs.AppendLineAsync("directline:c1", "{\"from\":\"staff\"}"));
        Assert.Equal(["{\"from\":\"resident\"}", "{\"from\":\"staff\"}"], await first.Handoffs.LinesAsync("directline:c1"));

        var closed = await second.Handoffs.CloseAsync("directline:c1");
        Assert.Equal(winner with { Crisis = true }, closed);
        Assert.Null(await first.Handoffs.CloseAsync("directline:c1"));
        Assert.Null(await first.Handoffs.GetHandoffAsync("directline:c1"));
        Assert.Empty(await first.Handoffs.LinesAsync("directline:c1"));
        Assert.Equal(["directline:c2"], (await first.Handoffs.ListOpenAsync()).Select(h => h.Key));

        var unanswered = await first.Handoffs.MoveAsync("directline:c2", HandoffStatus.Waiting, HandoffStatus.Unanswered);
        Assert.Equal(HandoffStatus.Unanswered, unanswered!.Status);
        Assert.Null(await second.Handoffs.TakeAsync("directline:c2", "late", "late", Now));
        // After the hand-off ends the conversation may ask again.
        Assert.NotNull(await first.Handoffs.CloseAsync("directline:c2"));
        Assert.True(await first.Handoffs.OpenAsync(Waiting("directline:c2", 9), TimeSpan.FromHours(1)));
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = Environment.TickCount64 + 5000;
        while (!condition())
        {
            Assert.True(Environment.TickCount64 < deadline, "the signal did not arrive within 5 s");
            await Task.Delay(10);
        }
    }
}

public sealed class MemoryStaffStoreTests : StaffStoreContractTests
{
    protected override Stores Create(string prefix)
    {
        var store = new MemoryStaffStore(TimeProvider.System);
        return new Stores(store, store, store);
    }

    protected override Stores CreateSecond(Stores first, string prefix) => first; // one process, one store
}

/// <summary>The staff store and the hand-off store on one redis-server.</summary>
public sealed class RedisStaffStoreTests(RedisFixture redis) : RedisStaffStoreTestsBase(redis), IClassFixture<RedisFixture>;

/// <summary>The same on the three-master Redis Cluster: every multi-key script stays in one slot, and the signals cross nodes.</summary>
[Collection(RedisClusterCollection.Name)]
public sealed class RedisClusterStaffStoreTests(RedisClusterFixture redis) : RedisStaffStoreTestsBase(redis);

public abstract class RedisStaffStoreTestsBase(RedisFixtureBase redis) : StaffStoreContractTests, IAsyncLifetime
{
    private readonly List<RedisStore> _opened = [];

    protected override Stores Create(string prefix)
    {
        var store = Open(prefix);
        return new Stores(store, store, store);
    }

    private RedisStore Open(string prefix)
    {
        var store = new RedisStore(redis.ConnectionString, new StorageOptions { KeyPrefix = prefix });
        lock (_opened) _opened.Add(store);
        return store;
    }

    // Its own RedisStore, its own multiplexer: a second app instance on the same Redis.
    protected override Stores CreateSecond(Stores first, string prefix) => Create(prefix);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _opened) await store.DisposeAsync();
    }

    [Fact]
    public async Task Keys_follow_the_documented_scheme_and_accounts_never_expire()
    {
        var prefix = NewPrefix();
        var store = Open(prefix);
        await ((IStaffAccountStore)store).CreateAsync(new StaffAccount("sato", "佐藤", StaffRole.Admin, "h", false, 0, null, "s", DateTimeOffset.UnixEpoch));
        Assert.Equal("Admin", (string?)await redis.Db.HashGetAsync(prefix + "{staff}:acct:sato", "role"));
        Assert.Null(await redis.Db.KeyTimeToLiveAsync(prefix + "{staff}:acct:sato"));
        Assert.True(await redis.Db.SetContainsAsync(prefix + "{staff}:accounts", "sato"));

        var key = "botframework/directline:c{1}";
        await store.OpenAsync(new Handoff(key, "directline", "c{1}", "u", null, "ja-JP", HandoffStatus.Waiting, DateTimeOffset.UnixEpoch), TimeSpan.FromHours(2));
        await store.AppendLineAsync(key, "{}");
        var record = prefix + "{ho:" + key + "}";
        Assert.Equal("Waiting", (string?)await redis.Db.HashGetAsync(record, "status"));
        Assert.InRange((await redis.Db.KeyTimeToLiveAsync(record))!.Value, TimeSpan.FromHours(1.9), TimeSpan.FromHours(2));
        Assert.InRange((await redis.Db.KeyTimeToLiveAsync(record + ":t"))!.Value, TimeSpan.FromHours(1.9), TimeSpan.FromHours(2));
        Assert.True(await redis.Db.SetContainsAsync(prefix + "{ho}:open", key));
        await store.CloseAsync(key);
        Assert.False(await redis.Db.KeyExistsAsync(record));
        Assert.False(await redis.Db.KeyExistsAsync(record + ":t"));
        Assert.False(await redis.Db.SetContainsAsync(prefix + "{ho}:open", key));
    }

    [Fact]
    public async Task Keys_that_one_script_touches_share_one_hash_slot_as_redis_computes_it()
    {
        var store = Open("sb:");
        async Task<int> Slot(string key) => redis is RedisClusterFixture
            ? (int)(long)await redis.Admin.GetServer(redis.Admin.GetEndPoints()[0]).ExecuteAsync("CLUSTER", "KEYSLOT", key)
            : RedisStoreTestsBase.HashSlot(key);
        // A hand-off's record and its transcript, whatever the conversation key holds (braces included).
        foreach (var key in new[] { "line:U1", "botframework/msteams:a:b", "webchat:abc{x}", "dl:}{", "" })
            Assert.Equal(await Slot(store.HandoffKey(key)), await Slot(store.HandoffLinesKey(key)));
        // An account and the set of names.
        foreach (var name in new[] { "sato", "a{b}", "" })
            Assert.Equal(await Slot(store.AccountsKey), await Slot(store.AccountKey(name)));
        // Hand-offs spread over the slots like their conversations.
        var slots = new HashSet<int>();
        for (var i = 0; i < 50; i++) slots.Add(await Slot(store.HandoffKey($"line:U{i}")));
        Assert.True(slots.Count > 40);
    }

    [Fact]
    public async Task A_queue_member_whose_record_went_with_a_crashed_close_is_dropped_by_the_next_list()
    {
        var prefix = NewPrefix();
        var store = Open(prefix);
        await store.OpenAsync(new Handoff("line:U1", "line", "U1", "U1", null, "ja-JP", HandoffStatus.Waiting, DateTimeOffset.UnixEpoch), TimeSpan.FromHours(1));
        await store.OpenAsync(new Handoff("line:U2", "line", "U2", "U2", null, "ja-JP", HandoffStatus.Waiting, DateTimeOffset.UnixEpoch.AddMinutes(1)), TimeSpan.FromHours(1));
        // As if an instance died between the close script and its SREM (or the record expired after 12 h).
        await redis.Db.KeyDeleteAsync(store.HandoffKey("line:U1"));
        Assert.Equal(["line:U2"], (await store.ListOpenAsync()).Select(h => h.Key));
        Assert.False(await redis.Db.SetContainsAsync(store.HandoffOpenKey, "line:U1"));
    }

    [Fact]
    public async Task Opening_closing_and_listing_race_from_two_instances_and_every_open_hand_off_stays_in_the_queue()
    {
        var prefix = NewPrefix();
        var first = Open(prefix);
        var second = Open(prefix);
        var keys = Enumerable.Range(0, 4).Select(i => "line:U" + i).ToArray();
        var random = new Random(7);
        var work = Enumerable.Range(0, 200).Select(i => (Store: i % 2 == 0 ? first : second, Key: keys[random.Next(keys.Length)], Op: random.Next(3))).ToList();
        await Task.WhenAll(work.Select(async w =>
        {
            switch (w.Op)
            {
                case 0: await w.Store.OpenAsync(new Handoff(w.Key, "line", w.Key, w.Key, null, "ja-JP", HandoffStatus.Waiting, DateTimeOffset.UnixEpoch), TimeSpan.FromHours(1)); break;
                case 1: await w.Store.CloseAsync(w.Key); break;
                default: await w.Store.ListOpenAsync(); break;
            }
        }));
        foreach (var key in keys)
            if (await redis.Db.KeyExistsAsync(first.HandoffKey(key)))
                Assert.True(await redis.Db.SetContainsAsync(first.HandoffOpenKey, key), key + " is open but not in the queue");
        Assert.Equal(
            (await Task.WhenAll(keys.Select(async k => (k, await redis.Db.KeyExistsAsync(first.HandoffKey(k)))))).Where(x => x.Item2).Select(x => x.k).Order(),
            (await second.ListOpenAsync()).Select(h => h.Key).Order());
    }
}
