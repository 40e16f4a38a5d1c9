using SupportBot.Engine.Understanding;

namespace SupportBot.Engine.Flows.Stages;

/// <summary>
/// The stages of a message after the guards, in priority order. The first one that handles the turn ends it,
/// so the order is the rule: a command wins over everything, a pending question's answer over the open step,
/// and only what no flow takes is routed by intent.
/// </summary>
public static class FlowStages
{
    public static IReadOnlyList<IFlowStage> InOrder(FlowRunner runner, IIntentRecognizer recognizer) =>
    [
        new CommandStage(runner),
        new ClarifyStage(runner),
        new ResumeStage(runner),
        new WhyStage(runner),
        new DigressionStage(runner),
        new ReadStage(runner),
        new RouteStage(runner, recognizer),
    ];

    /// <summary>Offers the turn to each stage in turn until one handles it; false when none did.</summary>
    public static async Task<bool> RunAsync(IEnumerable<IFlowStage> stages, FlowTurn turn, CancellationToken cancellationToken)
    {
        foreach (var stage in stages)
            if (await stage.TryHandleAsync(turn, cancellationToken)) return true;
        return false;
    }
}
