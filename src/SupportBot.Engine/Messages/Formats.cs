namespace SupportBot.Engine.Messages;

/// <summary>
/// Dates and times as the catalog says them (<c>format.date</c>, <c>weekday.mon</c> …), so a date
/// reads 「11月24日（火）」 in Japanese and "Tue, Nov 24" in English without code knowing either.
/// </summary>
public static class Formats
{
    public static readonly string[] WeekdayKeys = ["weekday.sun", "weekday.mon", "weekday.tue", "weekday.wed", "weekday.thu", "weekday.fri", "weekday.sat"];
    public static readonly string[] MonthKeys = ["month.1", "month.2", "month.3", "month.4", "month.5", "month.6", "month.7", "month.8", "month.9", "month.10", "month.11", "month.12"];
    /// <summary>Every key used to word dates, times and the center's facts (checked in every culture at start-up).</summary>
    public static readonly string[] Keys = [.. WeekdayKeys, .. MonthKeys, "format.date", "format.time", "format.datetime",
        "format.hour", "format.hour_minute", "format.time_range", "format.month_day", "format.date_range", .. Center.CenterFacts.MessageKeys];

    public static string Date(MessageCatalog catalog, string culture, DateOnly date) =>
        catalog.Text(culture, "format.date", DateArgs(catalog, culture, date));

    public static string Time(MessageCatalog catalog, string culture, TimeOnly time) =>
        catalog.Text(culture, "format.time", TimeArgs(time));

    public static string DateTime(MessageCatalog catalog, string culture, DateOnly date, TimeOnly time)
    {
        var args = DateArgs(catalog, culture, date);
        foreach (var (k, v) in TimeArgs(time)) args[k] = v;
        return catalog.Text(culture, "format.datetime", args);
    }

    /// <summary>A time as said in a sentence: <c>format.hour</c> on the hour (「17時」), else <c>format.hour_minute</c> (「17時30分」).</summary>
    public static string Clock(MessageCatalog catalog, string culture, TimeOnly time) =>
        catalog.Text(culture, time.Minute == 0 ? "format.hour" : "format.hour_minute", TimeArgs(time));

    /// <summary>From one time to another, e.g. 「10:00〜17:00」 (<c>format.time_range</c>).</summary>
    public static string TimeRange(MessageCatalog catalog, string culture, TimeOnly from, TimeOnly to) =>
        catalog.Text(culture, "format.time_range", new Dictionary<string, string> { ["from"] = Time(catalog, culture, from), ["to"] = Time(catalog, culture, to) });

    /// <summary>A month and day without a year or weekday, e.g. 「12月29日」 (<c>format.month_day</c>).</summary>
    public static string MonthDay(MessageCatalog catalog, string culture, int month, int day) =>
        catalog.Text(culture, "format.month_day", new Dictionary<string, string>
        {
            ["month"] = month.ToString(), ["month_name"] = catalog.Text(culture, MonthKeys[month - 1]), ["day"] = day.ToString(),
        });

    /// <summary>From one day to another, e.g. 「12月29日〜1月3日」 (<c>format.date_range</c>).</summary>
    public static string DateRange(MessageCatalog catalog, string culture, string from, string to) =>
        catalog.Text(culture, "format.date_range", new Dictionary<string, string> { ["from"] = from, ["to"] = to });

    public static string Weekday(MessageCatalog catalog, string culture, DayOfWeek day) => catalog.Text(culture, WeekdayKeys[(int)day]);

    /// <summary>
    /// The words for why a day is closed: <c>{holiday}</c> (the holiday's name) and <c>{closure}</c> (the
    /// center closure's label, or <c>closure.default</c>), for every answer that says a day is closed.
    /// </summary>
    public static void ClosedReason(MessageCatalog catalog, string culture, Calendar.ClosedReason? reason, IDictionary<string, string> args)
    {
        if (reason?.Holiday is { } holiday) args["holiday"] = catalog.Text(culture, holiday.LocaleKey);
        if (reason is { Kind: Calendar.ClosedReasonKind.CenterClosure } closure)
            args["closure"] = closure.LabelKey is { } label && catalog.Has(label, culture) ? catalog.Text(culture, label) : catalog.Text(culture, "closure.default");
    }

    private static Dictionary<string, string> DateArgs(MessageCatalog catalog, string culture, DateOnly date) => new()
    {
        ["year"] = date.Year.ToString(),
        ["month"] = date.Month.ToString(),
        ["month_name"] = catalog.Text(culture, MonthKeys[date.Month - 1]),
        ["day"] = date.Day.ToString(),
        ["weekday"] = Weekday(catalog, culture, date.DayOfWeek),
    };

    private static Dictionary<string, string> TimeArgs(TimeOnly time) => new()
    {
        ["hour"] = time.Hour.ToString(),
        ["hour12"] = (time.Hour % 12 == 0 ? 12 : time.Hour % 12).ToString(),
        ["ampm"] = time.Hour < 12 ? "AM" : "PM",
        ["minute"] = time.Minute.ToString("00"),
    };
}
