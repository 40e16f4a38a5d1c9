using SupportBot.Engine.Outbox;
using System.Text.Json;
using SupportBot.Engine.Activities;
using SupportBot.Engine.Messages;
using SupportBot.Engine.Services.Reminders;
using SupportBot.Engine.State;

namespace SupportBot.Engine.Services.Meetups;

/// <summary>
/// What a sign-up keeps in the roster (the nickname and where to reach the person) and the messages
/// sent to a participant outside a conversation: moved up from the waiting list, the day-before reminder.
/// </summary>
public sealed class MeetupNotices(MeetupDirectory directory, IOutbox proactive, MessageCatalog catalog)
{
    public const string ReminderKind = "meetup";

    public static readonly string[] MessageKeys = ["meetup.moved_up", "meetup.reminder"];

    /// <summary>The roster record of a sign-up: the nickname, the conversation to write to, and its language.</summary>
    public static string Record(Activity incoming, string? nickname, string culture, DateTimeOffset now) => JsonSerializer.Serialize(new
    {
        nickname,
        channel = incoming.ChannelId,
        conversation = incoming.Conversation?.Id,
        user = incoming.From?.Id,
        serviceUrl = incoming.ServiceUrl,
        culture,
        time = now,
    }, ActivityJson.Options);

    /// <summary>The person who moved up from the waiting list hears it in their own conversation.</summary>
    public Task<bool> TellMovedUpAsync(string recordJson, MeetupDate date, CancellationToken cancellationToken) =>
        SendAsync(recordJson, "meetup.moved_up", date, cancellationToken);

    public Task<bool> RemindAsync(string recordJson, MeetupDate date, CancellationToken cancellationToken) =>
        SendAsync(recordJson, "meetup.reminder", date, cancellationToken);

    /// <summary>The day-before reminder time of a meeting date, or null when reminders are off or it is past.</summary>
    public DateTimeOffset? ReminderDue(MeetupDate date, DateTimeOffset now) =>
        directory.Options.Reminders ? DayBefore.Due(date.Occurrence.Date, directory.Options.ReminderTime, directory.TimeZone, now) : null;

    private async Task<bool> SendAsync(string recordJson, string key, MeetupDate date, CancellationToken cancellationToken)
    {
        var record = JsonDocument.Parse(recordJson).RootElement;
        string? Get(string name) => record.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var culture = catalog.ResolveCulture(Get("culture"));
        var text = catalog.Text(culture, key, new Dictionary<string, string> { ["date_label"] = directory.Label(date, culture), ["place"] = directory.Place(date, culture) });
        var to = new ConversationReference(Get("channel") ?? "", Get("conversation") ?? "", Get("user") ?? "", Get("serviceUrl"));
        return await proactive.SendAsync(to, new Activity { Type = ActivityTypes.Message, Text = text, Locale = culture }, cancellationToken);
    }
}

/// <summary>
/// The day-before reminder of a meeting date (one queue entry per date, claimed by one instance): every
/// confirmed participant hears it; people who cancelled are no longer on the roster, people still waiting are not reminded.
/// </summary>
public sealed class MeetupReminder(MeetupDirectory directory, IMeetupRoster roster, MeetupNotices notices) : IReminderHandler
{
    public string Kind => MeetupNotices.ReminderKind;

    public async Task<bool> SendAsync(string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (directory.ByKey(id, now) is not { } date) return false;
        var (confirmed, _) = await roster.ListAsync(date.Key, cancellationToken);
        var sent = false;
        foreach (var (_, record) in confirmed)
            sent |= await notices.RemindAsync(record, date, cancellationToken);
        return sent;
    }
}
