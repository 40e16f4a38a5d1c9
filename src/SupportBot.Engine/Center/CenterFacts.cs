using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using SupportBot.Calendar;
using SupportBot.Engine.Messages;
using SupportBot.Engine.Services.Bookings;

namespace SupportBot.Engine.Center;

/// <summary>
/// Every configured fact a catalog text may insert, each read from its one setting: the center's contacts
/// (<c>Center</c>), its days, hours and yearly closures (<c>Calendar</c>), the booking deadline (<c>Booking</c>).
/// Texts write <c>{center.xxx}</c>; times, dates and days are worded by the catalog's own format keys
/// (<c>format.hour</c> 「{hour}時」, <c>days.sat</c> 「土」 …), so 「17時」 and "17:00" both come from one setting.
/// <see cref="Problems"/> finds texts that write a fact out instead; the catalog refuses to load while any does.
/// </summary>
public sealed class CenterFacts
{
    /// <summary>The center's days as <c>{center.open_days}</c> and <c>{center.closed_days}</c> name them: 「土」 / "Saturdays".</summary>
    private static readonly string[] DayKeys = ["days.sun", "days.mon", "days.tue", "days.wed", "days.thu", "days.fri", "days.sat"];

    /// <summary>The same, as <c>{center.closed_days_long}</c> names them: 「土曜日」 / "Saturdays".</summary>
    private static readonly string[] LongDayKeys = ["days.long.sun", "days.long.mon", "days.long.tue", "days.long.wed", "days.long.thu", "days.long.fri", "days.long.sat"];

    /// <summary>The catalog keys that word the facts besides the format keys (checked in every culture at start-up with <see cref="Formats.Keys"/>).</summary>
    public static readonly string[] MessageKeys =
    [
        .. DayKeys, .. LongDayKeys, "days.weekdays", "days.holidays", "days.separator", "days.last_separator", "days.long_separator",
        "format.days_hours", "booking.notice.same_day", "booking.notice.previous_day", "booking.notice.days_before",
    ];

    /// <summary>Monday first, as a week is read.</summary>
    private static readonly DayOfWeek[] Week =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    private static readonly DayOfWeek[] Weekdays = Week[..5];

    private readonly CenterOptions _center;
    private readonly IReadOnlyDictionary<DayOfWeek, DailyHours> _hours;
    private readonly bool _closedOnHolidays;
    private readonly IReadOnlyList<(string Name, int Start, int End)> _closures;
    private readonly TimeOnly _cutoff;
    private readonly int _notice;

    public CenterFacts(CenterOptions center, BusinessCalendarOptions calendar, BookingOptions booking)
    {
        _center = center;
        _hours = calendar.WeeklyHours ?? BusinessCalendarOptions.DefaultWeeklyHours;
        _closedOnHolidays = calendar.ClosedOnHolidays;
        _closures = (calendar.YearlyClosures ?? BusinessCalendarOptions.DefaultYearlyClosures)
            .Where(c => !string.IsNullOrWhiteSpace(c.LabelKey))
            .Select(c => ("center." + c.LabelKey, MonthDay(c.Start), MonthDay(c.End)))
            .ToList();
        _cutoff = booking.Cutoff();
        _notice = booking.MinNoticeBusinessDays;
    }

    /// <summary>The <c>{center.xxx}</c> placeholders, worded in <paramref name="culture"/> by <paramref name="catalog"/>'s format keys.</summary>
    public IReadOnlyDictionary<string, string> Placeholders(MessageCatalog catalog, string culture) =>
        Describe(catalog, culture).ToDictionary(f => f.Name, f => f.Value, StringComparer.Ordinal);

    /// <summary>
    /// Texts of <paramref name="catalog"/> that write a configured fact out (the phone number, the opening hours,
    /// the booking cut-off …) instead of its placeholder, or use a <c>{center.xxx}</c> the configuration does not
    /// supply; each names the file, the key, the placeholder to write and the setting behind it.
    /// </summary>
    public IReadOnlyList<string> Problems(MessageCatalog catalog)
    {
        var problems = new List<string>();
        var cultures = catalog.Cultures.Order(StringComparer.Ordinal).ToList();
        var described = cultures.ToDictionary(c => c, c => Describe(catalog, c));
        // A fact is looked for as every culture words it: 「17時」 and "17:00" in any catalog.
        var patterns = described.Values.SelectMany(facts => facts.SelectMany(f => f.Patterns.Select(p => (Fact: f, Pattern: p))))
            .DistinctBy(x => (x.Fact.Name, x.Pattern.ToString())).ToList();
        foreach (var culture in cultures)
        {
            var known = described[culture].Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var (key, entry) in catalog.Entries(culture).OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                var where = $"locales/{culture}/{Path.GetFileName(entry.File)}: '{key}'";
                foreach (var name in MessageCatalog.Placeholders(entry.Text).Distinct())
                    if (name.StartsWith("center.", StringComparison.Ordinal) && !known.Contains(name))
                        problems.Add($"{where} uses {{{name}}}, which the configuration does not supply ({Supplies(name)})");

                var text = entry.Text.Normalize(NormalizationForm.FormKC);
                var matches = patterns.SelectMany(x => x.Pattern.Matches(text).Select(m => (m.Index, m.Length, m.Value, x.Fact))).ToList();
                // 「10:00〜17:00」 is the hours, not also the opening and the closing time on their own.
                var found = matches
                    .Where(m => !matches.Any(o => o.Length > m.Length && o.Index <= m.Index && m.Index + m.Length <= o.Index + o.Length))
                    .GroupBy(x => x.Value, StringComparer.Ordinal);
                foreach (var group in found)
                {
                    var instead = string.Join(" or ", group.Select(x => $"{{{x.Fact.Name}}} ({x.Fact.Setting})").Distinct());
                    problems.Add($"{where} writes out the configured '{group.Key}'; write {instead} instead");
                }
            }
        }
        return problems;
    }

    /// <summary>One fact: its placeholder, the setting it comes from, its wording, and how a text that writes it out looks.</summary>
    private sealed record Fact(string Name, string Setting, string Value, IReadOnlyList<Regex> Patterns);

    private List<Fact> Describe(MessageCatalog catalog, string culture)
    {
        var open = Week.Where(_hours.ContainsKey).ToList();
        var closed = Week.Where(d => !_hours.ContainsKey(d)).ToList();
        var opens = open.Count == 0 ? (TimeOnly?)null : open.Min(d => _hours[d].Opens);
        var closes = open.Count == 0 ? (TimeOnly?)null : open.Max(d => _hours[d].Closes);
        string Text(string key, Dictionary<string, string>? args = null) => catalog.Text(culture, key, args);
        // A time is written out as this culture writes times: 「17時」 or 「17:00」.
        Fact Time(string name, string setting, TimeOnly? time) => time is not { } t ? new(name, setting, "", []) : new(name, setting,
            Formats.Clock(catalog, culture, t), [.. new[] { Formats.Clock(catalog, culture, t), Formats.Time(catalog, culture, t) }.Distinct().Select(v => Pattern(v, 2)).OfType<Regex>()]);
        string Days(IEnumerable<DayOfWeek> days) =>
            List(days.Select(d => Text(DayKeys[(int)d])).ToList(), Text("days.separator"), Text("days.last_separator"));

        var closedDays = closed.Select(d => Text(DayKeys[(int)d])).ToList();
        var closedDaysLong = closed.Select(d => Text(LongDayKeys[(int)d])).ToList();
        if (_closedOnHolidays)
        {
            closedDays.Add(Text("days.holidays"));
            closedDaysLong.Add(Text("days.holidays"));
        }
        var groups = open.GroupBy(d => _hours[d]).ToList();
        var hours = groups.Count == 1
            ? Formats.TimeRange(catalog, culture, groups[0].Key.Opens, groups[0].Key.Closes)
            : string.Join(Text("common.list_separator"), groups.Select(g => Text("format.days_hours", new()
            {
                ["days"] = Days(g), ["hours"] = Formats.TimeRange(catalog, culture, g.Key.Opens, g.Key.Closes),
            })));

        var facts = new List<Fact>
        {
            Literal("center.name", "Center:Name", _center.Name),
            Digits("center.postal_code", "Center:PostalCode", _center.PostalCode),
            Literal("center.address", "Center:Address", _center.Address),
            Literal("center.building", "Center:Building", _center.Building),
            Digits("center.phone", "Center:Phone", _center.Phone),
            Digits("center.fax", "Center:Fax", _center.Fax),
            Digits("center.emergency_phone", "Center:EmergencyPhone", _center.EmergencyPhone),
            Literal("center.service_area", "Center:ServiceArea", _center.ServiceArea),
            Literal("center.hours", "Calendar:WeeklyHours", hours),
            Time("center.opens", "Calendar:WeeklyHours", opens),
            Time("center.closes", "Calendar:WeeklyHours", closes),
            // "平日" / "weekdays" is too common a word to look for in texts.
            new("center.open_days", "Calendar:WeeklyHours", open.SequenceEqual(Weekdays) ? Text("days.weekdays") : Days(open), []),
            Literal("center.closed_days", "Calendar:WeeklyHours, Calendar:ClosedOnHolidays",
                List(closedDays, Text("days.separator"), Text("days.last_separator"))),
            Literal("center.closed_days_long", "Calendar:WeeklyHours, Calendar:ClosedOnHolidays", string.Join(Text("days.long_separator"), closedDaysLong)),
            Time("center.booking_cutoff", "Booking:CutoffTime", _cutoff),
            new("center.booking_notice", "Booking:MinNoticeBusinessDays", _notice switch
            {
                <= 0 => Text("booking.notice.same_day"),
                1 => Text("booking.notice.previous_day"),
                _ => Text("booking.notice.days_before", new() { ["days"] = _notice.ToString(CultureInfo.InvariantCulture) }),
            }, []),
        };
        foreach (var (name, start, end) in _closures)
        {
            var from = Formats.MonthDay(catalog, culture, start / 100, start % 100);
            var to = Formats.MonthDay(catalog, culture, end / 100, end % 100);
            var value = start == end ? from : Formats.DateRange(catalog, culture, from, to);
            facts.Add(new(name, "Calendar:YearlyClosures", value, [.. new[] { from, to }.Distinct().Select(v => Pattern(v)).OfType<Regex>()]));
        }
        return facts;
    }

    private static string Supplies(string name) =>
        name.StartsWith("center.closure.", StringComparison.Ordinal)
            ? $"Calendar:YearlyClosures has no closure with LabelKey '{name["center.".Length..]}'"
            : "see docs/configuration.md for the facts there are";

    private static string List(IReadOnlyList<string> items, string separator, string lastSeparator) =>
        items.Count <= 1 ? string.Concat(items) : string.Join(separator, items.Take(items.Count - 1)) + lastSeparator + items[^1];

    /// <summary>A text fact, found in a text whatever its spacing (short values are too likely to be ordinary words).</summary>
    private static Fact Literal(string name, string setting, string value) =>
        new(name, setting, value, Pattern(value) is { } p ? [p] : []);

    /// <summary>A number (phone, FAX, postal code), found whatever separators a text puts between its digits.</summary>
    private static Fact Digits(string name, string setting, string value)
    {
        var digits = value.Normalize(NormalizationForm.FormKC).Where(char.IsAsciiDigit).ToArray();
        if (digits.Length < 5) return Literal(name, setting, value);
        var pattern = @"(?<!\d)" + string.Join(@"[\s\-‐‑–—−()（）.]*", digits) + @"(?!\d)";
        return new(name, setting, value, [new Regex(pattern, RegexOptions.CultureInvariant)]);
    }

    /// <summary>
    /// <paramref name="value"/> in a text, whatever its spacing and not as part of a longer number; null when it is
    /// shorter than <paramref name="minLength"/> (too likely an ordinary word).
    /// </summary>
    private static Regex? Pattern(string value, int minLength = 3)
    {
        var text = value.Normalize(NormalizationForm.FormKC).Trim();
        if (text.Length < minLength) return null;
        var pattern = string.Join(@"\s*", text.Where(ch => !char.IsWhiteSpace(ch)).Select(ch => Regex.Escape(ch.ToString()))) + @"(?!\d)";
        if (char.IsAsciiDigit(text[0])) pattern = @"(?<!\d)" + pattern;
        // 「17時」 is not in 「17時30分」.
        return new Regex(pattern, RegexOptions.CultureInvariant);
    }

    /// <summary>month * 100 + day of a <c>MM-dd</c> setting.</summary>
    private static int MonthDay(string text) =>
        DateOnly.TryParseExact(text?.Trim() + "-2000", "MM-dd-yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.Month * 100 + date.Day
            : throw new InvalidOperationException($"Calendar:YearlyClosures: '{text}' is not a month and day in MM-dd form.");
}
