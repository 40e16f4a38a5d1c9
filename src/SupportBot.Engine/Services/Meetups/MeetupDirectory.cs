using Microsoft.Extensions.Options;
using SupportBot.Calendar;
using SupportBot.Engine.Messages;
using SupportBot.Language.Answers;

namespace SupportBot.Engine.Services.Meetups;

/// <summary>A meeting on a date, with its key in the roster (<c>{id}|yyyy-MM-dd</c>).</summary>
public sealed record MeetupDate(MeetupDefinition Meetup, Occurrence Occurrence)
{
    public string Key => $"{Meetup.Id}|{Occurrence.Date:yyyy-MM-dd}";
}

/// <summary>The configured meetings and their dates from the business calendar; the words for them from the catalog.</summary>
public sealed class MeetupDirectory(IOptions<MeetupsOptions> options, BusinessCalendar calendar, MessageCatalog catalog)
{
    public IReadOnlyList<MeetupDefinition> Meetups => options.Value.Items;

    public MeetupsOptions Options => options.Value;

    public TimeZoneInfo TimeZone => calendar.TimeZone;

    /// <summary>Where a meeting takes place: its own place, or the center (name and address from configuration).</summary>
    public string Place(MeetupDefinition meetup, string culture) =>
        string.IsNullOrEmpty(meetup.Place) ? catalog.Text(culture, "meetup.place_center") : meetup.Place;

    public string Place(MeetupDate date, string culture) => Place(date.Meetup, culture);

    public MeetupDefinition? Find(string id) => Meetups.FirstOrDefault(m => m.Id == id);

    /// <summary>Keys each meeting needs in every catalog (checked at start-up).</summary>
    public IEnumerable<string> MessageKeys() => Meetups.SelectMany(m => new[] { $"meetup.{m.Id}.name", $"meetup.{m.Id}.about", $"meetup.{m.Id}.bring", $"meetup.{m.Id}.keywords" });

    /// <summary>The meeting a message names (by the catalog's keywords), or null for "any".</summary>
    public MeetupDefinition? Named(string text, string culture)
    {
        var folded = ShortAnswers.FoldOne(text);
        return Meetups.FirstOrDefault(m => catalog.Text(culture, $"meetup.{m.Id}.keywords").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Any(k => folded.Contains(ShortAnswers.FoldOne(k), StringComparison.Ordinal)));
    }

    /// <summary>
    /// Dates from now on (within the horizon), soonest first: the ones that take place, and the ones
    /// skipped or cancelled (so an answer can say why a month has none).
    /// </summary>
    public (IReadOnlyList<MeetupDate> Takes, IReadOnlyList<MeetupDate> Off) Upcoming(DateTimeOffset now, MeetupDefinition? only, int max)
    {
        var local = TimeZoneInfo.ConvertTime(now, calendar.TimeZone);
        var today = DateOnly.FromDateTime(local.DateTime);
        var until = today.AddDays((int)options.Value.Horizon.TotalDays);
        var all = (only is null ? Meetups : [only])
            .SelectMany(m => m.Schedule.Occurrences(today, until, calendar).Select(o => new MeetupDate(m, o)))
            .Where(d => d.Occurrence.Date > today || (d.Occurrence.Date == today && TimeOnly.FromDateTime(local.DateTime) < d.Meetup.Start))
            .OrderBy(d => d.Occurrence.Date).ThenBy(d => d.Meetup.Start)
            .ToList();
        var takes = all.Where(d => d.Occurrence.Takes).Take(max).ToList();
        var last = takes.Count > 0 ? takes[^1].Occurrence.Date : until;
        var off = all.Where(d => !d.Occurrence.Takes && d.Occurrence.Date <= last).ToList();
        return (takes, off);
    }

    public MeetupDate? ByKey(string key, DateTimeOffset now)
    {
        var parts = key.Split('|');
        if (parts.Length != 2 || Find(parts[0]) is not { } meetup || !DateOnly.TryParse(parts[1], out var date)) return null;
        return Upcoming(now, meetup, 50).Takes.FirstOrDefault(d => d.Occurrence.Date == date);
    }

    /// <summary>「12月16日（水）14:00〜16:00 定例会」 in the conversation's language.</summary>
    public string Label(MeetupDate d, string culture) => catalog.Text(culture, "meetup.date_label", new Dictionary<string, string>
    {
        ["date"] = Formats.Date(catalog, culture, d.Occurrence.Date),
        ["start"] = Formats.Time(catalog, culture, d.Meetup.Start),
        ["end"] = Formats.Time(catalog, culture, d.Meetup.End),
        ["name"] = catalog.Text(culture, $"meetup.{d.Meetup.Id}.name"),
    });

    /// <summary>Why a regular date does not take place: 「1月11日（月）は祝日（成人の日）のためお休みです」.</summary>
    public string OffLabel(MeetupDate d, string culture)
    {
        var args = new Dictionary<string, string>
        {
            ["date"] = Formats.Date(catalog, culture, d.Occurrence.RegularDate ?? d.Occurrence.Date),
            ["name"] = catalog.Text(culture, $"meetup.{d.Meetup.Id}.name"),
        };
        if (d.Occurrence.Reason?.Holiday is { } holiday)
        {
            args["holiday"] = catalog.Text(culture, holiday.LocaleKey);
            return catalog.Text(culture, "meetup.off_holiday", args);
        }
        return catalog.Text(culture, "meetup.off_other", args);
    }

    /// <summary>A moved date: 「9月21日（火）に変更（9月20日は祝日のため）」.</summary>
    public string? MovedNote(MeetupDate d, string culture) =>
        d.Occurrence.RegularDate is { } regular
            ? catalog.Text(culture, "meetup.moved_note", new Dictionary<string, string> { ["regular"] = Formats.Date(catalog, culture, regular) })
            : null;

    public int Capacity(MeetupDefinition m) => m.Capacity;

    public TimeSpan KeepFor(MeetupDate d, DateTimeOffset now)
    {
        var end = new DateTimeOffset(d.Occurrence.Date.ToDateTime(d.Meetup.End), calendar.TimeZone.GetUtcOffset(d.Occurrence.Date.ToDateTime(d.Meetup.End)));
        var keep = end - now + options.Value.RetentionAfter;
        return keep > TimeSpan.Zero ? keep : options.Value.RetentionAfter;
    }

    public string AudienceKey(MeetupDefinition m) => m.Audience switch
    {
        MeetupAudience.PeopleWithExperience => "meetup.audience.peers",
        MeetupAudience.Families => "meetup.audience.families",
        _ => "meetup.audience.anyone",
    };
}
