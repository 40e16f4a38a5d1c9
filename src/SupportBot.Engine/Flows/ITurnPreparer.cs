using SupportBot.Engine.Bot;

namespace SupportBot.Engine.Flows;

/// <summary>
/// Runs before anything of a turn answers — for every activity (a message, a welcome, a follow), in stateless
/// turns too — to settle how the turn speaks (the plain-language choice, <c>Access/RegisterPreparer</c>). Decides
/// nothing about what is said.
/// </summary>
public interface ITurnPreparer
{
    Task PrepareAsync(TurnContext turn, CancellationToken cancellationToken);
}
