using SupportBot.Engine.Flows.Inputs;
using SupportBot.Engine.State;
using SupportBot.Language.Answers;

namespace SupportBot.Engine.Flows.Stages;

/// <summary>
/// Cancel, help and menu work from anywhere: the open flows are left (each gives back what it held) and the
/// menu or the help page starts. Typed words always count; the intent model only for short messages.
/// </summary>
public sealed class CommandStage(FlowRunner runner) : IFlowStage
{
    public async Task<bool> TryHandleAsync(FlowTurn turn, CancellationToken cancellationToken)
    {
        if ((ShortAnswers.ReadCommand(turn.Text) ?? CommandFromIntent(turn)) is not { } command) return false;
        var hadFlow = turn.State.Stack.Count > 0 && !IsMenuOnly(turn.State);
        await runner.LeaveAllAsync(turn, cancellationToken);
        turn.State.Clarifying = null;
        if (command == Command.Cancel) turn.Say(hadFlow ? "common.cancelled" : "common.nothing_to_cancel");
        await runner.StartEventAsync(turn, command == Command.Help ? FlowNames.Events.Help : FlowNames.Events.Menu, cancellationToken);
        return true;
    }

    private Command? CommandFromIntent(FlowTurn ft)
    {
        // Only short messages count as commands by intent: 「予約をキャンセルしたい」 is booking.cancel, not cancel.
        if (ft.Text.Length > 12) return null;
        var top = ft.Intents.FirstOrDefault();
        if (top is null || top.Score < runner.Thresholds.ConfidentScore) return null;
        // Inside a flow only "stop" is taken from the intent model: 「わからない」 at a question is an
        // answer to retry, not a request for the help page that would drop the flow.
        if (ft.State.Stack.Count > 0 && !IsMenuOnly(ft.State))
            return top.Name == FlowNames.CommandIntents.Cancel && !FitsOpenQuestion(ft) ? Command.Cancel : null;
        return top.Name switch
        {
            FlowNames.CommandIntents.Cancel => Command.Cancel,
            FlowNames.CommandIntents.Help => Command.Help,
            FlowNames.CommandIntents.Menu => Command.Menu,
            _ => null,
        };
    }

    /// <summary>
    /// Whether the message is a fitting answer to the open question of a kind with specific answers
    /// (「特になし」 at an optional question, 「いいえ」 at a yes/no one): then it is that answer, even if
    /// the intent model hears "stop". Free text accepts anything, so it never counts here.
    /// </summary>
    private bool FitsOpenQuestion(FlowTurn ft)
    {
        if (runner.Question(ft) is not { Step.Expect: { } expect } question || expect == FlowNames.Kinds.Text
            || !runner.Flows.Inputs.ContainsKey(expect)) return false;
        // Read with the question's flow entered, as the answer would be, then leave the turn as it was.
        var (previousFlow, previousFrame) = (ft.Flow, ft.Frame);
        FlowRunner.Enter(ft, question.Flow, question.Frame);
        var fits = runner.Answer(ft, question) is InputResult.Matched { Outcome: not FlowNames.Outcomes.Given };
        (ft.Flow, ft.Frame) = (previousFlow, previousFrame);
        return fits;
    }

    /// <summary>Only the menu is open: nothing to cancel, and the intent model may still give a command.</summary>
    private static bool IsMenuOnly(ConversationState state) =>
        state.Stack.All(f => f.Flow is FlowNames.MenuFlows.Main or FlowNames.MenuFlows.Menu);
}
