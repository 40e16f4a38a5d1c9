namespace SupportBot.Engine.Flows;

/// <summary>
/// Looks at every incoming message before the flows do (the crisis guard is one). Returns true when
/// it answered the turn itself, so the flows do not run. Guards run in <see cref="Order"/>: safety first.
/// </summary>
public interface ITurnGuard
{
    /// <summary>Lower runs first. The crisis guard is 0: nothing may come before it.</summary>
    int Order { get; }

    Task<bool> HandleAsync(FlowTurn turn, CancellationToken cancellationToken);

    /// <summary>Runs after every turn, whoever answered it (e.g. keeps the emergency contacts on the replies).</summary>
    Task AfterTurnAsync(FlowTurn turn, CancellationToken cancellationToken);

    /// <summary>
    /// True when the guard also answers a message that found its conversation busy with an earlier turn (it then
    /// sees a fresh state). The crisis guard does: a crisis is never answered with "busy" alone.
    /// </summary>
    bool AnswersWhenBusy => false;
}
