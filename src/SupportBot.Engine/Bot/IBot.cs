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
}
