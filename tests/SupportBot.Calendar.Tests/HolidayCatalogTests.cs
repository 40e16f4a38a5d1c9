using YamlDotNet.Serialization;

namespace SupportBot.Calendar.Tests;

/// <summary>Every holiday key has a display name in every locale, and the catalogs hold nothing else.</summary>
public class HolidayCatalogTests
{
    static Dictionary<string, string> Load(string culture, string file) =>
        new DeserializerBuilder().Build()
            .Deserialize<Dictionary<string, string>>(File.ReadAllText(Repository.PathOf("locales", culture, file)));

    [Theory]
    [InlineData("ja-JP")]
    [InlineData("en-US")]
    public void Holiday_catalog_matches_the_keys(string culture)
    {
        var catalog = Load(culture, "holidays.yaml");
        var keys = Enum.GetValues<HolidayKey>().Select(k => k.LocaleKey()).ToList();
        Assert.Equal(keys.Order(), catalog.Keys.Order());
        Assert.All(catalog.Values, name => Assert.False(string.IsNullOrWhiteSpace(name)));
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Theory]
    [InlineData("ja-JP")]
    [InlineData("en-US")]
    public void Default_closure_labels_are_translated(string culture)
    {
        var catalog = Load(culture, "calendar.yaml");
        foreach (var closure in BusinessCalendarOptions.DefaultYearlyClosures)
            Assert.Contains(closure.LabelKey!, catalog.Keys);
    }

    [Theory]
    [InlineData(HolidayKey.CultureDay, "文化の日")]
    [InlineData(HolidayKey.SubstituteHoliday, "振替休日")]
    [InlineData(HolidayKey.NationalHoliday, "国民の休日")]
    [InlineData(HolidayKey.EmperorsBirthday, "天皇誕生日")]
    public void Japanese_names(HolidayKey key, string expected) =>
        Assert.Equal(expected, Load("ja-JP", "holidays.yaml")[key.LocaleKey()]);
}
