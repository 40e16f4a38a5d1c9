using Microsoft.Extensions.Options;
using SupportBot.Engine.Messages;
using SupportBot.Engine.Staff;

namespace SupportBot.Web.Staff;

/// <summary>
/// The console's labels, from the staff catalog (<c>locales/&lt;culture&gt;/staff.yaml</c>, keys <c>staff.…</c>) in
/// <see cref="StaffOptions.Culture"/>, and dates and times in the center's words (Asia/Tokyo).
/// </summary>
public sealed class StaffText(MessageCatalog catalog, IOptions<StaffOptions> options)
{
    public string Culture { get; } = catalog.ResolveCulture(options.Value.Culture);

    public static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    public string this[string key] => catalog.Text(Culture, key);

    /// <summary>The text of <paramref name="key"/> with named values: <c>T.Format("staff.today.count", ("count", "3"))</c>.</summary>
    public string Format(string key, params (string Name, string Value)[] args) =>
        catalog.Text(Culture, key, args.ToDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal));

    public string Date(DateOnly date) => Formats.Date(catalog, Culture, date);

    /// <summary>A clock time as staff read it at a glance: 09:05, 14:30 (Asia/Tokyo).</summary>
    public string Time(DateTimeOffset instant) => Formats.Time(catalog, Culture, TimeOnly.FromDateTime(Local(instant)));

    public string DateTime(DateTimeOffset instant)
    {
        var local = Local(instant);
        return Formats.DateTime(catalog, Culture, DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local));
    }

    public string Weekday(DayOfWeek day) => Formats.Weekday(catalog, Culture, day);

    public static DateTime Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Tokyo).DateTime;

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(Local(clock.GetUtcNow()));
}
