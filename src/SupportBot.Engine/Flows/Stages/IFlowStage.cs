namespace SupportBot.Engine.Flows.Stages;

/// <summary>
/// One step of the priority order a message goes through after the guards (see <see cref="FlowStages"/>).
/// </summary>
public interface IFlowStage
{
    /// <summary>Answers the turn if it is this stage's to answer; false leaves it to the next stage.</summary>
    Task<bool> TryHandleAsync(FlowTurn turn, CancellationToken cancellationToken);
}
