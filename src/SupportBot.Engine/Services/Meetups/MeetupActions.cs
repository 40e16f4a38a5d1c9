using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SupportBot.Engine.Activities;
using SupportBot.Engine.Center;
using SupportBot.Engine.Flows;
using SupportBot.Engine.Flows.Actions;
using SupportBot.Engine.Messages;
using SupportBot.Engine.Notifications;
using SupportBot.Engine.State;

namespace SupportBot.Engine.Services.Meetups;

/// <summary>
/// <c>meetups.next</c>: the next 1–3 dates of the meeting the message names (or of all meetings),
/// what it is like, who it is for, and why a month has none; offers the dates as choices.
/// Outcomes: <c>found</c>, <c>none</c>.
/// </summary>
public sealed class MeetupsNextAction(MeetupDirectory directory, MessageCatalog catalog) : IFlowAction
{
    public string Name => "meetups.next";
    public IReadOnlyCollection<string> Provides => ["meetup_list", FlowTurn.ChoicesKey("dates")];
    public IReadOnlyCollection<string> Outcomes => ["found", "none"];

    public static readonly string[] MessageKeys = ["meetup.list_item", "meetup.date_label", "meetup.off_holiday", "meetup.off_other", "meetup.moved_note", "meetup.details",
        "meetup.audience.peers", "meetup.audience.families", "meetup.audience.anyone", "meetup.observe_ok", "meetup.place_center"];

    public Task<string?> RunAsync(FlowTurn turn, CancellationToken cancellationToken)
    {
        // On the first step of a flow the message is the question itself (「次の定例会いつ？」); later it is an answer.
        var named = directory.Named(turn.Text, turn.Culture);
        var (takes, off) = directory.Upcoming(turn.Now, named, 3);
        if (takes.Count == 0) return Task.FromResult<string?>("none");

        var sb = new StringBuilder();
        foreach (var d in takes)
        {
            if (sb.Length > 0) sb.Append('\n');
            sb.Append(catalog.Text(turn.Culture, "meetup.list_item", new Dictionary<string, string> { ["label"] = directory.Label(d, turn.Culture) }));
            if (directory.MovedNote(d, turn.Culture) is { } note) sb.Append(note);
        }
        foreach (var d in off) sb.Append('\n').Append(directory.OffLabel(d, turn.Culture));
        foreach (var meetup in takes.Select(t => t.Meetup).DistinctBy(m => m.Id))
        {
            sb.Append("\n\n").Append(catalog.Text(turn.Culture, "meetup.details", new Dictionary<string, string>
            {
                ["name"] = catalog.Text(turn.Culture, $"meetup.{meetup.Id}.name"),
                ["about"] = catalog.Text(turn.Culture, $"meetup.{meetup.Id}.about"),
                ["audience"] = catalog.Text(turn.Culture, directory.AudienceKey(meetup)),
                ["place"] = directory.Place(meetup, turn.Culture),
                ["bring"] = catalog.Text(turn.Culture, $"meetup.{meetup.Id}.bring"),
            }));
            if (meetup.ObserveAllowed) sb.Append('\n').Append(catalog.Text(turn.Culture, "meetup.observe_ok"));
        }
        turn.Args["meetup_list"] = sb.ToString();
        turn.SetChoices("dates", takes.Select(d => (d.Key, directory.Label(d, turn.Culture))));
        return Task.FromResult<string?>("found");
    }
}

/// <summary>
/// <c>meetups.join</c>: signs the person up for the chosen date (<c>date</c>) under their nickname
/// (<c>nickname</c>) — a place, or the waiting list when it is full — and tells staff.
/// Outcomes: <c>confirmed</c>, <c>waitlisted</c>, <c>already</c>, <c>gone</c> (the date is no longer offered).
/// </summary>
public sealed class MeetupsJoinAction(MeetupDirectory directory, IMeetupRoster roster, StaffNotifier notifier, MeetupNotices notices, IReminderQueue reminders) : IFlowAction
{
    public string Name => "meetups.join";
    public IReadOnlyCollection<string> Provides => ["position", "date_label"];
    public IReadOnlyCollection<string> Outcomes => ["confirmed", "waitlisted", "already", "gone"];

    public async Task<string?> RunAsync(FlowTurn turn, CancellationToken cancellationToken)
    {
        var frame = turn.Frame!;
        if (directory.ByKey(frame.Values.GetValueOrDefault("date.value") ?? "", turn.Now) is not { } date) return "gone";
        var incoming = turn.Turn.Incoming;
        var record = MeetupNotices.Record(incoming, frame.Values.GetValueOrDefault("nickname"), turn.Culture, turn.Now);
        var result = await roster.JoinAsync(date.Key, Member(incoming), record, date.Meetup.Capacity, directory.KeepFor(date, turn.Now), cancellationToken);
        turn.Args["date_label"] = directory.Label(date, turn.Culture);
        turn.Args["position"] = result.WaitlistPosition.ToString();
        // One reminder entry per date (scheduling it again is a no-op); whoever is confirmed the day before hears it.
        if (result.Status is RosterStatus.Confirmed or RosterStatus.Waitlisted && notices.ReminderDue(date, turn.Now) is { } due)
            await reminders.ScheduleAsync(new ReminderItem(MeetupNotices.ReminderKind, date.Key), due, cancellationToken);
        if (result.Status is RosterStatus.Confirmed or RosterStatus.Waitlisted)
            _ = notifier.NotifyAsync(new StaffEvent("meetup_signup", turn.Now, incoming.ChannelId ?? "", incoming.Conversation?.Id ?? "",
                new Dictionary<string, object?> { ["meetup"] = date.Key, ["nickname"] = frame.Values.GetValueOrDefault("nickname"), ["waitlisted"] = result.Status == RosterStatus.Waitlisted }));
        return result.Status switch
        {
            RosterStatus.Confirmed => "confirmed",
            RosterStatus.Waitlisted => "waitlisted",
            _ => "already",
        };
    }

    public static string Member(Activity incoming) => $"{incoming.ChannelId}:{incoming.From?.Id}";
}

/// <summary>
/// <c>meetups.mine</c>: the person's upcoming sign-ups as choices (<c>mine</c>). Outcomes: <c>some</c>, <c>none</c>.
/// </summary>
public sealed class MeetupsMineAction(MeetupDirectory directory, IMeetupRoster roster) : IFlowAction
{
    public string Name => "meetups.mine";
    public IReadOnlyCollection<string> Provides => [FlowTurn.ChoicesKey("mine")];
    public IReadOnlyCollection<string> Outcomes => ["some", "none"];

    public async Task<string?> RunAsync(FlowTurn turn, CancellationToken cancellationToken)
    {
        var member = MeetupsJoinAction.Member(turn.Turn.Incoming);
        var mine = new List<(string, string)>();
        foreach (var date in directory.Upcoming(turn.Now, null, 12).Takes)
        {
            var (confirmed, waitlist) = await roster.ListAsync(date.Key, cancellationToken);
            if (confirmed.Any(c => c.Member == member) || waitlist.Any(w => w.Member == member))
                mine.Add((date.Key, directory.Label(date, turn.Culture)));
        }
        turn.SetChoices("mine", mine);
        return mine.Count > 0 ? "some" : "none";
    }
}

/// <summary>
/// <c>meetups.leave</c>: cancels the chosen sign-up (<c>cancel_date</c>); the first person waiting
/// moves up and gets a message; staff are told. Outcomes: <c>left</c>, <c>gone</c>.
/// </summary>
public sealed class MeetupsLeaveAction(MeetupDirectory directory, IMeetupRoster roster, StaffNotifier notifier, MeetupNotices notices) : IFlowAction
{
    public string Name => "meetups.leave";
    public IReadOnlyCollection<string> Provides => ["date_label"];
    public IReadOnlyCollection<string> Outcomes => ["left", "gone"];

    public async Task<string?> RunAsync(FlowTurn turn, CancellationToken cancellationToken)
    {
        if (directory.ByKey(turn.Frame!.Values.GetValueOrDefault("cancel_date.value") ?? "", turn.Now) is not { } date) return "gone";
        var incoming = turn.Turn.Incoming;
        var result = await roster.LeaveAsync(date.Key, MeetupsJoinAction.Member(incoming), date.Meetup.Capacity, cancellationToken);
        if (!result.Left) return "gone";
        turn.Args["date_label"] = directory.Label(date, turn.Culture);
        _ = notifier.NotifyAsync(new StaffEvent("meetup_cancelled", turn.Now, incoming.ChannelId ?? "", incoming.Conversation?.Id ?? "",
            new Dictionary<string, object?> { ["meetup"] = date.Key, ["movedUp"] = result.PromotedMember is not null }));
        if (result.PromotedRecord is { Length: > 0 } promoted) await notices.TellMovedUpAsync(promoted, date, cancellationToken);
        return "left";
    }
}

/// <summary><c>meetups.terms</c>: how long a sign-up and a peer-talk request are kept (<c>{retention_days}</c>, <c>{request_days}</c>), said before consent.</summary>
public sealed class MeetupsTermsAction(IOptions<MeetupsOptions> options) : IFlowAction
{
    public string Name => "meetups.terms";
    public IReadOnlyCollection<string> Provides => ["retention_days", "request_days"];
    public IReadOnlyCollection<string> Outcomes => [];

    public Task<string?> RunAsync(FlowTurn turn, CancellationToken cancellationToken)
    {
        turn.Args["retention_days"] = ((int)Math.Ceiling(options.Value.RetentionAfter.TotalDays)).ToString();
        turn.Args["request_days"] = ((int)Math.Ceiling(options.Value.RequestRetention.TotalDays)).ToString();
        return Task.FromResult<string?>(null);
    }
}
