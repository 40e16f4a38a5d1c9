namespace SupportBot.Calendar;

/// <summary>The three answers to "is the center open today?".</summary>
public enum TodayState
{
    /// <summary>Open now, until <see cref="TodayStatus.OpenUntil"/>.</summary>
    OpenNow,
    /// <summary>Closed now, but opens later today at <see cref="TodayStatus.NextOpening"/>.</summary>
    OpensLaterToday,
    /// <summary>Closed for the rest of today (<see cref="TodayStatus.Reason"/>); opens next at <see cref="TodayStatus.NextOpening"/>.</summary>
    ClosedForToday,
}

/// <summary>What the FAQ answer about today's hours needs, at one instant.</summary>
/// <param name="State">Open now, opens later today, or closed for today.</param>
/// <param name="Date">Today's date in Asia/Tokyo.</param>
/// <param name="Reason">Why it is closed now; null when open.</param>
/// <param name="OpenUntil">When open now: the end of the current opening period (e.g. 17:00).</param>
/// <param name="NextOpening">The next opening instant strictly after the reference time (+09:00).</param>
public sealed record TodayStatus(
    TodayState State,
    DateOnly Date,
    ClosedReason? Reason,
    DateTimeOffset? OpenUntil,
    DateTimeOffset NextOpening);

/// <summary>One continuous stretch of opening hours, <see cref="Start"/> inclusive, <see cref="End"/> exclusive, offsets +09:00.</summary>
public sealed record OpenPeriod(DateTimeOffset Start, DateTimeOffset End);
