namespace SupportBot.Calendar;

/// <summary>Why the center is closed.</summary>
public enum ClosedReasonKind
{
    /// <summary>A day of the week with no opening hours (by default Saturday and Sunday).</summary>
    Weekend,
    /// <summary>A Japanese public holiday; see <see cref="ClosedReason.Holiday"/>.</summary>
    Holiday,
    /// <summary>A center closure, yearly or ad hoc; see <see cref="ClosedReason.Closure"/> and <see cref="ClosedReason.LabelKey"/>.</summary>
    CenterClosure,
    /// <summary>An open day, before its opening time.</summary>
    BeforeOpening,
    /// <summary>An open day, after its closing time.</summary>
    AfterClosing,
}

/// <summary>Which kind of center closure.</summary>
public enum ClosureKind
{
    /// <summary>From <see cref="BusinessCalendarOptions.YearlyClosures"/> (e.g. 年末年始).</summary>
    Yearly,
    /// <summary>From <see cref="BusinessCalendarOptions.Closures"/>, added by staff.</summary>
    AdHoc,
}

/// <summary>
/// Why the center is closed at an instant or on a day. When several reasons apply the most
/// specific one wins: an ad-hoc closure, then a yearly closure, then a holiday, then the weekend
/// (1 January is reported as 年末年始, a holiday on a Saturday as the holiday).
/// </summary>
/// <param name="Kind">The kind of reason.</param>
/// <param name="Holiday">The holiday, when <paramref name="Kind"/> is <see cref="ClosedReasonKind.Holiday"/>.</param>
/// <param name="Closure">Yearly or ad hoc, when <paramref name="Kind"/> is <see cref="ClosedReasonKind.CenterClosure"/>.</param>
/// <param name="LabelKey">The closure's locale key, if it was given one.</param>
public sealed record ClosedReason(
    ClosedReasonKind Kind,
    Holiday? Holiday = null,
    ClosureKind? Closure = null,
    string? LabelKey = null);
