using System.Text.RegularExpressions;
using SupportBot.Language.Normalization;
using static SupportBot.Language.DateTimeRecognition.Patterns;
using static SupportBot.Language.DateTimeRecognition.Primitives;
using Values = System.Collections.Generic.List<System.Collections.Generic.Dictionary<string, string>>;

namespace SupportBot.Language.DateTimeRecognition;

/// <summary>
/// Finds dates, times and their ranges in Japanese text. Pure: the reference moment is an argument and
/// nothing is read from a clock. Rules are regexes over the normalized text; overlapping matches are
/// resolved longest-first, so 明日の午後3時 wins over 明日 and 午後3時.
/// </summary>
public static class DateTimeRecognizer
{
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    private sealed record Candidate(int Start, int Length, string Type, Values Values, BookingReading? Reading, int Priority);

    /// <summary>The type of a match that blocks overlapping readings but is not reported (a recurrence).</summary>
    private const string Ignored = "";

    /// <param name="Needs">Words of which the text must hold one for the rule to match at all: a cheap test that
    /// skips the long patterns on most messages (the command runs thousands of lines a second).</param>
    private sealed record Rule(Regex Regex, int Priority, Func<Match, Context, Candidate?> Build, string[]? Needs = null);

    private static readonly string[] JoinWords = ["から", "~", "-", "より"];
    private static readonly string[] OpenWords = ["以", "前", "後", "から", "まで"];
    private static readonly string[] ClockWords = ["時", ":", "正午", "真夜中", "m", "M"];

    private const RegexOptions Opt = RegexOptions.CultureInvariant;
    private const string Sep = "(?:の|,| |　)?";
    private const string OpenMod = "(?<mod>以上あと|以上後|以上前|以降|以後|以前|またはその前|またはその後|の後から|の後|後|から|まで|の前|前)";

    // "今日から3分後": から introduces an offset from the day, not an open range.
    private const string NotOffset = "(?![0-9〇零一二三四五六七八九十百]+(?:分|秒|時間)後)";

    /// <summary>B in "A から B" may follow a hyphen (2/28-3/1), which a lone date may not (phone numbers).</summary>
    private static readonly string DateAfterJoin = Date.Replace("(?<![0-9/.-])", "(?<![0-9/.])", StringComparison.Ordinal);

    /// <summary>A in "A-B" may be followed by the hyphen (2020/2/29-2020/3/1).</summary>
    private static readonly string DateBeforeJoin = Date.Replace("(?![0-9/.-])", "(?![0-9/.])", StringComparison.Ordinal);

    private static readonly Rule[] Rules =
    [
        new(new Regex($"(?<d>{Date}){Sep}(?<t1>{Time}){RangeJoin}(?:(?<d2>{Date}){Sep})?(?<t2>{Time}){RangeClose}", Opt), 1, DateTimeRange, JoinWords),
        new(new Regex($"(?<a>{DateBeforeJoin}|{Span}){RangeJoin}(?<b>{DateAfterJoin}|{Span}){RangeClose}", Opt), 2, DateRange, JoinWords),
        new(new Regex($"(?<t1>{Time}){RangeJoin}(?<t2>{Time}){RangeClose}", Opt), 2, TimeRange, JoinWords),
        new(new Regex($"(?<x>(?<d>{Date}){Sep}(?<t>{Time})){OpenMod}", Opt), 3, OpenDateTime, OpenWords),
        new(new Regex($"(?<d>{Date}){Sep}(?<t>{Time})", Opt), 4, DateTimePoint, ClockWords),
        new(new Regex($"(?<d>{Date}){Sep}(?<p>{Part})(?<ap>{Approx})?(?:(?<=夜|夕方)に)?", Opt), 4, DatePart),
        new(new Regex($"(?<x>{Time}){OpenMod}", Opt), 5, OpenTime, OpenWords),
        new(new Regex($"(?<x>{Date}|{Span}){OpenMod}{NotOffset}", Opt), 5, OpenDate, OpenWords),
        new(new Regex($"(?<d>{Date}){Sep}(?<p>{Part})から{NotOffset}", Opt), 3, OpenDatePart, ["から"]),
        new(new Regex($"(?<x>{Date}){Approx}", Opt), 5, ApproxDate, ["ごろ", "頃", "ぐらい", "くらい"]),
        new(new Regex($"(?<d>{Date}){Sep}(?<w>早い時間|遅い時間|あとで|後で)", Opt), 4, DayHalf),
        new(new Regex($"(?<x>{Date}|{Span})(?<mod>またはその前|またはその後)", Opt), 5, OpenDate, ["またはその"]),
        new(new Regex($"早ければ(?<x>{Date}|{Span})", Opt), 5, AtTheEarliest, ["早ければ"]),
        new(new Regex(Time, Opt), 6, TimePointRule, ClockWords),
        new(new Regex($"(?<![0-9])(?<n>{N})(?<u>分|時間)(?<k>後|で)", Opt), 6, Later),
        new(new Regex($"今から(?<n>{N})(?<u>分|時間)(?<k>後|で|間)?", Opt), 6, Later),
        // 後三十分で: "in thirty minutes" is 三十分で; 後 only leads 後五分間 / 後5分.
        new(new Regex($"後(?<n>{N})(?<u>分|時間)(?!で)(?<k>後|間)?", Opt), 6, Later),
        new(new Regex("次の(?<n>" + N + ")(?<u>時間|分)", Opt), 6, Within),
        new(new Regex($"(?:今から|今後|これから)?(?<![0-9])(?<n>{N})(?<u>時間|分|秒)以内に?", Opt), 6, Within, ["以内"]),
        new(new Regex(Date, Opt), 7, DatePointRule),
        new(new Regex(Span, Opt), 7, SpanRule),
        new(new Regex(Part + "(?:(?<=夜|夕方)に)?", Opt), 8, PartRule),
        new(new Regex("今(?!日|週|月|年|夜|晩|朝|度|後|回|から[0-9〇零一二三四五六七八九十])", Opt), 9, Now),
        // Recurring (毎週火曜, 毎月15日の10時, 隔週): not a date to book; the match only keeps its pieces from being read.
        new(new Regex($"(?:毎|隔)(?:週|月|日|朝|晩|夜|年)(?:の)?(?:{Wd}|{N2}日|第{N2}{Wd})?(?:{Sep}(?:{Time}|{Part}))?", Opt), 1, Recurring),
        new(new Regex("(?:一日|日曜日|今週の日曜日)の終わり|(?:今日|本日|明日)中", Opt), 3, EndOfDay),
    ];

    /// <summary>The Japan local time of an instant (the reference every reading is made against).</summary>
    public static DateTime JapanTime(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Tokyo).DateTime;

    /// <summary>Recognizes with a reference instant; it is converted to Japan time.</summary>
    public static IReadOnlyList<DateTimeMention> Recognize(string text, DateTimeOffset reference) =>
        Recognize(text, TimeZoneInfo.ConvertTime(reference, Tokyo).DateTime);

    /// <summary>Recognizes with a reference that is already Japan local time (no offset).</summary>
    public static IReadOnlyList<DateTimeMention> Recognize(string text, DateTime japanLocalReference) =>
        Recognize(TextNormalizer.Normalize(text, NormalizationOptions.ForDateTime), japanLocalReference);

    /// <summary>Recognizes in already-normalized text (so a caller normalizing once can reuse it).</summary>
    public static IReadOnlyList<DateTimeMention> Recognize(NormalizedText normalized, DateTime japanLocalReference)
    {
        var c = new Context(new DateTime(japanLocalReference.Ticks - japanLocalReference.Ticks % TimeSpan.TicksPerSecond));
        normalized = KanaSpellings.Rewrite(normalized);
        var text = normalized.Text;
        var candidates = new List<Candidate>();
        foreach (var rule in Rules)
        {
            if (rule.Needs is { } needs && !needs.Any(w => text.Contains(w, StringComparison.Ordinal))) continue;
            for (var m = rule.Regex.Match(text); m.Success; m = m.NextMatch())
            {
                if (m.Length == 0) continue;
                Candidate? cand;
                try { cand = rule.Build(m, c); }
                catch (ArgumentOutOfRangeException) { cand = null; } // a date past 9999 and the like: not a date
                if (cand is not null) candidates.Add(cand with { Priority = rule.Priority });
            }
        }

        var chosen = new List<Candidate>();
        foreach (var cand in candidates.OrderByDescending(x => x.Length).ThenBy(x => x.Priority).ThenBy(x => x.Start))
        {
            if (chosen.Any(x => x.Start < cand.Start + cand.Length && cand.Start < x.Start + x.Length)) continue;
            if (IsPartOfNumber(text, cand) || IsPartOfName(text, cand)) continue;
            chosen.Add(cand);
        }
        chosen.RemoveAll(x => x.Type == Ignored);
        chosen.Sort((a, b) => a.Start.CompareTo(b.Start));
        chosen = Alternatives.ShareContext(text, chosen.Select(x => (x.Start, x.Length, x.Reading)).ToList(), c)
            .Zip(chosen, (r, x) => x with { Reading = r }).ToList();

        var result = new List<DateTimeMention>(chosen.Count);
        foreach (var x in chosen)
        {
            var (start, length) = normalized.ToOriginal(x.Start, x.Length);
            // The user's own words, width-folded (a kana spelling is reported as typed, not as rewritten).
            var said = TextNormalizer.Fold(normalized.Original.Substring(start, length), NormalizationOptions.ForDateTime);
            result.Add(new DateTimeMention(said, start, start + length - 1,
                "datetimeV2." + x.Type, new DateTimeResolution(x.Values), x.Reading));
        }
        return result;
    }

    /// <summary>Phone numbers, postal codes and the like: digits glued to more digits or hyphens are not dates.</summary>
    private static bool IsPartOfNumber(string text, Candidate x)
    {
        var before = x.Start > 0 ? text[x.Start - 1] : ' ';
        var after = x.Start + x.Length < text.Length ? text[x.Start + x.Length] : ' ';
        var first = text[x.Start];
        var last = text[x.Start + x.Length - 1];
        if (char.IsAsciiDigit(first) && (char.IsAsciiDigit(before) || (before == '-' && x.Start > 1 && char.IsAsciiDigit(text[x.Start - 2])))) return true;
        if (char.IsAsciiDigit(last) && (char.IsAsciiDigit(after) || (after == '-' && x.Start + x.Length + 1 < text.Length && char.IsAsciiDigit(text[x.Start + x.Length + 1])))) return true;
        return false;
    }

    /// <summary>
    /// A word inside a quoted name (「明日之后」, 「今日头条」: titles written without kana) is part of the name,
    /// not a date. A quote that is only the date (「明日」) or a phrase with kana (「明日は休み」) still counts.
    /// </summary>
    private static bool IsPartOfName(string text, Candidate x)
    {
        var open = x.Start == 0 ? -1 : text.LastIndexOf('「', x.Start - 1);
        if (open < 0) return false;
        var close = text.IndexOf('」', open);
        if (close < x.Start + x.Length) return false; // not closed, or closed before the word
        var inner = text[(open + 1)..close];
        if (inner.Length == x.Length) return false;
        return !inner.Any(ch => ch is >= '\u3040' and <= '\u309F');
    }

    private static Candidate Make(Match m, string type, Values values, BookingReading? reading) =>
        new(m.Index, m.Length, type, values, reading, 0);

    private static Dictionary<string, string> V(params (string K, string V)[] kv)
    {
        var d = new Dictionary<string, string>(kv.Length);
        foreach (var (k, v) in kv) d[k] = v;
        return d;
    }

    private static IEnumerable<DateOnly?> Days(DatePoint dp, Context c)
    {
        var (past, future) = dp.Resolve(c.Reference);
        return past == future ? [future] : [past, future];
    }

    // ---- points ----

    private static Candidate? DatePointRule(Match m, Context c)
    {
        var dp = ParseDate(m.Value, c);
        if (dp is null) return null;
        if (m.Value.EndsWith('で') || m.Value.EndsWith('後') || m.Value.EndsWith('前') || m.Value.EndsWith('先') || m.Value.Contains("から", StringComparison.Ordinal))
        {
            // "2か月で" / "3日後" / "明日から3週間" are points computed from today: one value.
        }
        return Make(m, "date", DateValues(dp, c), dp.Booking(c.Today) is { } b ? BookingReading.OnDate(b) : null);
    }

    private static Values DateValues(DatePoint dp, Context c)
    {
        var values = new Values();
        foreach (var d in Days(dp, c))
            values.Add(V(("timex", dp.Timex), ("type", "date"), ("value", d is { } x ? Format.Day(x) : "not resolved")));
        return values;
    }

    private static Candidate? TimePointRule(Match m, Context c)
    {
        var parsed = ParseTime(m.Value, c);
        if (parsed is null) return null;
        var (t, approx, day) = parsed.Value;
        if (day is not null) return DateTimeOf(m, day, t, approx, c);
        var values = new Values();
        foreach (var h in t.RtHours())
        {
            var v = V(("timex", "T" + t.TimexTail(h)), ("type", approx ? "timerange" : "time"), ("value", t.Value(h)));
            if (approx) v["Mod"] = "approx";
            values.Add(v);
        }
        return Make(m, "time", values, BookingReading.Clock(t.BookingMinutes));
    }

    private static Candidate? DateTimePoint(Match m, Context c)
    {
        var dp = ParseDate(m.Groups["d"].Value, c);
        var parsed = ParseTime(m.Groups["t"].Value, c);
        if (dp is null || parsed is null) return null;
        return DateTimeOf(m, dp, parsed.Value.Time, parsed.Value.Approx, c);
    }

    private static Candidate DateTimeOf(Match m, DatePoint dp, TimePoint t, bool approx, Context c)
    {
        var values = new Values();
        foreach (var h in t.RtHours())
            foreach (var d in Days(dp, c))
            {
                var v = V(("timex", dp.Timex + "T" + t.TimexTail(h)), ("type", approx ? "datetimerange" : "datetime"),
                    ("value", d is { } x ? Format.Moment(x.ToDateTime(TimeOnly.MinValue).Add(t.Of(h))) : "not resolved"));
                if (approx) v["Mod"] = "approx";
                values.Add(v);
            }
        var b = dp.Booking(c.Today);
        return Make(m, "datetime", values, b is { } day ? BookingReading.At(day, t.BookingMinutes) : null);
    }

    private static Candidate? DatePart(Match m, Context c)
    {
        var dp = ParseDate(m.Groups["d"].Value, c);
        var parsed = ParsePart(m.Groups["p"].Value, c);
        if (dp is null || parsed is null) return null;
        return DatePartOf(m, dp, parsed.Value.Part, m.Groups["ap"].Success, c);
    }

    private static Candidate DatePartOf(Match m, DatePoint dp, DayPart p, bool approx, Context c)
    {
        var values = new Values();
        foreach (var d in Days(dp, c))
        {
            var v = V(("timex", dp.Timex + "T" + p.Code), ("type", "datetimerange"));
            if (approx || p.Approx) v["Mod"] = "approx";
            if (d is { } x)
            {
                v["start"] = Format.Day(x) + " " + p.RtStartText;
                v["end"] = Format.Day(x) + " " + p.RtEndText;
            }
            else v["value"] = "not resolved";
            values.Add(v);
        }
        var b = dp.Booking(c.Today);
        return Make(m, "datetimerange", values, b is { } day ? BookingReading.OnDate(day).WithTime(BookingReading.Hours(p.BookStart, p.BookEnd)) : null);
    }

    /// <summary>"早ければ来年の第1四半期": at the earliest then, so from its start on.</summary>
    private static Candidate? AtTheEarliest(Match m, Context c)
    {
        var x = m.Groups["x"].Value;
        if (ParseDate(x, c) is { } dp)
        {
            var values = new Values();
            foreach (var d in Days(dp, c))
                if (d is { } day)
                    values.Add(V(("timex", dp.Timex), ("Mod", "since"), ("type", "daterange"), ("sourceEntity", "datetimepoint"), ("start", Format.Day(day))));
            var b = dp.Booking(c.Today);
            return values.Count == 0 ? null : Make(m, "daterange", values, b is { } bd ? BookingReading.OnDate(bd) : null);
        }
        if (Spans.Parse(x, c) is { NotResolved: false } s)
        {
            var values = s.Values.Select(v => V(("timex", v.Timex), ("Mod", "since"), ("type", "daterange"), ("sourceEntity", "datetimerange"), ("start", Format.Day(v.Start)))).ToList();
            return Make(m, "daterange", values, s.Reading);
        }
        return null;
    }

    private static Candidate? Recurring(Match m, Context c) => Make(m, Ignored, [], null);

    /// <summary>"今日の午後から": from the start of that part of the day on.</summary>
    private static Candidate? OpenDatePart(Match m, Context c)
    {
        var dp = ParseDate(m.Groups["d"].Value, c);
        var parsed = ParsePart(m.Groups["p"].Value, c);
        if (dp is null || parsed is null) return null;
        var p = parsed.Value.Part;
        var values = new Values();
        foreach (var d in Days(dp, c))
        {
            var v = V(("timex", dp.Timex + "T" + p.Code), ("Mod", "since"), ("type", "datetimerange"));
            if (d is { } x) v["start"] = Format.Day(x) + " " + p.RtStartText;
            else v["value"] = "not resolved";
            values.Add(v);
        }
        var b = dp.Booking(c.Today);
        return Make(m, "datetimerange", values, b is { } day ? BookingReading.OnDate(day).WithTime(BookingReading.Hours(p.BookStart, 24 * 60)) : null);
    }

    /// <summary>"21日ごろ": a day, hedged.</summary>
    private static Candidate? ApproxDate(Match m, Context c)
    {
        var dp = ParseDate(m.Groups["x"].Value, c);
        if (dp is null) return null;
        var values = new Values();
        foreach (var d in Days(dp, c))
            values.Add(V(("timex", dp.Timex), ("Mod", "approx"), ("type", "daterange"), ("value", d is { } x ? Format.Day(x) : "not resolved")));
        return Make(m, "date", values, dp.Booking(c.Today) is { } b ? BookingReading.OnDate(b) : null);
    }

    /// <summary>"水曜日の早い時間" (the first half of the day), "今日あとで" (the second half): the coming such day.</summary>
    private static Candidate? DayHalf(Match m, Context c)
    {
        var dp = ParseDate(m.Groups["d"].Value, c);
        if (dp is null || Days(dp, c).Last() is not { } day) return null;
        var early = m.Groups["w"].Value == "早い時間";
        var (from, to) = early ? (0, 12) : (12, 24);
        var start = day.ToDateTime(TimeOnly.MinValue).AddHours(from);
        var end = day.ToDateTime(TimeOnly.MinValue).AddHours(to);
        var v = V(("timex", dp.Timex), ("Mod", early ? "start" : "end"), ("type", "datetimerange"),
            ("start", Format.Moment(start)), ("end", Format.Moment(end)));
        var b = dp.Booking(c.Today);
        return Make(m, "datetimerange", [v], b is { } bd ? BookingReading.OnDate(bd).WithTime(BookingReading.Hours(from * 60, to * 60)) : null);
    }

    private static Candidate? PartRule(Match m, Context c)
    {
        var word = m.Value.TrimEnd('に');
        var parsed = ParsePart(word, c);
        if (parsed is null) return null;
        var (p, day) = parsed.Value;
        if (day is not null) return DatePartOf(m, day, p, false, c);
        if (word == "昼") return null; // 昼 alone is too often "lunch"
        var v = V(("timex", "T" + p.Code), ("type", "timerange"), ("start", p.RtStartText), ("end", p.RtEndText));
        return Make(m, "timerange", [v], BookingReading.Hours(p.BookStart, p.BookEnd));
    }

    private static Candidate? SpanRule(Match m, Context c)
    {
        var s = Spans.Parse(m.Value, c);
        if (s is null) return null;
        return Make(m, "daterange", SpanValues(s, null), s.Reading);
    }

    private static Values SpanValues(SpanSem s, string? mod)
    {
        var values = new Values();
        foreach (var x in s.Values)
        {
            var v = V(("timex", x.Timex), ("type", "daterange"));
            if (x.List is not null) v["list"] = x.List;
            if (s.NotResolved) v["value"] = "not resolved";
            else
            {
                v["start"] = Format.Day(x.Start);
                v["end"] = Format.Day(x.End);
            }
            if ((mod ?? s.Mod) is { } md) v["Mod"] = md;
            values.Add(v);
        }
        return values;
    }

    private static Candidate? Now(Match m, Context c)
    {
        var v = V(("timex", "PRESENT_REF"), ("type", "datetime"), ("value", Format.Moment(c.Reference)));
        return Make(m, "datetime", [v], BookingReading.At(c.Today, c.Reference.Hour * 60 + c.Reference.Minute));
    }

    private static Candidate? EndOfDay(Match m, Context c)
    {
        var dayText = m.Value.EndsWith('中') ? m.Value[..^1] : m.Value[..^"の終わり".Length];
        var dp = dayText == "一日" ? DatePoint.Of(c.Today) : ParseDate(dayText, c);
        if (dp is null) return null;
        var values = new Values();
        foreach (var d in Days(dp, c))
            values.Add(V(("timex", dp.Timex + "T23:59:59"), ("type", "datetime"), ("value", d is { } x ? Format.Day(x) + " 23:59:59" : "not resolved")));
        var b = dp.Booking(c.Today);
        return Make(m, "datetime", values, b is { } day ? BookingReading.OnDate(day) : null);
    }

    /// <summary>"5分で", "2時間後", "今から3分後": the reference plus a duration.</summary>
    private static Candidate? Later(Match m, Context c)
    {
        var n = Num(m.Groups["n"].Value);
        if (n < 0) return null;
        if (m.Groups["k"].Value == "間")
            return Within(m, c);
        var at = m.Groups["u"].Value == "分" ? c.Reference.AddMinutes(n) : c.Reference.AddHours(n);
        var v = V(("timex", at.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)), ("type", "datetime"), ("value", Format.Moment(at)));
        return Make(m, "datetime", [v], BookingReading.At(DateOnly.FromDateTime(at), at.Hour * 60 + at.Minute));
    }

    /// <summary>"次の1時間", "後五分間": from now for a duration.</summary>
    private static Candidate? Within(Match m, Context c)
    {
        var n = Num(m.Groups["n"].Value);
        if (n < 0) return null;
        var span = m.Groups["u"].Value switch { "分" => TimeSpan.FromMinutes(n), "秒" => TimeSpan.FromSeconds(n), _ => TimeSpan.FromHours(n) };
        var end = c.Reference + span;
        var f = "yyyy-MM-dd'T'HH:mm:ss";
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var v = V(("timex", $"({c.Reference.ToString(f, inv)},{end.ToString(f, inv)},{Format.Duration(span)})"), ("type", "datetimerange"),
            ("start", Format.Moment(c.Reference)), ("end", Format.Moment(end)));
        return Make(m, "datetimerange", [v], null);
    }

    // ---- ranges ----

    private static Candidate? TimeRange(Match m, Context c)
    {
        var a = ParseTime(m.Groups["t1"].Value, c);
        var b = ParseTime(m.Groups["t2"].Value, c);
        if (a is null || b is null) return null;
        var (t1, t2) = (a.Value.Time, b.Value.Time);
        var day = a.Value.Day ?? b.Value.Day;
        if (day is not null) return DateTimeRangeOf(m, day, null, t1, t2, c);
        var values = new Values();
        foreach (var (h1, h2) in HourPairs(t1, t2))
        {
            var s = t1.Of(h1);
            var e = t2.Of(h2);
            var dur = e - s;
            if (dur < TimeSpan.Zero) dur += TimeSpan.FromDays(1);
            values.Add(V(("timex", $"(T{t1.TimexTail(h1)},T{t2.TimexTail(h2)},{Format.Duration(dur)})"), ("type", "timerange"),
                ("start", Format.Time(s)), ("end", Format.Time(e))));
        }
        return Make(m, "timerange", values, BookingReading.Hours(t1.BookingMinutes, BookingEnd(t1, t2)));
    }

    /// <summary>Our end of a time range: a bare end hour takes the start's half of the day when that keeps it after the start.</summary>
    private static int BookingEnd(TimePoint t1, TimePoint t2)
    {
        var s = t1.BookingMinutes;
        var e = t2.BookingMinutes;
        if (e <= s && t2.Meridiem == Meridiem.None && t2.Hour < 12 && t2.Hour * 60 + t2.Minute + 720 > s) e = (t2.Hour + 12) * 60 + t2.Minute;
        if (e == 0) e = 24 * 60;
        return e;
    }

    /// <summary>Upstream's readings of an hour range when one or both ends are ambiguous (AM or PM).</summary>
    private static List<(int, int)> HourPairs(TimePoint t1, TimePoint t2)
    {
        var h1s = t1.RtHours();
        var h2s = t2.RtHours();
        if (!t1.Ambiguous && !t2.Ambiguous) return [(h1s[0], h2s[0])];
        if (!t1.Ambiguous)
        {
            var s = h1s[0] * 60 + t1.Minute;
            foreach (var h in h2s) if (h * 60 + t2.Minute > s) return [(h1s[0], h)];
            return [(h1s[0], h2s[0])];
        }
        if (!t2.Ambiguous)
        {
            var e = h2s[0] * 60 + t2.Minute;
            var best = h1s.Where(h => h * 60 + t1.Minute < e).DefaultIfEmpty(h1s[0]).Max();
            return [(best, h2s[0])];
        }
        var a = t1.Hour % 12;
        var b = t2.Hour % 12;
        if (a * 60 + t1.Minute < b * 60 + t2.Minute) return [(a, b), (a + 12, b + 12)];
        var pairs = new List<(int, int)> { (a, b + 12) };
        if (t1.HasMinute || t2.HasMinute) pairs.Add((a + 12, b));
        return pairs;
    }

    private static Candidate? DateTimeRange(Match m, Context c)
    {
        var dp = ParseDate(m.Groups["d"].Value, c);
        var a = ParseTime(m.Groups["t1"].Value, c);
        var b = ParseTime(m.Groups["t2"].Value, c);
        if (dp is null || a is null || b is null) return null;
        DatePoint? dp2 = null;
        if (m.Groups["d2"].Success && (dp2 = ParseDate(m.Groups["d2"].Value, c)) is null) return null;
        return DateTimeRangeOf(m, dp, dp2, a.Value.Time, b.Value.Time, c);
    }

    private static Candidate DateTimeRangeOf(Match m, DatePoint dp, DatePoint? dp2, TimePoint t1, TimePoint t2, Context c)
    {
        var values = new Values();
        var pairs = dp2 is null ? HourPairs(t1, t2) : [(t1.RtHours()[0], t2.Hour24)];
        foreach (var (h1, h2) in pairs)
        {
            foreach (var d in dp2 is null ? Days(dp, c) : [dp.Resolve(c.Reference).Future])
            {
                var d2 = dp2 is null ? d : dp2.Resolve(c.Reference).Future;
                var timex1 = dp.Timex + "T" + t1.TimexTail(h1);
                var timex2 = (dp2 ?? dp).Timex + "T" + t2.TimexTail(h2);
                if (d is not { } x || d2 is not { } y)
                {
                    values.Add(V(("timex", $"({timex1},{timex2})"), ("type", "datetimerange"), ("value", "not resolved")));
                    continue;
                }
                var s = x.ToDateTime(TimeOnly.MinValue).Add(t1.Of(h1));
                var e = y.ToDateTime(TimeOnly.MinValue).Add(t2.Of(h2));
                values.Add(V(("timex", $"({timex1},{timex2},{Format.Duration(e - s)})"), ("type", "datetimerange"),
                    ("start", Format.Moment(s)), ("end", Format.Moment(e))));
            }
        }
        var day = dp.Booking(c.Today);
        BookingReading? reading = null;
        if (day is { } bd)
        {
            if (dp2 is not null && dp2.Booking(c.Today) is { } bd2 && bd2 != bd)
                reading = BookingReading.At(bd, t1.BookingMinutes);
            else
                reading = BookingReading.OnDate(bd).WithTime(BookingReading.Hours(t1.BookingMinutes, BookingEnd(t1, t2)));
        }
        return Make(m, "datetimerange", values, reading);
    }

    private static readonly Regex OffsetEnd = new($"^{N}{OffsetUnit}(?:後|前|先)$", Opt);

    private static Candidate? DateRange(Match m, Context c)
    {
        var aText = m.Groups["a"].Value;
        var bText = m.Groups["b"].Value;
        // "今日から2日後" is one day counted from today, not a range.
        if (OffsetEnd.IsMatch(bText)) return null;
        return DateRanges.Build(aText, bText, c) is { } r ? Make(m, "daterange", r.Values, r.Reading) : null;
    }

    // ---- open ranges ----

    private static Candidate? OpenTime(Match m, Context c)
    {
        var parsed = ParseTime(m.Groups["x"].Value, c);
        if (parsed is null) return null;
        var (t, _, day) = parsed.Value;
        var mod = ModOf(m.Groups["mod"].Value);
        if (mod is null) return null;
        if (day is not null) return OpenDateTimeOf(m, day, t, mod, c);
        var values = new Values();
        foreach (var h in t.RtHours())
        {
            var v = V(("timex", "T" + t.TimexTail(h)), ("Mod", mod), ("type", "timerange"), ("sourceEntity", "datetimepoint"));
            v[mod is "before" or "until" ? "end" : "start"] = t.Value(h);
            values.Add(v);
        }
        if (mod == "since")
            return Make(m, "timerange", values, BookingReading.Clock(t.BookingMinutes)) with { Type = "time", Values = TimeValuesPlain(t) };
        var reading = mod is "before" or "until"
            ? BookingReading.Hours(0, t.BookingMinutes)
            : BookingReading.Hours(t.BookingMinutes, 24 * 60);
        return Make(m, "timerange", values, reading);
    }

    private static Values TimeValuesPlain(TimePoint t)
    {
        var values = new Values();
        foreach (var h in t.RtHours())
            values.Add(V(("timex", "T" + t.TimexTail(h)), ("type", "time"), ("value", t.Value(h))));
        return values;
    }

    private static string? ModOf(string word) => word switch
    {
        "以降" or "以後" or "の後" or "後" or "の後から" or "以上あと" or "以上後" => "after",
        "から" or "またはその後" => "since",
        "まで" or "前" or "の前" or "以前" or "以上前" => "before",
        "またはその前" => "until",
        _ => null,
    };

    private static Candidate? OpenDateTime(Match m, Context c)
    {
        var dp = ParseDate(m.Groups["d"].Value, c);
        var parsed = ParseTime(m.Groups["t"].Value, c);
        var mod = ModOf(m.Groups["mod"].Value);
        if (dp is null || parsed is null || mod is null) return null;
        return OpenDateTimeOf(m, dp, parsed.Value.Time, mod, c);
    }

    private static Candidate OpenDateTimeOf(Match m, DatePoint dp, TimePoint t, string mod, Context c)
    {
        var values = new Values();
        foreach (var h in t.RtHours())
            foreach (var d in Days(dp, c))
            {
                var v = V(("timex", dp.Timex + "T" + t.TimexTail(h)), ("Mod", mod), ("type", "datetimerange"), ("sourceEntity", "datetimepoint"));
                if (d is { } x) v[mod is "before" or "until" ? "end" : "start"] = Format.Moment(x.ToDateTime(TimeOnly.MinValue).Add(t.Of(h)));
                values.Add(v);
            }
        var b = dp.Booking(c.Today);
        BookingReading? reading = b is not { } day ? null
            : mod is "before" or "until" ? BookingReading.OnDate(day).WithTime(BookingReading.Hours(0, t.BookingMinutes))
            : mod == "since" ? BookingReading.At(day, t.BookingMinutes)
            : BookingReading.OnDate(day).WithTime(BookingReading.Hours(t.BookingMinutes, 24 * 60));
        return Make(m, "datetimerange", values, reading);
    }

    private static Candidate? OpenDate(Match m, Context c)
    {
        var x = m.Groups["x"].Value;
        var mod = ModOf(m.Groups["mod"].Value);
        if (mod is null) return null;
        // "今日から2日" + "後" is one day counted from today (今日から2日後), not "after" it.
        if (m.Groups["mod"].Value is "後" or "前" && x.Contains("から", StringComparison.Ordinal)) return null;
        var before = mod is "before" or "until";
        if (ParseDate(x, c) is { } dp)
        {
            var values = new Values();
            foreach (var d in Days(dp, c))
            {
                var v = V(("timex", dp.Timex), ("Mod", mod), ("type", "daterange"));
                // "今日から2週間以上あと" is an offset, not a point said: upstream gives it no source entity.
                if (!m.Groups["mod"].Value.StartsWith("以上", StringComparison.Ordinal)) v["sourceEntity"] = "datetimepoint";
                if (d is { } day) v[before ? "end" : "start"] = Format.Day(day);
                values.Add(v);
            }
            var b = dp.Booking(c.Today);
            return Make(m, "daterange", values, before || b is null ? null : BookingReading.OnDate(b.Value));
        }
        if (Spans.Parse(x, c) is { } s && !s.NotResolved)
        {
            var values = new Values();
            var fullMod = s.Mod is { } inner && inner != "ref_undef" ? $"{mod}-{inner}" : mod;
            foreach (var sv in s.Values)
            {
                var v = V(("timex", sv.Timex), ("Mod", fullMod), ("type", "daterange"), ("sourceEntity", "datetimerange"));
                if (before) v["end"] = Format.Day(sv.Start);
                else v["start"] = Format.Day(mod == "after" ? sv.End : sv.Start);
                values.Add(v);
            }
            return Make(m, "daterange", values, before ? null : s.Reading);
        }
        return null;
    }
}
