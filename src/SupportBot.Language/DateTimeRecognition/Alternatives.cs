namespace SupportBot.Language.DateTimeRecognition;

/// <summary>
/// Alternatives the user offers (月曜か火曜の午後, 来週の火曜か水曜) share what only one of them said:
/// a time said once applies to each, a week said first applies to the bare weekdays after it, and a month
/// said first applies to the bare days after it (1月11日か12日).
/// Only our reading changes; the upstream-shaped values stay as upstream has them.
/// </summary>
internal static class Alternatives
{
    private static readonly string[] Joiners = ["か", "か,", "または", "もしくは", "か、", "かそれとも", "それとも", "や", ","];

    public static List<BookingReading?> ShareContext(string text, List<(int Start, int Length, BookingReading? Reading)> items, Context c)
    {
        var readings = items.Select(i => i.Reading).ToList();
        var groups = new List<List<int>>();
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                var gapStart = items[i - 1].Start + items[i - 1].Length;
                var gap = text[gapStart..items[i].Start];
                if (Joiners.Contains(gap)) { groups[^1].Add(i); continue; }
            }
            groups.Add([i]);
        }

        foreach (var g in groups.Where(g => g.Count > 1))
        {
            // A week named by the first alternative carries to later bare weekdays (来週の火曜か水曜).
            for (var k = 1; k < g.Count; k++)
            {
                var prevText = text.Substring(items[g[k - 1]].Start, items[g[k - 1]].Length);
                var curText = text.Substring(items[g[k]].Start, items[g[k]].Length);
                if (readings[g[k - 1]]?.Date is { } prev && (prevText.StartsWith("来週", StringComparison.Ordinal) || prevText.StartsWith("再来週", StringComparison.Ordinal) || prevText.StartsWith("今週", StringComparison.Ordinal))
                    && curText.Length > 0 && "月火水木金土日".IndexOf(curText[0]) is var w and >= 0 && curText.Length > 1 && curText[1] == '曜'
                    && readings[g[k]] is { } cur)
                {
                    var day = Calendar.Monday(prev).AddDays(w);
                    readings[g[k]] = cur with { Date = day };
                }
                // A bare day after a dated alternative is in that alternative's month (or the next, when it
                // would fall before it: 1月30日か2日 → 2月2日), not the next month that has such a day.
                else if (readings[g[k - 1]]?.Date is { } prevDate && readings[g[k]] is { } bare
                    && System.Text.RegularExpressions.Regex.Match(curText, @"^(\d{1,2})日(?![後前間])") is { Success: true } m)
                {
                    var n = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                    var month = new DateOnly(prevDate.Year, prevDate.Month, 1);
                    if (n < prevDate.Day) month = month.AddMonths(1);
                    if (n <= DateTime.DaysInMonth(month.Year, month.Month))
                        readings[g[k]] = bare with { Date = new DateOnly(month.Year, month.Month, n) };
                }
            }
            // A time said by the last alternative applies to the earlier ones that have none (明日か明後日の午後).
            var timed = g.Select(i => readings[i]).LastOrDefault(r => r?.HasTime == true);
            if (timed is not null)
                foreach (var i in g)
                    if (readings[i] is { HasDate: true, HasTime: false } r && r.DateEnd is null)
                        readings[i] = r.WithTime(timed);
        }
        return readings;
    }
}
