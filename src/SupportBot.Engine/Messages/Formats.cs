namespace SupportBot.Engine.Messages;

/// <summary>
/// Dates and times as the catalog says them (<c>format.date</c>, <c>weekday.mon</c> …), so a date
/// reads 「11月24日（火）」 in Japanese and "Tue, Nov 24" in English without code knowing either.
/// </summary>
public static class Formats
{
    public static readonly string[] WeekdayKeys = ["weekday.sun", "weekday.mon", "weekday.tue", "weekday.wed", "weekday.thu", "weekday.fri", "weekday.sat"];
    public static readonly string[] MonthKeys = ["month.1", "month.2", "month.3", "month.4", "month.5", "month.6", "month.7", "month.8", "month.9", "month.10", "month.11", "month.12"];
    public static readonly string[] Keys = [.. WeekdayKeys, .. MonthKeys, "format.date", "format.time", "format.datetime"];

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
