using System.Collections.Concurrent;
using System.Globalization;

namespace SupportBot.Calendar;

/// <summary>
/// The center's business calendar in Asia/Tokyo: opening hours, regular days off, Japanese public
/// holidays and center closures. Pure: every query takes the reference time as an argument.
/// Thread-safe; build one per options snapshot.
/// </summary>
public sealed class BusinessCalendar
{
    // Far enough for any real closure (a long renovation), short enough to fail fast on a
    // configuration that never opens.
    const int SearchLimitDays = 3 * 366;

    readonly Dictionary<DayOfWeek, DailyHours> _weeklyHours;
    readonly bool _closedOnHolidays;
    readonly List<(int Start, int End, string? LabelKey)> _yearly = [];
    readonly List<(DateTime Start, DateTime End, string? LabelKey)> _configured = [];
    // Staff closures (the staff console, POST /admin/closures) replace this snapshot as a whole; readers take
    // the reference once, so a query never sees half an update.
    volatile IReadOnlyList<(DateTime Start, DateTime End, string? LabelKey)> _adHoc = [];
    readonly ConcurrentDictionary<int, Dictionary<DateOnly, Holiday>> _holidays = new();

    /// <summary>Builds the calendar, validating <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">Hours that close before they open, a malformed <c>MM-dd</c>, a closure that ends before it starts, or no opening day at all.</exception>
    public BusinessCalendar(BusinessCalendarOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        _closedOnHolidays = options.ClosedOnHolidays;

        _weeklyHours = new(options.WeeklyHours ?? BusinessCalendarOptions.DefaultWeeklyHours);
        foreach (var (day, hours) in _weeklyHours)
        {
            if (hours is null || hours.Closes <= hours.Opens)
                throw new ArgumentException($"Opening hours for {day} must close after they open.", nameof(options));
        }
        if (_weeklyHours.Count == 0)
            throw new ArgumentException("The center must open on at least one day of the week.", nameof(options));

        foreach (var closure in options.YearlyClosures ?? BusinessCalendarOptions.DefaultYearlyClosures)
            _yearly.Add((MonthDay(closure.Start), MonthDay(closure.End), closure.LabelKey));

        foreach (var closure in options.Closures ?? [])
        {
            var start = closure.Date.ToDateTime(closure.From ?? TimeOnly.MinValue);
            var lastDay = closure.Through ?? closure.Date;
            var end = closure.Until is { } until ? lastDay.ToDateTime(until) : lastDay.AddDays(1).ToDateTime(TimeOnly.MinValue);
            if (end <= start)
                throw new ArgumentException($"The closure starting {start:yyyy-MM-dd HH:mm} ends before it starts.", nameof(options));
            _configured.Add((start, end, closure.LabelKey));
        }
        _adHoc = _configured.ToArray();
    }

    /// <summary>
    /// Replaces the staff closures (those added at run time, on top of the configured <c>Closures</c>): every
    /// later query honours them. A closure that ends before it starts is ignored. Thread-safe.
    /// </summary>
    public void SetStaffClosures(IEnumerable<AdHocClosure> closures)
    {
        ArgumentNullException.ThrowIfNull(closures);
        var list = new List<(DateTime Start, DateTime End, string? LabelKey)>(_configured);
        foreach (var closure in closures)
        {
            var start = closure.Date.ToDateTime(closure.From ?? TimeOnly.MinValue);
            var lastDay = closure.Through ?? closure.Date;
            var end = closure.Until is { } until ? lastDay.ToDateTime(until) : lastDay.AddDays(1).ToDateTime(TimeOnly.MinValue);
            if (end > start) list.Add((start, end, closure.LabelKey));
        }
        _adHoc = list;
    }

    /// <summary>Asia/Tokyo, the zone every date and time here is in.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>The calendar date in Asia/Tokyo at <paramref name="instant"/>.</summary>
    public DateOnly DateAt(DateTimeOffset instant) => DateOnly.FromDateTime(Local(instant));

    /// <summary>Whether the center is open at <paramref name="instant"/>.</summary>
    public bool IsOpen(DateTimeOffset instant) => ClosedReasonAt(instant) is null;

    /// <summary>Why the center is closed at <paramref name="instant"/>, or null when it is open.</summary>
    public ClosedReason? ClosedReasonAt(DateTimeOffset instant)
    {
        var local = Local(instant);
        var day = Schedule(DateOnly.FromDateTime(local));
        if (day.Reason is not null)
            return day.Reason;
        if (day.Periods.Any(p => p.Start <= local && local < p.End))
            return null;
        var (opens, closes) = day.Nominal!.Value;
        if (opens <= local && local < closes)
        {
            // Inside the usual hours but not open: an ad-hoc closure takes this part of the day.
            var closure = _adHoc.FirstOrDefault(c => c.Start <= local && local < c.End);
            return new ClosedReason(ClosedReasonKind.CenterClosure, Closure: ClosureKind.AdHoc, LabelKey: closure.LabelKey);
        }
        return new ClosedReason(local < opens ? ClosedReasonKind.BeforeOpening : ClosedReasonKind.AfterClosing);
    }

    /// <summary>
    /// Why <paramref name="date"/> is closed all day (weekend, holiday, closure), or null when the
    /// center opens on it for at least part of the day.
    /// </summary>
    public ClosedReason? ClosedReasonOn(DateOnly date) => Schedule(date).Reason;

    /// <summary>Whether the center opens on <paramref name="date"/> (for at least part of the day).</summary>
    public bool IsBusinessDay(DateOnly date) => Schedule(date).Reason is null;

    /// <summary>
    /// The opening hours of <paramref name="date"/>: usually one period (10:00–17:00), several when
    /// an ad-hoc closure takes a middle part of the day, none on a closed day.
    /// </summary>
    public IReadOnlyList<OpenPeriod> OpenPeriodsOn(DateOnly date) =>
        Schedule(date).Periods.Select(p => new OpenPeriod(Instant(p.Start), Instant(p.End))).ToList();

    /// <summary>
    /// The first opening instant strictly after <paramref name="instant"/> (offset +09:00). When
    /// the center is open at <paramref name="instant"/> this is the start of the next period, not
    /// the current one.
    /// </summary>
    /// <exception cref="InvalidOperationException">The center does not open within three years.</exception>
    public DateTimeOffset NextOpening(DateTimeOffset instant)
    {
        var local = Local(instant);
        var date = DateOnly.FromDateTime(local);
        for (var i = 0; i <= SearchLimitDays; i++, date = date.AddDays(1))
        {
            foreach (var period in Schedule(date).Periods)
            {
                if (period.Start > local)
                    return Instant(period.Start);
            }
        }
        throw new InvalidOperationException($"The center does not open within {SearchLimitDays} days after {instant:O}.");
    }

    /// <summary>The business days from <paramref name="from"/> to <paramref name="to"/>, both inclusive, in order; empty when <paramref name="to"/> is before <paramref name="from"/>.</summary>
    public IReadOnlyList<DateOnly> BusinessDays(DateOnly from, DateOnly to)
    {
        var days = new List<DateOnly>();
        for (var date = from; date <= to; date = date.AddDays(1))
        {
            if (IsBusinessDay(date))
                days.Add(date);
        }
        return days;
    }

    /// <summary>
    /// The <paramref name="count"/>-th business day after <paramref name="date"/> (before it when
    /// negative); <paramref name="date"/> itself is not counted. With 0: <paramref name="date"/>
    /// if it is a business day, otherwise the next one.
    /// </summary>
    /// <exception cref="InvalidOperationException">No business day within the search limit.</exception>
    public DateOnly AddBusinessDays(DateOnly date, int count)
    {
        var step = count < 0 ? -1 : 1;
        var remaining = Math.Abs(count);
        if (remaining == 0)
        {
            if (IsBusinessDay(date))
                return date;
            remaining = 1;
        }
        var scanned = 0;
        while (remaining > 0)
        {
            date = date.AddDays(step);
            if (IsBusinessDay(date))
                remaining--;
            else if (++scanned > SearchLimitDays)
                throw new InvalidOperationException($"No business day within {SearchLimitDays} days of {date:yyyy-MM-dd}.");
        }
        return date;
    }

    /// <summary>
    /// Today's status at <paramref name="now"/>: open now until the end of the current period,
    /// closed now but opening later today, or closed for the rest of today with the reason and
    /// the next opening.
    /// </summary>
    public TodayStatus StatusAt(DateTimeOffset now)
    {
        var local = Local(now);
        var today = DateOnly.FromDateTime(local);
        var next = NextOpening(now);
        var current = Schedule(today).Periods.FirstOrDefault(p => p.Start <= local && local < p.End);
        if (current != default)
            return new TodayStatus(TodayState.OpenNow, today, null, Instant(current.End), next);
        var reason = ClosedReasonAt(now)!;
        var state = DateOnly.FromDateTime(Local(next)) == today ? TodayState.OpensLaterToday : TodayState.ClosedForToday;
        return new TodayStatus(state, today, reason, null, next);
    }

    /// <summary>The shape of one local day: its usual hours, why it is closed, what is left open.</summary>
    readonly record struct Day((DateTime Opens, DateTime Closes)? Nominal, ClosedReason? Reason, List<(DateTime Start, DateTime End)> Periods);

    Day Schedule(DateOnly date)
    {
        (DateTime, DateTime)? nominal = _weeklyHours.TryGetValue(date.DayOfWeek, out var hours)
            ? (date.ToDateTime(hours.Opens), date.ToDateTime(hours.Closes))
            : null;
        // On a regular day off, an ad-hoc closure is only the reason if it covers the whole day.
        var window = nominal ?? (date.ToDateTime(TimeOnly.MinValue), date.AddDays(1).ToDateTime(TimeOnly.MinValue));
        var open = Subtract(window, out var adHocLabel, out var touched);

        ClosedReason? reason = null;
        if (touched && open.Count == 0)
            reason = new ClosedReason(ClosedReasonKind.CenterClosure, Closure: ClosureKind.AdHoc, LabelKey: adHocLabel);
        else if (YearlyClosureOn(date) is { } yearly)
            reason = new ClosedReason(ClosedReasonKind.CenterClosure, Closure: ClosureKind.Yearly, LabelKey: yearly.LabelKey);
        else if (_closedOnHolidays && HolidayOn(date) is { } holiday)
            reason = new ClosedReason(ClosedReasonKind.Holiday, Holiday: holiday);
        else if (nominal is null)
            reason = new ClosedReason(ClosedReasonKind.Weekend);

        return new Day(nominal, reason, reason is null ? open : []);
    }

    /// <summary>The window minus every ad-hoc closure; <paramref name="touched"/> when any closure overlaps it.</summary>
    List<(DateTime Start, DateTime End)> Subtract((DateTime Start, DateTime End) window, out string? label, out bool touched)
    {
        var open = new List<(DateTime Start, DateTime End)> { window };
        label = null;
        touched = false;
        foreach (var closure in _adHoc)
        {
            if (closure.End <= window.Start || closure.Start >= window.End)
                continue;
            if (!touched)
                label = closure.LabelKey;
            touched = true;
            var next = new List<(DateTime, DateTime)>();
            foreach (var (start, end) in open)
            {
                if (closure.Start > start)
                    next.Add((start, closure.Start < end ? closure.Start : end));
                if (closure.End < end)
                    next.Add((closure.End > start ? closure.End : start, end));
            }
            open = next.Where(p => p.Item1 < p.Item2).ToList();
        }
        open.Sort();
        return open;
    }

    (int Start, int End, string? LabelKey)? YearlyClosureOn(DateOnly date)
    {
        var day = date.Month * 100 + date.Day;
        foreach (var closure in _yearly)
        {
            var inside = closure.Start <= closure.End
                ? closure.Start <= day && day <= closure.End
                : day >= closure.Start || day <= closure.End; // crosses the year end
            if (inside)
                return closure;
        }
        return null;
    }

    Holiday? HolidayOn(DateOnly date)
    {
        // Outside the years the law and the equinox formula cover there is nothing to compute.
        if (date.Year < JapaneseHolidays.FirstYear || date.Year > JapaneseHolidays.LastYear)
            return null;
        var year = _holidays.GetOrAdd(date.Year, y => JapaneseHolidays.InYear(y).ToDictionary(h => h.Date));
        return year.GetValueOrDefault(date);
    }

    DateTime Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime;

    DateTimeOffset Instant(DateTime local) => new(local, TimeZone.GetUtcOffset(local));

    /// <summary>Parses <c>MM-dd</c> into month * 100 + day, which orders like the dates do.</summary>
    static int MonthDay(string text)
    {
        // 2000 is a leap year, so 02-29 is accepted (it then only matches in leap years).
        if (!DateOnly.TryParseExact(text?.Trim() + "-2000", "MM-dd-yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            throw new ArgumentException($"'{text}' is not a month and day in MM-dd form.", nameof(text));
        return date.Month * 100 + date.Day;
    }
}
