namespace SupportBot.Calendar;

/// <summary>How a repeating event's dates are found.</summary>
public enum RecurrenceKind
{
    /// <summary>The nth weekday of every month (3rd Wednesday); <see cref="Recurrence.Nth"/> -1 means the last.</summary>
    NthWeekday,
    /// <summary>A fixed day of every month (the 15th); a day the month lacks falls on its last day.</summary>
    DayOfMonth,
    /// <summary>Every <see cref="Recurrence.IntervalWeeks"/> weeks from <see cref="Recurrence.Anchor"/> (every other Friday).</summary>
    EveryNWeeks,
    /// <summary>Only the listed <see cref="Recurrence.Dates"/> (one-off events).</summary>
    Dates,
}

/// <summary>What happens when a regular date falls on a holiday or a center closure (weekends do not count: a Saturday event is meant to be on Saturday).</summary>
public enum ClosedDayPolicy { Skip, NextBusinessDay, Keep }

/// <summary>A repeating (or one-off) event's dates. Pure data; <see cref="Occurrences"/> expands it against a calendar.</summary>
public sealed record Recurrence
{
    public RecurrenceKind Kind { get; init; }
    public int? Nth { get; init; }
    public DayOfWeek? Weekday { get; init; }
    public int? Day { get; init; }
    public DateOnly? Anchor { get; init; }
    public int IntervalWeeks { get; init; } = 2;
    public List<DateOnly> Dates { get; init; } = [];
    public ClosedDayPolicy OnClosedDay { get; init; } = ClosedDayPolicy.Skip;

    /// <summary>Staff changes to single dates: a regular date moved to another date, or cancelled (null).</summary>
    public Dictionary<DateOnly, DateOnly?> Exceptions { get; init; } = [];

    /// <summary>
    /// The occurrences whose regular date lies in [<paramref name="from"/>, <paramref name="to"/>], in date
    /// order, including skipped ones (with the reason) so an answer can say why a month has none.
    /// </summary>
    public IEnumerable<Occurrence> Occurrences(DateOnly from, DateOnly to, BusinessCalendar calendar)
    {
        Validate();
        var results = new List<Occurrence>();
        foreach (var date in RegularDates(from, to))
        {
            if (Exceptions.TryGetValue(date, out var moved))
            {
                results.Add(moved is { } m ? new Occurrence(m, date, null, OccurrenceChange.MovedByStaff) : new Occurrence(date, null, null, OccurrenceChange.CancelledByStaff));
                continue;
            }
            var reason = calendar.ClosedReasonOn(date);
            var closed = reason is { Kind: ClosedReasonKind.Holiday or ClosedReasonKind.CenterClosure };
            if (!closed || OnClosedDay == ClosedDayPolicy.Keep) { results.Add(new Occurrence(date, null, null, OccurrenceChange.None)); continue; }
            if (OnClosedDay == ClosedDayPolicy.Skip) { results.Add(new Occurrence(date, null, reason, OccurrenceChange.Skipped)); continue; }
            var next = date.AddDays(1);
            while (!calendar.IsBusinessDay(next)) next = next.AddDays(1);
            results.Add(new Occurrence(next, date, reason, OccurrenceChange.MovedForClosure));
        }
        return results.OrderBy(o => o.Date);
    }

    private IEnumerable<DateOnly> RegularDates(DateOnly from, DateOnly to)
    {
        switch (Kind)
        {
            case RecurrenceKind.NthWeekday:
                for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
                    if (NthWeekdayOf(month.Year, month.Month, Nth!.Value, Weekday!.Value) is { } d && d >= from && d <= to) yield return d;
                break;
            case RecurrenceKind.DayOfMonth:
                for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
                {
                    var d = new DateOnly(month.Year, month.Month, Math.Min(Day!.Value, DateTime.DaysInMonth(month.Year, month.Month)));
                    if (d >= from && d <= to) yield return d;
                }
                break;
            case RecurrenceKind.EveryNWeeks:
                var anchor = Anchor!.Value;
                var step = IntervalWeeks * 7;
                var offset = from.DayNumber - anchor.DayNumber;
                var first = offset <= 0 ? anchor : anchor.AddDays((offset + step - 1) / step * step);
                for (var d = first; d <= to; d = d.AddDays(step)) if (d >= from) yield return d;
                break;
            case RecurrenceKind.Dates:
                foreach (var d in Dates.Where(d => d >= from && d <= to).Order()) yield return d;
                break;
        }
    }

    /// <summary>The nth <paramref name="weekday"/> of a month (n = -1: the last); null when the month has no such (a 5th Monday).</summary>
    public static DateOnly? NthWeekdayOf(int year, int month, int nth, DayOfWeek weekday)
    {
        if (nth == -1)
        {
            var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
            return last.AddDays(-(((int)last.DayOfWeek - (int)weekday + 7) % 7));
        }
        var first = new DateOnly(year, month, 1);
        var d = first.AddDays(((int)weekday - (int)first.DayOfWeek + 7) % 7 + (nth - 1) * 7);
        return d.Month == month ? d : null;
    }

    private void Validate()
    {
        var ok = Kind switch
        {
            RecurrenceKind.NthWeekday => (Nth is (>= 1 and <= 5) || Nth == -1) && Weekday is not null,
            RecurrenceKind.DayOfMonth => Day is >= 1 and <= 31,
            RecurrenceKind.EveryNWeeks => Anchor is not null && IntervalWeeks >= 1,
            RecurrenceKind.Dates => true,
            _ => false,
        };
        if (!ok) throw new ArgumentException($"A {Kind} recurrence is missing its fields (Nth/Weekday, Day, Anchor/IntervalWeeks).");
    }
}

public enum OccurrenceChange { None, Skipped, MovedForClosure, MovedByStaff, CancelledByStaff }

/// <summary>One date of an event: where it takes place, the regular date it came from if moved, and why it was skipped or moved.</summary>
public sealed record Occurrence(DateOnly Date, DateOnly? RegularDate, ClosedReason? Reason, OccurrenceChange Change)
{
    public bool Takes => Change is OccurrenceChange.None or OccurrenceChange.MovedForClosure or OccurrenceChange.MovedByStaff;
}
