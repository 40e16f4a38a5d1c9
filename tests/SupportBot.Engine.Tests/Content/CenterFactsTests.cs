using SupportBot.Calendar;
using SupportBot.Engine.Center;
using SupportBot.Engine.Messages;
using SupportBot.Engine.Services.Bookings;
using SupportBot.Engine.Tests.Support;

namespace SupportBot.Engine.Tests.Content;

/// <summary>
/// Each fact in one place: the catalogs insert the center's contacts, days, hours, closures and booking deadline
/// from the configuration, worded per culture, and refuse to load while a text writes one out.
/// </summary>
public sealed class CenterFactsTests : IDisposable
{
    private static readonly string[] DataFiles = ["intents.yaml", "hotlines.yaml", "meetups.yaml"];

    /// <summary>The default center (src/SupportBot.Web/appsettings.json) with the default calendar and booking rules.</summary>
    private static readonly CenterOptions Smile = new()
    {
        Name = "自立サポートセンター スマイル", PostalCode = "250-0105", Address = "神奈川県南足柄市関本403-2", Building = "南足柄市りんどう会館2階",
        Phone = "0465-71-0189", Fax = "0465-72-4160", EmergencyPhone = "0465-71-0189", ServiceArea = "神奈川県 県西地区",
    };

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sb-facts-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private static MessageCatalog Load(string root, BusinessCalendarOptions? calendar = null, BookingOptions? booking = null) =>
        MessageCatalog.Load(root, new CenterFacts(Smile, calendar ?? new(), booking ?? new()), f => !DataFiles.Contains(f));

    /// <summary>The repository's catalogs in a temporary folder, plus <paramref name="extra"/> as ja-JP/extra.yaml.</summary>
    private string Copy(string? extra = null)
    {
        // The plain-language variant is left out: it would need the extra key too (it falls back to nothing).
        foreach (var file in Directory.EnumerateFiles(Repository.Path("locales"), "*.yaml", SearchOption.AllDirectories)
                     .Where(f => !MessageCatalog.IsVariant(Path.GetFileName(Path.GetDirectoryName(f)!))))
        {
            var target = Path.Combine(_dir, Path.GetRelativePath(Repository.Path("locales"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        if (extra is not null) File.WriteAllText(Path.Combine(_dir, "ja-JP", "extra.yaml"), extra);
        return _dir;
    }

    [Theory]
    [InlineData("ja-JP", "faq.hours.answer", "開所時間は 10:00〜17:00 です（土・日・祝日はお休みです）。")]
    [InlineData("ja-JP", "faq.closed_days.answer", "休所日は、土曜日・日曜日・祝日と、年末年始（12月29日〜1月3日）です。都合により、ほかの日にお休みすることもあります。")]
    [InlineData("ja-JP", "faq.contact.answer", "電話：0465-71-0189\nFAX：0465-72-4160\n受付は平日 10:00〜17:00 です。緊急のときは24時間、0465-71-0189 につながります。")]
    [InlineData("ja-JP", "booking.by_phone", "相談のご予約は、いまはお電話でお受けしています。0465-71-0189（平日 10:00〜17:00）にお電話ください。")]
    [InlineData("ja-JP", "booking.none_free", "申し訳ありません。いま予約できる空き枠がありません。お手数ですが、0465-71-0189（平日 10:00〜17:00）にお電話ください。")]
    [InlineData("ja-JP", "booking.declined", "わかりました。お電話でのご予約もできます。0465-71-0189（平日 10:00〜17:00）にお電話ください。")]
    [InlineData("ja-JP", "booking.note.too_soon", "ご予約は前の開所日の17時までにお願いしています。いまからですと、{earliest}以降になります。")]
    [InlineData("ja-JP", "callback.when_morning", "午前（10時〜12時）")]
    [InlineData("ja-JP", "callback.when_afternoon", "午後（13時〜17時）")]
    [InlineData("ja-JP", "common.give_up", "うまくお受けできず、すみません。お電話（0465-71-0189）でも同じご相談ができます。開所時間は 10:00〜17:00 です。")]
    [InlineData("en-US", "faq.hours.answer", "We are open 10:00〜17:00 (closed on Saturdays, Sundays and national holidays).")]
    [InlineData("en-US", "faq.closed_days.answer", "We are closed on Saturdays, Sundays, national holidays and over the New Year (Dec 29 – Jan 3). We may occasionally close on other days.")]
    [InlineData("en-US", "faq.contact.answer", "Phone: 0465-71-0189\nFax: 0465-72-4160\nOpen on weekdays, 10:00〜17:00. In an emergency, 0465-71-0189 answers 24 hours a day.")]
    [InlineData("en-US", "booking.by_phone", "For now, consultations are booked by phone. Please call 0465-71-0189 (weekdays 10:00〜17:00).")]
    [InlineData("en-US", "booking.note.too_soon", "Bookings are taken until 17:00 on the previous business day, so the earliest now is {earliest}.")]
    [InlineData("en-US", "callback.when_morning", "Morning (10:00–12:00)")]
    [InlineData("en-US", "callback.when_afternoon", "Afternoon (13:00–17:00)")]
    public void With_the_default_configuration_the_texts_read_as_they_always_did(string culture, string key, string expected) =>
        Assert.Equal(expected, Load(Repository.Path("locales")).Text(culture, key, new Dictionary<string, string> { ["earliest"] = "{earliest}" }));

    [Fact]
    public void Another_center_changes_its_hours_closures_and_deadline_in_one_setting_each()
    {
        var hours = new DailyHours(new TimeOnly(9, 30), new TimeOnly(18, 0));
        var calendar = new BusinessCalendarOptions
        {
            WeeklyHours = new() { [DayOfWeek.Monday] = hours, [DayOfWeek.Tuesday] = hours, [DayOfWeek.Wednesday] = hours, [DayOfWeek.Thursday] = hours, [DayOfWeek.Friday] = hours, [DayOfWeek.Saturday] = hours },
            YearlyClosures = [new("12-28", "01-04", "closure.year_end")],
        };
        var catalog = Load(Repository.Path("locales"), calendar, new BookingOptions { CutoffTime = "15:00", MinNoticeBusinessDays = 2 });
        var earliest = new Dictionary<string, string> { ["earliest"] = "{earliest}" };

        Assert.Equal("開所時間は 9:30〜18:00 です（日・祝日はお休みです）。", catalog.Text("ja-JP", "faq.hours.answer"));
        Assert.StartsWith("休所日は、日曜日・祝日と、年末年始（12月28日〜1月4日）です。", catalog.Text("ja-JP", "faq.closed_days.answer"));
        Assert.Contains("受付は月・火・水・木・金・土 9:30〜18:00 です。", catalog.Text("ja-JP", "faq.contact.answer"));
        Assert.Equal("午前（9時30分〜12時）", catalog.Text("ja-JP", "callback.when_morning"));
        Assert.Equal("午後（13時〜18時）", catalog.Text("ja-JP", "callback.when_afternoon"));
        Assert.StartsWith("ご予約は2開所日前の15時までにお願いしています。", catalog.Text("ja-JP", "booking.note.too_soon", earliest));
        Assert.Equal("We are open 9:30〜18:00 (closed on Sundays and national holidays).", catalog.Text("en-US", "faq.hours.answer"));
        Assert.Contains("Open on Mondays, Tuesdays, Wednesdays, Thursdays, Fridays and Saturdays, 9:30〜18:00.", catalog.Text("en-US", "faq.contact.answer"));
        Assert.StartsWith("Bookings are taken until 15:00 2 business days before,", catalog.Text("en-US", "booking.note.too_soon", earliest));
    }

    [Fact]
    public void Hours_that_differ_by_day_are_given_day_by_day()
    {
        var full = new DailyHours(new TimeOnly(10, 0), new TimeOnly(17, 0));
        var calendar = new BusinessCalendarOptions
        {
            WeeklyHours = new() { [DayOfWeek.Monday] = full, [DayOfWeek.Tuesday] = full, [DayOfWeek.Wednesday] = new(new TimeOnly(10, 0), new TimeOnly(15, 0)) },
        };
        var catalog = Load(Repository.Path("locales"), calendar);
        Assert.Equal("開所時間は 月・火 10:00〜17:00、水 10:00〜15:00 です（木・金・土・日・祝日はお休みです）。", catalog.Text("ja-JP", "faq.hours.answer"));
    }

    [Theory]
    [InlineData("お電話は 0465-71-0189 へ。", "{center.phone}", "Center:Phone")]
    [InlineData("お電話は ０４６５（７１）０１８９ へ。", "{center.phone}", "Center:Phone")]
    [InlineData("FAX は 0465-72-4160 です。", "{center.fax}", "Center:Fax")]
    [InlineData("開所時間は 10:00〜17:00 です。", "{center.hours}", "Calendar:WeeklyHours")]
    [InlineData("受付は10時から17時までです。", "{center.opens}", "Calendar:WeeklyHours")]
    [InlineData("17:00で閉まります。", "{center.closes}", "Calendar:WeeklyHours")]
    [InlineData("前の日の17時までにご予約ください。", "{center.booking_cutoff}", "Booking:CutoffTime")]
    [InlineData("土・日・祝日はお休みです。", "{center.closed_days}", "Calendar:ClosedOnHolidays")]
    [InlineData("年末は12月29日からお休みです。", "{center.closure.year_end}", "Calendar:YearlyClosures")]
    [InlineData("場所は 神奈川県南足柄市関本403-2 です。", "{center.address}", "Center:Address")]
    public void A_catalog_text_that_writes_out_a_configured_fact_stops_the_load_naming_file_key_and_setting(string text, string placeholder, string setting)
    {
        var error = Assert.Throws<InvalidDataException>(() => Load(Copy($"extra.fact: \"{text}\"\n")));
        var lines = error.Message.Split('\n').Where(l => l.Contains("extra.fact")).ToList();
        Assert.All(lines, l => Assert.StartsWith("locales/ja-JP/extra.yaml: 'extra.fact' writes out", l));
        Assert.Contains(lines, l => l.Contains(placeholder) && l.Contains(setting));
        Assert.Equal(lines.Count, error.Message.Split('\n').Length - 1);
    }

    [Theory]
    [InlineData("ご希望の日時を教えてください。（例：12月3日 14時）")]
    [InlineData("命の危険があるときは 119 へ。24時間つながります。")]
    [InlineData("090-1234-5678 のように教えてください。")]
    [InlineData("ご予約は{center.booking_notice}の{center.booking_cutoff}までに。")]
    public void Other_numbers_and_times_are_not_mistaken_for_facts(string text) =>
        Load(Copy($"extra.fact: \"{text}\"\n"));

    [Fact]
    public void A_fact_the_configuration_does_not_supply_stops_the_load_naming_the_setting()
    {
        var error = Assert.Throws<InvalidDataException>(() => Load(Repository.Path("locales"), new BusinessCalendarOptions { YearlyClosures = [] }));
        Assert.Contains("locales/ja-JP/faq.yaml: 'faq.closed_days.answer' uses {center.closure.year_end}", error.Message);
        Assert.Contains("Calendar:YearlyClosures has no closure with LabelKey 'closure.year_end'", error.Message);
    }

    [Fact]
    public void The_repository_catalogs_write_out_no_configured_fact() =>
        Assert.Empty(new CenterFacts(Smile, new(), new()).Problems(
            MessageCatalog.Load(Repository.Path("locales"), new Dictionary<string, string>(), f => !DataFiles.Contains(f))));
}
