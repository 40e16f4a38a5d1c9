namespace SupportBot.Engine.Bot;

/// <summary>The conversation logic run inside a turn, after the lease and state are in hand.</summary>
public interface IBot
{
    Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken);

    /// <summary>
    /// A turn when the conversation's state cannot be loaded or saved (the store is down). Only what
    /// needs no state may answer — above all the crisis reply. False: nothing answered.
    /// </summary>
    Task<bool> OnStatelessTurnAsync(TurnContext turn, CancellationToken cancellationToken) => Task.FromResult(false);

    /// <summary>
    /// A message that arrived while an earlier turn of its conversation still runs (its state is not loaded, nothing
    /// is saved). Only what must never wait may answer — the crisis guard. False: the pipeline says it is busy.
    /// </summary>
    Task<bool> OnBusyTurnAsync(TurnContext turn, CancellationToken cancellationToken) => Task.FromResult(false);
}
