namespace SupportBot.Calendar.Tests;

/// <summary>Meeting dates for a year, several rules, against a calendar with its holidays and closures pinned.</summary>
public sealed class RecurrenceTests
{
    private static readonly BusinessCalendar Calendar = new(new BusinessCalendarOptions
    {
        Closures = [new AdHocClosure { Date = new DateOnly(2027, 8, 13), Through = new DateOnly(2027, 8, 16), LabelKey = "closure.obon" }],
    });

    private static List<Occurrence> Year(Recurrence rule, int year = 2027) =>
        rule.Occurrences(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), Calendar).ToList();

    [Fact]
    public void Third_wednesday_of_every_month_in_2027()
    {
        var dates = Year(new Recurrence { Kind = RecurrenceKind.NthWeekday, Nth = 3, Weekday = DayOfWeek.Wednesday }).Select(o => o.Date.ToString("MM-dd"));
        Assert.Equal(["01-20", "02-17", "03-17", "04-21", "05-19", "06-16", "07-21", "08-18", "09-15", "10-20", "11-17", "12-15"], dates);
    }

    [Fact]
    public void A_regular_date_on_a_holiday_is_skipped_with_its_reason_or_moved_to_the_next_business_day()
    {
        // 2nd Monday of January is 成人の日; 3rd Monday of September is 敬老の日 (2027-01-11, 2027-09-20).
        var skip = Year(new Recurrence { Kind = RecurrenceKind.NthWeekday, Nth = 2, Weekday = DayOfWeek.Monday });
        var january = skip.Single(o => o.Date == new DateOnly(2027, 1, 11));
        Assert.Equal(OccurrenceChange.Skipped, january.Change);
        Assert.Equal(HolidayKey.ComingOfAgeDay, january.Reason!.Holiday!.Key);
        Assert.False(january.Takes);

        var move = Year(new Recurrence { Kind = RecurrenceKind.NthWeekday, Nth = 3, Weekday = DayOfWeek.Monday, OnClosedDay = ClosedDayPolicy.NextBusinessDay });
        var september = move.Single(o => o.RegularDate == new DateOnly(2027, 9, 20));
        Assert.Equal((new DateOnly(2027, 9, 21), OccurrenceChange.MovedForClosure), (september.Date, september.Change));
    }

    [Fact]
    public void A_center_closure_skips_and_the_year_end_closure_moves_past_new_year()
    {
        // 3rd Monday of August 2027 is 08-16, inside the closure 08-13..08-16.
        var august = Year(new Recurrence { Kind = RecurrenceKind.NthWeekday, Nth = 3, Weekday = DayOfWeek.Monday }).Single(o => o.Date.Month == 8);
        Assert.Equal((OccurrenceChange.Skipped, ClosedReasonKind.CenterClosure), (august.Change, august.Reason!.Kind));

        // The 30th of every month, moved: 2027-12-30 is 年末年始 → the next business day is 2028-01-04.
        var moved = Year(new Recurrence { Kind = RecurrenceKind.DayOfMonth, Day = 30, OnClosedDay = ClosedDayPolicy.NextBusinessDay }).Last();
        Assert.Equal((new DateOnly(2028, 1, 4), new DateOnly(2027, 12, 30)), (moved.Date, moved.RegularDate!.Value));
    }

    [Theory]
    [InlineData(2027, "02-28")]
    [InlineData(2028, "02-29")]
    public void Day_31_falls_on_the_last_day_of_short_months_and_leap_years_count(int year, string february)
    {
        var dates = Year(new Recurrence { Kind = RecurrenceKind.DayOfMonth, Day = 31, OnClosedDay = ClosedDayPolicy.Keep }, year).Select(o => o.Date.ToString("MM-dd")).ToList();
        Assert.Equal(12, dates.Count);
        Assert.Equal(february, dates[1]);
        Assert.Equal("04-30", dates[3]);
    }

    [Fact]
    public void Last_friday_and_a_missing_fifth_weekday()
    {
        var last = Year(new Recurrence { Kind = RecurrenceKind.NthWeekday, Nth = -1, Weekday = DayOfWeek.Friday, OnClosedDay = ClosedDayPolicy.Keep });
        Assert.Equal(new DateOnly(2027, 12, 31), last[^1].Date);
        Assert.Null(Recurrence.NthWeekdayOf(2027, 2, 5, DayOfWeek.Monday));
        Assert.Equal(new DateOnly(2027, 3, 29), Recurrence.NthWeekdayOf(2027, 3, 5, DayOfWeek.Monday));
    }

    [Fact]
    public void Every_other_friday_from_an_anchor_and_staff_exceptions()
    {
        var rule = new Recurrence
        {
            Kind = RecurrenceKind.EveryNWeeks, Anchor = new DateOnly(2027, 1, 8), IntervalWeeks = 2, OnClosedDay = ClosedDayPolicy.Keep,
            Exceptions = { [new DateOnly(2027, 1, 22)] = new DateOnly(2027, 1, 21), [new DateOnly(2027, 2, 5)] = null },
        };
        var jan = rule.Occurrences(new DateOnly(2027, 1, 1), new DateOnly(2027, 2, 28), Calendar).ToList();
        Assert.Equal(["01-08", "01-21", "02-05", "02-19"], jan.Select(o => o.Date.ToString("MM-dd")));
        Assert.Equal(OccurrenceChange.MovedByStaff, jan[1].Change);
        Assert.Equal(OccurrenceChange.CancelledByStaff, jan[2].Change);
        Assert.Equal(26, Year(rule with { Exceptions = [] }).Count);
    }

    [Fact]
    public void One_off_dates_and_a_rule_missing_its_fields()
    {
        var once = new Recurrence { Kind = RecurrenceKind.Dates, Dates = [new DateOnly(2027, 3, 3), new DateOnly(2026, 3, 3)] };
        Assert.Equal([new DateOnly(2027, 3, 3)], Year(once).Select(o => o.Date));
        Assert.Throws<ArgumentException>(() => Year(new Recurrence { Kind = RecurrenceKind.NthWeekday }));
    }
}
