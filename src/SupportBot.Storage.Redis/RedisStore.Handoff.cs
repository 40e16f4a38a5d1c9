// Live hand-offs (IHandoffStore). Keys (docs/redis.md, "Live hand-offs"):
//
//   {prefix}{ho:<key>}      hash { key, channel, conversation, user, serviceUrl, culture, status, requested (unix ms),
//                           takenBy, takenByName, taken (unix ms or ''), crisis (0/1) }; PEXPIRE keepFor (abandoned ones go)
//   {prefix}{ho:<key>}:t    list of transcript lines (JSON) since consent; same expiry; deleted with the hand-off
//   {prefix}{ho}:open       set of the keys of open hand-offs: the queue the console lists
//
// Why this shape, and not one fixed tag for everything: a hand-off's record and its transcript share the tag
// {ho:<key>}, so every script on one hand-off (open, take, move, append, close) is atomic in one slot of a cluster,
// and hand-offs spread over the nodes like the conversations they belong to (the transcripts are the bulk). The
// open set is one small key of its own slot ({ho}). It cannot be written in the same script as a record, so it is
// kept consistent by the order of the steps instead: whatever crashes or races, every open record is in the set.
//
//   - open:  SADD first, then the record's script, then SADD again. The first SADD means a crash after the script
//            never leaves a record nobody can see; the second re-adds a member that a close or a prune removed
//            between the first SADD and the script.
//   - close: the record's script first (record and transcript go together), then SREM, then look again: if the
//            record exists by then (somebody opened the conversation anew in between), SADD it back.
//   - list:  a member without a record (a crash between a close's script and its SREM, or a record that expired
//            after 12 h) is removed with the same SREM-then-look-again step.
//
// So the set may briefly hold a key with no record (the list skips it), never the other way round. No SCAN
// anywhere: listing is SMEMBERS plus one pipelined HGETALL per member, and a center has a handful open at a time.

using System.Globalization;
using StackExchange.Redis;
using SupportBot.Engine.State;

namespace SupportBot.Storage.Redis;

public sealed partial class RedisStore : IHandoffStore
{
    // KEYS hash, lines; ARGV keep ms, field, value, …. Returns 0 (nothing written) when the hand-off exists.
    internal static readonly RedisScript HandoffOpenScript = new("""
        if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
        for i = 2, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
        redis.call('PEXPIRE', KEYS[1], ARGV[1])
        redis.call('DEL', KEYS[2])
        return 1
        """);

    // KEYS hash; ARGV from status, field, value, …. Returns 1 when the status was ARGV[1] and the fields were set.
    internal static readonly RedisScript HandoffMoveScript = new("""
        if redis.call('HGET', KEYS[1], 'status') ~= ARGV[1] then return 0 end
        for i = 2, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
        return 1
        """);

    // KEYS hash. Only an existing hand-off is flagged (HSET alone would create a record without status).
    internal static readonly RedisScript HandoffCrisisScript = new("""
        if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], 'crisis', '1') end
        return 1
        """);

    // KEYS hash, lines; ARGV line. Appends only to an open hand-off, with the hand-off's remaining lifetime.
    internal static readonly RedisScript HandoffAppendScript = new("""
        local ttl = redis.call('PTTL', KEYS[1])
        if ttl <= 0 then return 0 end
        redis.call('RPUSH', KEYS[2], ARGV[1])
        redis.call('PEXPIRE', KEYS[2], ttl)
        return 1
        """);

    // KEYS hash, lines. Returns the hash it deleted (flat field/value list), or an empty list.
    internal static readonly RedisScript HandoffCloseScript = new("""
        local fields = redis.call('HGETALL', KEYS[1])
        redis.call('DEL', KEYS[1], KEYS[2])
        return fields
        """);

    private static RedisScript[] HandoffScripts => [HandoffOpenScript, HandoffMoveScript, HandoffCrisisScript, HandoffAppendScript, HandoffCloseScript];

    public async Task<bool> OpenAsync(Handoff handoff, TimeSpan keepFor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handoff);
        RedisValue[] args = [Milliseconds(keepFor, nameof(keepFor)), .. HandoffFields(handoff)];
        await RunAsync(db => db.SetAddAsync(HandoffOpenKey, handoff.Key), cancellationToken).ConfigureAwait(false);
        var result = await RunAsync(db => HandoffOpenScript.EvaluateAsync(db, [HandoffKey(handoff.Key), HandoffLinesKey(handoff.Key)], args), cancellationToken)
            .ConfigureAwait(false);
        // Again after the record exists: a close or a list may have removed the member since the first SADD.
        await RunAsync(db => db.SetAddAsync(HandoffOpenKey, handoff.Key), cancellationToken).ConfigureAwait(false);
        return (long)result == 1;
    }

    public async Task<Handoff?> GetHandoffAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return ReadHandoff(await RunAsync(db => db.HashGetAllAsync(HandoffKey(key)), cancellationToken).ConfigureAwait(false));
    }

    public async Task<IReadOnlyList<Handoff>> ListOpenAsync(CancellationToken cancellationToken = default)
    {
        var keys = (await RunAsync(db => db.SetMembersAsync(HandoffOpenKey), cancellationToken).ConfigureAwait(false)).Select(k => (string)k!).ToList();
        if (keys.Count == 0) return [];
        // The records live in as many slots as there are hand-offs: one pipelined batch, one round trip.
        var db = await _connection.GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
        var batch = db.CreateBatch();
        var reads = keys.Select(k => batch.HashGetAllAsync(HandoffKey(k))).ToList();
        batch.Execute();
        var records = await Bounded(Task.WhenAll(reads), cancellationToken).ConfigureAwait(false);
        var list = new List<Handoff>();
        for (var i = 0; i < keys.Count; i++)
        {
            if (ReadHandoff(records[i]) is { } handoff) list.Add(handoff);
            else await UnlistAsync(keys[i], cancellationToken).ConfigureAwait(false); // closed by a crashed instance, or expired
        }
        return [.. list.OrderBy(h => h.Requested).ThenBy(h => h.Key, StringComparer.Ordinal)];
    }

    public async Task<Handoff?> TakeAsync(string key, string staff, string staffName, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        RedisValue[] args = [nameof(HandoffStatus.Waiting), "status", nameof(HandoffStatus.Active), "takenBy", staff, "takenByName", staffName, "taken", at.ToUnixTimeMilliseconds()];
        var moved = (long)await RunAsync(db => HandoffMoveScript.EvaluateAsync(db, [HandoffKey(key)], args), cancellationToken).ConfigureAwait(false) == 1;
        return moved ? await GetHandoffAsync(key, cancellationToken).ConfigureAwait(false) : null;
    }

    public async Task<Handoff?> MoveAsync(string key, HandoffStatus from, HandoffStatus to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        RedisValue[] args = [from.ToString(), "status", to.ToString()];
        var moved = (long)await RunAsync(db => HandoffMoveScript.EvaluateAsync(db, [HandoffKey(key)], args), cancellationToken).ConfigureAwait(false) == 1;
        return moved ? await GetHandoffAsync(key, cancellationToken).ConfigureAwait(false) : null;
    }

    public Task MarkCrisisAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return RunAsync(db => HandoffCrisisScript.EvaluateAsync(db, [HandoffKey(key)], []), cancellationToken);
    }

    public async Task<bool> AppendLineAsync(string key, string lineJson, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var result = await RunAsync(db => HandoffAppendScript.EvaluateAsync(db, [HandoffKey(key), HandoffLinesKey(key)], [lineJson]), cancellationToken).ConfigureAwait(false);
        return (long)result == 1;
    }

    public async Task<IReadOnlyList<string>> LinesAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var items = await RunAsync(db => db.ListRangeAsync(HandoffLinesKey(key)), cancellationToken).ConfigureAwait(false);
        return items.Select(i => (string)i!).ToList();
    }

    public async Task<Handoff?> CloseAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var result = await RunAsync(db => HandoffCloseScript.EvaluateAsync(db, [HandoffKey(key), HandoffLinesKey(key)], []), cancellationToken)
            .ConfigureAwait(false);
        await UnlistAsync(key, cancellationToken).ConfigureAwait(false);
        var flat = (RedisResult[])result!;
        var fields = new HashEntry[flat.Length / 2];
        for (var i = 0; i < fields.Length; i++) fields[i] = new HashEntry((string)flat[2 * i]!, (string)flat[2 * i + 1]!);
        return ReadHandoff(fields);
    }

    // SREM, then look again: a record that exists by now was opened anew meanwhile and goes back into the set.
    private async Task UnlistAsync(string key, CancellationToken cancellationToken)
    {
        await RunAsync(db => db.SetRemoveAsync(HandoffOpenKey, key), cancellationToken).ConfigureAwait(false);
        if (await RunAsync(db => db.KeyExistsAsync(HandoffKey(key)), cancellationToken).ConfigureAwait(false))
            await RunAsync(db => db.SetAddAsync(HandoffOpenKey, key), cancellationToken).ConfigureAwait(false);
    }

    // The tag carries the kind (ho:), so it is never empty; the transcript's key is the record's plus a suffix, so the
    // two share a slot whatever the conversation key contains (braces included).
    internal string HandoffKey(string key) => _prefix + "{ho:" + key + "}";
    internal string HandoffLinesKey(string key) => HandoffKey(key) + ":t";
    internal string HandoffOpenKey => _prefix + "{ho}:open";

    private static RedisValue[] HandoffFields(Handoff h) =>
    [
        "key", h.Key, "channel", h.ChannelId, "conversation", h.ConversationId, "user", h.UserId, "serviceUrl", h.ServiceUrl ?? "",
        "culture", h.Culture, "status", h.Status.ToString(), "requested", h.Requested.ToUnixTimeMilliseconds(), "takenBy", h.TakenBy ?? "",
        "takenByName", h.TakenByName ?? "", "taken", h.Taken is { } t ? t.ToUnixTimeMilliseconds() : "", "crisis", h.Crisis ? 1 : 0,
    ];

    private static Handoff? ReadHandoff(HashEntry[] fields)
    {
        if (fields.Length == 0) return null;
        var map = fields.ToDictionary(f => (string)f.Name!, f => (string?)f.Value ?? "", StringComparer.Ordinal);
        string? Optional(string name) => map.GetValueOrDefault(name) is { Length: > 0 } v ? v : null;
        DateTimeOffset? Time(string name) => long.TryParse(map.GetValueOrDefault(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
        return new Handoff(
            map.GetValueOrDefault("key") ?? "", map.GetValueOrDefault("channel") ?? "", map.GetValueOrDefault("conversation") ?? "", map.GetValueOrDefault("user") ?? "",
            Optional("serviceUrl"), map.GetValueOrDefault("culture") ?? "", Enum.TryParse<HandoffStatus>(map.GetValueOrDefault("status"), out var s) ? s : HandoffStatus.Waiting,
            Time("requested") ?? DateTimeOffset.UnixEpoch, Optional("takenBy"), Optional("takenByName"), Time("taken"), map.GetValueOrDefault("crisis") == "1");
    }
}
