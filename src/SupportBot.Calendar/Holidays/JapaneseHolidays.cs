namespace SupportBot.Calendar;

/// <summary>
/// Japanese public holidays computed from 国民の祝日に関する法律 (Act on National Holidays,
/// Act No. 178 of 1948) and its amendments, plus the one-off holidays set by their own laws.
/// Pure: no clock, no I/O, no data file.
/// </summary>
/// <remarks>
/// <para>
/// Verified date for date and name for name against the holiday-jp dataset for 1970–2050
/// (which upstream checks against the Cabinet Office list). Years outside that table follow the
/// same rules: the law as it stands for the future, and the historical rules back to the law's
/// entry into force on 1948-07-20.
/// </para>
/// <para>
/// 春分の日 and 秋分の日 are set officially only one year ahead (官報, each February). Here they
/// come from the standard approximation formula (valid 1900–2150), which matches every officially
/// announced date so far; a future announcement could in principle differ by a day.
/// </para>
/// <para>
/// Rules that changed over time: 振替休日 from 1973-04-12 (until 2006 only the Monday after a
/// Sunday holiday; from 2007 the next day that is not a holiday); 国民の休日 from 1985-12-27 (until
/// 2006 never on a Sunday or a 振替休日); the 2020 and 2021 Olympic moves of 海の日, スポーツの日 and
/// 山の日. A law change after 2020-11 must be added here by hand.
/// </para>
/// </remarks>
public static class JapaneseHolidays
{
    /// <summary>The first year with holidays under the current law (in force from 1948-07-20).</summary>
    public const int FirstYear = 1948;

    /// <summary>The last year the equinox approximation formula covers.</summary>
    public const int LastYear = 2150;

    static readonly DateOnly LawInForce = new(1948, 7, 20);
    static readonly DateOnly SubstituteHolidaysFrom = new(1973, 4, 12);
    static readonly DateOnly NationalHolidaysFrom = new(1985, 12, 27);
    // The 2005 amendment (in force 2007-01-01) extended 振替休日 past a following holiday and
    // dropped the Sunday exclusion of 国民の休日.
    static readonly DateOnly Amendment2007 = new(2007, 1, 1);

    /// <summary>
    /// Every holiday in <paramref name="year"/>, sorted by date: national holidays (国民の祝日),
    /// one-off holidays, substitute holidays (振替休日) and sandwiched days (国民の休日).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside <see cref="FirstYear"/>–<see cref="LastYear"/>.</exception>
    public static IReadOnlyList<Holiday> InYear(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, FirstYear);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, LastYear);

        var named = NationalHolidays(year);
        var holidays = named.Select(h => new Holiday(h.Key, h.Value)).ToList();
        var taken = new HashSet<DateOnly>(named.Keys);

        foreach (var (date, key) in named)
        {
            if (date.DayOfWeek != DayOfWeek.Sunday || date < SubstituteHolidaysFrom)
                continue;
            var day = date.AddDays(1);
            if (date < Amendment2007)
            {
                // Before 2007 the substitute was "the next day" only; if that was itself a holiday
                // (5/4 Sunday → 5/5), no extra day was given.
                if (named.ContainsKey(day))
                    continue;
            }
            else
            {
                while (named.ContainsKey(day))
                    day = day.AddDays(1);
            }
            if (taken.Add(day))
                holidays.Add(new Holiday(day, HolidayKey.SubstituteHoliday, key));
        }

        foreach (var date in named.Keys)
        {
            var between = date.AddDays(1);
            if (between < NationalHolidaysFrom || named.ContainsKey(between) || !named.ContainsKey(between.AddDays(1)))
                continue;
            // A 振替休日 is already a day off; before 2007 a Sunday was excluded as well.
            if (taken.Contains(between))
                continue;
            if (between < Amendment2007 && between.DayOfWeek == DayOfWeek.Sunday)
                continue;
            taken.Add(between);
            holidays.Add(new Holiday(between, HolidayKey.NationalHoliday));
        }

        holidays.Sort((a, b) => a.Date.CompareTo(b.Date));
        return holidays;
    }

    /// <summary>The holiday on <paramref name="date"/>, or null on an ordinary day (and outside the supported years).</summary>
    public static Holiday? On(DateOnly date)
    {
        if (date.Year < FirstYear || date.Year > LastYear)
            return null;
        foreach (var holiday in InYear(date.Year))
        {
            if (holiday.Date == date)
                return holiday;
        }
        return null;
    }

    /// <summary>
    /// The 国民の祝日 proper (fixed, Happy Monday, equinox and one-off days), which are the days
    /// that trigger 振替休日 and 国民の休日; the derived days off are added by <see cref="InYear"/>.
    /// </summary>
    static SortedDictionary<DateOnly, HolidayKey> NationalHolidays(int year)
    {
        var days = new SortedDictionary<DateOnly, HolidayKey>();
        void Add(DateOnly date, HolidayKey key)
        {
            if (date >= LawInForce)
                days.Add(date, key); // Add, not the indexer: two holidays on one date would be a bug here.
        }
        DateOnly On(int month, int day) => new(year, month, day);

        Add(On(1, 1), HolidayKey.NewYearsDay);
        Add(year <= 1999 ? On(1, 15) : NthMonday(year, 1, 2), HolidayKey.ComingOfAgeDay);
        if (year >= 1967)
            Add(On(2, 11), HolidayKey.NationalFoundationDay);
        if (year >= 2020)
            Add(On(2, 23), HolidayKey.EmperorsBirthday);
        Add(On(3, VernalEquinox(year)), HolidayKey.VernalEquinoxDay);
        Add(On(4, 29), year switch
        {
            <= 1988 => HolidayKey.EmperorsBirthday,
            <= 2006 => HolidayKey.GreeneryDay,
            _ => HolidayKey.ShowaDay,
        });
        Add(On(5, 3), HolidayKey.ConstitutionMemorialDay);
        if (year >= 2007)
            Add(On(5, 4), HolidayKey.GreeneryDay);
        Add(On(5, 5), HolidayKey.ChildrensDay);

        // The 2020 and 2021 moves come from the Olympic special-measures laws (令和元年法律第15号,
        // 令和2年法律第68号); the regular dates of those years are not holidays.
        DateOnly? marine = year switch
        {
            < 1996 => null,
            <= 2002 => On(7, 20),
            2020 => On(7, 23),
            2021 => On(7, 22),
            _ => NthMonday(year, 7, 3),
        };
        if (marine is { } m)
            Add(m, HolidayKey.MarineDay);
        DateOnly? mountain = year switch
        {
            < 2016 => null,
            2020 => On(8, 10),
            2021 => On(8, 8),
            _ => On(8, 11),
        };
        if (mountain is { } mt)
            Add(mt, HolidayKey.MountainDay);
        if (year >= 1966)
            Add(year <= 2002 ? On(9, 15) : NthMonday(year, 9, 3), HolidayKey.RespectForTheAgedDay);
        Add(On(9, AutumnalEquinox(year)), HolidayKey.AutumnalEquinoxDay);
        if (year is >= 1966 and <= 2019)
            Add(year <= 1999 ? On(10, 10) : NthMonday(year, 10, 2), HolidayKey.HealthAndSportsDay);
        if (year >= 2020)
        {
            Add(year switch
            {
                2020 => On(7, 24),
                2021 => On(7, 23),
                _ => NthMonday(year, 10, 2),
            }, HolidayKey.SportsDay);
        }
        Add(On(11, 3), HolidayKey.CultureDay);
        Add(On(11, 23), HolidayKey.LaborThanksgivingDay);
        if (year is >= 1989 and <= 2018)
            Add(On(12, 23), HolidayKey.EmperorsBirthday);

        // One-off holidays, each set by its own law and counted as a 国民の祝日 (so they can
        // create 国民の休日, as 2019-04-30 and 2019-05-02 show).
        switch (year)
        {
            case 1959: Add(On(4, 10), HolidayKey.RoyalWedding1959); break;
            case 1989: Add(On(2, 24), HolidayKey.ImperialFuneral1989); break;
            case 1990: Add(On(11, 12), HolidayKey.EnthronementCeremony1990); break;
            case 1993: Add(On(6, 9), HolidayKey.RoyalWedding1993); break;
            case 2019:
                Add(On(5, 1), HolidayKey.EnthronementDay2019);
                Add(On(10, 22), HolidayKey.EnthronementCeremony2019);
                break;
        }
        return days;
    }

    static DateOnly NthMonday(int year, int month, int n)
    {
        var first = new DateOnly(year, month, 1);
        var offset = ((int)DayOfWeek.Monday - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(offset + 7 * (n - 1));
    }

    // The widely used approximation of the equinox dates in Japan Standard Time (as published
    // with the National Astronomical Observatory's almanac data): a mean tropical-year drift of
    // 0.242194 days per year, reset by the leap-year cycle. Constants per century block.
    static int VernalEquinox(int year) => Equinox(year, year switch
    {
        <= 1979 => 20.8357,
        <= 2099 => 20.8431,
        _ => 21.8510,
    });

    static int AutumnalEquinox(int year) => Equinox(year, year switch
    {
        <= 1979 => 23.2588,
        <= 2099 => 23.2488,
        _ => 24.2488,
    });

    static int Equinox(int year, double constant)
    {
        // Before 1980 the leap-year term counts from 1983, after it from 1980.
        var leapTerm = year <= 1979 ? (year - 1983) / 4 : (year - 1980) / 4;
        return (int)Math.Floor(constant + 0.242194 * (year - 1980) - leapTerm);
    }
}
