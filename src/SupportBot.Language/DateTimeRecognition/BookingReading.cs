using System.Globalization;
using System.Text;

namespace SupportBot.Language.DateTimeRecognition;

/// <summary>
/// The one reading of a date/time expression the booking flow uses, following the product conventions
/// (bare hours 1–7 are afternoon, next occurrence for dates without a year, JMA day divisions …).
/// Prints as the compact form: <c>date=2026-04-10</c>, <c>datetime=2026-04-10T15:00</c>,
/// <c>daterange=…..…</c>, <c>timerange=12:00-24:00</c>, <c>time=15:00</c>, or a date (range) with a time range.
/// </summary>
public sealed record BookingReading
{
    /// <summary>The day, or the first day of a date range (inclusive).</summary>
    public DateOnly? Date { get; init; }

    /// <summary>The last day of a date range (inclusive); null for a single day.</summary>
    public DateOnly? DateEnd { get; init; }

    /// <summary>Minutes after midnight of a clock time, or the start of a time range.</summary>
    public int? Minutes { get; init; }

    /// <summary>End of a time range in minutes after midnight (exclusive, may be 1440 = 24:00); null for a point.</summary>
    public int? MinutesEnd { get; init; }

    public static BookingReading OnDate(DateOnly d) => new() { Date = d };

    public static BookingReading Between(DateOnly from, DateOnly to) =>
        from == to ? new() { Date = from } : new() { Date = from, DateEnd = to };

    public static BookingReading At(DateOnly d, int minutes) => new() { Date = d, Minutes = minutes };

    public static BookingReading Clock(int minutes) => new() { Minutes = minutes };

    public static BookingReading Hours(int from, int to) => new() { Minutes = from, MinutesEnd = to };

    /// <summary>Adds a time (range) to a date (range) reading.</summary>
    public BookingReading WithTime(BookingReading time) => this with { Minutes = time.Minutes, MinutesEnd = time.MinutesEnd };

    /// <summary>The date part only.</summary>
    public BookingReading DateOnlyPart => this with { Minutes = null, MinutesEnd = null };

    public bool HasDate => Date is not null;

    public bool HasTime => Minutes is not null;

    /// <summary>The compact form of one alternative (fields joined by ';').</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        if (Date is { } d)
        {
            if (DateEnd is { } e && e != d)
                sb.Append("daterange=").Append(Day(d)).Append("..").Append(Day(e));
            else if (Minutes is { } m && MinutesEnd is null)
                return sb.Append("datetime=").Append(Day(d)).Append('T').Append(ClockText(m)).ToString();
            else
                sb.Append("date=").Append(Day(d));
        }
        if (Minutes is { } start)
        {
            if (sb.Length > 0)
                sb.Append(';');
            if (MinutesEnd is { } end)
                sb.Append("timerange=").Append(ClockText(start)).Append('-').Append(ClockText(end));
            else
                sb.Append("time=").Append(ClockText(start));
        }
        return sb.ToString();
    }

    /// <summary>Joins alternatives with '|', or "none".</summary>
    public static string Compact(IEnumerable<BookingReading?> readings)
    {
        var parts = readings.Where(r => r is not null).Select(r => r!.ToString()).Where(s => s.Length > 0).ToList();
        return parts.Count == 0 ? "none" : string.Join('|', parts);
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string ClockText(int minutes) =>
        $"{minutes / 60:00}:{minutes % 60:00}";
}
