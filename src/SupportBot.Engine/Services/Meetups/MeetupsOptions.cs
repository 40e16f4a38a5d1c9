using SupportBot.Calendar;

namespace SupportBot.Engine.Services.Meetups;

/// <summary>
/// The center's peer-supporter meetings (section <c>Meetups</c>). The schedule lives here; what each
/// meeting is called and how it is described lives in the catalogs (<c>meetup.&lt;id&gt;.name</c>,
/// <c>.about</c>, <c>.bring</c>, <c>.keywords</c>), so a center edits facts in configuration and wording in YAML.
/// </summary>
public sealed class MeetupsOptions
{
    public const string SectionName = "Meetups";

    public List<MeetupDefinition> Items { get; set; } = [];

    /// <summary>How long a sign-up (nickname) is kept after the meeting. Default 7 days.</summary>
    public TimeSpan RetentionAfter { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How far ahead meetings are offered. Default 90 days.</summary>
    public TimeSpan Horizon { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How long a peer-talk request (nickname, how to reach them) is kept for staff. Default 30 days.</summary>
    public TimeSpan RequestRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Whether confirmed participants get a reminder the day before. Default true.</summary>
    public bool Reminders { get; set; } = true;

    /// <summary>The local time of the day-before reminder (keep it in daytime hours). Default 10:00.</summary>
    public TimeOnly ReminderTime { get; set; } = new(10, 0);
}

/// <summary>Who a meeting is for.</summary>
public enum MeetupAudience { Anyone, PeopleWithExperience, Families }

public sealed class MeetupDefinition
{
    /// <summary>Stable id, also the catalog prefix (<c>meetup.{Id}.name</c>).</summary>
    public string Id { get; set; } = "";
    public Recurrence Schedule { get; set; } = new();
    public TimeOnly Start { get; set; } = new(14, 0);
    public TimeOnly End { get; set; } = new(16, 0);

    /// <summary>Places per meeting; 0 = no limit. Beyond it people join a waiting list.</summary>
    public int Capacity { get; set; }

    public MeetupAudience Audience { get; set; } = MeetupAudience.Anyone;

    /// <summary>Whether a newcomer may come just to watch (見学).</summary>
    public bool ObserveAllowed { get; set; } = true;

    /// <summary>Where it takes place; empty = the center (its address from Center).</summary>
    public string Place { get; set; } = "";
}
