namespace SupportBot.Engine.Bot;

/// <summary>The conversation logic run inside a turn, after the lease and state are in hand.</summary>
public interface IBot
{
    Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken);
}
