using System.Globalization;

namespace SupportBot.Calendar.Tests;

/// <summary>The default center calendar (Mon–Fri 10:00–17:00, holidays and 年末年始 closed) at pinned reference times.</summary>
public class BusinessCalendarTests
{
    static readonly BusinessCalendar Calendar = new(new BusinessCalendarOptions());

    /// <summary>A local Japan time written <c>yyyy-MM-ddTHH:mm</c>.</summary>
    internal static DateTimeOffset Jst(string local) =>
        DateTimeOffset.ParseExact(local + "+09:00", "yyyy-MM-dd'T'HH:mmzzz", CultureInfo.InvariantCulture);

    internal static DateOnly Day(string date) => DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-04-08T14:00", null)]                 // Wednesday afternoon
    [InlineData("2026-04-08T22:00", ClosedReasonKind.AfterClosing)]
    [InlineData("2026-04-08T09:59", ClosedReasonKind.BeforeOpening)]
    [InlineData("2026-04-08T10:00", null)]                 // opening minute is open
    [InlineData("2026-04-08T16:59", null)]
    [InlineData("2026-04-08T17:00", ClosedReasonKind.AfterClosing)] // closing time is exclusive
    [InlineData("2026-04-08T00:00", ClosedReasonKind.BeforeOpening)]
    [InlineData("2026-11-21T11:00", ClosedReasonKind.Weekend)]      // Saturday
    [InlineData("2026-11-22T11:00", ClosedReasonKind.Weekend)]      // Sunday
    [InlineData("2026-11-23T11:00", ClosedReasonKind.Holiday)]      // 勤労感謝の日, a Monday
    [InlineData("2026-11-24T11:00", null)]
    [InlineData("2026-12-28T16:59", null)]                 // last day before 年末年始
    [InlineData("2026-12-29T11:00", ClosedReasonKind.CenterClosure)]
    [InlineData("2026-12-30T11:00", ClosedReasonKind.CenterClosure)]
    [InlineData("2027-01-01T11:00", ClosedReasonKind.CenterClosure)] // 元日, reported as 年末年始
    [InlineData("2027-01-03T11:00", ClosedReasonKind.CenterClosure)]
    [InlineData("2027-01-04T10:00", null)]
    [InlineData("2026-09-22T11:00", ClosedReasonKind.Holiday)]      // 国民の休日 between 敬老の日 and 秋分の日
    [InlineData("2026-05-06T11:00", ClosedReasonKind.Holiday)]      // 振替休日 for 5/3
    public void Open_or_closed_with_reason(string local, ClosedReasonKind? expected)
    {
        var at = Jst(local);
        Assert.Equal(expected, Calendar.ClosedReasonAt(at)?.Kind);
        Assert.Equal(expected is null, Calendar.IsOpen(at));
    }

    [Fact]
    public void The_same_instant_written_in_UTC_gives_the_same_answer()
    {
        // 2026-04-08 14:00 JST = 05:00 UTC; 2026-04-08 01:30 UTC = 10:30 JST.
        Assert.True(Calendar.IsOpen(new DateTimeOffset(2026, 4, 8, 5, 0, 0, TimeSpan.Zero)));
        Assert.True(Calendar.IsOpen(new DateTimeOffset(2026, 4, 8, 1, 30, 0, TimeSpan.Zero)));
        // 2026-04-07 23:30 UTC is already Wednesday 08:30 in Tokyo: before opening, not after closing.
        Assert.Equal(ClosedReasonKind.BeforeOpening, Calendar.ClosedReasonAt(new DateTimeOffset(2026, 4, 7, 23, 30, 0, TimeSpan.Zero))!.Kind);
        // 2026-11-22 15:30 UTC is Monday 00:30 on 勤労感謝の日 in Tokyo.
        Assert.Equal(ClosedReasonKind.Holiday, Calendar.ClosedReasonAt(new DateTimeOffset(2026, 11, 22, 15, 30, 0, TimeSpan.Zero))!.Kind);
    }

    [Fact]
    public void A_holiday_reason_carries_the_holiday_key()
    {
        var reason = Calendar.ClosedReasonAt(Jst("2026-11-23T14:00"))!;
        Assert.Equal(ClosedReasonKind.Holiday, reason.Kind);
        Assert.Equal(HolidayKey.LaborThanksgivingDay, reason.Holiday!.Key);
        Assert.Equal("holiday.labor_thanksgiving_day", reason.Holiday.LocaleKey);

        var substitute = Calendar.ClosedReasonOn(Day("2026-05-06"))!;
        Assert.Equal(HolidayKey.SubstituteHoliday, substitute.Holiday!.Key);
        Assert.Equal(HolidayKey.ConstitutionMemorialDay, substitute.Holiday.SubstituteFor);
    }

    [Fact]
    public void Year_end_closure_is_labelled()
    {
        var reason = Calendar.ClosedReasonAt(Jst("2026-12-30T11:00"))!;
        Assert.Equal(new ClosedReason(ClosedReasonKind.CenterClosure, Closure: ClosureKind.Yearly, LabelKey: "closure.year_end"), reason);
    }

    [Theory]
    [InlineData("2026-04-08T09:59", "2026-04-08T10:00")]   // the minute before opening
    [InlineData("2026-04-08T10:00", "2026-04-09T10:00")]   // open: the next period, not the current one
    [InlineData("2026-04-08T10:01", "2026-04-09T10:00")]
    [InlineData("2026-04-08T16:59", "2026-04-09T10:00")]
    [InlineData("2026-04-08T17:00", "2026-04-09T10:00")]
    [InlineData("2026-04-08T22:00", "2026-04-09T10:00")]
    [InlineData("2026-04-10T17:01", "2026-04-13T10:00")]   // Friday evening → Monday
    [InlineData("2026-11-21T09:00", "2026-11-24T10:00")]   // Saturday → Tuesday, over 勤労感謝の日
    [InlineData("2026-09-18T17:00", "2026-09-24T10:00")]   // Silver Week 2026: 5 days off
    [InlineData("2026-05-01T18:00", "2026-05-07T10:00")]   // Golden Week 2026
    [InlineData("2026-12-28T17:00", "2027-01-04T10:00")]   // 年末年始 into the next year
    [InlineData("2026-12-30T12:00", "2027-01-04T10:00")]
    [InlineData("2026-12-31T23:59", "2027-01-04T10:00")]
    [InlineData("2026-01-30T17:30", "2026-02-02T10:00")]   // month end on a weekend
    [InlineData("2026-03-31T17:30", "2026-04-01T10:00")]   // month end on a weekday
    public void Next_opening(string local, string expected)
    {
        var next = Calendar.NextOpening(Jst(local));
        Assert.Equal(Jst(expected), next);
        Assert.Equal(TimeSpan.FromHours(9), next.Offset);
    }

    [Theory]
    [InlineData("2026-11-20", 1, "2026-11-24")]   // over 勤労感謝の日 (Mon) and the weekend
    [InlineData("2026-11-20", 0, "2026-11-20")]
    [InlineData("2026-11-21", 0, "2026-11-24")]   // Saturday, 0 → the next business day
    [InlineData("2026-11-19", 3, "2026-11-25")]
    [InlineData("2026-12-25", 1, "2026-12-28")]
    [InlineData("2026-12-25", 2, "2027-01-04")]   // over 年末年始
    [InlineData("2026-12-25", 3, "2027-01-05")]
    [InlineData("2027-01-04", -1, "2026-12-28")]
    [InlineData("2026-09-18", 1, "2026-09-24")]
    [InlineData("2026-04-08", 10, "2026-04-22")]
    public void Add_business_days(string start, int count, string expected) =>
        Assert.Equal(Day(expected), Calendar.AddBusinessDays(Day(start), count));

    [Fact]
    public void Business_days_in_a_range_cross_month_and_year_ends()
    {
        var days = Calendar.BusinessDays(Day("2026-12-24"), Day("2027-01-06"));
        Assert.Equal(new[] { "2026-12-24", "2026-12-25", "2026-12-28", "2027-01-04", "2027-01-05", "2027-01-06" }.Select(Day), days);

        var november = Calendar.BusinessDays(Day("2026-11-01"), Day("2026-11-30"));
        // 21 weekdays, minus 文化の日 (Tue 11/3) and 勤労感謝の日 (Mon 11/23).
        Assert.Equal(19, november.Count);
        Assert.DoesNotContain(Day("2026-11-03"), november);
        Assert.Empty(Calendar.BusinessDays(Day("2026-11-30"), Day("2026-11-01")));
    }

    [Theory]
    [InlineData("2026-04-08T14:00", TodayState.OpenNow, null, "2026-04-09T10:00")]
    [InlineData("2026-04-08T09:59", TodayState.OpensLaterToday, ClosedReasonKind.BeforeOpening, "2026-04-08T10:00")]
    [InlineData("2026-04-08T17:00", TodayState.ClosedForToday, ClosedReasonKind.AfterClosing, "2026-04-09T10:00")]
    [InlineData("2026-04-08T22:00", TodayState.ClosedForToday, ClosedReasonKind.AfterClosing, "2026-04-09T10:00")]
    [InlineData("2026-11-21T11:00", TodayState.ClosedForToday, ClosedReasonKind.Weekend, "2026-11-24T10:00")]
    [InlineData("2026-11-23T08:00", TodayState.ClosedForToday, ClosedReasonKind.Holiday, "2026-11-24T10:00")]
    [InlineData("2026-12-30T09:00", TodayState.ClosedForToday, ClosedReasonKind.CenterClosure, "2027-01-04T10:00")]
    [InlineData("2027-01-04T09:00", TodayState.OpensLaterToday, ClosedReasonKind.BeforeOpening, "2027-01-04T10:00")]
    public void Today_status(string local, TodayState state, ClosedReasonKind? reason, string nextOpening)
    {
        var status = Calendar.StatusAt(Jst(local));
        Assert.Equal(state, status.State);
        Assert.Equal(reason, status.Reason?.Kind);
        Assert.Equal(Jst(nextOpening), status.NextOpening);
        Assert.Equal(DateOnly.FromDateTime(Jst(local).DateTime), status.Date);
        if (state == TodayState.OpenNow)
            Assert.Equal(Jst(local[..10] + "T17:00"), status.OpenUntil);
        else
            Assert.Null(status.OpenUntil);
    }

    [Fact]
    public void Open_periods_of_a_day()
    {
        var periods = Calendar.OpenPeriodsOn(Day("2026-04-08"));
        Assert.Equal([new OpenPeriod(Jst("2026-04-08T10:00"), Jst("2026-04-08T17:00"))], periods);
        Assert.Empty(Calendar.OpenPeriodsOn(Day("2026-11-23")));
        Assert.Equal(Day("2026-04-08"), Calendar.DateAt(new DateTimeOffset(2026, 4, 7, 15, 0, 0, TimeSpan.Zero)));
    }
}
