// Intake bookings (IBookingLedger) and the reminder queue (IReminderQueue). Keys:
//
//   {prefix}bk:b:{id}          hash { slot, start (unix ms), user, status, created, changed, data (details JSON) };
//                              PEXPIRE = until the appointment + retention
//   {prefix}bk:slot:{slot}     set of confirmed booking ids in a slot (slot = local start, 2026-12-03T10:00)
//   {prefix}bk:day:{date}      set of confirmed booking ids on a local day (the per-day limit)
//   {prefix}bk:hold:{slot}     sorted set holder → hold expiry (unix ms, the caller's clock)
//   {prefix}bk:held:{holder}   string = the hold key the holder has now (one hold per person)
//   {prefix}bk:user:{user}     sorted set booking id → start ms (the person's bookings)
//   {prefix}bk:all             sorted set booking id → start ms (staff range queries); trimmed past retention
//   {prefix}bk:idem:{key}      string = booking id (a repeated confirm returns the same booking)
//   {prefix}reminders          sorted set "kind|id" → due ms; claimed (ZREM) atomically by one instance
//
// Every write is one script, so capacity per slot (confirmed + live holds of others) and the per-day
// limit hold under any concurrency and across instances. Some scripts touch keys they derive from a
// booking (its old slot); like the rest of this store that targets a single primary, not a cluster.
// Holds expire by the caller's clock ("now" is an argument), the keys themselves by Redis's PEXPIRE.

using System.Globalization;
using StackExchange.Redis;
using SupportBot.Engine.State;

namespace SupportBot.Storage.Redis;

public sealed partial class RedisStore : IBookingLedger, IReminderQueue
{
    // The buffer between intakes: slots too close (ARGV from a given index on) must have no booking and no
    // live hold of someone else. Shared by the hold, confirm and change scripts.
    private const string NearTaken = """
        local function near_taken(prefix, first, holder, now, moving)
          for i = first, #ARGV do
            local slot = prefix .. 'bk:slot:' .. ARGV[i]
            local booked = redis.call('SCARD', slot)
            if moving and redis.call('SISMEMBER', slot, moving) == 1 then booked = booked - 1 end
            if booked > 0 then return true end
            local hold = prefix .. 'bk:hold:' .. ARGV[i]
            local live = redis.call('ZCOUNT', hold, '(' .. now, '+inf')
            local own = redis.call('ZSCORE', hold, holder)
            if own and tonumber(own) > tonumber(now) then live = live - 1 end
            if live > 0 then return true end
          end
          return false
        end
        """ + "\n";

    // KEYS hold, slot, day, held; ARGV holder, now ms, hold expiry ms, capacity, per day, hold ms, prefix, near slots….
    internal const string HoldScript = NearTaken + """
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
        local mine = redis.call('ZSCORE', KEYS[1], ARGV[1])
        local taken = redis.call('SCARD', KEYS[2]) + redis.call('ZCARD', KEYS[1]) - (mine and 1 or 0)
        if taken >= tonumber(ARGV[4]) then return 0 end
        local perDay = tonumber(ARGV[5])
        if perDay > 0 and redis.call('SCARD', KEYS[3]) >= perDay then return 0 end
        if near_taken(ARGV[7], 8, ARGV[1], ARGV[2], nil) then return 0 end
        local previous = redis.call('GET', KEYS[4])
        if previous and previous ~= KEYS[1] then redis.call('ZREM', previous, ARGV[1]) end
        redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
        redis.call('PEXPIRE', KEYS[1], ARGV[6])
        redis.call('SET', KEYS[4], KEYS[1], 'PX', ARGV[6])
        return 1
        """;

    // KEYS b, slot, day, hold, user, all, idem; ARGV id, slot, start ms, user, now ms, data, capacity,
    // per day, ttl ms, retention cut-off ms, prefix, near slots…. Returns {0,id} booked, {1,id} duplicate, {2} full, {4} id taken.
    internal const string ConfirmScript = NearTaken + """
        local existing = redis.call('GET', KEYS[7])
        if existing then return { 1, existing } end
        if redis.call('EXISTS', KEYS[1]) == 1 then return { 4 } end
        redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', ARGV[5])
        local held = redis.call('ZSCORE', KEYS[4], ARGV[4])
        local taken = redis.call('SCARD', KEYS[2]) + redis.call('ZCARD', KEYS[4]) - (held and 1 or 0)
        if taken >= tonumber(ARGV[7]) then return { 2 } end
        local perDay = tonumber(ARGV[8])
        if perDay > 0 and redis.call('SCARD', KEYS[3]) >= perDay then return { 2 } end
        if near_taken(ARGV[11], 12, ARGV[4], ARGV[5], nil) then return { 2 } end
        local ttl = tonumber(ARGV[9])
        redis.call('HSET', KEYS[1], 'slot', ARGV[2], 'start', ARGV[3], 'user', ARGV[4], 'status', 'confirmed',
          'created', ARGV[5], 'changed', ARGV[5], 'data', ARGV[6])
        redis.call('PEXPIRE', KEYS[1], ttl)
        redis.call('SADD', KEYS[2], ARGV[1])
        redis.call('PEXPIRE', KEYS[2], ttl)
        redis.call('SADD', KEYS[3], ARGV[1])
        redis.call('PEXPIRE', KEYS[3], ttl + 86400000)
        if held then redis.call('ZREM', KEYS[4], ARGV[4]) end
        redis.call('ZADD', KEYS[5], ARGV[3], ARGV[1])
        if redis.call('PTTL', KEYS[5]) < ttl then redis.call('PEXPIRE', KEYS[5], ttl) end
        redis.call('ZREMRANGEBYSCORE', KEYS[6], '-inf', '(' .. ARGV[10])
        redis.call('ZADD', KEYS[6], ARGV[3], ARGV[1])
        redis.call('SET', KEYS[7], ARGV[1], 'PX', ttl)
        return { 0, ARGV[1] }
        """;

    // KEYS b, new slot, new day, new hold, user, all; ARGV id, new slot, new start ms, now ms, capacity,
    // per day, ttl ms, prefix, near slots…. The new place is taken before the old one is released, in this one step.
    // Returns 0 changed, 1 already there, 2 full, 3 not found.
    internal const string ChangeScript = NearTaken + """
        local b = redis.call('HMGET', KEYS[1], 'slot', 'user', 'status')
        if not b[1] or b[3] ~= 'confirmed' then return 3 end
        if b[1] == ARGV[2] then return 1 end
        redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', ARGV[4])
        local held = redis.call('ZSCORE', KEYS[4], b[2])
        local taken = redis.call('SCARD', KEYS[2]) + redis.call('ZCARD', KEYS[4]) - (held and 1 or 0)
        if taken >= tonumber(ARGV[5]) then return 2 end
        local oldDay = string.sub(b[1], 1, 10)
        local sameDay = oldDay == string.sub(ARGV[2], 1, 10)
        local perDay = tonumber(ARGV[6])
        if perDay > 0 and not sameDay and redis.call('SCARD', KEYS[3]) >= perDay then return 2 end
        if near_taken(ARGV[8], 9, b[2], ARGV[4], ARGV[1]) then return 2 end
        local ttl = tonumber(ARGV[7])
        redis.call('SADD', KEYS[2], ARGV[1])
        redis.call('PEXPIRE', KEYS[2], ttl)
        redis.call('SADD', KEYS[3], ARGV[1])
        redis.call('PEXPIRE', KEYS[3], ttl + 86400000)
        if held then redis.call('ZREM', KEYS[4], b[2]) end
        redis.call('SREM', ARGV[8] .. 'bk:slot:' .. b[1], ARGV[1])
        if not sameDay then redis.call('SREM', ARGV[8] .. 'bk:day:' .. oldDay, ARGV[1]) end
        redis.call('HSET', KEYS[1], 'slot', ARGV[2], 'start', ARGV[3], 'changed', ARGV[4])
        redis.call('PEXPIRE', KEYS[1], ttl)
        redis.call('ZADD', KEYS[5], ARGV[3], ARGV[1])
        if redis.call('PTTL', KEYS[5]) < ttl then redis.call('PEXPIRE', KEYS[5], ttl) end
        redis.call('ZADD', KEYS[6], ARGV[3], ARGV[1])
        return 0
        """;

    // KEYS b; ARGV id, now ms, prefix. Returns 1 cancelled, 0 unknown or already cancelled.
    internal const string CancelScript = """
        local b = redis.call('HMGET', KEYS[1], 'slot', 'status')
        if not b[1] or b[2] ~= 'confirmed' then return 0 end
        redis.call('HSET', KEYS[1], 'status', 'cancelled', 'changed', ARGV[2])
        redis.call('SREM', ARGV[3] .. 'bk:slot:' .. b[1], ARGV[1])
        redis.call('SREM', ARGV[3] .. 'bk:day:' .. string.sub(b[1], 1, 10), ARGV[1])
        return 1
        """;

    // KEYS b; ARGV id, prefix. Deletes the booking and its memberships. Returns 1 deleted, 0 unknown.
    // (The idempotency key, which holds only the id, expires on its own.)
    internal const string DeleteScript = """
        local b = redis.call('HMGET', KEYS[1], 'slot', 'user')
        if not b[1] then return 0 end
        redis.call('DEL', KEYS[1])
        redis.call('SREM', ARGV[2] .. 'bk:slot:' .. b[1], ARGV[1])
        redis.call('SREM', ARGV[2] .. 'bk:day:' .. string.sub(b[1], 1, 10), ARGV[1])
        redis.call('ZREM', ARGV[2] .. 'bk:user:' .. b[2], ARGV[1])
        redis.call('ZREM', ARGV[2] .. 'bk:all', ARGV[1])
        return 1
        """;

    // KEYS index (a sorted set of ids); ARGV prefix, min score, max score. Returns { id, HGETALL… } per live booking;
    // ids whose booking expired are removed from the index on the way.
    internal const string ListScript = """
        local ids = redis.call('ZRANGEBYSCORE', KEYS[1], ARGV[2], ARGV[3])
        local out = {}
        for _, id in ipairs(ids) do
          local h = redis.call('HGETALL', ARGV[1] .. 'bk:b:' .. id)
          if #h == 0 then redis.call('ZREM', KEYS[1], id) else
            table.insert(out, id)
            table.insert(out, h)
          end
        end
        return out
        """;

    // ARGV prefix, now ms, except, slot keys… Returns the places taken per slot, in order.
    internal const string TakenScript = """
        local out = {}
        for i = 4, #ARGV do
          local hold = ARGV[1] .. 'bk:hold:' .. ARGV[i]
          redis.call('ZREMRANGEBYSCORE', hold, '-inf', ARGV[2])
          local n = redis.call('SCARD', ARGV[1] .. 'bk:slot:' .. ARGV[i]) + redis.call('ZCARD', hold)
          if ARGV[3] ~= '' and redis.call('ZSCORE', hold, ARGV[3]) then n = n - 1 end
          table.insert(out, n)
        end
        return out
        """;

    // KEYS reminders; ARGV now ms, max. Why a script: reading the due entries and removing them must be
    // one step, or two instances could both read (and send) the same reminder.
    internal const string ClaimScript = """
        local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
        for _, m in ipairs(due) do redis.call('ZREM', KEYS[1], m) end
        return due
        """;

    public async Task<bool> HoldAsync(SlotRef slot, string holder, SlotLimits limits, DateTimeOffset now, TimeSpan holdFor, CancellationToken cancellationToken = default)
    {
        var holdMs = Milliseconds(holdFor, nameof(holdFor));
        var result = await RunAsync(db => db.ScriptEvaluateAsync(HoldScript,
            [BookingKey("hold:" + slot.Key), BookingKey("slot:" + slot.Key), BookingKey("day:" + slot.Day), BookingKey("held:" + holder)],
            [holder, now.ToUnixTimeMilliseconds(), now.ToUnixTimeMilliseconds() + holdMs, limits.Capacity, limits.PerDay, holdMs, _prefix, .. Near(limits)]), cancellationToken).ConfigureAwait(false);
        return (long)result == 1;
    }

    public Task ReleaseHoldAsync(string slotKey, string holder, CancellationToken cancellationToken = default) =>
        RunAsync(db => db.SortedSetRemoveAsync(BookingKey("hold:" + slotKey), holder), cancellationToken);

    public async Task<BookResult> ConfirmAsync(NewBooking booking, SlotLimits limits, DateTimeOffset now, TimeSpan keepAfter, CancellationToken cancellationToken = default)
    {
        var ttl = Ttl(booking.Slot.Start, now, keepAfter);
        var start = booking.Slot.Start.ToUnixTimeMilliseconds();
        var result = (RedisResult[])(await RunAsync(db => db.ScriptEvaluateAsync(ConfirmScript,
            [BookingKey("b:" + booking.Id), BookingKey("slot:" + booking.Slot.Key), BookingKey("day:" + booking.Slot.Day), BookingKey("hold:" + booking.Slot.Key),
             BookingKey("user:" + booking.User), BookingKey("all"), BookingKey("idem:" + booking.IdempotencyKey)],
            [booking.Id, booking.Slot.Key, start, booking.User, now.ToUnixTimeMilliseconds(), booking.Details, limits.Capacity, limits.PerDay, ttl,
             (now - keepAfter).ToUnixTimeMilliseconds(), _prefix, .. Near(limits)]), cancellationToken).ConfigureAwait(false))!;
        switch ((long)result[0])
        {
            case 0: return new BookResult(BookOutcome.Booked, await GetAsync(booking.Id, cancellationToken).ConfigureAwait(false));
            case 1: return await GetAsync((string)result[1]!, cancellationToken).ConfigureAwait(false) is { } done
                ? new BookResult(BookOutcome.Duplicate, done) : new BookResult(BookOutcome.NotFound, null);
            case 2: return new BookResult(BookOutcome.Full, null);
            default: throw new InvalidOperationException("The booking id is already in use; make a new one and try again.");
        }
    }

    public async Task<BookResult> ChangeAsync(string id, SlotRef slot, SlotLimits limits, DateTimeOffset now, TimeSpan keepAfter, CancellationToken cancellationToken = default)
    {
        var current = await GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (current is null) return new BookResult(BookOutcome.NotFound, null);
        var result = await RunAsync(db => db.ScriptEvaluateAsync(ChangeScript,
            [BookingKey("b:" + id), BookingKey("slot:" + slot.Key), BookingKey("day:" + slot.Day), BookingKey("hold:" + slot.Key), BookingKey("user:" + current.User), BookingKey("all")],
            [id, slot.Key, slot.Start.ToUnixTimeMilliseconds(), now.ToUnixTimeMilliseconds(), limits.Capacity, limits.PerDay, Ttl(slot.Start, now, keepAfter), _prefix, .. Near(limits)]),
            cancellationToken).ConfigureAwait(false);
        return (long)result switch
        {
            0 => new BookResult(BookOutcome.Booked, await GetAsync(id, cancellationToken).ConfigureAwait(false)),
            1 => new BookResult(BookOutcome.Duplicate, current),
            2 => new BookResult(BookOutcome.Full, null),
            _ => new BookResult(BookOutcome.NotFound, null),
        };
    }

    public async Task<BookResult> CancelAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(db => db.ScriptEvaluateAsync(CancelScript, [BookingKey("b:" + id)], [id, now.ToUnixTimeMilliseconds(), _prefix]), cancellationToken)
            .ConfigureAwait(false);
        return (long)result == 1
            ? new BookResult(BookOutcome.Booked, await GetAsync(id, cancellationToken).ConfigureAwait(false))
            : new BookResult(BookOutcome.NotFound, null);
    }

    public async Task<Booking?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        var fields = await RunAsync(db => db.HashGetAllAsync(BookingKey("b:" + id)), cancellationToken).ConfigureAwait(false);
        return fields.Length == 0 ? null : Read(id, fields.ToDictionary(f => (string)f.Name!, f => (string)f.Value!));
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) =>
        (long)await RunAsync(db => db.ScriptEvaluateAsync(DeleteScript, [BookingKey("b:" + id)], [id, _prefix]), cancellationToken).ConfigureAwait(false) == 1;

    public Task<IReadOnlyList<Booking>> ListByUserAsync(string user, CancellationToken cancellationToken = default) =>
        ListAsync(BookingKey("user:" + user), "-inf", "+inf", cancellationToken);

    public Task<IReadOnlyList<Booking>> ListAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        ListAsync(BookingKey("all"), from.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), to.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), cancellationToken);

    private async Task<IReadOnlyList<Booking>> ListAsync(string index, string min, string max, CancellationToken cancellationToken)
    {
        var result = (RedisResult[])(await RunAsync(db => db.ScriptEvaluateAsync(ListScript, [index], [_prefix, min, max]), cancellationToken).ConfigureAwait(false))!;
        var list = new List<Booking>();
        for (var i = 0; i + 1 < result.Length; i += 2)
        {
            var flat = (RedisResult[])result[i + 1]!;
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var j = 0; j + 1 < flat.Length; j += 2) fields[(string)flat[j]!] = (string)flat[j + 1]!;
            list.Add(Read((string)result[i]!, fields));
        }
        return list.OrderBy(b => b.Start).ThenBy(b => b.Id, StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyDictionary<string, int>> TakenAsync(IReadOnlyList<string> slotKeys, string? except, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var keys = slotKeys.Distinct().ToList();
        if (keys.Count == 0) return new Dictionary<string, int>();
        RedisValue[] args = [_prefix, now.ToUnixTimeMilliseconds(), except ?? "", .. keys.Select(k => (RedisValue)k)];
        var result = (RedisResult[])(await RunAsync(db => db.ScriptEvaluateAsync(TakenScript, [], args), cancellationToken).ConfigureAwait(false))!;
        return keys.Select((k, i) => (k, (int)(long)result[i])).ToDictionary(p => p.k, p => p.Item2);
    }

    public Task ScheduleAsync(ReminderItem item, DateTimeOffset due, CancellationToken cancellationToken = default) =>
        RunAsync(db => db.SortedSetAddAsync(ReminderKey, Member(item), due.ToUnixTimeMilliseconds()), cancellationToken);

    public Task RemoveAsync(ReminderItem item, CancellationToken cancellationToken = default) =>
        RunAsync(db => db.SortedSetRemoveAsync(ReminderKey, Member(item)), cancellationToken);

    public async Task<IReadOnlyList<ReminderItem>> ClaimDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken = default)
    {
        var result = (RedisResult[])(await RunAsync(db => db.ScriptEvaluateAsync(ClaimScript, [ReminderKey], [now.ToUnixTimeMilliseconds(), max]), cancellationToken)
            .ConfigureAwait(false))!;
        return result.Select(r => (string)r!).Select(m => new ReminderItem(m[..m.IndexOf('|')], m[(m.IndexOf('|') + 1)..])).ToList();
    }

    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default)
    {
        var first = await RunAsync(db => db.SortedSetRangeByRankWithScoresAsync(ReminderKey, 0, 0), cancellationToken).ConfigureAwait(false);
        return first.Length == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds((long)first[0].Score);
    }

    internal string BookingKey(string rest) => _prefix + "bk:" + rest;

    private static IEnumerable<RedisValue> Near(SlotLimits limits) => limits.Near.Select(k => (RedisValue)k);

    private string ReminderKey => _prefix + "reminders";

    private static string Member(ReminderItem item) =>
        item.Kind.Contains('|') ? throw new ArgumentException("A reminder kind may not contain '|'.", nameof(item)) : item.Kind + "|" + item.Id;

    // Until the appointment plus retention, counted from the caller's now; at least a minute so a
    // booking made for a slot that just started is still written (and then expires soon).
    private static long Ttl(DateTimeOffset start, DateTimeOffset now, TimeSpan keepAfter) =>
        Math.Max(60_000, (long)Math.Ceiling((start + keepAfter - now).TotalMilliseconds));

    private static Booking Read(string id, Dictionary<string, string> f)
    {
        static DateTimeOffset Ms(string? v) => DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(v ?? "0", CultureInfo.InvariantCulture)).ToOffset(TimeSpan.FromHours(9));
        return new Booking(id, f.GetValueOrDefault("slot", ""), Ms(f.GetValueOrDefault("start")), f.GetValueOrDefault("user", ""),
            f.GetValueOrDefault("status") == "cancelled" ? BookingStatus.Cancelled : BookingStatus.Confirmed,
            Ms(f.GetValueOrDefault("created")), Ms(f.GetValueOrDefault("changed")), f.GetValueOrDefault("data", "{}"));
    }
}
