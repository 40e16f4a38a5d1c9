using SupportBot.Engine.Activities;

namespace SupportBot.Engine.Bot;

/// <summary>
/// The foundation's content: greet and show the main menu, whatever was said. The conversation
/// engine replaces it with the flows in dialogs/.
/// </summary>
public sealed class MenuBot : IBot
{
    public static readonly string[] MenuKeys = ["menu.faq", "menu.booking", "menu.peer", "menu.emergency"];

    public Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var incoming = turn.Incoming;
        if (incoming.Type == ActivityTypes.ConversationUpdate)
        {
            // Greet once when the user joins, not when the bot itself is added.
            var userJoined = incoming.MembersAdded?.Any(m => m.Id != incoming.Recipient?.Id) ?? false;
            if (userJoined) Welcome(turn);
            return Task.CompletedTask;
        }
        if (!incoming.IsMessage) return Task.CompletedTask;
        turn.Trace("SupportBot.Turn", new { turn.Culture, turn.State.Turns, hasText = !string.IsNullOrEmpty(incoming.Text) });
        Welcome(turn);
        return Task.CompletedTask;
    }

    private static void Welcome(TurnContext turn)
    {
        turn.Say("welcome.greeting");
        var menu = turn.Say("menu.prompt");
        menu.InputHint = InputHints.ExpectingInput;
        menu.SuggestedActions = new SuggestedActions
        {
            Actions = MenuKeys.Select(k => CardAction.ImBack(turn.Text(k))).ToList(),
        };
    }
}
