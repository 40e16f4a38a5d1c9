using static SupportBot.Language.DateTimeRecognition.Primitives;
using Values = System.Collections.Generic.List<System.Collections.Generic.Dictionary<string, string>>;

namespace SupportBot.Language.DateTimeRecognition;

/// <summary>"A から B まで" between two days or two stretches (months, years).</summary>
internal static class DateRanges
{
    public sealed record Result(Values Values, BookingReading? Reading);

    private static readonly System.Text.RegularExpressions.Regex SlashDayFirst = new("^(?<a>[0-9]{1,2})/(?<b>[0-9]{1,2})$");
    private static readonly System.Text.RegularExpressions.Regex SlashDate = new("^(?<a>[0-9]{1,2})/(?<b>[0-9]{1,2})(?:/(?<y>[0-9]{4}))?$");

    public static Result? Build(string aText, string bText, Context c)
    {
        var a = ParseDate(aText, c);
        var b = ParseDate(bText, c);
        if (a is not null && b is null && Spans.Parse(bText, c) is null)
            return null;
        if (a is not null && b is not null)
        {
            b = Inherit(a, b, bText, c);
            // 29/2-1/3/2019: the start takes the end's year, and both ends are written the same way round.
            if (SlashDayFirst.Match(aText) is { Success: true } da && SlashDate.Match(bText) is { Success: true } db
                && Num(da.Groups["a"].Value) > 12 && db.Groups["y"].Success)
            {
                int y = Num(db.Groups["y"].Value), bDay = Num(db.Groups["a"].Value), bMonth = Num(db.Groups["b"].Value);
                int aDay = Num(da.Groups["a"].Value), aMonth = Num(da.Groups["b"].Value);
                b = Calendar.TryDate(y, bMonth, bDay, out var be) ? DatePoint.Of(be) with { Year = y, Month = bMonth, Day = bDay } : new DatePoint { Year = y, Month = bMonth, Day = bDay, Invalid = true };
                a = Calendar.TryDate(y, aMonth, aDay, out var ae) ? DatePoint.Of(ae) with { Year = y, Month = aMonth, Day = aDay } : new DatePoint { Year = y, Month = aMonth, Day = aDay, Invalid = true };
            }
            return Days(a, b, c);
        }

        if (a is not null && b is null)
            return DayToSpan(a, bText, c);

        var sa = a is null ? Spans.Parse(aText, c) : null;
        var sb = b is null ? InheritSpan(sa, bText, c) : null;
        if (sa is null || (sb is null && b is null) || sa.NotResolved) return null;

        var aFixed = sa.YearFixed;
        var bFixed = sb?.YearFixed ?? b?.Fixed is not null;
        var aStart = sa.Values[^1].Start;
        DateOnly bStart;
        string bTimex;
        if (sb is not null)
        {
            if (sb.NotResolved) return null;
            bStart = sb.Values[^1].Start;
            bTimex = sb.YearFixed ? Format.Day(bStart) : $"XXXX-{bStart.Month:00}-{bStart.Day:00}";
        }
        else
        {
            var (_, fut) = b!.Resolve(c.Reference);
            if (fut is null) return null;
            bStart = fut.Value;
            bTimex = b.Timex;
        }

        var values = new Values();
        string Dur(DateOnly s, DateOnly e, bool unknown)
        {
            if (unknown) return "PXXM";
            if (sa.Unit == 'Y' && sb?.Unit == 'Y') return $"P{e.Year - s.Year}Y";
            if (sa.Unit is 'Y' or 'M' && sb?.Unit is 'Y' or 'M') return $"P{(e.Year - s.Year) * 12 + e.Month - s.Month}M";
            return $"P{e.DayNumber - s.DayNumber}D";
        }

        if (!aFixed && !bFixed && sa.Month is { } ma && sb?.Month is { } mb)
        {
            // Two bare months: one reading when the reference month falls after the start month and within
            // the range, otherwise last and next occurrences.
            var refM = c.Today.Month;
            var endM = mb < ma ? mb + 12 : mb;
            var years = ma < refM && refM <= endM ? [c.Today.Year] : refM < ma && endM < 12 + refM && ma > refM
                ? new[] { c.Today.Year - 1, c.Today.Year } : ma >= refM ? new[] { c.Today.Year - 1, c.Today.Year } : [c.Today.Year, c.Today.Year + 1];
            if (ma < refM && refM <= endM) years = [c.Today.Year];
            foreach (var y in years)
            {
                var s = new DateOnly(y, ma, 1);
                var e = new DateOnly(mb < ma ? y + 1 : y, mb, 1);
                values.Add(V($"(XXXX-{ma:00}-01,XXXX-{mb:00}-01,{Dur(s, e, false)})", s, e));
            }
        }
        else if (!aFixed && bFixed && sa.Month is { } ma2)
        {
            var e = bStart;
            if (ma2 <= c.Today.Month)
            {
                var s = new DateOnly(c.Today.Year, ma2, 1);
                values.Add(V($"({Format.Day(s)},{bTimex},{Dur(s, e, false)})", s, e));
            }
            else
            {
                foreach (var y in new[] { c.Today.Year - 1, c.Today.Year })
                {
                    var s = new DateOnly(y, ma2, 1);
                    values.Add(V($"(XXXX-{ma2:00}-01,{bTimex},PXXM)", s, e));
                }
            }
        }
        else
        {
            var e = bStart;
            values.Add(V($"({Format.Day(aStart)},{(sb is not null && sb.YearFixed ? Format.Day(e) : bTimex)},{Dur(aStart, e, false)})", aStart, e));
        }

        var ra = sa.Reading;
        var rb = sb?.Reading ?? (b?.Booking(c.Today) is { } bd ? BookingReading.OnDate(bd) : null);
        return new Result(values, Join(ra, rb));
    }

    /// <summary>"2019年2月1日から3月まで": from a day to a stretch; the month takes the day's year. Upstream ends the
    /// range where the stretch starts; our reading runs to its last day.</summary>
    private static Result? DayToSpan(DatePoint a, string bText, Context c)
    {
        // A day without a year is its next occurrence here (5月1日から6月まで).
        if ((a.Yearless ? a.Booking(c.Today) : a.Resolve(c.Reference).Future) is not { } start) return null;
        var sb = Spans.Parse(bText, c);
        // Only a named month or year ends it; "今日から2週間以内" is a stretch counted from the day, read elsewhere.
        if (sb is null || sb.NotResolved || (sb.Month is null && sb.Unit != 'Y')) return null;
        var end = sb.Values[^1].Start;
        var last = sb.Values[^1].End.AddDays(-1);
        if (!sb.YearFixed && sb.Month is { } m)
        {
            end = new DateOnly(m < start.Month ? start.Year + 1 : start.Year, m, 1);
            last = end.AddMonths(1).AddDays(-1);
        }
        if (end < start) return null;
        var values = new Values { V($"({a.Timex},{Format.Day(end)},P{end.DayNumber - start.DayNumber}D)", start, end) };
        var from = a.Booking(c.Today);
        return new Result(values, from is { } f && last >= c.Today ? BookingReading.Between(f < c.Today ? c.Today : f, last) : null);
    }

    private static BookingReading? Join(BookingReading? a, BookingReading? b)
    {
        if (a?.Date is not { } s || b is null) return a;
        var e = b.DateEnd ?? b.Date!.Value;
        while (e < s) e = e.AddYears(1);
        return BookingReading.Between(s, e);
    }

    private static Dictionary<string, string> V(string timex, DateOnly s, DateOnly e) => new()
    {
        ["timex"] = timex,
        ["type"] = "daterange",
        ["start"] = Format.Day(s),
        ["end"] = Format.Day(e),
    };

    /// <summary>The end day borrows what the start said and it did not (9月3日から12日 → 9月12日).</summary>
    private static DatePoint Inherit(DatePoint a, DatePoint b, string bText, Context c)
    {
        // 2020年5月1日から5月7日: the end takes the start's year (the next year when it would fall before).
        if (a.Year is { } ay && !a.Invalid && b.Year is null && b.Month is { } bm && b.Day is { } bd && b.Nth is null)
        {
            if (!Calendar.TryDate(ay, bm, bd, out var e)) return b with { Year = ay, Invalid = true };
            if (a.Fixed is { } af && e < af && !Calendar.TryDate(ay + 1, bm, bd, out e)) return b;
            return DatePoint.Of(e) with { Year = e.Year, Month = bm, Day = bd };
        }
        if (b.Fixed is not null || b.Month is not null || b.Weekday is not null || b.Day is not { } d) return b;
        if (a.Fixed is { } f)
        {
            var baseMonth = new DateOnly(f.Year, f.Month, 1);
            return Calendar.TryDate(f.Year, f.Month, d, out var x) ? DatePoint.Of(x < f ? x.AddMonths(1) : x) : b;
        }
        if (a.Month is { } m) return a.Year is { } y ? (Calendar.TryDate(y, m, d, out var z) ? DatePoint.Of(z) : b) : new DatePoint { Month = m, Day = d };
        return b;
    }

    private static SpanSem? InheritSpan(SpanSem? a, string bText, Context c)
    {
        var s = Spans.Parse(bText, c);
        if (a is null || s is null) return s;
        // 2020年5月から10月: the end month takes the start's year.
        if (a.YearFixed && a.Unit == 'M' && !s.YearFixed && s.Month is { } m)
        {
            var y = a.Values[0].Start.Year;
            var first = new DateOnly(m < a.Values[0].Start.Month ? y + 1 : y, m, 1);
            return Spans.Fixed($"{first.Year:0000}-{m:00}", first, first.AddMonths(1), null, c) with { Unit = 'M', Month = m };
        }
        return s;
    }

    private static Result Days(DatePoint a, DatePoint b, Context c)
    {
        var values = new Values();
        if (a.Invalid || b.Invalid)
        {
            // 29/2-1/3/2019: there was no 29 February in 2019.
            values.Add(new() { ["timex"] = $"({a.Timex},{b.Timex},PXD)", ["type"] = "daterange", ["value"] = "not resolved" });
            return new Result(values, null);
        }
        var (pa, fa) = a.Resolve(c.Reference);
        var (pb, fb) = b.Resolve(c.Reference);
        var timex = (DateOnly s, DateOnly e) => $"({a.Timex},{b.Timex},P{e.DayNumber - s.DayNumber}D)";
        if (pa == fa && pb == fb && fa is { } s0 && fb is { } e0)
            values.Add(V(timex(s0, e0), s0, e0));
        else if (a.Yearless && b.Yearless)
        {
            (DateOnly, DateOnly)? For(int y)
            {
                if (a.InYear(y) is not { } s) return null;
                var e = b.InYear(y);
                if (e is not null && e < s) e = b.InYear(y + 1);
                return e is { } ee ? (s, ee) : null;
            }
            var today = c.Today;
            var cur = For(today.Year) ?? For(today.Year - 1);
            if (For(today.Year) is { } now && now.Item1 <= today && today <= now.Item2)
                values.Add(V(timex(now.Item1, now.Item2), now.Item1, now.Item2));
            else
            {
                (DateOnly, DateOnly)? past = null, future = null;
                for (var y = today.Year; y >= today.Year - 8 && past is null; y--)
                    if (For(y) is { } r && r.Item1.ToDateTime(TimeOnly.MinValue) < c.Reference) past = r;
                for (var y = today.Year; y <= today.Year + 8 && future is null; y++)
                    if (For(y) is { } r && r.Item1.ToDateTime(TimeOnly.MinValue) >= c.Reference) future = r;
                foreach (var r in new[] { past, future })
                    if (r is { } x) values.Add(V(timex(x.Item1, x.Item2), x.Item1, x.Item2));
            }
        }
        else if (fa is { } s1 && fb is { } e1)
            values.Add(V(timex(s1, e1), s1, e1));
        else
            values.Add(new() { ["timex"] = $"({a.Timex},{b.Timex},PXD)", ["type"] = "daterange", ["value"] = "not resolved" });

        var ba = a.Booking(c.Today);
        var bb = b.Booking(c.Today);
        BookingReading? reading = null;
        if (ba is { } x1 && bb is { } y1)
        {
            while (y1 < x1) y1 = y1.AddYears(1);
            reading = BookingReading.Between(x1, y1);
        }
        return new Result(values, reading);
    }
}
