using System.Globalization;
using SupportBot.Calendar;
using SupportBot.Engine.State;

namespace SupportBot.Engine.Services.Bookings;

/// <summary>
/// Intake-consultation slots (section <c>Booking</c>): which slots exist on an open day, how many
/// people each takes, how early and how far ahead one may book, and how long a booking is kept.
/// All times are local to Asia/Tokyo. See docs/booking.md.
/// </summary>
public sealed class BookingOptions
{
    public const string SectionName = "Booking";

    /// <summary>Length of one intake, in minutes. Default 60.</summary>
    public int SlotMinutes { get; set; } = 60;

    /// <summary>Start times of the slots on an open day (HH:mm); a slot is offered only when it fits the day's opening hours. Null: the default.</summary>
    public List<string>? StartTimes { get; set; }

    public static readonly IReadOnlyList<string> DefaultStartTimes = ["10:00", "11:00", "13:00", "14:00", "15:00", "16:00"];

    /// <summary>People per slot (the number of staff who do intakes at once). Default 1.</summary>
    public int Capacity { get; set; } = 1;

    /// <summary>Business days of notice: 1 means "not the same day", booked by the cut-off of the previous business day. 0 allows the same day.</summary>
    public int MinNoticeBusinessDays { get; set; } = 1;

    /// <summary>The cut-off on the business day(s) before (HH:mm). Default 17:00.</summary>
    public string CutoffTime { get; set; } = "17:00";

    /// <summary>How far ahead one may book, in weeks. Default 8.</summary>
    public int HorizonWeeks { get; set; } = 8;

    /// <summary>Confirmed intakes per day at most; 0 = no limit beyond the slots. Default 0.</summary>
    public int PerDayLimit { get; set; }

    /// <summary>Free minutes kept between two intakes: a slot closer than this to a booked one is not offered. Default 0.</summary>
    public int BufferMinutes { get; set; }

    /// <summary>Dates or time ranges without intakes (staff add more at run time with POST /admin/closures).</summary>
    public List<AdHocClosure> Blocked { get; set; } = [];

    /// <summary>How long a chosen slot is held while the person finishes. Default 5 minutes.</summary>
    public int HoldMinutes { get; set; } = 5;

    /// <summary>Days a booking (with its personal details) is kept after the appointment, then deleted. Default 30.</summary>
    public int RetentionDays { get; set; } = 30;

    /// <summary>When the day-before reminder is sent (HH:mm, between 08:00 and 20:00). Default 10:00. Empty: no reminders.</summary>
    public string ReminderTime { get; set; } = "10:00";

    /// <summary>Slots offered at once (buttons). Default 6.</summary>
    public int MaxOffered { get; set; } = 6;

    public SlotLimits Limits => new(Capacity, PerDayLimit);
    public TimeSpan HoldFor => TimeSpan.FromMinutes(HoldMinutes);
    public TimeSpan KeepAfter => TimeSpan.FromDays(RetentionDays);

    public IReadOnlyList<TimeOnly> Starts() => (StartTimes ?? [.. DefaultStartTimes]).Select(t => Clock(t, nameof(StartTimes))).Order().ToList();

    public TimeOnly Cutoff() => Clock(CutoffTime, nameof(CutoffTime));

    public TimeOnly? Reminder() => string.IsNullOrWhiteSpace(ReminderTime) ? null : Clock(ReminderTime, nameof(ReminderTime));

    /// <summary>Problems with the settings (empty when fine); the app refuses to start while any is left.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        void Check(bool ok, string message) { if (!ok) problems.Add("Booking:" + message); }
        Check(SlotMinutes is > 0 and <= 480, "SlotMinutes must be 1–480.");
        Check(Capacity > 0, "Capacity must be at least 1.");
        Check(MinNoticeBusinessDays >= 0, "MinNoticeBusinessDays must be 0 or more.");
        Check(HorizonWeeks is > 0 and <= 52, "HorizonWeeks must be 1–52.");
        Check(PerDayLimit >= 0 && BufferMinutes >= 0, "PerDayLimit and BufferMinutes must be 0 or more.");
        Check(HoldMinutes is > 0 and <= 60, "HoldMinutes must be 1–60.");
        Check(RetentionDays is > 0 and <= 3650, "RetentionDays must be 1–3650.");
        Check(MaxOffered is > 0 and <= 13, "MaxOffered must be 1–13 (LINE shows at most 13 buttons).");
        foreach (var t in StartTimes ?? [])
            Check(TimeOnly.TryParseExact(t, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _), $"StartTimes: '{t}' is not a time in HH:mm form.");
        Check(TimeOnly.TryParseExact(CutoffTime, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _), $"CutoffTime: '{CutoffTime}' is not a time in HH:mm form.");
        if (!string.IsNullOrWhiteSpace(ReminderTime))
            Check(TimeOnly.TryParseExact(ReminderTime, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var r) && r >= new TimeOnly(8, 0) && r <= new TimeOnly(20, 0),
                "ReminderTime must be HH:mm between 08:00 and 20:00 (daytime).");
        foreach (var b in Blocked)
            Check((b.Through ?? b.Date) >= b.Date, $"the block starting {b.Date:yyyy-MM-dd} ends before it starts.");
        return problems;
    }

    private static TimeOnly Clock(string text, string name) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            ? t : throw new InvalidOperationException($"Booking:{name}: '{text}' is not a time in HH:mm form.");
}
