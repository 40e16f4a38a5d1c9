namespace SupportBot.Engine.State.Memory;

/// <summary>
/// The in-process booking ledger and reminder queue (one instance only; no Redis configured). Same
/// contract as the Redis one, run by the same contract tests. One lock makes every operation atomic.
/// Bookings disappear <c>keepAfter</c> after their appointment, by the injected clock.
/// </summary>
public sealed class MemoryBookingLedger(TimeProvider clock) : IBookingLedger, IReminderQueue
{
    private readonly object _gate = new();
    private readonly Dictionary<string, (Booking Booking, DateTimeOffset Expires)> _bookings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _slots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _days = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, DateTimeOffset>> _holds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Id, DateTimeOffset Expires)> _idempotency = new(StringComparer.Ordinal);
    private readonly Dictionary<ReminderItem, DateTimeOffset> _reminders = new();

    public Task<bool> HoldAsync(SlotRef slot, string holder, SlotLimits limits, DateTimeOffset now, TimeSpan holdFor, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!HasRoomLocked(slot, holder, limits, now)) return Task.FromResult(false);
            foreach (var holds in _holds.Values) holds.Remove(holder);
            Holds(slot.Key)[holder] = now + holdFor;
            return Task.FromResult(true);
        }
    }

    public Task ReleaseHoldAsync(string slotKey, string holder, CancellationToken cancellationToken = default)
    {
        lock (_gate) Holds(slotKey).Remove(holder);
        return Task.CompletedTask;
    }

    public Task<BookResult> ConfirmAsync(NewBooking request, SlotLimits limits, DateTimeOffset now, TimeSpan keepAfter, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            ExpireLocked();
            if (_idempotency.TryGetValue(request.IdempotencyKey, out var seen) && seen.Expires > clock.GetUtcNow() && _bookings.TryGetValue(seen.Id, out var done))
                return Task.FromResult(new BookResult(BookOutcome.Duplicate, done.Booking));
            if (!HasRoomLocked(request.Slot, request.User, limits, now)) return Task.FromResult(new BookResult(BookOutcome.Full, null));
            var booking = new Booking(request.Id, request.Slot.Key, request.Slot.Start, request.User, BookingStatus.Confirmed, now, now, request.Details);
            var expires = request.Slot.Start + keepAfter;
            _bookings[booking.Id] = (booking, expires);
            Set(_slots, request.Slot.Key).Add(booking.Id);
            Set(_days, request.Slot.Day).Add(booking.Id);
            Holds(request.Slot.Key).Remove(request.User);
            _idempotency[request.IdempotencyKey] = (booking.Id, expires);
            return Task.FromResult(new BookResult(BookOutcome.Booked, booking));
        }
    }

    public Task<BookResult> ChangeAsync(string id, SlotRef slot, SlotLimits limits, DateTimeOffset now, TimeSpan keepAfter, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            ExpireLocked();
            if (!_bookings.TryGetValue(id, out var entry) || entry.Booking.Status != BookingStatus.Confirmed)
                return Task.FromResult(new BookResult(BookOutcome.NotFound, null));
            var old = entry.Booking;
            if (old.Slot == slot.Key) return Task.FromResult(new BookResult(BookOutcome.Duplicate, old));
            var sameDay = old.Slot[..10] == slot.Day;
            // The booking's own day place is reused when it stays on the same day.
            var dayLimits = sameDay && limits.PerDay > 0 ? limits with { PerDay = limits.PerDay + 1 } : limits;
            if (!HasRoomLocked(slot, old.User, dayLimits, now, movingId: id)) return Task.FromResult(new BookResult(BookOutcome.Full, null));
            Set(_slots, slot.Key).Add(id);
            Set(_days, slot.Day).Add(id);
            Holds(slot.Key).Remove(old.User);
            Set(_slots, old.Slot).Remove(id);
            if (!sameDay) Set(_days, old.Slot[..10]).Remove(id);
            var moved = old with { Slot = slot.Key, Start = slot.Start, Changed = now };
            _bookings[id] = (moved, slot.Start + keepAfter);
            return Task.FromResult(new BookResult(BookOutcome.Booked, moved));
        }
    }

    public Task<BookResult> CancelAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            ExpireLocked();
            if (!_bookings.TryGetValue(id, out var entry) || entry.Booking.Status != BookingStatus.Confirmed)
                return Task.FromResult(new BookResult(BookOutcome.NotFound, null));
            var cancelled = entry.Booking with { Status = BookingStatus.Cancelled, Changed = now };
            _bookings[id] = (cancelled, entry.Expires);
            Set(_slots, cancelled.Slot).Remove(id);
            Set(_days, cancelled.Slot[..10]).Remove(id);
            return Task.FromResult(new BookResult(BookOutcome.Booked, cancelled));
        }
    }

    public Task<Booking?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            ExpireLocked();
            return Task.FromResult(_bookings.TryGetValue(id, out var e) ? e.Booking : null);
        }
    }

    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_bookings.Remove(id, out var entry)) return Task.FromResult(false);
            Set(_slots, entry.Booking.Slot).Remove(id);
            Set(_days, entry.Booking.Slot[..10]).Remove(id);
            foreach (var key in _idempotency.Where(i => i.Value.Id == id).Select(i => i.Key).ToList()) _idempotency.Remove(key);
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<Booking>> ListByUserAsync(string user, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            ExpireLocked();
            IReadOnlyList<Booking> list = _bookings.Values.Select(e => e.Booking).Where(b => b.User == user).OrderBy(b => b.Start).ThenBy(b => b.Id).ToList();
            return Task.FromResult(list);
        }
    }

    public Task<IReadOnlyList<Booking>> ListAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            ExpireLocked();
            IReadOnlyList<Booking> list = _bookings.Values.Select(e => e.Booking).Where(b => b.Start >= from && b.Start <= to).OrderBy(b => b.Start).ThenBy(b => b.Id).ToList();
            return Task.FromResult(list);
        }
    }

    public Task<IReadOnlyDictionary<string, int>> TakenAsync(IReadOnlyList<string> slotKeys, string? except, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            ExpireLocked();
            IReadOnlyDictionary<string, int> taken = slotKeys.Distinct().ToDictionary(k => k, k => TakenLocked(k, except, now));
            return Task.FromResult(taken);
        }
    }

    public Task ScheduleAsync(ReminderItem item, DateTimeOffset due, CancellationToken cancellationToken = default)
    {
        lock (_gate) _reminders[item] = due;
        return Task.CompletedTask;
    }

    public Task RemoveAsync(ReminderItem item, CancellationToken cancellationToken = default)
    {
        lock (_gate) _reminders.Remove(item);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ReminderItem>> ClaimDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<ReminderItem> due = _reminders.Where(r => r.Value <= now).OrderBy(r => r.Value).Take(max).Select(r => r.Key).ToList();
            foreach (var item in due) _reminders.Remove(item);
            return Task.FromResult(due);
        }
    }

    public Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult(_reminders.Count == 0 ? (DateTimeOffset?)null : _reminders.Values.Min());
    }

    private bool HasRoomLocked(SlotRef slot, string holder, SlotLimits limits, DateTimeOffset now, string? movingId = null)
    {
        ExpireLocked();
        if (TakenLocked(slot.Key, holder, now) >= limits.Capacity) return false;
        if (limits.PerDay > 0 && Set(_days, slot.Day).Count >= limits.PerDay) return false;
        // The buffer: nothing booked or held by someone else too close (a booking being moved does not count against itself).
        return !limits.Near.Any(near => Set(_slots, near).Any(b => b != movingId) || Holds(near).Any(h => h.Key != holder && h.Value > now));
    }

    private int TakenLocked(string slotKey, string? except, DateTimeOffset now) =>
        Set(_slots, slotKey).Count + Holds(slotKey).Count(h => h.Key != except && h.Value > now);

    private void ExpireLocked()
    {
        var now = clock.GetUtcNow();
        foreach (var (id, entry) in _bookings.Where(e => e.Value.Expires <= now).ToList())
        {
            _bookings.Remove(id);
            Set(_slots, entry.Booking.Slot).Remove(id);
            Set(_days, entry.Booking.Slot[..10]).Remove(id);
        }
    }

    private Dictionary<string, DateTimeOffset> Holds(string slotKey) =>
        _holds.TryGetValue(slotKey, out var h) ? h : _holds[slotKey] = new(StringComparer.Ordinal);

    private static HashSet<string> Set(Dictionary<string, HashSet<string>> sets, string key) =>
        sets.TryGetValue(key, out var s) ? s : sets[key] = new(StringComparer.Ordinal);
}
