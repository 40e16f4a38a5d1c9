using System.Text.Json;
using SupportBot.Engine.Flows;
using SupportBot.Engine.State;
using SupportBot.Engine.Turns;
using SupportBot.Language.Answers;

namespace SupportBot.Engine.Handoffs;

/// <summary>
/// While a person holds the conversation (or it waits for one), the bot does not answer: the resident's messages go
/// to the hand-off's transcript and the console. Runs after the crisis guard (order 0), which still answers first;
/// a crisis in a hand-off is written to the transcript and flags the conversation red. When the hand-off has ended
/// the bot answers again; when nobody took it, the resident's next message is read as the answer to the callback offer.
/// </summary>
public sealed class HandoffGuard(HandoffDesk desk) : ITurnGuard
{
    /// <summary>The flow whose first step offers a callback after nobody took the conversation.</summary>
    public const string UnansweredFlow = "handoff.unanswered";

    public int Order => 3;

    public async Task<bool> HandleAsync(FlowTurn turn, CancellationToken cancellationToken)
    {
        if (!turn.State.Values.ContainsKey(HandoffDesk.StateKey)) return false;
        var key = TurnPipeline.ConversationKey(turn.Turn.Incoming);
        var handoff = await desk.GetAsync(key, cancellationToken);
        switch (handoff?.Status)
        {
            case null:
                turn.State.Values.Remove(HandoffDesk.StateKey);
                return false;
            case HandoffStatus.Unanswered:
                await desk.Store.CloseAsync(key, cancellationToken);
                turn.State.Values.Remove(HandoffDesk.StateKey);
                // The unanswered message asked whether to call back: this message is the answer.
                turn.State.Stack.Clear();
                turn.State.Stack.Add(new DialogFrame { Flow = UnansweredFlow, Step = "offer" });
                return false;
            case HandoffStatus.Waiting when ShortAnswers.ReadCommand(turn.Text) == Command.Cancel:
                // 「やっぱりやめます」 while waiting: out of the queue, and the bot answers again.
                await desk.WithdrawAsync(key, cancellationToken);
                turn.State.Values.Remove(HandoffDesk.StateKey);
                turn.Say("handoff.withdrawn");
                return true;
            case HandoffStatus.Waiting:
                await AppendTurnAsync(key, turn, cancellationToken);
                turn.Say("handoff.waiting");
                return true;
            default:
                await AppendTurnAsync(key, turn, cancellationToken);
                return true;
        }
    }

    /// <summary>
    /// A message in a hand-off that a guard before this one answered (a crisis, distress short of one, the
    /// emergency button): the message and the bot's reply go to the transcript, so the person holding the
    /// conversation sees what was said and answered; a crisis also shows the conversation red.
    /// </summary>
    public async Task AfterTurnAsync(FlowTurn turn, CancellationToken cancellationToken)
    {
        if (turn.AnsweredBy is null || turn.AnsweredBy == this || !turn.State.Values.ContainsKey(HandoffDesk.StateKey)) return;
        var key = TurnPipeline.ConversationKey(turn.Turn.Incoming);
        if (await desk.GetAsync(key, cancellationToken) is not { Status: HandoffStatus.Waiting or HandoffStatus.Active }) return;
        await AppendTurnAsync(key, turn, cancellationToken);
        if (turn.State.Crisis?.Last == turn.Now) await desk.MarkCrisisAsync(key, cancellationToken);
    }

    /// <summary>The resident's message, then what the bot has said to it so far this turn (the lines given with a
    /// concern, a crisis reply), so the transcript shows what the resident saw.</summary>
    private async Task AppendTurnAsync(string key, FlowTurn turn, CancellationToken cancellationToken)
    {
        await desk.AppendAsync(key, Line(turn), cancellationToken);
        foreach (var reply in turn.Turn.Replies.Where(r => !string.IsNullOrEmpty(r.Text)))
            await desk.AppendAsync(key, new HandoffLine(turn.Now, "bot", reply.Text!), cancellationToken);
    }

    private static HandoffLine Line(FlowTurn turn) =>
        turn.Turn.Incoming.IsNonText && string.IsNullOrWhiteSpace(turn.Text)
            ? new HandoffLine(turn.Now, "resident", "", NonText: true)
            : new HandoffLine(turn.Now, "resident", turn.Text);
}
