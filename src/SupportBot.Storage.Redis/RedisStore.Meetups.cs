// Meeting sign-ups (IMeetupRoster). Keys, per meeting date ("occurrence"):
//
//   {prefix}{roster:<occurrence>}:in     sorted set member → sign-up sequence (confirmed, first come first)
//   {prefix}{roster:<occurrence>}:wait   sorted set member → sign-up sequence (waiting list)
//   {prefix}{roster:<occurrence>}:rec    hash member → record JSON (nickname, how to reach them)
//   {prefix}{roster:<occurrence>}:seq    counter for the sequence
//
// {roster:<occurrence>} is a Redis Cluster hash tag: a meeting's roster and waiting list share one slot, so
// the scripts (which name all their keys in KEYS) run on one node of a cluster.
//
// All four expire together (keepFor: until some days after the meeting). Every operation is one
// script, so capacity holds under any concurrency and across instances.

using StackExchange.Redis;
using SupportBot.Engine.State;

namespace SupportBot.Storage.Redis;

public sealed partial class RedisStore
{
    // KEYS in, wait, rec, seq; ARGV member, record, capacity (0 = unlimited), keep ms.
    // Returns { status, position }: 0 confirmed, 1 waitlisted, 2 already confirmed, 3 already waiting.
    internal static readonly RedisScript RosterJoinScript = new("""
        if redis.call('ZSCORE', KEYS[1], ARGV[1]) then return { 2, 0 } end
        local waiting = redis.call('ZRANK', KEYS[2], ARGV[1])
        if waiting then return { 3, waiting + 1 } end
        local seq = redis.call('INCR', KEYS[4])
        redis.call('HSET', KEYS[3], ARGV[1], ARGV[2])
        local cap = tonumber(ARGV[3])
        local status, position = 0, 0
        if cap <= 0 or redis.call('ZCARD', KEYS[1]) < cap then
          redis.call('ZADD', KEYS[1], seq, ARGV[1])
        else
          redis.call('ZADD', KEYS[2], seq, ARGV[1])
          status, position = 1, redis.call('ZCARD', KEYS[2])
        end
        for i = 1, 4 do redis.call('PEXPIRE', KEYS[i], ARGV[4]) end
        return { status, position }
        """);

    // KEYS in, wait, rec; ARGV member, capacity. Why one script: the freed place must go to the
    // first on the waiting list in the same atomic step, or two leavers could promote one person twice.
    // Returns { left } or { 1, promoted member, promoted record }.
    internal static readonly RedisScript RosterLeaveScript = new("""
        if redis.call('ZREM', KEYS[2], ARGV[1]) == 1 then
          redis.call('HDEL', KEYS[3], ARGV[1])
          return { 1 }
        end
        if redis.call('ZREM', KEYS[1], ARGV[1]) == 0 then return { 0 } end
        redis.call('HDEL', KEYS[3], ARGV[1])
        local cap = tonumber(ARGV[2])
        if cap <= 0 or redis.call('ZCARD', KEYS[1]) < cap then
          local first = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
          if #first > 0 then
            redis.call('ZREM', KEYS[2], first[1])
            redis.call('ZADD', KEYS[1], first[2], first[1])
            return { 1, first[1], redis.call('HGET', KEYS[3], first[1]) or '' }
          end
        end
        return { 1 }
        """);

    // KEYS in, wait, rec. Returns { confirmed members, waiting members, rec hash as a flat list }.
    internal static readonly RedisScript RosterListScript = new("""
        return { redis.call('ZRANGE', KEYS[1], 0, -1), redis.call('ZRANGE', KEYS[2], 0, -1), redis.call('HGETALL', KEYS[3]) }
        """);

    public async Task<RosterJoin> JoinAsync(string occurrence, string member, string recordJson, int capacity, TimeSpan keepFor, CancellationToken cancellationToken = default)
    {
        var k = RosterKeys(occurrence);
        var result = (RedisResult[])(await RunAsync(db => RosterJoinScript.EvaluateAsync(db, [k[0], k[1], k[2], k[3]],
            [member, recordJson, capacity, Milliseconds(keepFor, nameof(keepFor))]), cancellationToken).ConfigureAwait(false))!;
        var status = (long)result[0] switch { 0 => RosterStatus.Confirmed, 1 => RosterStatus.Waitlisted, 2 => RosterStatus.AlreadyConfirmed, _ => RosterStatus.AlreadyWaitlisted };
        return new RosterJoin(status, (int)(long)result[1]);
    }

    public async Task<RosterLeave> LeaveAsync(string occurrence, string member, int capacity, CancellationToken cancellationToken = default)
    {
        var k = RosterKeys(occurrence);
        var result = (RedisResult[])(await RunAsync(db => RosterLeaveScript.EvaluateAsync(db, [k[0], k[1], k[2]], [member, capacity]), cancellationToken)
            .ConfigureAwait(false))!;
        if ((long)result[0] == 0) return new RosterLeave(false, null, null);
        return result.Length > 1 ? new RosterLeave(true, (string?)result[1], (string?)result[2]) : new RosterLeave(true, null, null);
    }

    public async Task<(IReadOnlyList<(string Member, string Record)> Confirmed, IReadOnlyList<(string Member, string Record)> Waitlist)> ListAsync(string occurrence, CancellationToken cancellationToken = default)
    {
        var k = RosterKeys(occurrence);
        var result = (RedisResult[])(await RunAsync(db => RosterListScript.EvaluateAsync(db, [k[0], k[1], k[2]], []), cancellationToken).ConfigureAwait(false))!;
        var records = new Dictionary<string, string>();
        var flat = (RedisResult[])result[2]!;
        for (var i = 0; i + 1 < flat.Length; i += 2) records[(string)flat[i]!] = (string)flat[i + 1]!;
        IReadOnlyList<(string, string)> Members(RedisResult r) => ((RedisResult[])r!).Select(m => ((string)m!, records.GetValueOrDefault((string)m!, ""))).ToList();
        return (Members(result[0]), Members(result[1]));
    }

    internal RedisKey[] RosterKeysOf(string occurrence) => RosterKeys(occurrence);

    private RedisKey[] RosterKeys(string occurrence)
    {
        var root = _prefix + "{roster:" + occurrence + "}";
        return [root + ":in", root + ":wait", root + ":rec", root + ":seq"];
    }
}
