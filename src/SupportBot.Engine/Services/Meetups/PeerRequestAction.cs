using System.Text.Json;
using Microsoft.Extensions.Options;
using SupportBot.Calendar;
using SupportBot.Engine.Activities;
using SupportBot.Engine.Flows;
using SupportBot.Engine.Flows.Actions;
using SupportBot.Engine.Messages;
using SupportBot.Engine.Notifications;
using SupportBot.Engine.State;

namespace SupportBot.Engine.Services.Meetups;

/// <summary>
/// <c>peer.request</c>: keeps a request to talk with a peer supporter (nickname, how to be reached, when)
/// for staff, who match a peer supporter, and tells staff. Provides <c>{next_opening}</c> for "what happens next".
/// The bot never gives out a peer supporter's own contact details: staff arrange the meeting.
/// </summary>
public sealed class PeerRequestAction(IRecordLog records, StaffNotifier notifier, BusinessCalendar calendar, MessageCatalog catalog, IOptions<MeetupsOptions> options) : IFlowAction
{
    public const string Log = "peer-requests";

    public string Name => "peer.request";
    public IReadOnlyCollection<string> Provides => ["next_opening"];
    public IReadOnlyCollection<string> Outcomes => [];

    public async Task<string?> RunAsync(FlowTurn turn, CancellationToken cancellationToken)
    {
        var frame = turn.Frame!;
        var incoming = turn.Turn.Incoming;
        var id = Guid.NewGuid().ToString("N")[..12];
        var request = new
        {
            id,
            time = turn.Now,
            channel = incoming.ChannelId,
            conversation = incoming.Conversation?.Id,
            user = incoming.From?.Id,
            nickname = frame.Values.GetValueOrDefault("nickname"),
            how = frame.Values.GetValueOrDefault("how.value"),
            phone = frame.Values.GetValueOrDefault("phone"),
            when = frame.Values.GetValueOrDefault("when"),
        };
        await records.AppendAsync(Log, turn.Now, JsonSerializer.Serialize(request, ActivityJson.Options), options.Value.RequestRetention, cancellationToken);
        _ = notifier.NotifyAsync(new StaffEvent("peer_talk_request", turn.Now, incoming.ChannelId ?? "", incoming.Conversation?.Id ?? "",
            new Dictionary<string, object?> { ["id"] = id, ["nickname"] = request.nickname, ["how"] = request.how, ["phone"] = request.phone, ["when"] = request.when }));
        var next = TimeZoneInfo.ConvertTime(calendar.NextOpening(turn.Now), calendar.TimeZone);
        turn.Args["next_opening"] = Formats.Date(catalog, turn.Culture, DateOnly.FromDateTime(next.DateTime));
        frame.Values.Remove("phone");
        return null;
    }
}
