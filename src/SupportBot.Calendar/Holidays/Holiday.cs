namespace SupportBot.Calendar;

/// <summary>One Japanese public holiday (祝日 or 休日) on a given date.</summary>
/// <param name="Date">The calendar date in Japan.</param>
/// <param name="Key">Which holiday it is; its display name comes from the locale catalog.</param>
/// <param name="SubstituteFor">
/// For a <see cref="HolidayKey.SubstituteHoliday"/> (振替休日), the national holiday that fell on
/// the Sunday; otherwise null.
/// </param>
public sealed record Holiday(DateOnly Date, HolidayKey Key, HolidayKey? SubstituteFor = null)
{
    /// <summary>The locale catalog key of <see cref="Key"/>, e.g. <c>holiday.substitute_holiday</c>.</summary>
    public string LocaleKey => Key.LocaleKey();
}
