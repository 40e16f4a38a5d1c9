// Intake bookings (IBookingLedger) and the reminder queue (IReminderQueue). Keys ({bk:<day>} is a Redis
// Cluster hash tag, with the local day of the slot, e.g. {bk:2026-12-03}: everything a capacity check reads lives
// in one hash slot per day):
//
//   {prefix}{bk:<day>}:b:<id>          hash { slot, start (unix ms), user, status, created, changed, data (details JSON) };
//                                      PEXPIRE = until the appointment + retention
//   {prefix}{bk:<day>}:slot:<slot>     set of confirmed booking ids in a slot (slot = local start, 2026-12-03T10:00)
//   {prefix}{bk:<day>}:day             set of confirmed booking ids on that day (the per-day limit)
//   {prefix}{bk:<day>}:hold:<slot>     sorted set holder → hold expiry (unix ms, the caller's clock)
//   {prefix}{bk:<day>}:idem:<key>      string = booking id (a repeated confirm returns the same booking)
//   {prefix}bk:id:<id>                 string = the slot the booking is in now (where to find its hash); same expiry
//   {prefix}bk:held:<holder>           string = the hold key the holder has now (one hold per person)
//   {prefix}bk:user:<user>             sorted set booking id → start ms (the person's bookings)
//   {prefix}bk:all                     sorted set booking id → start ms (staff range queries); trimmed past retention
//   {prefix}reminders                  sorted set "kind|id" → due ms; claimed (ZREM) atomically by one instance
//
// Capacity per slot (confirmed + live holds of others), the buffer to the same day's near slots and the
// per-day limit are checked and taken in one script over one day's keys, so they hold under any
// concurrency, across instances, on one Redis or a cluster. Every script names all its keys in KEYS.
// The indexes (bk:id, bk:user, bk:all) live in other slots; a confirm writes them first (one pipelined
// batch) and runs the day's script only then (a second round trip), so a booking never exists without
// them. Every read goes through the day's hash, so an index entry of a booking that was never made (full,
// duplicate) is never shown, and is removed right after.
// Holds expire by the caller's clock ("now" is an argument), the keys themselves by Redis's PEXPIRE.

using System.Globalization;
using StackExchange.Redis;
using SupportBot.Engine.State;

namespace SupportBot.Storage.Redis;

public sealed partial class RedisStore : IBookingLedger, IReminderQueue
{
    // The buffer between intakes: the near slots (KEYS from index `first` on, in pairs slot set / hold set,
    // all on the same day) must have no booking and no live hold of someone else.
    private const string NearTaken = """
        local function near_taken(first, holder, now, moving)
          for i = first, #KEYS, 2 do
            local booked = redis.call('SCARD', KEYS[i])
            if moving and redis.call('SISMEMBER', KEYS[i], moving) == 1 then booked = booked - 1 end
            if booked > 0 then return true end
            local live = redis.call('ZCOUNT', KEYS[i + 1], '(' .. now, '+inf')
            local own = redis.call('ZSCORE', KEYS[i + 1], holder)
            if own and tonumber(own) > tonumber(now) then live = live - 1 end
            if live > 0 then return true end
          end
          return false
        end
        """ + "\n";

    // KEYS hold, slot, day, near pairs…; ARGV holder, now ms, hold expiry ms, capacity, per day, hold ms.
    internal static readonly RedisScript HoldScript = new(NearTaken + """
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
        local mine = redis.call('ZSCORE', KEYS[1], ARGV[1])
        local taken = redis.call('SCARD', KEYS[2]) + redis.call('ZCARD', KEYS[1]) - (mine and 1 or 0)
        if taken >= tonumber(ARGV[4]) then return 0 end
        local perDay = tonumber(ARGV[5])
        if perDay > 0 and redis.call('SCARD', KEYS[3]) >= perDay then return 0 end
        if near_taken(4, ARGV[1], ARGV[2], nil) then return 0 end
        redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
        redis.call('PEXPIRE', KEYS[1], ARGV[6])
        return 1
        """);

    // KEYS b, slot, day, hold, idem, near pairs…; ARGV id, slot, start ms, user, now ms, data, capacity, per day, ttl ms.
    // Returns {0,id} booked, {1,id} duplicate, {2} full, {4} id taken.
    internal static readonly RedisScript ConfirmScript = new(NearTaken + """
        local existing = redis.call('GET', KEYS[5])
        if existing then return { 1, existing } end
        if redis.call('EXISTS', KEYS[1]) == 1 then return { 4 } end
        redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', ARGV[5])
        local held = redis.call('ZSCORE', KEYS[4], ARGV[4])
        local taken = redis.call('SCARD', KEYS[2]) + redis.call('ZCARD', KEYS[4]) - (held and 1 or 0)
        if taken >= tonumber(ARGV[7]) then return { 2 } end
        local perDay = tonumber(ARGV[8])
        if perDay > 0 and redis.call('SCARD', KEYS[3]) >= perDay then return { 2 } end
        if near_taken(6, ARGV[4], ARGV[5], nil) then return { 2 } end
        local ttl = tonumber(ARGV[9])
        redis.call('HSET', KEYS[1], 'slot', ARGV[2], 'start', ARGV[3], 'user', ARGV[4], 'status', 'confirmed',
          'created', ARGV[5], 'changed', ARGV[5], 'data', ARGV[6])
        redis.call('PEXPIRE', KEYS[1], ttl)
        redis.call('SADD', KEYS[2], ARGV[1])
        redis.call('PEXPIRE', KEYS[2], ttl)
        redis.call('SADD', KEYS[3], ARGV[1])
        redis.call('PEXPIRE', KEYS[3], ttl + 86400000)
        if held then redis.call('ZREM', KEYS[4], ARGV[4]) end
        redis.call('SET', KEYS[5], ARGV[1], 'PX', ttl)
        return { 0, ARGV[1] }
        """);

    // Moving within one day. KEYS b, new slot, day, new hold, old slot, near pairs…; ARGV id, new slot, new start ms,
    // now ms, capacity, per day, ttl ms, old slot. The new place is taken before the old one is released, in this one step.
    // Returns 0 changed, 1 already there, 2 full, 3 not found, 5 moved meanwhile (read again).
    internal static readonly RedisScript ChangeScript = new(NearTaken + """
        local b = redis.call('HMGET', KEYS[1], 'slot', 'user', 'status')
        if not b[1] or b[3] ~= 'confirmed' then return 3 end
        if b[1] == ARGV[2] then return 1 end
        if b[1] ~= ARGV[8] then return 5 end
        redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', ARGV[4])
        local held = redis.call('ZSCORE', KEYS[4], b[2])
        local taken = redis.call('SCARD', KEYS[2]) + redis.call('ZCARD', KEYS[4]) - (held and 1 or 0)
        if taken >= tonumber(ARGV[5]) then return 2 end
        if near_taken(6, b[2], ARGV[4], ARGV[1]) then return 2 end
        local ttl = tonumber(ARGV[7])
        redis.call('SADD', KEYS[2], ARGV[1])
        redis.call('PEXPIRE', KEYS[2], ttl)
        redis.call('PEXPIRE', KEYS[3], ttl + 86400000)
        if held then redis.call('ZREM', KEYS[4], b[2]) end
        redis.call('SREM', KEYS[5], ARGV[1])
        redis.call('HSET', KEYS[1], 'slot', ARGV[2], 'start', ARGV[3], 'changed', ARGV[4])
        redis.call('PEXPIRE', KEYS[1], ttl)
        return 0
        """);

    // Moving to another day, step 1 (on the new day): take the new place and write the booking there.
    // KEYS new b, new slot, new day, new hold, near pairs…; ARGV id, new slot, new start ms, now ms, capacity,
    // per day, ttl ms, user, created ms, data. Returns 0 placed, 2 full.
    internal static readonly RedisScript MoveInScript = new(NearTaken + """
        if redis.call('HGET', KEYS[1], 'status') == 'confirmed' and redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 1 then return 0 end
        redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', ARGV[4])
        local held = redis.call('ZSCORE', KEYS[4], ARGV[8])
        local taken = redis.call('SCARD', KEYS[2]) + redis.call('ZCARD', KEYS[4]) - (held and 1 or 0)
        if taken >= tonumber(ARGV[5]) then return 2 end
        local perDay = tonumber(ARGV[6])
        if perDay > 0 and redis.call('SCARD', KEYS[3]) >= perDay then return 2 end
        if near_taken(5, ARGV[8], ARGV[4], nil) then return 2 end
        local ttl = tonumber(ARGV[7])
        redis.call('DEL', KEYS[1])
        redis.call('HSET', KEYS[1], 'slot', ARGV[2], 'start', ARGV[3], 'user', ARGV[8], 'status', 'confirmed',
          'created', ARGV[9], 'changed', ARGV[4], 'data', ARGV[10])
        redis.call('PEXPIRE', KEYS[1], ttl)
        redis.call('SADD', KEYS[2], ARGV[1])
        redis.call('PEXPIRE', KEYS[2], ttl)
        redis.call('SADD', KEYS[3], ARGV[1])
        redis.call('PEXPIRE', KEYS[3], ttl + 86400000)
        if held then redis.call('ZREM', KEYS[4], ARGV[8]) end
        return 0
        """);

    // Cancel (and, with ARGV[4] = 'move', step 3 of a move to another day: drop the old copy). KEYS b, slot, day;
    // ARGV id, now ms, expected slot, mode ('cancel' | 'move' | 'delete').
    // Returns { 1, HGETALL after } done, { 0 } unknown or already cancelled, { 5 } moved meanwhile (read again).
    internal static readonly RedisScript CancelScript = new("""
        local b = redis.call('HMGET', KEYS[1], 'slot', 'status')
        if not b[1] then return { 0 } end
        if b[1] ~= ARGV[3] then return { 5 } end
        if ARGV[4] == 'delete' then
          local h = redis.call('HGETALL', KEYS[1])
          redis.call('DEL', KEYS[1])
          redis.call('SREM', KEYS[2], ARGV[1])
          redis.call('SREM', KEYS[3], ARGV[1])
          return { 1, h }
        end
        if b[2] ~= 'confirmed' then return { 0 } end
        redis.call('SREM', KEYS[2], ARGV[1])
        redis.call('SREM', KEYS[3], ARGV[1])
        if ARGV[4] == 'move' then
          redis.call('DEL', KEYS[1])
          return { 1, {} }
        end
        redis.call('HSET', KEYS[1], 'status', 'cancelled', 'changed', ARGV[2])
        return { 1, redis.call('HGETALL', KEYS[1]) }
        """);

    // KEYS slot, hold pairs (one day on a cluster, any days on a single Redis); ARGV now ms, except. Returns the places taken per slot, in order.
    internal static readonly RedisScript TakenScript = new("""
        local out = {}
        for i = 1, #KEYS, 2 do
          redis.call('ZREMRANGEBYSCORE', KEYS[i + 1], '-inf', ARGV[1])
          local n = redis.call('SCARD', KEYS[i]) + redis.call('ZCARD', KEYS[i + 1])
          if ARGV[2] ~= '' and redis.call('ZSCORE', KEYS[i + 1], ARGV[2]) then n = n - 1 end
          table.insert(out, n)
        end
        return out
        """);

    // KEYS key; ARGV ms. Extends the key's expiry to at least ARGV[1] (an index lives as long as its longest booking).
    internal static readonly RedisScript ExtendScript = new("""
        if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        return 1
        """);

    // KEYS reminders; ARGV now ms, max. Why a script: reading the due entries and removing them must be
    // one step, or two instances could both read (and send) the same reminder.
    internal static readonly RedisScript ClaimScript = new("""
        local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
        for _, m in ipairs(due) do redis.call('ZREM', KEYS[1], m) end
        return due
        """);

    public async Task<bool> HoldAsync(SlotRef slot, string holder, SlotLimits limits, DateTimeOffset now, TimeSpan holdFor, CancellationToken cancellationToken = default)
    {
        var holdMs = Milliseconds(holdFor, nameof(holdFor));
        var hold = HoldKey(slot.Key);
        var held = await RunAsync(db => HoldScript.EvaluateAsync(db,
            [hold, SlotKey(slot.Key), DayKey(slot.Key), .. NearKeys(slot, limits)],
            [holder, now.ToUnixTimeMilliseconds(), now.ToUnixTimeMilliseconds() + holdMs, limits.Capacity, limits.PerDay, holdMs]), cancellationToken).ConfigureAwait(false);
        if ((long)held != 1) return false;
        // One hold per person: remember this one and drop the one before (it may be on another day, so in another
        // hash slot: a second step). Until then the old hold only keeps a place a moment longer, never one too few.
        var previous = await RunAsync(db => db.StringSetAndGetAsync(BookingKey("held:" + holder), (string)hold, TimeSpan.FromMilliseconds(holdMs)), cancellationToken)
            .ConfigureAwait(false);
        if (!previous.IsNull && (string)previous! != (string)hold!)
            await RunAsync(db => db.SortedSetRemoveAsync((string)previous!, holder), cancellationToken).ConfigureAwait(false);
        return true;
    }

    public Task ReleaseHoldAsync(string slotKey, string holder, CancellationToken cancellationToken = default) =>
        RunAsync(db => db.SortedSetRemoveAsync(HoldKey(slotKey), holder), cancellationToken);

    public async Task<BookResult> ConfirmAsync(NewBooking booking, SlotLimits limits, DateTimeOffset now, TimeSpan keepAfter, CancellationToken cancellationToken = default)
    {
        var ttl = Ttl(booking.Slot.Start, now, keepAfter);
        var start = booking.Slot.Start.ToUnixTimeMilliseconds();
        var nowMs = now.ToUnixTimeMilliseconds();
        var cutoff = (now - keepAfter).ToUnixTimeMilliseconds();
        var slotKey = booking.Slot.Key;
        var pointer = BookingKey("id:" + booking.Id);
        var user = BookingKey("user:" + booking.User);
        var all = BookingKey("all");
        // Two round trips. First the indexes (other hash slots), as one pipelined batch: the id's pointer with
        // SET NX GET (free, or already ours: our slot, a retry of this very attempt), the person's and the staff's
        // index with ZADD NX (never moving someone else's entry). Only once they are written does the day's script
        // run, so a booking never exists without its indexes; an index entry of a booking that was not made points
        // at nothing (every read goes through the day's hash) and is removed again below.
        var db = await _connection.GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
        var batch = db.CreateBatch();
        var pointed = batch.StringSetAndGetAsync(pointer, slotKey, TimeSpan.FromMilliseconds(ttl), when: When.NotExists);
        var indexed = Task.WhenAll(
            batch.SortedSetRemoveRangeByScoreAsync(user, double.NegativeInfinity, cutoff, Exclude.Stop),
            batch.SortedSetAddAsync(user, booking.Id, start, When.NotExists),
            ExtendScript.EvaluateAsync(batch, [user], [ttl], db),
            batch.SortedSetRemoveRangeByScoreAsync(all, double.NegativeInfinity, cutoff, Exclude.Stop),
            batch.SortedSetAddAsync(all, booking.Id, start, When.NotExists));
        batch.Execute();
        var before = await Bounded(pointed, cancellationToken).ConfigureAwait(false);
        await Bounded(indexed, cancellationToken).ConfigureAwait(false);
        if (!before.IsNull && (string?)before != slotKey)
            throw new InvalidOperationException("The booking id is already in use; make a new one and try again.");
        var pointerIsNew = before.IsNull;

        var result = (RedisResult[])(await RunAsync(d => ConfirmScript.EvaluateAsync(d,
            [BookingRecordKey(slotKey, booking.Id), SlotKey(slotKey), DayKey(slotKey), HoldKey(slotKey), DayTag(slotKey) + "idem:" + booking.IdempotencyKey, .. NearKeys(booking.Slot, limits)],
            [booking.Id, slotKey, start, booking.User, nowMs, booking.Details, limits.Capacity, limits.PerDay, ttl]), cancellationToken).ConfigureAwait(false))!;
        var outcome = (long)result[0];
        if (outcome == 0)
            return new BookResult(BookOutcome.Booked, new Booking(booking.Id, slotKey, Local(start), booking.User, BookingStatus.Confirmed, Local(nowMs), Local(nowMs), booking.Details));

        // Not made: take back the index entries this attempt wrote (only when the id was new: a retry of an attempt
        // that did book finds its own booking as the duplicate and leaves everything as it is).
        if (pointerIsNew && (outcome == 2 || (outcome == 1 && (string?)result[1] != booking.Id)))
        {
            await Task.WhenAll(
                RunAsync(d => d.KeyDeleteAsync(pointer), cancellationToken),
                RunAsync(d => d.SortedSetRemoveAsync(user, booking.Id), cancellationToken),
                RunAsync(d => d.SortedSetRemoveAsync(all, booking.Id), cancellationToken)).ConfigureAwait(false);
        }
        return outcome switch
        {
            1 => await ReadRecordAsync(slotKey, (string)result[1]!, cancellationToken).ConfigureAwait(false) is { } done
                ? new BookResult(BookOutcome.Duplicate, done) : new BookResult(BookOutcome.NotFound, null),
            2 => new BookResult(BookOutcome.Full, null),
            _ => throw new InvalidOperationException("The booking id is already in use; make a new one and try again."),
        };
    }

    public async Task<BookResult> ChangeAsync(string id, SlotRef slot, SlotLimits limits, DateTimeOffset now, TimeSpan keepAfter, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var current = await GetAsync(id, cancellationToken).ConfigureAwait(false);
            if (current is null || current.Status != BookingStatus.Confirmed) return new BookResult(BookOutcome.NotFound, null);
            if (current.Slot == slot.Key) return new BookResult(BookOutcome.Duplicate, current);
            var ttl = Ttl(slot.Start, now, keepAfter);
            var nowMs = now.ToUnixTimeMilliseconds();
            var start = slot.Start.ToUnixTimeMilliseconds();
            long outcome;
            if (current.Slot[..10] == slot.Day)
            {
                outcome = (long)await RunAsync(db => ChangeScript.EvaluateAsync(db,
                    [BookingRecordKey(slot.Key, id), SlotKey(slot.Key), DayKey(slot.Key), HoldKey(slot.Key), SlotKey(current.Slot), .. NearKeys(slot, limits)],
                    [id, slot.Key, start, nowMs, limits.Capacity, limits.PerDay, ttl, current.Slot]), cancellationToken).ConfigureAwait(false);
                if (outcome == 5) continue;
            }
            else
            {
                outcome = await MoveToAnotherDayAsync(current, slot, limits, nowMs, ttl, cancellationToken).ConfigureAwait(false);
                if (outcome == 5) continue;
            }
            switch (outcome)
            {
                case 0:
                    await Task.WhenAll(
                        RunAsync(db => db.StringSetAsync(BookingKey("id:" + id), slot.Key, TimeSpan.FromMilliseconds(ttl)), cancellationToken),
                        RunAsync(db => db.SortedSetAddAsync(BookingKey("user:" + current.User), id, start), cancellationToken),
                        RunAsync(db => db.SortedSetAddAsync(BookingKey("all"), id, start), cancellationToken)).ConfigureAwait(false);
                    return new BookResult(BookOutcome.Booked, current with { Slot = slot.Key, Start = Local(start), Changed = Local(nowMs) });
                case 1: return new BookResult(BookOutcome.Duplicate, current);
                case 2: return new BookResult(BookOutcome.Full, null);
                default: return new BookResult(BookOutcome.NotFound, null);
            }
        }
        throw new InvalidOperationException("The booking kept moving while it was being changed; try again.");
    }

    // Two days are two hash slots, so a move between them is three steps, in an order that never loses the
    // booking and never lets a place be taken twice: (1) take the new place and write the booking on the new
    // day; (2) point the id there; (3) drop the old copy and free the old place. A crash between the steps
    // leaves at most an extra place taken (the copy the id does not point at) until it expires; every read
    // goes through the id pointer, so the booking is listed once.
    private async Task<long> MoveToAnotherDayAsync(Booking current, SlotRef slot, SlotLimits limits, long nowMs, long ttl, CancellationToken cancellationToken)
    {
        var id = current.Id;
        var placed = (long)await RunAsync(db => MoveInScript.EvaluateAsync(db,
            [BookingRecordKey(slot.Key, id), SlotKey(slot.Key), DayKey(slot.Key), HoldKey(slot.Key), .. NearKeys(slot, limits)],
            [id, slot.Key, slot.Start.ToUnixTimeMilliseconds(), nowMs, limits.Capacity, limits.PerDay, ttl, current.User, current.Created.ToUnixTimeMilliseconds(), current.Details]),
            cancellationToken).ConfigureAwait(false);
        if (placed != 0) return placed;
        await RunAsync(db => db.StringSetAsync(BookingKey("id:" + id), slot.Key, TimeSpan.FromMilliseconds(ttl)), cancellationToken).ConfigureAwait(false);
        var dropped = (RedisResult[])(await RunAsync(db => CancelScript.EvaluateAsync(db, RecordKeys(current.Slot, id), [id, nowMs, current.Slot, "move"]), cancellationToken)
            .ConfigureAwait(false))!;
        if ((long)dropped[0] == 1) return 0;
        // The old copy was cancelled (or deleted) while we moved it: the move must not bring it back.
        await RunAsync(db => CancelScript.EvaluateAsync(db, RecordKeys(slot.Key, id), [id, nowMs, slot.Key, "cancel"]), cancellationToken).ConfigureAwait(false);
        return 3;
    }

    public async Task<BookResult> CancelAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            // The record's own slot (the pointer names the day, which is all a read needs; its slot may lag a move).
            var slotKey = (await GetAsync(id, cancellationToken).ConfigureAwait(false))?.Slot;
            if (slotKey is null) return new BookResult(BookOutcome.NotFound, null);
            var result = (RedisResult[])(await RunAsync(db => CancelScript.EvaluateAsync(db, RecordKeys(slotKey, id), [id, now.ToUnixTimeMilliseconds(), slotKey, "cancel"]), cancellationToken)
                .ConfigureAwait(false))!;
            switch ((long)result[0])
            {
                case 1: return new BookResult(BookOutcome.Booked, Read(id, Fields((RedisResult[])result[1]!)));
                case 5: continue;
                default: return new BookResult(BookOutcome.NotFound, null);
            }
        }
        throw new InvalidOperationException("The booking kept moving while it was being cancelled; try again.");
    }

    public async Task<Booking?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        var slotKey = await SlotOfAsync(id, cancellationToken).ConfigureAwait(false);
        return slotKey is null ? null : await ReadRecordAsync(slotKey, id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var slotKey = (await GetAsync(id, cancellationToken).ConfigureAwait(false))?.Slot;
            if (slotKey is null) return false;
            var result = (RedisResult[])(await RunAsync(db => CancelScript.EvaluateAsync(db, RecordKeys(slotKey, id), [id, 0, slotKey, "delete"]), cancellationToken)
                .ConfigureAwait(false))!;
            if ((long)result[0] == 5) continue;
            if ((long)result[0] == 0) return false;
            var user = Fields((RedisResult[])result[1]!).GetValueOrDefault("user", "");
            await Task.WhenAll(
                RunAsync(db => db.KeyDeleteAsync(BookingKey("id:" + id)), cancellationToken),
                RunAsync(db => db.SortedSetRemoveAsync(BookingKey("user:" + user), id), cancellationToken),
                RunAsync(db => db.SortedSetRemoveAsync(BookingKey("all"), id), cancellationToken)).ConfigureAwait(false);
            return true;
        }
        throw new InvalidOperationException("The booking kept moving while it was being deleted; try again.");
    }

    public async Task<IReadOnlyList<Booking>> ListByUserAsync(string user, CancellationToken cancellationToken = default)
    {
        var ids = await RunAsync(db => db.SortedSetRangeByScoreAsync(BookingKey("user:" + user)), cancellationToken).ConfigureAwait(false);
        return (await ReadManyAsync(ids, cancellationToken).ConfigureAwait(false)).Where(b => b.User == user).ToList();
    }

    public async Task<IReadOnlyList<Booking>> ListAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var ids = await RunAsync(db => db.SortedSetRangeByScoreAsync(BookingKey("all"), from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds()), cancellationToken)
            .ConfigureAwait(false);
        return (await ReadManyAsync(ids, cancellationToken).ConfigureAwait(false)).Where(b => b.Start >= from && b.Start <= to).ToList();
    }

    // Two pipelined round trips whatever the number: every id's pointer, then every booking's hash.
    private async Task<List<Booking>> ReadManyAsync(RedisValue[] ids, CancellationToken cancellationToken)
    {
        if (ids.Length == 0) return [];
        var db = await _connection.GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
        var batch = db.CreateBatch();
        var slots = ids.Select(id => batch.StringGetAsync(BookingKey("id:" + (string)id!))).ToArray();
        batch.Execute();
        await Bounded(Task.WhenAll(slots), cancellationToken).ConfigureAwait(false);
        var found = ids.Select((id, i) => ((string)id!, (string?)slots[i].Result)).Where(p => p.Item2 is not null).ToList();
        batch = db.CreateBatch();
        var records = found.Select(p => batch.HashGetAllAsync(BookingRecordKey(p.Item2!, p.Item1))).ToArray();
        batch.Execute();
        await Bounded(Task.WhenAll(records), cancellationToken).ConfigureAwait(false);
        var list = new List<Booking>();
        for (var i = 0; i < found.Count; i++)
            if (records[i].Result is { Length: > 0 } fields) list.Add(Read(found[i].Item1, fields.ToDictionary(f => (string)f.Name!, f => (string)f.Value!)));
        return list.OrderBy(b => b.Start).ThenBy(b => b.Id, StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyDictionary<string, int>> TakenAsync(IReadOnlyList<string> slotKeys, string? except, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var keys = slotKeys.Distinct().ToList();
        if (keys.Count == 0) return new Dictionary<string, int>();
        // On a cluster one script per day (one hash slot each), all sent together: one round trip. On a single
        // Redis one script for every day.
        var db = await _connection.GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
        var batch = db.CreateBatch();
        var groups = _connection.IsCluster ? keys.GroupBy(DayOf) : keys.GroupBy(_ => "");
        var days = groups.Select(day => (Slots: day.ToList(), Result: TakenScript.EvaluateAsync(batch,
            day.SelectMany(k => new RedisKey[] { SlotKey(k), HoldKey(k) }).ToArray(), [now.ToUnixTimeMilliseconds(), except ?? ""], db))).ToList();
        batch.Execute();
        await Bounded(Task.WhenAll(days.Select(d => d.Result)), cancellationToken).ConfigureAwait(false);
        var taken = new Dictionary<string, int>();
        foreach (var (slots, result) in days)
        {
            var counts = (RedisResult[])result.Result!;
            for (var i = 0; i < slots.Count; i++) taken[slots[i]] = (int)(long)counts[i];
        }
        return keys.ToDictionary(k => k, k => taken[k]);
    }

    public Task ScheduleAsync(ReminderItem item, DateTimeOffset due, CancellationToken cancellationToken = default) =>
        RunAsync(db => db.SortedSetAddAsync(ReminderKey, Member(item), due.ToUnixTimeMilliseconds()), cancellationToken);

    public Task RemoveAsync(ReminderItem item, CancellationToken cancellationToken = default) =>
        RunAsync(db => db.SortedSetRemoveAsync(ReminderKey, Member(item)), cancellationToken);

    public async Task<IReadOnlyList<ReminderItem>> ClaimDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken = default)
    {
        var result = (RedisResult[])(await RunAsync(db => ClaimScript.EvaluateAsync(db, [ReminderKey], [now.ToUnixTimeMilliseconds(), max]), cancellationToken)
            .ConfigureAwait(false))!;
        return result.Select(r => (string)r!).Select(m => new ReminderItem(m[..m.IndexOf('|')], m[(m.IndexOf('|') + 1)..])).ToList();
    }

    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default)
    {
        var first = await RunAsync(db => db.SortedSetRangeByRankWithScoresAsync(ReminderKey, 0, 0), cancellationToken).ConfigureAwait(false);
        return first.Length == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds((long)first[0].Score);
    }

    internal string BookingKey(string rest) => _prefix + "bk:" + rest;

    /// <summary>The day's hash tag: <c>{prefix}{bk:2026-12-03}:</c> for slot <c>2026-12-03T10:00</c>.</summary>
    internal string DayTag(string slotKey) => _prefix + "{bk:" + DayOf(slotKey) + "}:";

    internal string SlotKey(string slotKey) => DayTag(slotKey) + "slot:" + slotKey;
    internal string HoldKey(string slotKey) => DayTag(slotKey) + "hold:" + slotKey;
    internal string DayKey(string slotKey) => DayTag(slotKey) + "day";
    internal string BookingRecordKey(string slotKey, string id) => DayTag(slotKey) + "b:" + id;

    private RedisKey[] RecordKeys(string slotKey, string id) => [BookingRecordKey(slotKey, id), SlotKey(slotKey), DayKey(slotKey)];

    private static string DayOf(string slotKey) =>
        slotKey.Length >= 10 ? slotKey[..10] : throw new ArgumentException("A slot key starts with its day (2026-12-03T10:00).", nameof(slotKey));

    // The near slots of the buffer, as (slot set, hold set) pairs. They must be on the slot's own day: that
    // is what keeps a capacity check inside one hash slot (SlotCatalog.LimitsFor only names the same day).
    private IEnumerable<RedisKey> NearKeys(SlotRef slot, SlotLimits limits)
    {
        foreach (var near in limits.Near)
        {
            if (DayOf(near) != slot.Day) throw new ArgumentException("Buffer slots must be on the slot's own day.", nameof(limits));
            yield return SlotKey(near);
            yield return HoldKey(near);
        }
    }

    private async Task<string?> SlotOfAsync(string id, CancellationToken cancellationToken) =>
        await RunAsync(db => db.StringGetAsync(BookingKey("id:" + id)), cancellationToken).ConfigureAwait(false) is { IsNull: false } slot ? (string?)slot : null;

    private async Task<Booking?> ReadRecordAsync(string slotKey, string id, CancellationToken cancellationToken)
    {
        var fields = await RunAsync(db => db.HashGetAllAsync(BookingRecordKey(slotKey, id)), cancellationToken).ConfigureAwait(false);
        return fields.Length == 0 ? null : Read(id, fields.ToDictionary(f => (string)f.Name!, f => (string)f.Value!));
    }

    private static Dictionary<string, string> Fields(RedisResult[] flat)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var j = 0; j + 1 < flat.Length; j += 2) fields[(string)flat[j]!] = (string)flat[j + 1]!;
        return fields;
    }

    private string ReminderKey => _prefix + "reminders";

    private static string Member(ReminderItem item) =>
        item.Kind.Contains('|') ? throw new ArgumentException("A reminder kind may not contain '|'.", nameof(item)) : item.Kind + "|" + item.Id;

    // Until the appointment plus retention, counted from the caller's now; at least a minute so a
    // booking made for a slot that just started is still written (and then expires soon).
    private static long Ttl(DateTimeOffset start, DateTimeOffset now, TimeSpan keepAfter) =>
        Math.Max(60_000, (long)Math.Ceiling((start + keepAfter - now).TotalMilliseconds));

    private static DateTimeOffset Local(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).ToOffset(TimeSpan.FromHours(9));

    private static Booking Read(string id, Dictionary<string, string> f)
    {
        static DateTimeOffset Ms(string? v) => Local(long.Parse(v ?? "0", CultureInfo.InvariantCulture));
        return new Booking(id, f.GetValueOrDefault("slot", ""), Ms(f.GetValueOrDefault("start")), f.GetValueOrDefault("user", ""),
            f.GetValueOrDefault("status") == "cancelled" ? BookingStatus.Cancelled : BookingStatus.Confirmed,
            Ms(f.GetValueOrDefault("created")), Ms(f.GetValueOrDefault("changed")), f.GetValueOrDefault("data", "{}"));
    }
}
