using System.Text.RegularExpressions;
using static SupportBot.Language.DateTimeRecognition.Patterns;
using static SupportBot.Language.DateTimeRecognition.Primitives;

namespace SupportBot.Language.DateTimeRecognition;

/// <summary>One reading of a stretch of days: [Start, End) as upstream writes it (end exclusive).</summary>
/// <param name="List">The days themselves when they are not contiguous (business days), comma-separated.</param>
internal sealed record SpanValue(string Timex, DateOnly Start, DateOnly End, string? List = null);

/// <summary>A stretch of days: upstream readings (one, or past then future), a Mod, and our reading.</summary>
internal sealed record SpanSem(IReadOnlyList<SpanValue> Values, string? Mod, BookingReading? Reading, bool NotResolved = false)
{
    /// <summary>Upstream's granularity of the stretch, which decides how a range between two of them is measured.</summary>
    public char Unit { get; init; } = 'D';
    public int? Month { get; init; }
    public bool YearFixed { get; init; } = true;
}

internal static class Spans
{
    private const RegexOptions Opt = RegexOptions.CultureInvariant;
    private static readonly Regex YearMonthRx = new("^(?:(?<y>" + Year + ")[ 　の]?)?(?<m>" + N2 + ")月(?:の?(?<part>上旬|中旬|下旬|初め|初旬|頭|末|終わり|半ば|前半|後半|第(?<wn>" + N2 + ")週|最後の週))?$", Opt);
    private static readonly Regex PartRx = new("^(?<who>" + MonthRel + "|今年|来年|去年|月|年)?の?(?<part>上旬|中旬|下旬|初め|初旬|頭|末|終わり(?:ごろ)?|半ば|前半|後半|中)$", Opt);
    private static readonly Regex WeekPartRx = new("^(?<w>今週|来週|先週|再来週)の?(?<part>終わり(?:ごろ)?|後半|前半|中|末|初め|はじめ|半ば|週末)$", Opt);
    private static readonly Regex NextRx = new("^(?<lead>向こう|今後|これから|次の)(?<n>" + N + ")(?<u>日間|日|週間|か月|ヶ月|年間)$", Opt);
    private static readonly Regex WithinRx = new("^(?:(?<base>今日|明日)から)?(?<n>" + N + ")(?<u>日|週間|か月|ヶ月|年)以内に?$", Opt);
    private static readonly Regex BizRx = new("^(?<lead>今後)?(?<n>" + N + ")営業日(?<within>以内に?)?$", Opt);
    private static readonly Regex WeekOfRx = new("^(?<d>.+)の週$", Opt);
    private static readonly Regex QuarterRx = new("^(?:(?<y>" + Patterns.Year + ")の?)?第(?<n>" + N2 + ")(?:四半期|クォーター)$", Opt);
    private static readonly Regex HalfRx = new("^(?<y>" + Patterns.Year + ")の?(?<h>上|下)半期$", Opt);
    private static readonly Regex WeekNumRx = new("^第(?<n>" + N + ")週$", Opt);

    public static SpanSem? Parse(string s, Context c)
    {
        var today = c.Today;
        Match m;
        if ((m = YearMonthRx.Match(s)).Success)
            return YearMonth(m, c);
        if (ParseYear(s, c) is { } year && !s.StartsWith("同", StringComparison.Ordinal))
            return YearSpan(year, c, null);
        if ((m = PartRx.Match(s)).Success)
            return PartOf(m.Groups["who"].Value, m.Groups["part"].Value.Replace("ごろ", "", StringComparison.Ordinal), c);
        if ((m = WeekPartRx.Match(s)).Success)
        {
            var mon = Calendar.Monday(today).AddDays(7 * (WeekOffset(m.Groups["w"].Value) ?? 0));
            var timex = WeekTimex(mon);
            return m.Groups["part"].Value switch
            {
                "後半" => Fixed($"({Format.Day(mon.AddDays(3))},{Format.Day(mon.AddDays(7))},P4D)", mon.AddDays(3), mon.AddDays(7), null, c),
                "前半" => Fixed($"({Format.Day(mon)},{Format.Day(mon.AddDays(3))},P3D)", mon, mon.AddDays(3), null, c),
                "中" => Fixed(timex, mon, mon.AddDays(7), null, c),
                "末" or "週末" => Fixed(timex + "-WE", mon.AddDays(5), mon.AddDays(7), null, c),
                "初め" or "はじめ" => Fixed(timex, mon, mon.AddDays(3), "start", c),
                "半ば" => Fixed(timex, mon.AddDays(1), mon.AddDays(5), "mid", c),
                _ => Fixed(timex, mon.AddDays(3), mon.AddDays(7), "end", c),
            };
        }
        switch (s)
        {
            case "年内":
                return PartOf("年", "内", c);
            case "今月" or "来月" or "再来月" or "先月" or "翌月" or "月間" or "ひと月" or "その月":
            {
                var first = new DateOnly(today.Year, today.Month, 1).AddMonths(MonthOffset(s));
                return Fixed($"{first.Year:0000}-{first.Month:00}", first, first.AddMonths(1), null, c) with { Unit = 'M', Month = first.Month };
            }
            case "今週" or "来週" or "再来週" or "先週" or "翌週" or "次の週" or "その週" or "週間":
            {
                var mon = Calendar.Monday(today).AddDays(7 * (WeekOffset(s) ?? 0));
                return Fixed(WeekTimex(mon), mon, mon.AddDays(7), null, c);
            }
            case "今週末" or "来週末" or "週末":
            {
                var mon = Calendar.Monday(today).AddDays(s == "来週末" ? 7 : 0);
                return Fixed(WeekTimex(mon) + "-WE", mon.AddDays(5), mon.AddDays(7), null, c);
            }
            case "その週末":
            {
                var mon = Calendar.Monday(today);
                return new SpanSem([new SpanValue("XXXX-WXX-WE", mon.AddDays(5), mon.AddDays(7))], "ref_undef", Reading(mon.AddDays(5), mon.AddDays(7), c));
            }
            case "同じ週":
            {
                var mon = Calendar.Monday(today);
                return new SpanSem([new SpanValue("XXXX-WXX", mon, mon.AddDays(7))], "ref_undef", Reading(mon, mon.AddDays(7), c));
            }
            case "同じ月":
            {
                var first = new DateOnly(today.Year, today.Month, 1);
                return new SpanSem([new SpanValue("XXXX-XX", first, first.AddMonths(1))], "ref_undef", Reading(first, first.AddMonths(1), c));
            }
            case "同じ年":
            {
                var first = new DateOnly(today.Year, 1, 1);
                return new SpanSem([new SpanValue("XXXX", first, first.AddYears(1))], "ref_undef", Reading(first, first.AddYears(1), c));
            }
            case "その年" or "年間":
                return YearSpan(today.Year, c, null);
            case "週明け":
            {
                var mon = Calendar.Monday(today).AddDays(7);
                return Fixed(Format.Day(mon), mon, mon.AddDays(1), null, c);
            }
            case "土日":
            {
                var sat = today.AddDays((6 - Calendar.Iso(today) + 7) % 7);
                if (Calendar.Iso(today) == 7) sat = today.AddDays(-1);
                var from = sat < today ? today : sat;
                return new SpanSem([new SpanValue(WeekTimex(Calendar.Monday(sat)) + "-WE", sat, sat.AddDays(2))], null, BookingReading.Between(from, sat.AddDays(1)));
            }
            case "平日":
            {
                var mon = Calendar.Iso(today) >= 6 ? Calendar.Monday(today).AddDays(7) : Calendar.Monday(today);
                return Fixed(WeekTimex(mon) + "-WD", mon, mon.AddDays(5), null, c);
            }
            case "今夏" or "今年の夏":
                return new SpanSem([new SpanValue($"{today.Year}-SU", today, today)], null, null, NotResolved: true);
            case "今冬" or "今年の冬":
                return new SpanSem([new SpanValue($"{today.Year}-WI", today, today)], null, null, NotResolved: true);
            case "後一年":
                return Fixed($"({Format.Day(today.AddDays(1))},{Format.Day(today.AddDays(1).AddYears(1))},P1Y)", today.AddDays(1), today.AddDays(1).AddYears(1), null, c);
            case "これから数週間" or "今後数週間" or "向こう数週間":
                return Fixed($"({Format.Day(today.AddDays(1))},{Format.Day(today.AddDays(22))},P3W)", today.AddDays(1), today.AddDays(22), null, c);
        }
        if (s.EndsWith("世紀", StringComparison.Ordinal) && int.TryParse(s[..^2], out var century))
        {
            var from = new DateOnly((century - 1) * 100, 1, 1);
            return Fixed($"({Format.Day(from)},{Format.Day(from.AddYears(100))},P100Y)", from, from.AddYears(100), null, c);
        }
        if ((m = NextRx.Match(s)).Success)
        {
            var n = Num(m.Groups["n"].Value);
            var u = m.Groups["u"].Value;
            var from = today.AddDays(1);
            var to = AddUnit(from, u.TrimEnd('間'), n);
            var code = u.StartsWith('日') ? "D" : u.StartsWith('週') ? "W" : u.StartsWith('年') ? "Y" : "M";
            return Fixed($"({Format.Day(from)},{Format.Day(to)},P{n}{code})", from, to, null, c);
        }
        if ((m = WithinRx.Match(s)).Success)
        {
            var n = Num(m.Groups["n"].Value);
            var u = m.Groups["u"].Value;
            var from = m.Groups["base"].Value == "明日" ? today.AddDays(1) : today;
            var to = AddUnit(from, u, n);
            var code = u == "日" ? "D" : u == "週間" ? "W" : u == "年" ? "Y" : "M";
            return Fixed($"({Format.Day(from)},{Format.Day(to)},P{n}{code})", from, to, null, c);
        }
        if ((m = BizRx.Match(s)).Success)
            return Business(Num(m.Groups["n"].Value), m.Groups["within"].Success, c);
        if ((m = QuarterRx.Match(s)).Success)
            return Quarter(m, c);
        if ((m = HalfRx.Match(s)).Success && ParseYear(m.Groups["y"].Value, c) is { } hy)
        {
            var from = new DateOnly(hy, m.Groups["h"].Value == "上" ? 1 : 7, 1);
            return Fixed($"({Format.Day(from)},{Format.Day(from.AddMonths(6))},P6M)", from, from.AddMonths(6), null, c) with { Unit = 'M' };
        }
        if ((m = WeekNumRx.Match(s)).Success)
        {
            var n = Num(m.Groups["n"].Value);
            var y = Calendar.IsoYear(today);
            if (n is < 1 or > 53) return null;
            var mon = DateOnly.FromDateTime(System.Globalization.ISOWeek.ToDateTime(y, n, DayOfWeek.Monday));
            return Fixed($"{y:0000}-W{n:00}", mon, mon.AddDays(7), null, c);
        }
        if ((m = WeekOfRx.Match(s)).Success && ParseDate(m.Groups["d"].Value, c) is { } dp)
        {
            var (past, future) = dp.Resolve(c.Reference);
            var list = new List<SpanValue>();
            foreach (var d in new[] { past, future }.Distinct())
                if (d is { } x) list.Add(new SpanValue(dp.Timex, Calendar.Monday(x), Calendar.Monday(x).AddDays(7)));
            var book = dp.Booking(today);
            return new SpanSem(list, null, book is { } b ? Reading(Calendar.Monday(b), Calendar.Monday(b).AddDays(7), c) : null);
        }
        return null;
    }

    /// <summary>第3四半期: with a year, that quarter; without, last and next occurrences (one when it is the current
    /// quarter), upstream writing both with the first one's timex. Ours: the next occurrence, from today.</summary>
    private static SpanSem? Quarter(Match m, Context c)
    {
        var q = Num(m.Groups["n"].Value);
        if (q is < 1 or > 4) return null;
        string Timex(DateOnly f) => $"({Format.Day(f)},{Format.Day(f.AddMonths(3))},P3M)";
        if (m.Groups["y"].Success && ParseYear(m.Groups["y"].Value, c) is { } y)
        {
            var f = new DateOnly(y, 3 * q - 2, 1);
            return Fixed(Timex(f), f, f.AddMonths(3), null, c) with { Unit = 'M' };
        }
        var thisYear = new DateOnly(c.Today.Year, 3 * q - 2, 1);
        var years = thisYear.AddMonths(3) <= c.Today ? new[] { thisYear, thisYear.AddYears(1) }
            : thisYear > c.Today ? [thisYear.AddYears(-1), thisYear] : [thisYear];
        var values = years.Select(f => new SpanValue(Timex(years[0]), f, f.AddMonths(3))).ToList();
        var next = years[^1];
        return new SpanSem(values, null, Reading(next, next.AddMonths(3), c)) { Unit = 'M', YearFixed = false };
    }

    private static SpanSem Business(int n, bool within, Context c)
    {
        var days = new List<DateOnly>();
        var d = c.Today;
        while (days.Count < n)
        {
            d = d.AddDays(1);
            if (Calendar.Iso(d) <= 5) days.Add(d);
        }
        var start = c.Today.AddDays(1);
        var end = within ? days[^1] : days[^1].AddDays(1);
        var list = string.Join(',', days.Select(Format.Day));
        return new SpanSem([new SpanValue($"({Format.Day(start)},{Format.Day(end)},P{n}BD)", start, end, list)], null, BookingReading.Between(days[0], days[^1]))
        { Unit = 'B' };
    }

    public static string WeekTimex(DateOnly monday) => $"{Calendar.IsoYear(monday):0000}-W{Calendar.IsoWeek(monday):00}";

    private static SpanSem YearSpan(int y, Context c, string? mod)
    {
        var from = new DateOnly(y, 1, 1);
        return Fixed($"{y:0000}", from, from.AddYears(1), mod, c) with { Unit = 'Y' };
    }

    /// <summary>A fixed stretch; our reading is the same days clipped so they never start before today.</summary>
    public static SpanSem Fixed(string timex, DateOnly from, DateOnly toExclusive, string? mod, Context c) =>
        new([new SpanValue(timex, from, toExclusive)], mod, Reading(from, toExclusive, c));

    public static BookingReading? Reading(DateOnly from, DateOnly toExclusive, Context c)
    {
        var last = toExclusive.AddDays(-1);
        if (last < c.Today) return null; // entirely past: nothing to book
        return BookingReading.Between(from < c.Today ? c.Today : from, last);
    }

    private static SpanSem? YearMonth(Match m, Context c)
    {
        var mo = Num(m.Groups["m"].Value);
        if (mo is < 1 or > 12) return null;
        int? year = m.Groups["y"].Success ? ParseYear(m.Groups["y"].Value, c) : null;
        var part = m.Groups["part"].Value;
        var years = new List<int>();
        if (year is { } y) years.Add(y);
        else
        {
            // Upstream: a month not yet reached reads as last year's then this year's; one already passed as
            // this year's then next year's.
            var refM = c.Today.Month;
            if (mo < refM) years.AddRange([c.Today.Year, c.Today.Year + 1]);
            else years.AddRange([c.Today.Year - 1, c.Today.Year]);
        }
        // Ours: the next occurrence (this month counts).
        var bookYear = year ?? (mo >= c.Today.Month ? c.Today.Year : c.Today.Year + 1);
        var timexBase = year is { } yy ? $"{yy:0000}-{mo:00}" : $"XXXX-{mo:00}";
        var values = new List<SpanValue>();
        string? mod = null;
        BookingReading? reading;
        foreach (var yr in years)
        {
            var first = new DateOnly(yr, mo, 1);
            var (s, e, tx, md) = MonthPart(first, part, m.Groups["wn"].Success ? Num(m.Groups["wn"].Value) : 0, timexBase);
            mod = md;
            values.Add(new SpanValue(tx, s, e));
        }
        {
            var first = new DateOnly(bookYear, mo, 1);
            var (s, e) = BookingMonthPart(first, part, m.Groups["wn"].Success ? Num(m.Groups["wn"].Value) : 0);
            reading = Reading(s, e, c);
        }
        return new SpanSem(values, mod, reading) { Unit = 'M', Month = mo, YearFixed = year is not null };
    }

    private static (DateOnly S, DateOnly E, string Timex, string? Mod) MonthPart(DateOnly first, string part, int weekN, string timexBase)
    {
        var next = first.AddMonths(1);
        switch (part)
        {
            case "上旬": return (first, first.AddDays(10), timexBase, "start");
            case "中旬": return (first.AddDays(10), first.AddDays(20), timexBase, "mid");
            case "下旬": return (first.AddDays(20), next, timexBase, "end");
            case "初め" or "初旬" or "頭": return (first, first.AddDays(15), timexBase, "start");
            case "末" or "終わり": return (first.AddDays(15), next, timexBase, "end");
            case "半ば": return (first.AddDays(9), first.AddDays(20), timexBase, "mid");
            case "前半": return (first, first.AddDays(15), $"({Format.Day(first)},{Format.Day(first.AddDays(15))},P15D)", null);
            case "後半": return (first.AddDays(15), next, $"({Format.Day(first.AddDays(15))},{Format.Day(next)},P{next.DayNumber - first.AddDays(15).DayNumber}D)", null);
            case "最後の週":
            {
                var lastThu = next.AddDays(-1);
                while (Calendar.Iso(lastThu) != 4) lastThu = lastThu.AddDays(-1);
                var mon = Calendar.Monday(lastThu);
                return (mon, mon.AddDays(7), timexBase + "-W05", null);
            }
        }
        if (part.StartsWith('第'))
        {
            var thu = first;
            while (Calendar.Iso(thu) != 4) thu = thu.AddDays(1);
            var mon = Calendar.Monday(thu).AddDays(7 * (weekN - 1));
            return (mon, mon.AddDays(7), timexBase + $"-W{weekN:00}", null);
        }
        return (first, next, timexBase, null);
    }

    /// <summary>Our month parts: 上旬 1–10, 中旬 11–20, 下旬 21–end, 初め 1–7, 末 the last 7 days.</summary>
    private static (DateOnly S, DateOnly E) BookingMonthPart(DateOnly first, string part, int weekN)
    {
        var next = first.AddMonths(1);
        return part switch
        {
            "上旬" => (first, first.AddDays(10)),
            "中旬" => (first.AddDays(10), first.AddDays(20)),
            "下旬" => (first.AddDays(20), next),
            "初め" or "初旬" or "頭" => (first, first.AddDays(7)),
            "末" or "終わり" => (next.AddDays(-7), next),
            "半ば" => (first.AddDays(10), first.AddDays(20)),
            "前半" => (first, first.AddDays(15)),
            "後半" => (first.AddDays(15), next),
            _ when part.StartsWith('第') || part == "最後の週" => MonthPartWeek(first, part, weekN),
            _ => (first, next),
        };
    }

    private static (DateOnly, DateOnly) MonthPartWeek(DateOnly first, string part, int weekN)
    {
        var (s, e, _, _) = MonthPart(first, part, weekN, "");
        return (s, e);
    }

    private static SpanSem? PartOf(string who, string part, Context c)
    {
        var today = c.Today;
        if (who is "今年" or "来年" or "去年" or "年")
        {
            var y = who == "来年" ? today.Year + 1 : who == "去年" ? today.Year - 1 : today.Year;
            var first = new DateOnly(y, 1, 1);
            var mid = new DateOnly(y, 7, 1);
            return part switch
            {
                "初め" or "頭" or "初旬" => Fixed($"{y}", first, mid, "start", c),
                "末" or "終わり" => Fixed($"{y}", mid, first.AddYears(1), "end", c) with
                {
                    // 年末 for booking: the last days of December (the center closes for the new-year holidays).
                    Reading = Reading(new DateOnly(y, 12, 1), first.AddYears(1), c),
                },
                "前半" => Fixed($"({Format.Day(first)},{Format.Day(mid)},P6M)", first, mid, null, c),
                "後半" => Fixed($"({Format.Day(mid)},{Format.Day(first.AddYears(1))},P6M)", mid, first.AddYears(1), null, c),
                "半ば" => Fixed($"{y}", new DateOnly(y, 4, 1), new DateOnly(y, 10, 1), "mid", c),
                "中" or "内" => Fixed($"{y}", today, first.AddYears(1), null, c),
                _ => null,
            };
        }
        var f = new DateOnly(today.Year, today.Month, 1).AddMonths(MonthOffset(who));
        if (who == "月" && part is "初め" or "頭" or "初旬" && today.Day > 7)
            f = f.AddMonths(1); // 月初め after the 7th: next month's first week
        var (s, e, tx, mod) = MonthPart(f, part, 0, $"{f.Year:0000}-{f.Month:00}");
        var (bs, be) = part == "中" ? (today > f ? today : f, f.AddMonths(1)) : BookingMonthPart(f, part, 0);
        if (part == "中") { s = f; e = f.AddMonths(1); mod = null; }
        return new SpanSem([new SpanValue(tx, s, e)], mod, Reading(bs, be, c)) { Unit = 'M', Month = f.Month };
    }
}
