namespace SupportBot.Calendar.Tests;

/// <summary>
/// Our computed holidays against the holiday-jp table (1970–2050, 1329 dates): every listed date
/// must be computed with the same holiday, and no year in the table may have an extra date.
/// </summary>
public class JapaneseHolidaysConformanceTests
{
    const int TableFirstYear = 1970;
    const int TableLastYear = 2050;

    // The table's Japanese names mapped to our keys.
    static readonly Dictionary<string, HolidayKey> NamedKeys = new()
    {
        ["元日"] = HolidayKey.NewYearsDay,
        ["成人の日"] = HolidayKey.ComingOfAgeDay,
        ["建国記念の日"] = HolidayKey.NationalFoundationDay,
        ["天皇誕生日"] = HolidayKey.EmperorsBirthday,
        ["春分の日"] = HolidayKey.VernalEquinoxDay,
        ["昭和の日"] = HolidayKey.ShowaDay,
        ["憲法記念日"] = HolidayKey.ConstitutionMemorialDay,
        ["みどりの日"] = HolidayKey.GreeneryDay,
        ["こどもの日"] = HolidayKey.ChildrensDay,
        ["海の日"] = HolidayKey.MarineDay,
        ["山の日"] = HolidayKey.MountainDay,
        ["敬老の日"] = HolidayKey.RespectForTheAgedDay,
        ["秋分の日"] = HolidayKey.AutumnalEquinoxDay,
        ["体育の日"] = HolidayKey.HealthAndSportsDay,
        // 2019-10-14 only: the law renamed the day from 2020, so in 2019 it is still 体育の日.
        ["体育の日（スポーツの日）"] = HolidayKey.HealthAndSportsDay,
        ["スポーツの日"] = HolidayKey.SportsDay,
        ["文化の日"] = HolidayKey.CultureDay,
        ["勤労感謝の日"] = HolidayKey.LaborThanksgivingDay,
        ["休日"] = HolidayKey.NationalHoliday,
        ["大喪の礼"] = HolidayKey.ImperialFuneral1989,
        ["即位礼正殿の儀"] = HolidayKey.EnthronementCeremony1990,
        ["結婚の儀"] = HolidayKey.RoyalWedding1993,
    };

    const string SubstituteSuffix = " 振替休日";

    // The table labels both 2019 enthronement days 休日（祝日扱い）; tell them apart by date.
    static readonly Dictionary<DateOnly, HolidayKey> TreatedAsHoliday = new()
    {
        [new DateOnly(2019, 5, 1)] = HolidayKey.EnthronementDay2019,
        [new DateOnly(2019, 10, 22)] = HolidayKey.EnthronementCeremony2019,
    };

    sealed record Expected(DateOnly Date, HolidayKey Key, HolidayKey? SubstituteFor, string Label);

    static List<Expected> LoadTable()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Conformance", "holidays.tsv");
        var rows = new List<Expected>();
        foreach (var line in File.ReadAllLines(path))
        {
            var tab = line.Split('\t');
            Assert.Equal(2, tab.Length);
            var date = DateOnly.ParseExact(tab[0], "yyyy-MM-dd");
            var label = tab[1];
            if (label == "休日（祝日扱い）")
                rows.Add(new(date, TreatedAsHoliday[date], null, label));
            else if (label.EndsWith(SubstituteSuffix, StringComparison.Ordinal))
                rows.Add(new(date, HolidayKey.SubstituteHoliday, SubstitutedHoliday(date, label), label));
            else
                rows.Add(new(date, NamedKeys[label], null, label));
        }
        return rows;
    }

    /// <summary>
    /// The holiday a 振替休日 replaces, from the table's label. The table calls every May 6
    /// substitute こどもの日 振替休日 even when the Sunday holiday was 5/3 or 5/4; for those we work
    /// out independently which of 5/3–5/5 was the Sunday.
    /// </summary>
    static HolidayKey SubstitutedHoliday(DateOnly date, string label)
    {
        if (date is { Month: 5, Day: 6 })
        {
            var sunday = Enumerable.Range(3, 3).Select(d => new DateOnly(date.Year, 5, d)).Single(d => d.DayOfWeek == DayOfWeek.Sunday);
            return sunday.Day switch
            {
                3 => HolidayKey.ConstitutionMemorialDay,
                4 => HolidayKey.GreeneryDay, // 5/4 is only a named holiday (みどりの日) from 2007
                _ => HolidayKey.ChildrensDay,
            };
        }
        return NamedKeys[label[..^SubstituteSuffix.Length]];
    }

    [Fact]
    public void Table_is_the_full_reference_set()
    {
        var table = LoadTable();
        Assert.Equal(1329, table.Count);
        Assert.Equal(new DateOnly(1970, 1, 1), table[0].Date);
        Assert.Equal(new DateOnly(2050, 11, 23), table[^1].Date);
    }

    [Fact]
    public void Every_listed_date_is_computed_with_the_same_holiday_and_nothing_more()
    {
        var table = LoadTable().ToDictionary(e => e.Date);
        var computed = Enumerable.Range(TableFirstYear, TableLastYear - TableFirstYear + 1)
            .SelectMany(JapaneseHolidays.InYear)
            .ToList();

        var missing = table.Keys.Except(computed.Select(h => h.Date)).Order().ToList();
        var extra = computed.Select(h => h.Date).Except(table.Keys).Order().ToList();
        var wrongNames = computed
            .Where(h => table.TryGetValue(h.Date, out var e) && (e.Key != h.Key || e.SubstituteFor != h.SubstituteFor))
            .Select(h => $"{h.Date:yyyy-MM-dd} {table[h.Date].Label}: got {h.Key}/{h.SubstituteFor}")
            .ToList();

        Assert.Empty(missing);
        Assert.Empty(extra);
        Assert.Empty(wrongNames);
        Assert.Equal(1329, computed.Count);
        Assert.Equal(computed.Count, computed.Select(h => h.Date).Distinct().Count());
    }

    [Fact]
    public void On_agrees_with_the_table_for_every_day_of_the_range()
    {
        var table = LoadTable().ToDictionary(e => e.Date);
        var matched = 0;
        for (var day = new DateOnly(TableFirstYear, 1, 1); day.Year <= TableLastYear; day = day.AddDays(1))
        {
            var holiday = JapaneseHolidays.On(day);
            Assert.Equal(table.ContainsKey(day), holiday is not null);
            if (holiday is not null)
            {
                Assert.Equal(table[day].Key, holiday.Key);
                matched++;
            }
        }
        Assert.Equal(1329, matched);
    }
}
