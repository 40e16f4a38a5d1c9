using System.Text.RegularExpressions;
using SupportBot.Language.Numbers;
using static SupportBot.Language.DateTimeRecognition.Patterns;

namespace SupportBot.Language.DateTimeRecognition;

/// <summary>The reference moment (Japan local time) and its day.</summary>
internal sealed record Context(DateTime Reference)
{
    public DateOnly Today { get; } = DateOnly.FromDateTime(Reference);
}

/// <summary>Parses the pieces the composite rules capture (a day, a clock time, a part of the day).</summary>
internal static class Primitives
{
    private const RegexOptions Opt = RegexOptions.CultureInvariant;

    private static readonly Regex YearRx = new("^(?:(?<era>令和|平成|昭和|大正|明治)(?<ey>元|" + N2 + ")年|(?:今年|来年|去年|昨年)?(?<y>[0-9]{4}|[0-9]{2}|[〇零一二三四五六七八九十百千]{2,6})年|(?<rel>今年|来年|去年|昨年|再来年|翌年|本年))$", Opt);
    private static readonly Regex MonthDayRx = new("^(?:(?<wr>" + WeekRel + ")の?" + Wd + "\\(?)?(?:(?<y>" + Year + ")[ 　の]?)?(?<m>" + N2 + ")月(?<d>" + N2 + ")日(?:[,の 　]?\\(?(?<w>" + WdChar + ")(?:曜日?)?\\)?)?\\)?$", Opt);
    private static readonly Regex IsoRx = new("^(?<y>[0-9]{4})[/.-](?<m>[0-9]{1,2})[/.-](?<d>[0-9]{1,2})$", Opt);
    private static readonly Regex SlashRx = new("^(?<a>[0-9]{1,2})/(?<b>[0-9]{1,2})(?:/(?<y>[0-9]{4}))?$", Opt);
    private static readonly Regex EraDotRx = new("^(?<e>[RHSrhs])(?<y>[0-9]{1,2})\\.(?<m>[0-9]{1,2})\\.(?<d>[0-9]{1,2})$", Opt);
    private static readonly Regex NthRx = new("^(?:(?:(?<mr>" + MonthRel + ")|(?<y>" + Year + ")?の?(?<m>" + N2 + ")月)の?)?(?:第(?<n>" + N2 + ")|(?<last>最後の|最終))(?<w>" + WdChar + ")曜日?$", Opt);
    private static readonly Regex DayRx = new("^(?:(?<mr>" + MonthRel + ")の?)?(?<d>" + N2 + ")日(?:[の,]?(?<w>" + WdChar + ")曜日?)?$", Opt);
    private static readonly Regex OffsetRx = new("^(?:(?<base>今日|明日|今)から)?(?<n>" + N + ")(?<u>" + OffsetUnit + ")(?<dir>後|前|先|で)?$", Opt);
    private static readonly Regex WeekdayRx = new("^(?:(?<wr>" + WeekRel + ")の?)?(?<w>" + WdChar + ")曜日?$", Opt);
    private static readonly Regex TimeRx = new("^(?<pre>(?:" + Pre + "の?){0,2})(?:(?<h>" + N2 + ")時(?:(?<half>半)|(?<mi>" + N2 + ")分)?(?:(?<s>" + N2 + ")秒)?|(?<h>[0-9]{1,2}):(?<mi>[0-9]{2})(?::(?<s>[0-9]{2}))?|(?<noon>正午)(?:12時)?|(?<midnight>真夜中))(?:ちょうど|かっきり)?(?<ap>ごろ|頃|ぐらい|くらい|過ぎ)?$", Opt);
    private static readonly Regex AmPmRx = new("^(?<h>[0-9]{1,2})(?::(?<mi>[0-9]{2})(?::(?<s>[0-9]{2}))?)? ?(?<ap>[AaPp])\\.?[Mm]\\.?(?<ap2>ごろ|頃|ぐらい|くらい)?$", Opt);

    public static int Num(string s) => JapaneseNumbers.ParseInt(s) ?? -1;

    public static int? ParseYear(string s, Context c)
    {
        var m = YearRx.Match(s);
        if (!m.Success) return null;
        if (m.Groups["era"].Success)
        {
            var n = m.Groups["ey"].Value == "元" ? 1 : Num(m.Groups["ey"].Value);
            return EraBase(m.Groups["era"].Value) + n;
        }
        if (m.Groups["y"].Success)
        {
            var y = Num(m.Groups["y"].Value);
            return y < 100 ? 2000 + y : y;
        }
        return m.Groups["rel"].Value switch
        {
            "来年" or "翌年" => c.Today.Year + 1,
            "去年" or "昨年" => c.Today.Year - 1,
            "再来年" => c.Today.Year + 2,
            _ => c.Today.Year,
        };
    }

    public static int EraBase(string era) => era switch
    {
        "令和" or "R" or "r" => 2018,
        "平成" or "H" or "h" => 1988,
        "昭和" or "S" or "s" => 1925,
        "大正" => 1911,
        _ => 1867,
    };

    public static int WeekdayOf(string c) => "月火水木金土日".IndexOf(c, StringComparison.Ordinal) + 1;

    /// <summary>Week offset of 今週/来週/…; null when the word does not name a week.</summary>
    public static int? WeekOffset(string rel) => rel switch
    {
        "今週" or "この" or "その週" => 0,
        "来週" or "翌週" or "次の週" => 1,
        "再来週" => 2,
        "先週" or "前の" => -1,
        _ => null,
    };

    public static DatePoint? ParseDate(string s, Context c)
    {
        s = s.Trim();
        Match m;
        if ((m = MonthDayRx.Match(s)).Success)
        {
            int mo = Num(m.Groups["m"].Value), d = Num(m.Groups["d"].Value);
            if (mo is < 1 or > 12 || d is < 1 or > 31) return null;
            if (m.Groups["y"].Success)
            {
                var y = ParseYear(m.Groups["y"].Value, c)!.Value;
                return Calendar.TryDate(y, mo, d, out var x) ? DatePoint.Of(x) with { Year = y, Month = mo, Day = d } : new DatePoint { Year = y, Month = mo, Day = d, Invalid = true };
            }
            return new DatePoint { Month = mo, Day = d };
        }
        if ((m = IsoRx.Match(s)).Success)
        {
            int y = Num(m.Groups["y"].Value), mo = Num(m.Groups["m"].Value), d = Num(m.Groups["d"].Value);
            if (mo is < 1 or > 12 || d is < 1 or > 31) return null;
            return Calendar.TryDate(y, mo, d, out var x) ? DatePoint.Of(x) with { Year = y, Month = mo, Day = d } : new DatePoint { Year = y, Month = mo, Day = d, Invalid = true };
        }
        if ((m = SlashRx.Match(s)).Success)
        {
            int a = Num(m.Groups["a"].Value), b = Num(m.Groups["b"].Value);
            // Japanese writes month/day; a first number above 12 can only be a day (29/2).
            var (mo, d) = a > 12 && b <= 12 ? (b, a) : (a, b);
            if (mo is < 1 or > 12 || d is < 1 or > 31) return null;
            if (m.Groups["y"].Success)
            {
                var y = Num(m.Groups["y"].Value);
                return Calendar.TryDate(y, mo, d, out var x) ? DatePoint.Of(x) with { Year = y, Month = mo, Day = d } : new DatePoint { Year = y, Month = mo, Day = d, Invalid = true };
            }
            var valid = d <= DateTime.DaysInMonth(2024, mo);
            return new DatePoint { Month = mo, Day = d, Invalid = !valid };
        }
        if ((m = EraDotRx.Match(s)).Success)
        {
            var y = EraBase(m.Groups["e"].Value) + Num(m.Groups["y"].Value);
            return Calendar.TryDate(y, Num(m.Groups["m"].Value), Num(m.Groups["d"].Value), out var x) ? DatePoint.Of(x) : null;
        }
        if ((m = NthRx.Match(s)).Success)
        {
            var w = WeekdayOf(m.Groups["w"].Value);
            var n = m.Groups["last"].Success ? 5 : Num(m.Groups["n"].Value);
            if (n is < 1 or > 5) return null;
            if (m.Groups["mr"].Success || !m.Groups["m"].Success)
            {
                var first = new DateOnly(c.Today.Year, c.Today.Month, 1).AddMonths(MonthOffset(m.Groups["mr"].Value));
                var found = Calendar.NthWeekday(first.Year, first.Month, n, w);
                // 第N X曜 with no month: this month's if not yet past, else next month's.
                if (!m.Groups["mr"].Success && (found is null || found < c.Today))
                {
                    first = first.AddMonths(1);
                    found = Calendar.NthWeekday(first.Year, first.Month, n, w);
                }
                if (found is null) return null;
                return new DatePoint { Fixed = found, TimexOverride = $"XXXX-{first.Month:00}-WXX-{w}-#{n}" };
            }
            var mo = Num(m.Groups["m"].Value);
            if (m.Groups["y"].Success)
            {
                var y = ParseYear(m.Groups["y"].Value, c)!.Value;
                var f = Calendar.NthWeekday(y, mo, n, w);
                return f is null ? null : new DatePoint { Fixed = f, TimexOverride = $"{y:0000}-{mo:00}-WXX-{w}-#{n}" };
            }
            var fy = Calendar.NthWeekday(c.Today.Year, mo, n, w);
            if (fy is null) return null;
            if (fy < c.Today) fy = Calendar.NthWeekday(c.Today.Year + 1, mo, n, w);
            return fy is null ? null : new DatePoint { Fixed = fy, TimexOverride = $"XXXX-{mo:00}-WXX-{w}-#{n}", Month = mo, Nth = n, Weekday = w };
        }
        if ((m = DayRx.Match(s)).Success)
        {
            var d = Num(m.Groups["d"].Value);
            if (d is < 1 or > 31) return null;
            if (m.Groups["mr"].Success)
            {
                var first = new DateOnly(c.Today.Year, c.Today.Month, 1).AddMonths(MonthOffset(m.Groups["mr"].Value));
                return Calendar.TryDate(first.Year, first.Month, d, out var x) ? DatePoint.Of(x) : null;
            }
            if (m.Groups["w"].Success)
            {
                var w = WeekdayOf(m.Groups["w"].Value);
                if (c.Today.Day == d && Calendar.Iso(c.Today) == w) return DatePoint.Of(c.Today);
                return new DatePoint { Day = d, Weekday = w };
            }
            return new DatePoint { Day = d };
        }
        if ((m = OffsetRx.Match(s)).Success)
        {
            var n = Num(m.Groups["n"].Value);
            var baseDay = m.Groups["base"].Value == "明日" ? c.Today.AddDays(1) : c.Today;
            var dir = m.Groups["dir"].Value;
            if (dir == "" && !m.Groups["base"].Success) return null;
            if (dir == "で" && m.Groups["u"].Value == "日") return null;
            var sign = dir == "前" ? -1 : 1;
            return DatePoint.Of(AddUnit(baseDay, m.Groups["u"].Value, sign * n));
        }
        if ((m = WeekdayRx.Match(s)).Success)
        {
            var w = WeekdayOf(m.Groups["w"].Value);
            var rel = m.Groups["wr"].Value;
            var off = WeekOffset(rel);
            if (rel is "今度" or "今度の" or "次の")
            {
                // 次の/今度のX曜 = the first X strictly after today.
                var delta = (w - Calendar.Iso(c.Today) + 7) % 7;
                return DatePoint.Of(c.Today.AddDays(delta == 0 ? 7 : delta));
            }
            if (off is { } o && rel != "その週" && rel != "この")
                return DatePoint.Of(Calendar.Monday(c.Today).AddDays(7 * o + w - 1)) with { WeekOffset = o };
            return new DatePoint { Weekday = w };
        }
        return s switch
        {
            "今日" or "本日" or "当日" or "この日" or "その日" or "最近" => DatePoint.Of(c.Today),
            "来週の今日" => DatePoint.Of(c.Today.AddDays(7)),
            "再来週の今日" => DatePoint.Of(c.Today.AddDays(14)),
            "明日" or "あした" or "あす" or "翌日" => DatePoint.Of(c.Today.AddDays(1)),
            "明後日" or "あさって" => DatePoint.Of(c.Today.AddDays(2)),
            "明々後日" or "明明後日" or "しあさって" => DatePoint.Of(c.Today.AddDays(3)),
            "昨日" or "きのう" or "前日" => DatePoint.Of(c.Today.AddDays(-1)),
            "一昨日" or "おととい" => DatePoint.Of(c.Today.AddDays(-2)),
            "元旦" or "元日" => new DatePoint { Month = 1, Day = 1 },
            "大晦日" => new DatePoint { Month = 12, Day = 31 },
            "クリスマス" => new DatePoint { Month = 12, Day = 25 },
            "クリスマスイブ" => new DatePoint { Month = 12, Day = 24 },
            _ => null,
        };
    }

    public static int MonthOffset(string rel) => rel switch
    {
        "来月" or "翌月" => 1,
        "再来月" => 2,
        "先月" => -1,
        _ => 0,
    };

    public static DateOnly AddUnit(DateOnly d, string unit, int n) => unit switch
    {
        "日" => d.AddDays(n),
        "週間" or "週" => d.AddDays(7 * n),
        "年" or "年間" => d.AddYears(n),
        _ => d.AddMonths(n),
    };

    /// <summary>A clock time, plus whether it was hedged (頃) and the day a prefix like 今夜 names.</summary>
    public static (TimePoint Time, bool Approx, DatePoint? Day)? ParseTime(string s, Context c)
    {
        s = s.Trim();
        var m = TimeRx.Match(s);
        if (m.Success)
        {
            var pre = m.Groups["pre"].Value.Replace("の", "", StringComparison.Ordinal);
            var approx = m.Groups["ap"].Success && m.Groups["ap"].Value != "過ぎ";
            DatePoint? day = pre.Contains("今夜", StringComparison.Ordinal) || pre.Contains("今晩", StringComparison.Ordinal) || pre.Contains("今朝", StringComparison.Ordinal)
                ? DatePoint.Of(c.Today)
                : pre.Contains("明朝", StringComparison.Ordinal) ? DatePoint.Of(c.Today.AddDays(1)) : null;
            if (m.Groups["noon"].Success) return (new TimePoint(12, 0, 0, false, false, Meridiem.Pm), approx, day);
            if (m.Groups["midnight"].Success) return (new TimePoint(0, 0, 0, false, false, Meridiem.Am), approx, day);
            var h = Num(m.Groups["h"].Value);
            var hasMin = m.Groups["mi"].Success || m.Groups["half"].Success;
            var mi = m.Groups["half"].Success ? 30 : m.Groups["mi"].Success ? Num(m.Groups["mi"].Value) : 0;
            var sec = m.Groups["s"].Success ? Num(m.Groups["s"].Value) : 0;
            if (h is < 0 or > 24 || mi is < 0 or > 59 || sec is < 0 or > 59) return null;
            var mer = Meridiem.None;
            if (pre.Length > 0)
            {
                var last = LastPrefix(pre);
                mer = last is "午前" or "早朝" or "未明" or "朝" or "深夜" or "今朝" or "明朝" ? Meridiem.Am : last is "夜中" && h <= 4 ? Meridiem.Am : Meridiem.Pm;
                // 夜の12時 / 夜中の12時 is midnight, not noon.
                if (h == 12 && last is "夜" or "夜中" or "深夜" or "今夜" or "晩" or "今晩") mer = Meridiem.Am;
            }
            return (new TimePoint(h, mi, sec, hasMin, m.Groups["s"].Success, mer), approx, day);
        }
        m = AmPmRx.Match(s);
        if (m.Success)
        {
            var h = Num(m.Groups["h"].Value);
            if (h is < 1 or > 12) return null;
            var mi = m.Groups["mi"].Success ? Num(m.Groups["mi"].Value) : 0;
            var sec = m.Groups["s"].Success ? Num(m.Groups["s"].Value) : 0;
            var mer = m.Groups["ap"].Value is "p" or "P" ? Meridiem.Pm : Meridiem.Am;
            return (new TimePoint(h, mi, sec, m.Groups["mi"].Success, m.Groups["s"].Success, mer), m.Groups["ap2"].Success, null);
        }
        return null;
    }

    private static string LastPrefix(string pre)
    {
        string[] words = ["午前", "午後", "早朝", "未明", "夜中", "夕方", "深夜", "今夜", "今晩", "今朝", "明朝", "朝", "夜", "晩", "昼"];
        var best = "";
        var bestAt = -1;
        foreach (var w in words)
        {
            var at = pre.LastIndexOf(w, StringComparison.Ordinal);
            if (at > bestAt || (at == bestAt && at >= 0 && w.Length > best.Length)) { best = w; bestAt = at; }
        }
        return best;
    }

    /// <summary>Parts of the day: upstream's code and hours, and the JMA forecast division we read them as.</summary>
    public static (DayPart Part, DatePoint? Day)? ParsePart(string s, Context c)
    {
        const int H = 60;
        DayPart? p = s switch
        {
            "午前中" or "午前" => new("MO", 8 * H, 12 * H, 0, 12 * H),
            "朝" or "朝方" or "今朝" or "明朝" => new("MO", 8 * H, 12 * H, 6 * H, 9 * H),
            "早朝" => new("MO", 8 * H, 10 * H, 6 * H, 9 * H),
            "昼前" => new("MO", 10 * H, 12 * H, 9 * H, 12 * H),
            "昼頃" or "昼ごろ" => new("MI", 11 * H, 13 * H, 11 * H, 13 * H, Approx: true),
            "お昼" or "昼" => new("MI", 11 * H, 13 * H, 11 * H, 13 * H),
            "昼過ぎ" => new("AF", 12 * H, 16 * H, 12 * H, 15 * H),
            "午後" => new("AF", 12 * H, 16 * H, 12 * H, 24 * H),
            "日中" or "昼間" => new("DT", 8 * H, 18 * H, 9 * H, 18 * H),
            "夕方" or "夕" => new("EV", 16 * H, 20 * H, 15 * H, 18 * H),
            "晩" or "今晩" => new("EV", 16 * H, 20 * H, 18 * H, 24 * H),
            "夜" or "夜間" or "今夜" or "夜中" or "深夜" => new("NI", 20 * H, 24 * H, 18 * H, 24 * H),
            _ => null,
        };
        if (p is null) return null;
        DatePoint? day = s is "今朝" or "今晩" or "今夜" ? DatePoint.Of(c.Today) : s == "明朝" ? DatePoint.Of(c.Today.AddDays(1)) : null;
        return (p, day);
    }
}
