namespace SupportBot.Engine.Flows;

/// <summary>
/// Looks at every incoming message before the flows do (the crisis guard is one). Returns true when
/// it answered the turn itself, so the flows do not run.
/// </summary>
public interface ITurnGuard
{
    Task<bool> HandleAsync(FlowTurn turn, CancellationToken cancellationToken);

    /// <summary>Runs after every turn, whoever answered it (e.g. keeps the emergency contacts on the replies).</summary>
    void AfterTurn(FlowTurn turn);
}
