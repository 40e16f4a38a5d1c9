using Microsoft.Extensions.Options;
using SupportBot.Calendar;
using SupportBot.Engine.Flows;
using SupportBot.Engine.Flows.Actions;
using SupportBot.Engine.Messages;

namespace SupportBot.Engine.Services.Meetups;

/// <summary>
/// <c>peer.request</c>: keeps a request to talk with a peer supporter (nickname, how to be reached, when)
/// for staff, who match a peer supporter, and tells staff. Provides <c>{next_opening}</c> for "what happens next".
/// The bot never gives out a peer supporter's own contact details: staff arrange the meeting.
/// </summary>
public sealed class PeerRequestAction(StaffRequests requests, BusinessCalendar calendar, MessageCatalog catalog, IOptions<MeetupsOptions> options) : IFlowAction
{
    public const string Log = "peer-requests";

    public string Name => "peer.request";
    public IReadOnlyCollection<string> Provides => ["next_opening"];
    public IReadOnlyCollection<string> Outcomes => [];

    public async Task<string?> RunAsync(FlowTurn turn, CancellationToken cancellationToken)
    {
        var frame = turn.Frame!;
        await requests.FileAsync(turn, Log, "peer_talk_request",
            [("nickname", frame.Values.GetValueOrDefault("nickname")), ("how", frame.Values.GetValueOrDefault("how.value")),
             ("phone", frame.Values.GetValueOrDefault("phone")), ("when", frame.Values.GetValueOrDefault("when"))],
            options.Value.RequestRetention, cancellationToken);
        var next = TimeZoneInfo.ConvertTime(calendar.NextOpening(turn.Now), calendar.TimeZone);
        turn.Args["next_opening"] = Formats.Date(catalog, turn.Culture, DateOnly.FromDateTime(next.DateTime));
        frame.Values.Remove("phone");
        return null;
    }
}
