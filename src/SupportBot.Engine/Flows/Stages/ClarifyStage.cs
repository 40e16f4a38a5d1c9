using SupportBot.Language.Answers;

namespace SupportBot.Engine.Flows.Stages;

/// <summary>
/// The answer to "which one did you mean?" (asked by <see cref="RouteStage"/>): a button or its number starts
/// that flow. Anything else is a new message, so the offer is dropped and the later stages take it.
/// </summary>
public sealed class ClarifyStage(FlowRunner runner) : IFlowStage
{
    public async Task<bool> TryHandleAsync(FlowTurn turn, CancellationToken cancellationToken)
    {
        if (turn.State.Clarifying is not { } offered) return false;
        turn.State.Clarifying = null;
        if (Picked(turn, offered) is not { } intent) return false;
        await runner.StartFlowAsync(turn, runner.Flows.ByIntent[intent], cancellationToken);
        return true;
    }

    private string? Picked(FlowTurn ft, List<string> offered)
    {
        var folded = ShortAnswers.FoldOne(ft.Text);
        foreach (var intent in offered)
            if (runner.Flows.ByIntent.ContainsKey(intent) && ShortAnswers.FoldOne(ft.Turn.Text("intent." + intent)) == folded) return intent;
        if (ShortAnswers.ReadChoiceNumber(ft.Text) is { } n && n >= 1 && n <= offered.Count) return offered[n - 1];
        return null;
    }
}
