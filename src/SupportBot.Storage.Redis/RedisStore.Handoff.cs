// Live hand-offs (IHandoffStore). Keys:
//
//   {prefix}ho:{key}      hash { key, channel, conversation, user, serviceUrl, culture, status, requested (unix ms),
//                         takenBy, takenByName, taken (unix ms or ''), crisis (0/1) }; PEXPIRE keepFor (abandoned ones go)
//   {prefix}ho:t:{key}    list of transcript lines (JSON) since consent; same expiry; deleted with the hand-off
//   {prefix}ho:open       set of open hand-off keys (a member whose hash expired is dropped on the next list)
//
// Taking, moving and closing are scripts: one staff member takes a waiting hand-off, whichever instance they use,
// and the transcript goes in the same step as the hand-off.

using System.Globalization;
using StackExchange.Redis;
using SupportBot.Engine.State;

namespace SupportBot.Storage.Redis;

public sealed partial class RedisStore : IHandoffStore
{
    // KEYS hash, lines, open; ARGV key, keep ms, field, value, ….
    internal const string HandoffOpenScript = """
        if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
        for i = 3, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        redis.call('DEL', KEYS[2])
        redis.call('SADD', KEYS[3], ARGV[1])
        return 1
        """;

    // KEYS hash; ARGV from status, field, value, …. Returns 1 when the status was ARGV[1] and the fields were set.
    internal const string HandoffMoveScript = """
        if redis.call('HGET', KEYS[1], 'status') ~= ARGV[1] then return 0 end
        for i = 2, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
        return 1
        """;

    // KEYS hash, lines; ARGV line. Appends only to an open hand-off, with the hand-off's remaining lifetime.
    internal const string HandoffAppendScript = """
        local ttl = redis.call('PTTL', KEYS[1])
        if ttl <= 0 then return 0 end
        redis.call('RPUSH', KEYS[2], ARGV[1])
        redis.call('PEXPIRE', KEYS[2], ttl)
        return 1
        """;

    // KEYS hash, lines, open; ARGV key. Returns the hash it deleted (flat field/value list), or an empty list.
    internal const string HandoffCloseScript = """
        local fields = redis.call('HGETALL', KEYS[1])
        redis.call('DEL', KEYS[1], KEYS[2])
        redis.call('SREM', KEYS[3], ARGV[1])
        return fields
        """;

    public async Task<bool> OpenAsync(Handoff handoff, TimeSpan keepFor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handoff);
        RedisValue[] args = [handoff.Key, Milliseconds(keepFor, nameof(keepFor)), .. HandoffFields(handoff)];
        var result = await RunAsync(db => db.ScriptEvaluateAsync(HandoffOpenScript, [HandoffKey(handoff.Key), HandoffLinesKey(handoff.Key), _prefix + "ho:open"], args), cancellationToken)
            .ConfigureAwait(false);
        return (long)result == 1;
    }

    public async Task<Handoff?> GetHandoffAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return ReadHandoff(await RunAsync(db => db.HashGetAllAsync(HandoffKey(key)), cancellationToken).ConfigureAwait(false));
    }

    public async Task<IReadOnlyList<Handoff>> ListOpenAsync(CancellationToken cancellationToken = default)
    {
        var keys = await RunAsync(db => db.SetMembersAsync(_prefix + "ho:open"), cancellationToken).ConfigureAwait(false);
        var list = new List<Handoff>();
        foreach (var key in keys.Select(k => (string)k!))
        {
            if (await GetHandoffAsync(key, cancellationToken).ConfigureAwait(false) is { } handoff) list.Add(handoff);
            else await RunAsync(db => db.SetRemoveAsync(_prefix + "ho:open", key), cancellationToken).ConfigureAwait(false); // expired
        }
        return [.. list.OrderBy(h => h.Requested).ThenBy(h => h.Key, StringComparer.Ordinal)];
    }

    public async Task<Handoff?> TakeAsync(string key, string staff, string staffName, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        RedisValue[] args = [nameof(HandoffStatus.Waiting), "status", nameof(HandoffStatus.Active), "takenBy", staff, "takenByName", staffName, "taken", at.ToUnixTimeMilliseconds()];
        var moved = (long)await RunAsync(db => db.ScriptEvaluateAsync(HandoffMoveScript, [HandoffKey(key)], args), cancellationToken).ConfigureAwait(false) == 1;
        return moved ? await GetHandoffAsync(key, cancellationToken).ConfigureAwait(false) : null;
    }

    public async Task<Handoff?> MoveAsync(string key, HandoffStatus from, HandoffStatus to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        RedisValue[] args = [from.ToString(), "status", to.ToString()];
        var moved = (long)await RunAsync(db => db.ScriptEvaluateAsync(HandoffMoveScript, [HandoffKey(key)], args), cancellationToken).ConfigureAwait(false) == 1;
        return moved ? await GetHandoffAsync(key, cancellationToken).ConfigureAwait(false) : null;
    }

    public Task MarkCrisisAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        // Only an existing hand-off is flagged (the status is always set on an open one).
        return RunAsync(db => db.ScriptEvaluateAsync("if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], 'crisis', '1') end return 1",
            [HandoffKey(key)]), cancellationToken);
    }

    public async Task<bool> AppendLineAsync(string key, string lineJson, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var result = await RunAsync(db => db.ScriptEvaluateAsync(HandoffAppendScript, [HandoffKey(key), HandoffLinesKey(key)], [lineJson]), cancellationToken).ConfigureAwait(false);
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
        var result = await RunAsync(db => db.ScriptEvaluateAsync(HandoffCloseScript, [HandoffKey(key), HandoffLinesKey(key), _prefix + "ho:open"], [key]), cancellationToken)
            .ConfigureAwait(false);
        var flat = (RedisResult[])result!;
        var fields = new HashEntry[flat.Length / 2];
        for (var i = 0; i < fields.Length; i++) fields[i] = new HashEntry((string)flat[2 * i]!, (string)flat[2 * i + 1]!);
        return ReadHandoff(fields);
    }

    internal string HandoffKey(string key) => _prefix + "ho:" + key;
    internal string HandoffLinesKey(string key) => _prefix + "ho:t:" + key;

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
