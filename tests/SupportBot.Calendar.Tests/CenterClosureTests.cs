using static SupportBot.Calendar.Tests.BusinessCalendarTests;

namespace SupportBot.Calendar.Tests;

/// <summary>Ad-hoc and yearly closures, and non-default opening hours.</summary>
public class CenterClosureTests
{
    static readonly BusinessCalendar Calendar = new(new BusinessCalendarOptions
    {
        Closures =
        [
            new AdHocClosure { Date = Day("2026-04-09"), LabelKey = "closure.staff_training" },            // Thursday, all day
            new AdHocClosure { Date = Day("2026-08-12"), Through = Day("2026-08-14"), LabelKey = "closure.obon" },
            new AdHocClosure { Date = Day("2026-04-15"), From = new TimeOnly(12, 0), Until = new TimeOnly(13, 30) },
            new AdHocClosure { Date = Day("2026-04-16"), From = new TimeOnly(15, 0) },                     // rest of the day
            new AdHocClosure { Date = Day("2026-04-20"), From = new TimeOnly(15, 0), Through = Day("2026-04-21"), Until = new TimeOnly(12, 0) },
            new AdHocClosure { Date = Day("2026-11-23"), LabelKey = "closure.event" },                     // on a holiday
        ],
    });

    [Theory]
    [InlineData("2026-04-09T11:00", ClosedReasonKind.CenterClosure, "closure.staff_training")]
    [InlineData("2026-04-09T09:00", ClosedReasonKind.CenterClosure, "closure.staff_training")]
    [InlineData("2026-08-13T11:00", ClosedReasonKind.CenterClosure, "closure.obon")]
    [InlineData("2026-08-11T11:00", ClosedReasonKind.Holiday, null)]               // 山の日, before the closure
    [InlineData("2026-04-15T11:59", null, null)]
    [InlineData("2026-04-15T12:00", ClosedReasonKind.CenterClosure, null)]
    [InlineData("2026-04-15T13:29", ClosedReasonKind.CenterClosure, null)]
    [InlineData("2026-04-15T13:30", null, null)]
    [InlineData("2026-04-16T14:59", null, null)]
    [InlineData("2026-04-16T15:00", ClosedReasonKind.CenterClosure, null)]
    [InlineData("2026-04-16T17:30", ClosedReasonKind.AfterClosing, null)]
    [InlineData("2026-04-20T14:00", null, null)]
    [InlineData("2026-04-20T16:00", ClosedReasonKind.CenterClosure, null)]
    [InlineData("2026-04-21T11:00", ClosedReasonKind.CenterClosure, null)]
    [InlineData("2026-04-21T12:00", null, null)]
    [InlineData("2026-11-23T11:00", ClosedReasonKind.CenterClosure, "closure.event")] // staff closure wins over the holiday
    public void Ad_hoc_closures(string local, ClosedReasonKind? kind, string? label)
    {
        var reason = Calendar.ClosedReasonAt(Jst(local));
        Assert.Equal(kind, reason?.Kind);
        if (kind == ClosedReasonKind.CenterClosure)
        {
            Assert.Equal(ClosureKind.AdHoc, reason!.Closure);
            Assert.Equal(label, reason.LabelKey);
        }
    }

    [Theory]
    [InlineData("2026-04-08T17:00", "2026-04-10T10:00")]   // over the closed Thursday
    [InlineData("2026-08-10T17:00", "2026-08-17T10:00")]   // 山の日 + お盆 closure + weekend
    [InlineData("2026-04-15T11:00", "2026-04-15T13:30")]   // the afternoon reopening after a midday closure
    [InlineData("2026-04-15T12:30", "2026-04-15T13:30")]
    [InlineData("2026-04-16T15:30", "2026-04-17T10:00")]
    [InlineData("2026-04-20T16:00", "2026-04-21T12:00")]
    public void Next_opening_around_closures(string local, string expected) =>
        Assert.Equal(Jst(expected), Calendar.NextOpening(Jst(local)));

    [Fact]
    public void Partly_closed_days_are_still_business_days()
    {
        Assert.True(Calendar.IsBusinessDay(Day("2026-04-15")));
        Assert.False(Calendar.IsBusinessDay(Day("2026-04-09")));
        Assert.Equal(Day("2026-04-10"), Calendar.AddBusinessDays(Day("2026-04-08"), 1));
        Assert.Equal(Day("2026-08-17"), Calendar.AddBusinessDays(Day("2026-08-10"), 1));
        Assert.Equal(
            [new OpenPeriod(Jst("2026-04-15T10:00"), Jst("2026-04-15T12:00")), new OpenPeriod(Jst("2026-04-15T13:30"), Jst("2026-04-15T17:00"))],
            Calendar.OpenPeriodsOn(Day("2026-04-15")));
        Assert.Equal([new OpenPeriod(Jst("2026-04-21T12:00"), Jst("2026-04-21T17:00"))], Calendar.OpenPeriodsOn(Day("2026-04-21")));
    }

    [Theory]
    [InlineData("2026-04-15T11:00", TodayState.OpenNow, null, "2026-04-15T12:00")]
    [InlineData("2026-04-15T12:30", TodayState.OpensLaterToday, ClosedReasonKind.CenterClosure, null)]
    [InlineData("2026-04-16T15:30", TodayState.ClosedForToday, ClosedReasonKind.CenterClosure, null)]
    [InlineData("2026-04-09T08:00", TodayState.ClosedForToday, ClosedReasonKind.CenterClosure, null)]
    public void Today_status_with_closures(string local, TodayState state, ClosedReasonKind? reason, string? openUntil)
    {
        var status = Calendar.StatusAt(Jst(local));
        Assert.Equal(state, status.State);
        Assert.Equal(reason, status.Reason?.Kind);
        Assert.Equal(openUntil is null ? null : Jst(openUntil), status.OpenUntil);
    }

    [Fact]
    public void Ad_hoc_closure_of_a_whole_weekend_day_is_reported_as_the_closure()
    {
        var calendar = new BusinessCalendar(new BusinessCalendarOptions
        {
            Closures = [new AdHocClosure { Date = Day("2026-11-21"), LabelKey = "closure.move" }, new AdHocClosure { Date = Day("2026-11-22"), From = new TimeOnly(9, 0) }],
        });
        Assert.Equal(ClosureKind.AdHoc, calendar.ClosedReasonOn(Day("2026-11-21"))!.Closure);
        // Only part of Sunday: the regular day off is the better explanation.
        Assert.Equal(ClosedReasonKind.Weekend, calendar.ClosedReasonOn(Day("2026-11-22"))!.Kind);
    }

    [Fact]
    public void Custom_weekly_hours_and_yearly_closures_replace_the_defaults()
    {
        var calendar = new BusinessCalendar(new BusinessCalendarOptions
        {
            WeeklyHours = new()
            {
                [DayOfWeek.Tuesday] = new(new TimeOnly(9, 0), new TimeOnly(18, 0)),
                [DayOfWeek.Saturday] = new(new TimeOnly(10, 0), new TimeOnly(12, 0)),
            },
            YearlyClosures = [new YearlyClosure("08-13", "08-15", "closure.obon")],
        });
        Assert.True(calendar.IsOpen(Jst("2026-11-21T11:00")));                       // Saturday
        Assert.Equal(ClosedReasonKind.AfterClosing, calendar.ClosedReasonAt(Jst("2026-11-21T12:00"))!.Kind);
        Assert.Equal(ClosedReasonKind.Weekend, calendar.ClosedReasonAt(Jst("2026-11-20T11:00"))!.Kind); // Friday is a day off now
        Assert.True(calendar.IsOpen(Jst("2026-11-24T09:00")));                       // Tuesday from 9
        Assert.True(calendar.IsOpen(Jst("2026-12-29T10:00")));                       // no 年末年始 any more
        Assert.Equal("closure.obon", calendar.ClosedReasonOn(Day("2026-08-15"))!.LabelKey); // Saturday in the closure
        Assert.Equal(Jst("2026-08-18T09:00"), calendar.NextOpening(Jst("2026-08-11T18:00")));
    }

    [Fact]
    public void Holidays_can_be_working_days()
    {
        var calendar = new BusinessCalendar(new BusinessCalendarOptions { ClosedOnHolidays = false, YearlyClosures = [] });
        Assert.True(calendar.IsOpen(Jst("2026-11-23T11:00")));
        Assert.True(calendar.IsOpen(Jst("2026-12-30T11:00")));
    }

    [Fact]
    public void Invalid_options_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new BusinessCalendar(new BusinessCalendarOptions
        {
            WeeklyHours = new() { [DayOfWeek.Monday] = new(new TimeOnly(17, 0), new TimeOnly(10, 0)) },
        }));
        Assert.Throws<ArgumentException>(() => new BusinessCalendar(new BusinessCalendarOptions { WeeklyHours = new() }));
        Assert.Throws<ArgumentException>(() => new BusinessCalendar(new BusinessCalendarOptions { YearlyClosures = [new("13-01", "01-03")] }));
        Assert.Throws<ArgumentException>(() => new BusinessCalendar(new BusinessCalendarOptions { YearlyClosures = [new("12/29", "01-03")] }));
        Assert.Throws<ArgumentException>(() => new BusinessCalendar(new BusinessCalendarOptions
        {
            Closures = [new AdHocClosure { Date = Day("2026-04-15"), From = new TimeOnly(13, 0), Until = new TimeOnly(12, 0) }],
        }));
        // 02-29 is a valid month-day; it simply only exists in leap years.
        var leap = new BusinessCalendar(new BusinessCalendarOptions { YearlyClosures = [new("02-29", "02-29")] });
        Assert.False(leap.IsBusinessDay(Day("2028-02-29")));
        Assert.True(leap.IsBusinessDay(Day("2028-02-28")));
    }

    [Fact]
    public void A_calendar_that_never_opens_fails_loudly_instead_of_looping()
    {
        var calendar = new BusinessCalendar(new BusinessCalendarOptions
        {
            Closures = [new AdHocClosure { Date = Day("2026-01-01"), Through = Day("2031-12-31") }],
        });
        Assert.Throws<InvalidOperationException>(() => calendar.NextOpening(Jst("2026-04-08T12:00")));
        Assert.Throws<InvalidOperationException>(() => calendar.AddBusinessDays(Day("2026-04-08"), 1));
    }
}

/// <summary>Closures staff add at run time replace each other as a whole and sit on top of the configured ones.</summary>
public class StaffClosureTests
{
    [Fact]
    public void Staff_closures_change_every_answer_at_once_and_keep_the_configured_ones()
    {
        var calendar = new BusinessCalendar(new BusinessCalendarOptions
        {
            Closures = [new AdHocClosure { Date = Day("2026-04-09"), LabelKey = "closure.staff_training" }],
        });
        Assert.True(calendar.IsOpen(Jst("2026-04-08T11:00")));

        calendar.SetStaffClosures([new AdHocClosure { Date = Day("2026-04-08"), Until = new TimeOnly(12, 0), LabelKey = "closure.default" }]);
        Assert.Equal("closure.default", calendar.ClosedReasonAt(Jst("2026-04-08T11:00"))!.LabelKey);
        Assert.True(calendar.IsOpen(Jst("2026-04-08T12:00")));
        Assert.Equal(TodayState.OpensLaterToday, calendar.StatusAt(Jst("2026-04-08T11:00")).State);
        Assert.Equal("closure.staff_training", calendar.ClosedReasonOn(Day("2026-04-09"))!.LabelKey); // the configured one stays

        // A new list replaces the old one; a closure that ends before it starts is left out.
        calendar.SetStaffClosures([new AdHocClosure { Date = Day("2026-04-10"), From = new TimeOnly(15, 0), Until = new TimeOnly(14, 0) }]);
        Assert.True(calendar.IsOpen(Jst("2026-04-08T11:00")));
        Assert.True(calendar.IsBusinessDay(Day("2026-04-10")));
        Assert.False(calendar.IsBusinessDay(Day("2026-04-09")));
        calendar.SetStaffClosures([]);
        Assert.False(calendar.IsBusinessDay(Day("2026-04-09")));
    }
}
