using static SupportBot.Calendar.Tests.BusinessCalendarTests;

namespace SupportBot.Calendar.Tests;

/// <summary>
/// The holiday rules outside the reference table (1970–2050): years before it back to the law of
/// 1948, and years after it up to 2150, which follow the law as it stands today.
/// </summary>
public class JapaneseHolidaysRuleTests
{
    static IEnumerable<int> AllYears => Enumerable.Range(JapaneseHolidays.FirstYear, JapaneseHolidays.LastYear - JapaneseHolidays.FirstYear + 1);

    [Theory]
    [InlineData("2051-01-02", HolidayKey.SubstituteHoliday, HolidayKey.NewYearsDay)]        // 元日 on a Sunday
    [InlineData("2051-03-21", HolidayKey.VernalEquinoxDay, null)]
    [InlineData("2051-09-18", HolidayKey.RespectForTheAgedDay, null)]                       // third Monday
    [InlineData("2052-09-22", HolidayKey.AutumnalEquinoxDay, null)]
    [InlineData("2052-09-23", HolidayKey.SubstituteHoliday, HolidayKey.AutumnalEquinoxDay)]
    [InlineData("2100-03-20", HolidayKey.VernalEquinoxDay, null)]                           // 2100–2150 formula constants
    [InlineData("2100-09-23", HolidayKey.AutumnalEquinoxDay, null)]
    [InlineData("2032-09-21", HolidayKey.NationalHoliday, null)]                            // Silver Week 2032
    [InlineData("1948-09-23", HolidayKey.AutumnalEquinoxDay, null)]                         // the first holiday under the law
    [InlineData("1959-04-10", HolidayKey.RoyalWedding1959, null)]
    [InlineData("1966-09-15", HolidayKey.RespectForTheAgedDay, null)]
    public void Rules_beyond_the_table(string date, HolidayKey key, HolidayKey? substituteFor)
    {
        var holiday = JapaneseHolidays.On(Day(date));
        Assert.NotNull(holiday);
        Assert.Equal(key, holiday.Key);
        Assert.Equal(substituteFor, holiday.SubstituteFor);
    }

    [Theory]
    [InlineData("1948-05-03")]   // before the law came into force on 1948-07-20
    [InlineData("1965-09-15")]   // 敬老の日 starts in 1966
    [InlineData("2051-08-12")]
    [InlineData("1947-01-01")]
    [InlineData("2151-01-01")]   // past the equinox formula's range: no holiday data
    public void Not_holidays(string date) => Assert.Null(JapaneseHolidays.On(Day(date)));

    [Fact]
    public void Year_1948_starts_with_the_law()
    {
        Assert.Equal(
            [new Holiday(Day("1948-09-23"), HolidayKey.AutumnalEquinoxDay), new Holiday(Day("1948-11-03"), HolidayKey.CultureDay), new Holiday(Day("1948-11-23"), HolidayKey.LaborThanksgivingDay)],
            JapaneseHolidays.InYear(1948));
    }

    [Fact]
    public void Years_outside_the_supported_range_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => JapaneseHolidays.InYear(1947));
        Assert.Throws<ArgumentOutOfRangeException>(() => JapaneseHolidays.InYear(2151));
    }

    [Fact]
    public void Every_year_follows_the_structural_rules()
    {
        foreach (var year in AllYears)
        {
            var holidays = JapaneseHolidays.InYear(year);
            var byDate = holidays.ToDictionary(h => h.Date);
            Assert.All(holidays, h => Assert.Equal(year, h.Date.Year));
            Assert.Equal(holidays.Select(h => h.Date).Order(), holidays.Select(h => h.Date));

            foreach (var h in holidays)
            {
                bool IsNamed(DateOnly d) => byDate.TryGetValue(d, out var o) && o.Key is not (HolidayKey.SubstituteHoliday or HolidayKey.NationalHoliday);
                switch (h.Key)
                {
                    case HolidayKey.SubstituteHoliday:
                        // The substituted holiday fell on the nearest Sunday before, with only holidays in between.
                        var sunday = h.Date.AddDays(-1);
                        while (sunday.DayOfWeek != DayOfWeek.Sunday)
                        {
                            Assert.True(IsNamed(sunday), $"{h.Date}: gap before the substitute");
                            sunday = sunday.AddDays(-1);
                        }
                        Assert.Equal(byDate[sunday].Key, h.SubstituteFor);
                        Assert.True(sunday >= new DateOnly(1973, 4, 12));
                        break;
                    case HolidayKey.NationalHoliday:
                        Assert.True(IsNamed(h.Date.AddDays(-1)) && IsNamed(h.Date.AddDays(1)), $"{h.Date}: not sandwiched");
                        break;
                    case HolidayKey.ComingOfAgeDay when year >= 2000:
                    case HolidayKey.MarineDay when year >= 2003 && year is not (2020 or 2021):
                    case HolidayKey.RespectForTheAgedDay when year >= 2003:
                    case HolidayKey.HealthAndSportsDay when year >= 2000:
                    case HolidayKey.SportsDay when year >= 2022:
                        Assert.Equal(DayOfWeek.Monday, h.Date.DayOfWeek);
                        break;
                }
                // From 2007 every Sunday 国民の祝日 is followed by a substitute.
                if (h.Date.Year >= 2007 && h.Date.DayOfWeek == DayOfWeek.Sunday && IsNamed(h.Date))
                    Assert.Contains(holidays, s => s.Key == HolidayKey.SubstituteHoliday && s.SubstituteFor == h.Key && s.Date > h.Date);
            }
        }
    }

    [Fact]
    public void Equinoxes_stay_in_their_astronomical_window()
    {
        foreach (var year in AllYears)
        {
            var holidays = JapaneseHolidays.InYear(year);
            if (year > 1948)
                Assert.InRange(holidays.Single(h => h.Key == HolidayKey.VernalEquinoxDay).Date.Day, 19, 22);
            Assert.InRange(holidays.Single(h => h.Key == HolidayKey.AutumnalEquinoxDay).Date.Day, 21, 24);
        }
    }
}
