// Redis storage of SupportBot: conversation state with leases, Direct Line transcripts, once-claims.
//
// Key scheme (prefix = StorageOptions.KeyPrefix, "sb:" by default; see docs/redis.md). The braces
// {…} ARE Redis Cluster hash tags: keys with the same tag live in one hash slot, so one script may
// touch them together on a cluster.
//
//   {prefix}{conv:<conversationKey>}        hash { v = version (integer), s = state JSON }; PEXPIRE = keepFor on every commit
//   {prefix}{conv:<conversationKey>}:lease  string = lease token; SET NX PX leaseFor (a turn in progress)
//   {prefix}dl:<conversationId>             list of activity JSON (Direct Line transcript); PEXPIRE = keepFor on every append
//   {prefix}once:<key>                      string "1"; SET NX PX keepFor (webhook dedupe, idempotent confirms)
//   {prefix}log:<name>                      sorted set of record JSON, score = unix ms (crisis audit, callback requests);
//                                           records older than the retention are trimmed on every append
//
// The lease and the state of a conversation share the tag {conv:<conversationKey>}: both turn scripts name
// both keys in KEYS, so they run on one node of a cluster. Single-key commands need no tag and spread
// over all slots (transcripts, once-claims, logs).
//
// Time: every expiry is Redis's own (PX / PEXPIRE, counted by the server's clock), so this store
// takes no TimeProvider. Lifetimes come from the callers' arguments (filled from StorageOptions).
//
// Round trips: a turn costs two, TryBeginAsync (one EVALSHA) and CommitAsync (one EVALSHA).
// Only the async API of StackExchange.Redis is used.

using StackExchange.Redis;
using SupportBot.Engine.State;

namespace SupportBot.Storage.Redis;

/// <summary>
/// The Redis implementation of the three storage contracts. One instance per process (register it
/// as a singleton): it owns the process's single <c>ConnectionMultiplexer</c>. Failures (Redis down,
/// slow, unreachable) surface as exceptions from every method within the operation timeout; nothing
/// is retried here, because the turn pipeline decides what a failed load or commit means.
/// </summary>
public sealed partial class RedisStore : IConversationStore, ITranscriptStore, IOnceStore, IRecordLog, IMeetupRoster, IAsyncDisposable, IDisposable
{
    // KEYS[1] = lease, KEYS[2] = conv; ARGV[1] = token, ARGV[2] = lease ms.
    // Why one script: taking the lease and reading the state must be one round trip, and reading
    // only after the lease is ours means no other turn can change the state under this read.
    // Returns nil when the lease is held, else { version, state-or-nil }.
    internal static readonly RedisScript BeginScript = new("""
        if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
          return false
        end
        local state = redis.call('HMGET', KEYS[2], 'v', 's')
        return { state[1] or '0', state[2] or false }
        """);

    // KEYS[1] = lease, KEYS[2] = conv; ARGV[1] = token, ARGV[2] = expected version,
    // ARGV[3] = keep ms, ARGV[4] = '1' to write / '0' to delete, ARGV[5] = state JSON.
    // Why the lease is released first and only when the token matches: a turn whose lease expired
    // must never free the lease of the turn that took over. Why the version is checked anyway:
    // that same slow turn may reach here after the newer turn committed; the version makes its
    // write fail (returns 0) instead of overwriting newer state. Same order as MemoryStore.
    // Fencing: when another turn holds the lease now, this turn lost it and writes nothing (returns 0),
    // even if the other turn has not committed yet.
    internal static readonly RedisScript CommitScript = new("""
        local holder = redis.call('GET', KEYS[1])
        if holder == ARGV[1] then
          redis.call('DEL', KEYS[1])
        elseif holder then
          return 0
        end
        local current = tonumber(redis.call('HGET', KEYS[2], 'v') or '0')
        if current ~= tonumber(ARGV[2]) then
          return 0
        end
        if ARGV[4] == '0' then
          redis.call('DEL', KEYS[2])
          return 1
        end
        redis.call('HSET', KEYS[2], 'v', tostring(current + 1), 's', ARGV[5])
        redis.call('PEXPIRE', KEYS[2], ARGV[3])
        return 1
        """);

    // KEYS[1] = lease; ARGV[1] = token, ARGV[2] = lease ms. GET-compare-PEXPIRE: only our own lease is extended.
    internal static readonly RedisScript RenewScript = new("""
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          return redis.call('PEXPIRE', KEYS[1], ARGV[2])
        end
        return 0
        """);

    // KEYS[1] = lease; ARGV[1] = token. Why a script: GET-compare-DEL must be atomic, or we could
    // delete a lease another turn took between our GET and DEL.
    internal static readonly RedisScript ReleaseScript = new("""
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          return redis.call('DEL', KEYS[1])
        end
        return 0
        """);

    // KEYS[1] = dl; ARGV[1] = keep ms, ARGV[2..] = activities. Why a script: the push, the refreshed
    // expiry and the returned length (the watermark) belong together, in one round trip.
    // Pushed in chunks because unpack() of a very long ARGV can overflow Lua's C stack.
    internal static readonly RedisScript AppendScript = new("""
        local n = redis.call('LLEN', KEYS[1])
        local i = 2
        while i <= #ARGV do
          local last = math.min(i + 499, #ARGV)
          n = redis.call('RPUSH', KEYS[1], unpack(ARGV, i, last))
          i = last + 1
        end
        if n > 0 then
          redis.call('PEXPIRE', KEYS[1], ARGV[1])
        end
        return n
        """);

    // KEYS[1] = dl; ARGV[1] = watermark, ARGV[2] = max. Why a script: the length clamps the
    // watermark (a client's watermark past the end, or a transcript that expired) and must be read
    // in the same atomic step as the range. Returns { from, { items } }.
    internal static readonly RedisScript ReadScript = new("""
        local n = redis.call('LLEN', KEYS[1])
        local from = math.min(math.max(tonumber(ARGV[1]), 0), n)
        local max = tonumber(ARGV[2])
        if max <= 0 or from >= n then
          return { from, {} }
        end
        return { from, redis.call('LRANGE', KEYS[1], from, from + max - 1) }
        """);

    // KEYS[1] = log; ARGV[1] = at ms, ARGV[2] = record, ARGV[3] = cutoff ms, ARGV[4] = retention ms.
    // Why a script: add, trim what outlived the retention, and refresh the key's expiry together.
    internal static readonly RedisScript LogAppendScript = new("""
        redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[3])
        redis.call('PEXPIRE', KEYS[1], ARGV[4])
        return 1
        """);

    private readonly RedisConnection _connection;
    private readonly string _prefix;

    /// <param name="connectionString">A StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379,password=...</c>.</param>
    /// <param name="options">Only <see cref="StorageOptions.KeyPrefix"/> is read here; lifetimes arrive as arguments.</param>
    public RedisStore(string connectionString, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _connection = new RedisConnection(connectionString);
        _prefix = options.KeyPrefix ?? "";
    }

    /// <summary>Commands this store's multiplexer has sent so far (0 before it connects): round trips, for tests and benchmarks.</summary>
    internal long OperationCount => (_connection.Current as ConnectionMultiplexer)?.OperationCount ?? 0;

    /// <summary>How long any one call may take before it fails with a <see cref="TimeoutException"/>.</summary>
    public TimeSpan OperationTimeout => _connection.OperationTimeout;

    public async Task<TurnLease?> TryBeginAsync(string conversationKey, TimeSpan leaseFor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversationKey);
        var token = Guid.NewGuid().ToString("N");
        var result = await RunAsync(db => BeginScript.EvaluateAsync(db,
            [LeaseKey(conversationKey), ConversationKey(conversationKey)],
            [token, Milliseconds(leaseFor, nameof(leaseFor))]), cancellationToken).ConfigureAwait(false);
        if (result.IsNull) return null;
        var fields = (RedisResult[])result!;
        var version = (long)fields[0];
        var state = fields[1].IsNull ? null : (string?)fields[1];
        return new TurnLease(conversationKey, token, state, version);
    }

    public async Task<bool> CommitAsync(TurnLease lease, string? stateJson, TimeSpan keepFor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var result = await RunAsync(db => CommitScript.EvaluateAsync(db,
            [LeaseKey(lease.ConversationKey), ConversationKey(lease.ConversationKey)],
            [lease.Token, lease.Version, Milliseconds(keepFor, nameof(keepFor)), stateJson is null ? "0" : "1", stateJson ?? ""]),
            cancellationToken).ConfigureAwait(false);
        return (long)result == 1;
    }

    public async Task<bool> RenewAsync(TurnLease lease, TimeSpan leaseFor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var result = await RunAsync(db => RenewScript.EvaluateAsync(db, [LeaseKey(lease.ConversationKey)], [lease.Token, Milliseconds(leaseFor, nameof(leaseFor))]),
            cancellationToken).ConfigureAwait(false);
        return (long)result == 1;
    }

    public Task ReleaseAsync(TurnLease lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return RunAsync(db => ReleaseScript.EvaluateAsync(db, [LeaseKey(lease.ConversationKey)], [lease.Token]), cancellationToken);
    }

    public async Task<long> AppendAsync(string conversationId, IReadOnlyList<string> activitiesJson, TimeSpan keepFor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        ArgumentNullException.ThrowIfNull(activitiesJson);
        var args = new RedisValue[activitiesJson.Count + 1];
        args[0] = Milliseconds(keepFor, nameof(keepFor));
        for (var i = 0; i < activitiesJson.Count; i++) args[i + 1] = activitiesJson[i];
        var result = await RunAsync(db => AppendScript.EvaluateAsync(db, [TranscriptKey(conversationId)], args), cancellationToken)
            .ConfigureAwait(false);
        return (long)result;
    }

    public async Task<TranscriptPage> ReadAsync(string conversationId, long watermark, int max = 100, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        var result = await RunAsync(db => ReadScript.EvaluateAsync(db, [TranscriptKey(conversationId)], [watermark, max]), cancellationToken)
            .ConfigureAwait(false);
        var parts = (RedisResult[])result!;
        var from = (long)parts[0];
        var items = ((RedisResult[])parts[1]!).Select(item => (string)item!).ToArray();
        return new TranscriptPage(items, from + items.Length);
    }

    public Task<bool> TryClaimAsync(string key, TimeSpan keepFor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var expiry = TimeSpan.FromMilliseconds(Milliseconds(keepFor, nameof(keepFor)));
        return RunAsync(db => db.StringSetAsync(OnceKey(key), "1", expiry, When.NotExists), cancellationToken);
    }

    public Task AppendAsync(string log, DateTimeOffset at, string json, TimeSpan retention, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(json);
        // The record's own time is the score; the cutoff is relative to it (the server clock is not consulted).
        var atMs = at.ToUnixTimeMilliseconds();
        var retentionMs = Milliseconds(retention, nameof(retention));
        return RunAsync(db => LogAppendScript.EvaluateAsync(db, [LogKey(log)], [atMs, json, atMs - retentionMs, retentionMs]), cancellationToken);
    }

    public async Task<IReadOnlyList<string>> ReadAsync(string log, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        var items = await RunAsync(db => db.SortedSetRangeByScoreAsync(LogKey(log), from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds()), cancellationToken)
            .ConfigureAwait(false);
        return items.Select(i => (string)i!).ToList();
    }

    // Every script of the store (a property, built when asked: static fields of partial files have no set order).
    private static RedisScript[] AllScripts => [BeginScript, CommitScript, RenewScript, ReleaseScript, AppendScript, ReadScript, LogAppendScript,
        HoldScript, ConfirmScript, ChangeScript, MoveInScript, CancelScript, TakenScript, ExtendScript, ClaimScript,
        RosterJoinScript, RosterLeaveScript, RosterListScript, .. HandoffScripts, .. StaffScripts];

    /// <summary>
    /// Connects the store's multiplexer and loads every script on every primary (<c>SCRIPT LOAD</c>), so the first
    /// turns after a start are plain <c>EVALSHA</c>s on a ready connection. Called once at start; a failure only
    /// means the first calls connect and load as usual.
    /// </summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken = default)
    {
        await _connection.GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
        var multiplexer = _connection.Current!;
        var primaries = multiplexer.GetServers().Where(s => s.IsConnected && !s.IsReplica).ToList();
        if (primaries.Count == 0) throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None, "No Redis primary is connected.");
        var loads = new List<Task>();
        foreach (var server in primaries)
            foreach (var script in AllScripts)
                loads.Add(server.ScriptLoadAsync(script.Text));
        await Task.WhenAll(loads).WaitAsync(_connection.OperationTimeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>CONFIG GET appendonly</c> and <c>save</c> of every primary, over a short-lived connection of its own
    /// (CONFIG is an admin command, which the store's own connection does not allow).
    /// </summary>
    public async Task<IReadOnlyList<RedisPersistence>> ReadPersistenceAsync(CancellationToken cancellationToken = default)
    {
        var options = _connection.Configuration.Clone();
        options.AllowAdmin = true;
        options.AbortOnConnectFail = true;
        await using var admin = await ConnectionMultiplexer.ConnectAsync(options).WaitAsync(_connection.OperationTimeout + TimeSpan.FromMilliseconds(options.ConnectTimeout), cancellationToken)
            .ConfigureAwait(false);
        var result = new List<RedisPersistence>();
        foreach (var server in admin.GetServers().Where(s => s.IsConnected && !s.IsReplica))
        {
            var appendOnly = await server.ConfigGetAsync("appendonly").WaitAsync(_connection.OperationTimeout, cancellationToken).ConfigureAwait(false);
            var save = await server.ConfigGetAsync("save").WaitAsync(_connection.OperationTimeout, cancellationToken).ConfigureAwait(false);
            result.Add(new RedisPersistence(
                appendOnly.Any(p => p.Key == "appendonly" && p.Value == "yes"),
                save.FirstOrDefault(p => p.Key == "save").Value ?? ""));
        }
        if (result.Count == 0) throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None, "No Redis primary answered.");
        return result;
    }

    /// <summary>A health probe: one PING round trip. Throws like every other call when Redis is unavailable.</summary>
    public Task<TimeSpan> PingAsync(CancellationToken cancellationToken = default) =>
        RunAsync(db => db.PingAsync(), cancellationToken);

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    public void Dispose() => _connection.Dispose();

    // The lease key is the state key plus a suffix: whatever the prefix or the conversation key hold,
    // both start alike up to and including the closing brace, so they always share one hash slot.
    // The tag holds the kind as well, so it is never empty (an empty tag would not count as one).
    internal string ConversationKey(string key) => _prefix + "{conv:" + key + "}";
    internal string LeaseKey(string key) => _prefix + "{conv:" + key + "}:lease";
    internal string TranscriptKey(string conversationId) => _prefix + "dl:" + conversationId;
    internal string OnceKey(string key) => _prefix + "once:" + key;
    internal string LogKey(string log) => _prefix + "log:" + log;

    private async Task<T> RunAsync<T>(Func<IDatabase, Task<T>> command, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var db = await _connection.GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
        // The library's own async timeout fails a command after asyncTimeout (checked on its heartbeat);
        // this bound is a guard on top of it and lets a CancellationToken stop the wait (the library
        // takes none). It guarantees the caller an exception, never a hang. The command may still run on the server
        // after we stop waiting: a timed-out begin may leave a lease (it expires after leaseFor), a
        // timed-out commit may have been written (its outcome is unknown, not failed).
        return await command(db).WaitAsync(_connection.OperationTimeout, cancellationToken).ConfigureAwait(false);
    }

    // The same bound as RunAsync, for commands sent in a batch.
    private Task<T> Bounded<T>(Task<T> pending, CancellationToken cancellationToken) => pending.WaitAsync(_connection.OperationTimeout, cancellationToken);

    private Task Bounded(Task pending, CancellationToken cancellationToken) => pending.WaitAsync(_connection.OperationTimeout, cancellationToken);

    // PX / PEXPIRE take whole positive milliseconds; round up so a sub-millisecond lifetime is not 0.
    private static long Milliseconds(TimeSpan lifetime, string name)
    {
        if (lifetime <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(name, lifetime, "A lifetime must be positive.");
        return (long)Math.Ceiling(lifetime.TotalMilliseconds);
    }
}
