using System.Globalization;
using System.Text.RegularExpressions;

namespace SupportBot.Language.DateTimeRecognition;

/// <summary>
/// The booking reading of an English wish ("next Tuesday afternoon", "Dec 3 at 2pm", "Monday or Tuesday
/// morning", "tomorrow"), for the en-US locale. Small and deterministic, following the same conventions as
/// the Japanese recognizer: Monday–Sunday weeks ("next Tuesday" is the Tuesday of next week), the next
/// occurrence for a date without a year, bare hours 1–7 are afternoon; alternatives share a time said once
/// and a "next"/"this" said first. Month/day order for numeric dates is the US one (12/3 = December 3).
/// </summary>
public static partial class EnglishDateReader
{
    private static readonly string[] Weekdays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

    // Full names, plural ("mondays" is still a wish for a Monday), and the usual short forms.
    private static readonly Dictionary<string, int> WeekdayWords = Weekdays
        .SelectMany((w, i) => new[] { (w, i), (w + "s", i), (w[..3], i) })
        .Concat([("tues", 2), ("weds", 3), ("thur", 4), ("thurs", 4)])
        .ToDictionary(x => x.Item1, x => x.Item2);
    private static readonly string[] Months = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    /// <summary>The readings in <paramref name="text"/> at <paramref name="japanLocalNow"/> (Japan time); empty when none.</summary>
    public static IReadOnlyList<BookingReading> Read(string text, DateTime japanLocalNow)
    {
        var today = DateOnly.FromDateTime(japanLocalNow);
        var clean = Spaces().Replace(Punctuation().Replace(text.ToLowerInvariant(), " "), " ").Trim();
        if (clean.Length == 0) return [];

        var readings = new List<BookingReading>();
        string? week = null; // "next" / "this" said before the first weekday carries to the bare ones after it
        foreach (var part in Alternatives().Split(clean))
        {
            var (date, dateEnd, weekWord) = ReadDate(part, today, week);
            week ??= weekWord;
            var time = ReadTime(part);
            if (date is null && time is null) continue;
            // "Jan 5, at 10am": a time alone right after a date without one belongs to it.
            if (date is null && time is not null && readings.Count > 0 && readings[^1] is { HasDate: true, HasTime: false } dated)
            {
                readings[^1] = dated.WithTime(time);
                continue;
            }
            var reading = date is { } d ? BookingReading.Between(d, dateEnd ?? d) : new BookingReading();
            if (time is { } t) reading = reading.WithTime(t);
            readings.Add(reading);
        }

        // A time said by the last alternative applies to earlier ones without one ("Monday or Tuesday morning").
        if (readings.LastOrDefault(r => r.HasTime) is { } timed)
            for (var i = 0; i < readings.Count; i++)
                if (readings[i] is { HasDate: true, HasTime: false } r)
                    readings[i] = r.WithTime(timed);
        return readings;
    }

    private static (DateOnly? Date, DateOnly? End, string? Week) ReadDate(string part, DateOnly today, string? sharedWeek)
    {
        var words = part.Split(' ');
        if (part.Contains("day after tomorrow", StringComparison.Ordinal)) return (today.AddDays(2), null, null);
        if (words.Contains("tomorrow")) return (today.AddDays(1), null, null);
        if (words.Contains("today")) return (today, null, null);

        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var weekWord = words.Contains("next") ? "next" : words.Contains("this") ? "this" : null;

        var weekday = words.Select(w => WeekdayWords.TryGetValue(w, out var d) ? d : -1).FirstOrDefault(d => d >= 0, -1);
        if (weekday >= 0)
        {
            var offset = ((weekday + 6) % 7); // Monday = 0
            switch (weekWord ?? sharedWeek)
            {
                case "next": return (monday.AddDays(7 + offset), null, weekWord);
                case "this": return (monday.AddDays(offset), null, weekWord);
                default:
                    var ahead = ((weekday - (int)today.DayOfWeek) + 7) % 7;
                    return (today.AddDays(ahead == 0 ? 7 : ahead), null, null);
            }
        }
        if (words.Contains("week"))
        {
            if (weekWord == "next") return (monday.AddDays(7), monday.AddDays(13), null);
            if (weekWord == "this") return (today, monday.AddDays(6), null);
        }

        // "december 3", "dec 3rd", "3 december", "the 3rd of december", optionally a year.
        for (var m = 0; m < 12; m++)
        {
            var name = Months[m];
            var match = Regex.Match(part, $@"\b(?:{name}|{name[..3]}{(name == "september" ? "|sept" : "")})\b\.?\s*(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?");
            if (!match.Success) match = Regex.Match(part, $@"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{name}|{name[..3]})\b(?:\s+(\d{{4}}))?");
            if (!match.Success) continue;
            var day = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            var year = match.Groups[2].Success ? int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) : (int?)null;
            return (Dated(year, m + 1, day, today), null, null);
        }
        if (NumericDate().Match(part) is { Success: true } numeric)
        {
            var month = int.Parse(numeric.Groups[1].Value, CultureInfo.InvariantCulture);
            var day = int.Parse(numeric.Groups[2].Value, CultureInfo.InvariantCulture);
            return (Dated(null, month, day, today), null, null);
        }
        return (null, null, null);
    }

    /// <summary>The date, or the next one with that month and day when no year is said; null when no such date.</summary>
    private static DateOnly? Dated(int? year, int month, int day, DateOnly today)
    {
        if (month is < 1 or > 12) return null;
        foreach (var y in year is { } fixedYear ? [fixedYear] : new[] { today.Year, today.Year + 1 })
        {
            if (day < 1 || day > DateTime.DaysInMonth(y, month)) continue;
            var date = new DateOnly(y, month, day);
            if (year is not null || date >= today) return date;
        }
        return null;
    }

    private static BookingReading? ReadTime(string part)
    {
        if (TwelveHour().Match(part) is { Success: true } twelve)
        {
            var hour = Number(twelve.Groups[1]);
            var minutes = twelve.Groups[2].Success ? Number(twelve.Groups[2]) : 0;
            if (hour is < 1 or > 12 || minutes > 59) return null;
            hour = twelve.Groups[3].Value == "pm" ? hour % 12 + 12 : hour % 12;
            return BookingReading.Clock(hour * 60 + minutes);
        }
        if (TwentyFourHour().Match(part) is { Success: true } clock)
        {
            var (hour, minutes) = (Number(clock.Groups[1]), Number(clock.Groups[2]));
            return hour > 23 || minutes > 59 ? null : BookingReading.Clock(hour * 60 + minutes);
        }
        if (BareHour().Match(part) is { Success: true } bare)
        {
            var hour = Number(bare.Groups[1]);
            if (hour > 23) return null;
            return BookingReading.Clock((hour is >= 1 and <= 7 ? hour + 12 : hour) * 60); // "at 2" is 14:00
        }
        var words = part.Split(' ');
        if (words.Contains("noon") || words.Contains("midday")) return BookingReading.Clock(12 * 60);
        if (words.Contains("morning")) return BookingReading.Hours(0, 12 * 60);
        if (words.Contains("afternoon")) return BookingReading.Hours(12 * 60, 18 * 60);
        if (words.Contains("evening") || words.Contains("night") || words.Contains("tonight")) return BookingReading.Hours(18 * 60, 24 * 60);
        return null;
    }

    private static int Number(Group g) => int.Parse(g.Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"[^a-z0-9:/, ]")]
    private static partial Regex Punctuation();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\s+or\s+|\s+and\s+|\s*,(?!\s*\d{4}\b)\s*")]
    private static partial Regex Alternatives();

    [GeneratedRegex(@"(?<![\d/:-])\b(\d{1,2})(?::(\d{2}))?\s*(am|pm)\b")]
    private static partial Regex TwelveHour();

    [GeneratedRegex(@"(?<![\d/:-])\b(\d{1,2}):(\d{2})\b(?![\d/:-])")]
    private static partial Regex TwentyFourHour();

    [GeneratedRegex(@"\bat\s+(\d{1,2})\b(?![\d/:-])")]
    private static partial Regex BareHour();

    [GeneratedRegex(@"(?<![\d/-])\b(\d{1,2})/(\d{1,2})\b(?![\d/-])")]
    private static partial Regex NumericDate();
}
