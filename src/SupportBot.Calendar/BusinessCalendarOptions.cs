namespace SupportBot.Calendar;

/// <summary>
/// The center's calendar: weekly opening hours and closures. A plain record so the Web layer can
/// bind it from the <see cref="SectionName"/> configuration section and tests can build it inline.
/// </summary>
/// <remarks>
/// A null collection means "use the default"; a configured collection replaces the default
/// entirely (configuration binding would otherwise append to a pre-filled list). All times are
/// local to Asia/Tokyo.
/// </remarks>
public sealed record BusinessCalendarOptions
{
    /// <summary>The configuration section the Web layer binds, <c>Calendar</c>.</summary>
    public const string SectionName = "Calendar";

    /// <summary>
    /// Opening hours per day of the week; a day that is absent is a regular day off (reported as
    /// <see cref="ClosedReasonKind.Weekend"/>). Null: <see cref="DefaultWeeklyHours"/>.
    /// </summary>
    public Dictionary<DayOfWeek, DailyHours>? WeeklyHours { get; init; }

    /// <summary>Closed on Japanese public holidays (祝日・振替休日・国民の休日). Default true.</summary>
    public bool ClosedOnHolidays { get; init; } = true;

    /// <summary>Closures that recur every year, such as 年末年始. Null: <see cref="DefaultYearlyClosures"/>.</summary>
    public List<YearlyClosure>? YearlyClosures { get; init; }

    /// <summary>One-off closures added by staff (whole days, or a date and time range).</summary>
    public List<AdHocClosure>? Closures { get; init; }

    /// <summary>Monday to Friday, 10:00–17:00 (the center's published hours).</summary>
    public static IReadOnlyDictionary<DayOfWeek, DailyHours> DefaultWeeklyHours { get; } = new Dictionary<DayOfWeek, DailyHours>
    {
        [DayOfWeek.Monday] = new(new TimeOnly(10, 0), new TimeOnly(17, 0)),
        [DayOfWeek.Tuesday] = new(new TimeOnly(10, 0), new TimeOnly(17, 0)),
        [DayOfWeek.Wednesday] = new(new TimeOnly(10, 0), new TimeOnly(17, 0)),
        [DayOfWeek.Thursday] = new(new TimeOnly(10, 0), new TimeOnly(17, 0)),
        [DayOfWeek.Friday] = new(new TimeOnly(10, 0), new TimeOnly(17, 0)),
    };

    /// <summary>年末年始, 29 December to 3 January, labelled <c>closure.year_end</c>.</summary>
    public static IReadOnlyList<YearlyClosure> DefaultYearlyClosures { get; } =
        [new YearlyClosure("12-29", "01-03", "closure.year_end")];
}

/// <summary>Opening hours of one day, local time, <paramref name="Opens"/> inclusive, <paramref name="Closes"/> exclusive.</summary>
/// <param name="Opens">When the center opens, e.g. 10:00.</param>
/// <param name="Closes">When it closes, e.g. 17:00; must be later than <paramref name="Opens"/> (no overnight hours).</param>
public sealed record DailyHours(TimeOnly Opens, TimeOnly Closes);

/// <summary>
/// A closure that recurs every year between two month-days, both inclusive, written <c>MM-dd</c>.
/// When <paramref name="End"/> is before <paramref name="Start"/> the range crosses the year end
/// (<c>12-29</c> to <c>01-03</c>).
/// </summary>
/// <param name="Start">First closed day, <c>MM-dd</c>.</param>
/// <param name="End">Last closed day, <c>MM-dd</c>.</param>
/// <param name="LabelKey">Optional locale key naming the closure, e.g. <c>closure.year_end</c>.</param>
public sealed record YearlyClosure(string Start, string End, string? LabelKey = null);

/// <summary>
/// A one-off closure: the whole of <see cref="Date"/> (through <see cref="Through"/> if set), or,
/// with <see cref="From"/> and/or <see cref="Until"/>, the continuous local time range from
/// <c>Date From</c> to <c>(Through ?? Date) Until</c>.
/// </summary>
public sealed record AdHocClosure
{
    /// <summary>The first closed day.</summary>
    public required DateOnly Date { get; init; }

    /// <summary>The last closed day (inclusive); null for a single day.</summary>
    public DateOnly? Through { get; init; }

    /// <summary>Closed from this local time on <see cref="Date"/>; null means from midnight.</summary>
    public TimeOnly? From { get; init; }

    /// <summary>Closed until this local time (exclusive) on the last day; null means to the end of that day.</summary>
    public TimeOnly? Until { get; init; }

    /// <summary>Optional locale key naming the closure, e.g. <c>closure.staff_training</c>.</summary>
    public string? LabelKey { get; init; }
}
