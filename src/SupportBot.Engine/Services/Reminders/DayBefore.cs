namespace SupportBot.Engine.Services.Reminders;

/// <summary>When a day-before reminder is due: the local time <c>at</c> on the day before, in the center's time zone.</summary>
public static class DayBefore
{
    /// <summary>The due instant, or null when it is already past (a sign-up made the same day gets no reminder).</summary>
    public static DateTimeOffset? Due(DateOnly day, TimeOnly at, TimeZoneInfo zone, DateTimeOffset now)
    {
        var local = day.AddDays(-1).ToDateTime(at);
        var due = new DateTimeOffset(local, zone.GetUtcOffset(local));
        return due > now ? due : null;
    }
}
