// Staff console accounts (IStaffAccountStore) and notices between instances (ISignalBus). Keys:
//
//   {prefix}{staff}:acct:<name>  hash { name, display, role, hash, disabled (0/1), failures, locked (unix ms or ''),
//                                stamp, created (unix ms) }; no expiry (accounts live until removed by hand)
//   {prefix}{staff}:accounts     set of account names
//   {prefix}sig:<topic>          a pub/sub channel (nothing stored): a hint to re-read the store
//
// Every account shares the hash tag {staff} with the set of names, because creating one writes both in one script
// (on a Redis Cluster a script's keys must share a slot). A center has a few dozen accounts at most, so one slot
// holds them all easily. Failed sign-ins are HINCRBY on the account's hash, so a lockout counts every guess
// whichever instance took it.
//
// The signals are classic PUBLISH/SUBSCRIBE: on a cluster a PUBLISH on any node reaches the subscribers on every
// node (the cluster bus forwards it), so the instances need not subscribe where the message is published. Nothing is
// carried in them but a hint (which hand-off or closure changed); the store stays the truth, so a notice missed
// while an instance reconnects or restarts costs nothing but a late refresh of a console page.

using System.Globalization;
using StackExchange.Redis;
using SupportBot.Engine.State;

namespace SupportBot.Storage.Redis;

public sealed partial class RedisStore : IStaffAccountStore, ISignalBus
{
    // KEYS[1] = account, KEYS[2] = the set of names; ARGV[1] = name, ARGV[2..] = field, value, ….
    internal static readonly RedisScript AccountCreateScript = new("""
        if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
        for i = 2, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
        redis.call('SADD', KEYS[2], ARGV[1])
        return 1
        """);

    // KEYS[1] = account; ARGV = field, value, … (never 'failures': the counter is HINCRBY's alone).
    internal static readonly RedisScript AccountUpdateScript = new("""
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        for i = 1, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
        return 1
        """);

    // KEYS[1] = account. Why a script: counting on an account that does not exist must not create it.
    internal static readonly RedisScript AccountFailScript = new("""
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        return redis.call('HINCRBY', KEYS[1], 'failures', 1)
        """);

    internal static readonly RedisScript AccountClearScript = new("""
        if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], 'failures', 0) end
        return 1
        """);

    // Explicit: the booking ledger's GetAsync(id) has the same shape.
    Task<StaffAccount?> IStaffAccountStore.GetAsync(string userName, CancellationToken cancellationToken) => GetAccountAsync(userName, cancellationToken);

    private async Task<StaffAccount?> GetAccountAsync(string userName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userName);
        var fields = await RunAsync(db => db.HashGetAllAsync(AccountKey(userName)), cancellationToken).ConfigureAwait(false);
        return ReadAccount(fields);
    }

    public async Task<IReadOnlyList<StaffAccount>> ListAsync(CancellationToken cancellationToken = default)
    {
        var names = await RunAsync(db => db.SetMembersAsync(AccountsKey), cancellationToken).ConfigureAwait(false);
        var accounts = new List<StaffAccount>();
        foreach (var name in names.Select(n => (string)n!).Order(StringComparer.Ordinal))
            if (await GetAccountAsync(name, cancellationToken).ConfigureAwait(false) is { } account) accounts.Add(account);
        return accounts;
    }

    public async Task<bool> CreateAsync(StaffAccount account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        RedisValue[] args = [account.UserName, .. Fields(account), "failures", 0];
        var result = await RunAsync(db => AccountCreateScript.EvaluateAsync(db, [AccountKey(account.UserName), AccountsKey], args), cancellationToken)
            .ConfigureAwait(false);
        return (long)result == 1;
    }

    public async Task<bool> UpdateAsync(StaffAccount account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        var result = await RunAsync(db => AccountUpdateScript.EvaluateAsync(db, [AccountKey(account.UserName)], Fields(account)), cancellationToken)
            .ConfigureAwait(false);
        return (long)result == 1;
    }

    public async Task<int> AddFailedLoginAsync(string userName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userName);
        var result = await RunAsync(db => AccountFailScript.EvaluateAsync(db, [AccountKey(userName)], []), cancellationToken).ConfigureAwait(false);
        return (int)(long)result;
    }

    public Task ClearFailedLoginsAsync(string userName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userName);
        return RunAsync(db => AccountClearScript.EvaluateAsync(db, [AccountKey(userName)], []), cancellationToken);
    }

    public async Task PublishAsync(string topic, string message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var multiplexer = await _connection.GetMultiplexerAsync(cancellationToken).ConfigureAwait(false);
        await multiplexer.GetSubscriber().PublishAsync(SignalChannel(topic), message).WaitAsync(_connection.OperationTimeout, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IAsyncDisposable> SubscribeAsync(string topic, Func<string, Task> handler, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentNullException.ThrowIfNull(handler);
        var multiplexer = await _connection.GetMultiplexerAsync(cancellationToken).ConfigureAwait(false);
        var subscriber = multiplexer.GetSubscriber();
        var channel = SignalChannel(topic);
        // The library calls back on its own thread, in order; the handler runs apart so a slow one never holds the connection.
        Action<RedisChannel, RedisValue> callback = (_, value) => Task.Run(() => handler((string?)value ?? ""), CancellationToken.None);
        await subscriber.SubscribeAsync(channel, callback).WaitAsync(_connection.OperationTimeout, cancellationToken).ConfigureAwait(false);
        return new Subscription(subscriber, channel, callback);
    }

    private sealed class Subscription(ISubscriber subscriber, RedisChannel channel, Action<RedisChannel, RedisValue> callback) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try { await subscriber.UnsubscribeAsync(channel, callback).ConfigureAwait(false); }
            catch (Exception ex) when (ex is RedisException or ObjectDisposedException or TimeoutException) { /* the connection is going anyway */ }
        }
    }

    internal string AccountKey(string userName) => _prefix + "{staff}:acct:" + userName;
    internal string AccountsKey => _prefix + "{staff}:accounts";

    private static RedisScript[] StaffScripts => [AccountCreateScript, AccountUpdateScript, AccountFailScript, AccountClearScript];

    internal RedisChannel SignalChannel(string topic) => new(_prefix + "sig:" + topic, RedisChannel.PatternMode.Literal);

    private static RedisValue[] Fields(StaffAccount a) =>
    [
        "name", a.UserName, "display", a.DisplayName, "role", a.Role.ToString(), "hash", a.PasswordHash, "disabled", a.Disabled ? 1 : 0,
        "locked", a.LockedUntil is { } until ? until.ToUnixTimeMilliseconds() : "", "stamp", a.Stamp, "created", a.Created.ToUnixTimeMilliseconds(),
    ];

    private static StaffAccount? ReadAccount(HashEntry[] fields)
    {
        if (fields.Length == 0) return null;
        var map = fields.ToDictionary(f => (string)f.Name!, f => (string?)f.Value ?? "", StringComparer.Ordinal);
        long Number(string name) => long.TryParse(map.GetValueOrDefault(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
        return new StaffAccount(
            map.GetValueOrDefault("name") ?? "",
            map.GetValueOrDefault("display") ?? "",
            Enum.TryParse<StaffRole>(map.GetValueOrDefault("role"), out var role) ? role : StaffRole.Staff,
            map.GetValueOrDefault("hash") ?? "",
            map.GetValueOrDefault("disabled") == "1",
            (int)Number("failures"),
            map.GetValueOrDefault("locked") is { Length: > 0 } ? DateTimeOffset.FromUnixTimeMilliseconds(Number("locked")) : null,
            map.GetValueOrDefault("stamp") ?? "",
            DateTimeOffset.FromUnixTimeMilliseconds(Number("created")));
    }
}
