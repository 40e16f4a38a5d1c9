using Microsoft.Extensions.Configuration;

namespace SupportBot.Calendar.Tests;

/// <summary>The options record binds from configuration the way the Web layer will bind it.</summary>
public class OptionsBindingTests
{
    static BusinessCalendarOptions Bind(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build()
            .GetSection(BusinessCalendarOptions.SectionName).Get<BusinessCalendarOptions>() ?? new BusinessCalendarOptions();

    [Fact]
    public void Binds_every_field()
    {
        var options = Bind(new()
        {
            ["Calendar:WeeklyHours:Monday:Opens"] = "09:30",
            ["Calendar:WeeklyHours:Monday:Closes"] = "16:00",
            ["Calendar:WeeklyHours:Saturday:Opens"] = "10:00",
            ["Calendar:WeeklyHours:Saturday:Closes"] = "12:00",
            ["Calendar:ClosedOnHolidays"] = "false",
            ["Calendar:YearlyClosures:0:Start"] = "12-28",
            ["Calendar:YearlyClosures:0:End"] = "01-04",
            ["Calendar:YearlyClosures:0:LabelKey"] = "closure.year_end",
            ["Calendar:Closures:0:Date"] = "2026-04-09",
            ["Calendar:Closures:0:LabelKey"] = "closure.staff_training",
            ["Calendar:Closures:1:Date"] = "2026-04-15",
            ["Calendar:Closures:1:From"] = "12:00",
            ["Calendar:Closures:1:Until"] = "13:30",
            ["Calendar:Closures:2:Date"] = "2026-08-12",
            ["Calendar:Closures:2:Through"] = "2026-08-14",
        });

        Assert.Equal(2, options.WeeklyHours!.Count);
        Assert.Equal(new DailyHours(new TimeOnly(9, 30), new TimeOnly(16, 0)), options.WeeklyHours[DayOfWeek.Monday]);
        Assert.False(options.ClosedOnHolidays);
        Assert.Equal([new YearlyClosure("12-28", "01-04", "closure.year_end")], options.YearlyClosures!);
        Assert.Equal(3, options.Closures!.Count);
        Assert.Equal(new AdHocClosure { Date = new DateOnly(2026, 4, 15), From = new TimeOnly(12, 0), Until = new TimeOnly(13, 30) }, options.Closures[1]);
        Assert.Equal(new DateOnly(2026, 8, 14), options.Closures[2].Through);

        var calendar = new BusinessCalendar(options);
        Assert.True(calendar.IsOpen(BusinessCalendarTests.Jst("2026-11-21T11:00")));
        Assert.False(calendar.IsBusinessDay(new DateOnly(2026, 12, 28)));
    }

    [Fact]
    public void An_empty_section_keeps_the_defaults()
    {
        var options = Bind([]);
        Assert.Null(options.WeeklyHours);
        Assert.True(options.ClosedOnHolidays);
        var calendar = new BusinessCalendar(options);
        Assert.True(calendar.IsOpen(BusinessCalendarTests.Jst("2026-04-08T10:00")));
        Assert.False(calendar.IsBusinessDay(new DateOnly(2026, 12, 29)));
    }
}
