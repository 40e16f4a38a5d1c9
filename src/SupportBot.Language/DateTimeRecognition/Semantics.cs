using System.Globalization;

namespace SupportBot.Language.DateTimeRecognition;

/// <summary>A calendar day as said: fixed (今日, 2019年1月4日, 来週の金曜) or partial (10月2日, 12日, 水曜).</summary>
internal sealed record DatePoint
{
    public DateOnly? Fixed { get; init; }
    public int? Year { get; init; }
    public int? Month { get; init; }
    public int? Day { get; init; }
    public int? Weekday { get; init; } // 1 = Monday … 7 = Sunday
    public bool Invalid { get; init; }
    public string? TimexOverride { get; init; }
    /// <summary>Set when the expression names a relative week (来週の火曜): alternatives inherit it.</summary>
    public int? WeekOffset { get; init; }

    /// <summary>The n-th weekday of <see cref="Month"/> (第2水曜, 最終月曜 = 5) when said without a year.</summary>
    public int? Nth { get; init; }

    public static DatePoint Of(DateOnly d) => new() { Fixed = d };

    /// <summary>Said with a month but no year (10月1日, 4月の最終月曜日): it can be placed in any year.</summary>
    public bool Yearless => Year is null && Month is not null && (Day is not null || Nth is not null);

    /// <summary>This yearless date placed in year y; null when that year has no such day (2/29).</summary>
    public DateOnly? InYear(int y)
    {
        if (Month is not { } m) return null;
        if (Nth is { } n && Weekday is { } w) return Calendar.NthWeekday(y, m, n, w);
        return Day is { } d && Calendar.TryDate(y, m, d, out var x) ? x : null;
    }

    public string Timex
    {
        get
        {
            if (TimexOverride is not null) return TimexOverride;
            if (Fixed is { } f) return Format.Day(f);
            if (Year is { } y && Month is { } m && Day is { } d) return $"{y:0000}-{m:00}-{d:00}";
            if (Month is { } m2 && Day is { } d2) return $"XXXX-{m2:00}-{d2:00}";
            if (Weekday is { } w) return $"XXXX-WXX-{w}";
            if (Day is { } d3) return $"XXXX-XX-{d3:00}";
            return "XXXX-XX-XX";
        }
    }

    /// <summary>Upstream's past and future readings (equal when the date is fixed); nulls when not resolvable.</summary>
    public (DateOnly? Past, DateOnly? Future) Resolve(DateTime reference)
    {
        var today = DateOnly.FromDateTime(reference);
        if (Invalid) return (null, null);
        if (Fixed is { } f) return (f, f);
        if (Year is { } y && Month is { } m && Day is { } d)
            return Calendar.TryDate(y, m, d, out var x) ? (x, x) : (null, null);
        if (Month is { } mm && Day is { } dd)
        {
            // Compared with the reference moment: a date earlier today is already "past".
            DateOnly? future = null, past = null;
            for (var yy = reference.Year; yy <= reference.Year + 8 && future is null; yy++)
                if (Calendar.TryDate(yy, mm, dd, out var c) && c.ToDateTime(TimeOnly.MinValue) >= reference) future = c;
            for (var yy = reference.Year; yy >= reference.Year - 8 && past is null; yy--)
                if (Calendar.TryDate(yy, mm, dd, out var c) && c.ToDateTime(TimeOnly.MinValue) < reference) past = c;
            return (past, future);
        }
        if (Day is { } day && Weekday is { } wd)
        {
            DateOnly? future = null, past = null;
            var first = new DateOnly(today.Year, today.Month, 1);
            for (var k = 0; k < 36 && future is null; k++)
            {
                var mo = first.AddMonths(k);
                if (Calendar.TryDate(mo.Year, mo.Month, day, out var c) && c >= today && Calendar.Iso(c) == wd) future = c;
            }
            for (var k = 0; k < 36 && past is null; k++)
            {
                var mo = first.AddMonths(-k);
                if (Calendar.TryDate(mo.Year, mo.Month, day, out var c) && c < today && Calendar.Iso(c) == wd) past = c;
            }
            return (past, future);
        }
        if (Weekday is { } w)
        {
            var thisWeek = Calendar.Monday(today).AddDays(w - 1);
            return (thisWeek >= today ? thisWeek.AddDays(-7) : thisWeek, thisWeek < today ? thisWeek.AddDays(7) : thisWeek);
        }
        if (Day is { } d4)
        {
            DateOnly? future = null, past = null;
            var first = new DateOnly(today.Year, today.Month, 1);
            for (var k = 0; k < 13 && future is null; k++)
            {
                var mo = first.AddMonths(k);
                if (Calendar.TryDate(mo.Year, mo.Month, d4, out var c) && c >= today) future = c;
            }
            for (var k = 0; k < 13 && past is null; k++)
            {
                var mo = first.AddMonths(-k);
                if (Calendar.TryDate(mo.Year, mo.Month, d4, out var c) && c < today) past = c;
            }
            return (past, future);
        }
        return (null, null);
    }

    /// <summary>The product reading: the next occurrence on or after today; a bare weekday strictly after today.</summary>
    public DateOnly? Booking(DateOnly today)
    {
        if (Invalid) return null;
        if (Fixed is { } f) return f;
        if (Year is { } y && Month is { } m && Day is { } d)
            return Calendar.TryDate(y, m, d, out var x) ? x : null;
        if (Month is { } mm && Day is { } dd)
        {
            for (var yy = today.Year; yy <= today.Year + 8; yy++)
                if (Calendar.TryDate(yy, mm, dd, out var c) && c >= today) return c;
            return null;
        }
        if (Day is { } day)
        {
            var first = new DateOnly(today.Year, today.Month, 1);
            for (var k = 0; k < 36; k++)
            {
                var mo = first.AddMonths(k);
                if (Calendar.TryDate(mo.Year, mo.Month, day, out var c) && c >= today
                    && (Weekday is null || Calendar.Iso(c) == Weekday)) return c;
            }
            return null;
        }
        if (Weekday is { } w)
        {
            if (WeekOffset is { } off)
                return Calendar.Monday(today).AddDays(7 * off + w - 1);
            var delta = (w - Calendar.Iso(today) + 7) % 7;
            return today.AddDays(delta == 0 ? 7 : delta);
        }
        return null;
    }
}

internal enum Meridiem { None, Am, Pm }

/// <summary>A clock time as said; <see cref="Meridiem.None"/> with an hour 1–12 is ambiguous.</summary>
internal sealed record TimePoint(int Hour, int Minute, int Second, bool HasMinute, bool HasSecond, Meridiem Meridiem)
{
    public bool Ambiguous => Meridiem == Meridiem.None && Hour is >= 1 and <= 12;

    /// <summary>Upstream's candidate hours: the literal hour, then the other half of the day when ambiguous.</summary>
    public int[] RtHours()
    {
        var h = Hour24;
        return Ambiguous ? [h, (h + 12) % 24] : [h];
    }

    public int Hour24 => Meridiem switch
    {
        Meridiem.Pm when Hour < 12 => Hour + 12,
        Meridiem.Am when Hour == 12 => 0,
        _ => Hour == 24 ? 0 : Hour,
    };

    /// <summary>Our reading: a bare hour 1–7 is afternoon (the center is open 10–17).</summary>
    public int BookingMinutes
    {
        get
        {
            var h = Meridiem == Meridiem.None && Hour is >= 1 and <= 7 ? Hour + 12 : Hour24;
            return h * 60 + Minute;
        }
    }

    public string TimexTail(int hour) =>
        HasSecond ? $"{hour:00}:{Minute:00}:{Second:00}" : HasMinute ? $"{hour:00}:{Minute:00}" : $"{hour:00}";

    public string Value(int hour) => $"{hour:00}:{Minute:00}:{Second:00}";

    public TimeSpan Of(int hour) => new(hour, Minute, Second);
}

/// <summary>A part of the day: upstream's code and hours, and the JMA division we read it as.</summary>
internal sealed record DayPart(string Code, int RtStart, int RtEnd, int BookStart, int BookEnd, bool Approx = false)
{
    public string RtStartText => Format.Clock(RtStart);
    public string RtEndText => RtEnd >= 24 * 60 ? "23:59:59" : Format.Clock(RtEnd);
}

internal static class Calendar
{
    public static bool TryDate(int y, int m, int d, out DateOnly date)
    {
        date = default;
        if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > DateTime.DaysInMonth(y, m)) return false;
        date = new DateOnly(y, m, d);
        return true;
    }

    public static int Iso(DateOnly d) => d.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)d.DayOfWeek;

    public static DateOnly Monday(DateOnly d) => d.AddDays(1 - Iso(d));

    public static DateOnly LastDay(int y, int m) => new(y, m, DateTime.DaysInMonth(y, m));

    public static int IsoWeek(DateOnly d) => ISOWeek.GetWeekOfYear(d.ToDateTime(TimeOnly.MinValue));

    public static int IsoYear(DateOnly d) => ISOWeek.GetYear(d.ToDateTime(TimeOnly.MinValue));

    /// <summary>The n-th given weekday of a month (n = 5 or more means the last one).</summary>
    public static DateOnly? NthWeekday(int y, int m, int n, int weekday)
    {
        var first = new DateOnly(y, m, 1);
        var d = first.AddDays((weekday - Iso(first) + 7) % 7);
        if (n >= 5)
        {
            while (d.AddDays(7).Month == m) d = d.AddDays(7);
            return d;
        }
        d = d.AddDays(7 * (n - 1));
        return d.Month == m ? d : null;
    }
}

internal static class Format
{
    public static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    public static string Moment(DateTime d) => d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
    public static string Clock(int minutes) => $"{minutes / 60:00}:{minutes % 60:00}:00";
    public static string Time(TimeSpan t) => $"{(int)t.TotalHours % 24:00}:{t.Minutes:00}:{t.Seconds:00}";

    /// <summary>ISO-8601 duration as upstream writes it (PT1H30M, P3D).</summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero) span = span.Negate();
        var s = "PT";
        var h = (int)span.TotalHours;
        if (h > 0) s += h + "H";
        if (span.Minutes > 0) s += span.Minutes + "M";
        if (span.Seconds > 0) s += span.Seconds + "S";
        return s == "PT" ? "PT0S" : s;
    }
}
