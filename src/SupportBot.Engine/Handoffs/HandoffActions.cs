using System.Text.Json;
using SupportBot.Calendar;
using SupportBot.Engine.Flows;
using SupportBot.Engine.Flows.Actions;
using SupportBot.Engine.Turns;

namespace SupportBot.Engine.Handoffs;

/// <summary>
/// <c>handoff.request</c>: after the resident agreed to share the conversation, puts it in the queue the console
/// shows (outcome <c>queued</c>), or, outside opening hours, <c>closed</c> (nobody is there to take it).
/// Provides <c>{wait_minutes}</c>.
/// </summary>
public sealed class HandoffRequestAction(HandoffDesk desk, BusinessCalendar calendar) : IFlowAction
{
    public string Name => "handoff.request";
    public IReadOnlyCollection<string> Provides => ["wait_minutes"];
    public IReadOnlyCollection<string> Outcomes => ["queued", "closed"];

    public async Task<string?> RunAsync(FlowTurn turn, CancellationToken cancellationToken)
    {
        turn.Args["wait_minutes"] = ((int)Math.Ceiling(desk.Wait.TotalMinutes)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!calendar.IsOpen(turn.Now)) return "closed";
        await desk.RequestAsync(TurnPipeline.ConversationKey(turn.Turn.Incoming), turn.Turn.Incoming, turn.Culture, turn.Now, cancellationToken);
        turn.State.Values[HandoffDesk.StateKey] = JsonSerializer.SerializeToElement("asked");
        return "queued";
    }
}
