namespace SupportBot.Engine.State;

/// <summary>A bookable slot: its key (local start, <c>2026-12-03T10:00</c>) and its start instant.</summary>
public sealed record SlotRef(string Key, DateTimeOffset Start)
{
    /// <summary>The local day of the slot (<c>2026-12-03</c>), which per-day limits count by.</summary>
    public string Day => Key[..10];
}

public enum BookingStatus { Confirmed, Cancelled }

/// <summary>
/// One intake booking. <see cref="Details"/> is an opaque JSON document (nickname, phone, who,
/// needs, topic, how to reach the person) the store keeps but never reads.
/// </summary>
public sealed record Booking(
    string Id,
    string Slot,
    DateTimeOffset Start,
    string User,
    BookingStatus Status,
    DateTimeOffset Created,
    DateTimeOffset Changed,
    string Details);

/// <summary>What a new booking needs: the idempotency key (a double tap, a redelivery → the same booking) and a fresh id.</summary>
public sealed record NewBooking(string IdempotencyKey, string Id, SlotRef Slot, string User, string Details);

/// <summary>
/// Limits a reservation must respect, checked atomically with it: places per slot and confirmed
/// bookings per day (0 = no per-day limit).
/// </summary>
public sealed record SlotLimits(int Capacity, int PerDay = 0)
{
    /// <summary>
    /// Slots too close to this one for the buffer between intakes (<c>Booking:BufferMinutes</c>): a confirmed
    /// booking there, or someone else's live hold, makes this slot unavailable. Empty without a buffer.
    /// </summary>
    public IReadOnlyList<string> Near { get; init; } = [];
}

public enum BookOutcome
{
    /// <summary>Booked (or changed) now.</summary>
    Booked,
    /// <summary>The same request was already done (idempotency key seen, or already in that slot): the existing booking.</summary>
    Duplicate,
    /// <summary>The slot (or its day) has no place left for this person.</summary>
    Full,
    /// <summary>No such booking (or it is cancelled).</summary>
    NotFound,
}

public sealed record BookResult(BookOutcome Outcome, Booking? Booking);

/// <summary>
/// Intake bookings. Capacity per slot (confirmed bookings plus live holds of other people) and the
/// per-day limit are enforced atomically — never exceeded under any concurrency, across instances.
/// Times are the caller's clock (<paramref name="now"/> arguments), so holds expire by the same
/// clock the conversation uses. Every booking expires <c>keepAfter</c> after its appointment.
/// </summary>
public interface IBookingLedger
{
    /// <summary>Holds a place in <paramref name="slot"/> for <paramref name="holder"/> until now + holdFor; replaces the holder's other holds. False when it is full.</summary>
    Task<bool> HoldAsync(SlotRef slot, string holder, SlotLimits limits, DateTimeOffset now, TimeSpan holdFor, CancellationToken cancellationToken = default);

    /// <summary>Drops <paramref name="holder"/>'s hold on <paramref name="slotKey"/>, if any.</summary>
    Task ReleaseHoldAsync(string slotKey, string holder, CancellationToken cancellationToken = default);

    /// <summary>Books (idempotently by <see cref="NewBooking.IdempotencyKey"/>); the user's own hold on the slot counts as their place.</summary>
    Task<BookResult> ConfirmAsync(NewBooking booking, SlotLimits limits, DateTimeOffset now, TimeSpan keepAfter, CancellationToken cancellationToken = default);

    /// <summary>Moves a confirmed booking to <paramref name="slot"/>: the new place is taken before the old one is released, in one step.</summary>
    Task<BookResult> ChangeAsync(string id, SlotRef slot, SlotLimits limits, DateTimeOffset now, TimeSpan keepAfter, CancellationToken cancellationToken = default);

    /// <summary>Cancels a confirmed booking and frees its place; NotFound when it is unknown or already cancelled.</summary>
    Task<BookResult> CancelAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default);

    Task<Booking?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Deletes a booking and everything pointing to it now (the person asked to be forgotten); frees its place. False when unknown.</summary>
    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>The user's bookings (any status) still kept, by appointment time.</summary>
    Task<IReadOnlyList<Booking>> ListByUserAsync(string user, CancellationToken cancellationToken = default);

    /// <summary>Bookings (any status) whose appointment starts in [from, to], by appointment time.</summary>
    Task<IReadOnlyList<Booking>> ListAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);

    /// <summary>Places taken per slot key (confirmed + live holds of people other than <paramref name="except"/>).</summary>
    Task<IReadOnlyDictionary<string, int>> TakenAsync(IReadOnlyList<string> slotKeys, string? except, DateTimeOffset now, CancellationToken cancellationToken = default);
}
