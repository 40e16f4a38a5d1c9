namespace SupportBot.Engine.Flows;

/// <summary>
/// The names the C# code shares with <c>dialogs/*.yaml</c> and the intent model. A flow file spells them
/// as plain words, so they live here once instead of as string literals wherever the engine checks them.
/// </summary>
public static class FlowNames
{
    /// <summary>Events the engine itself starts a flow for (<c>triggers.events</c>); each needs exactly one flow.</summary>
    public static class Events
    {
        /// <summary>Someone opened the chat (a member other than the bot was added).</summary>
        public const string Welcome = "welcome";
        /// <summary>Someone added the bot (an installationUpdate, e.g. LINE's follow).</summary>
        public const string Installed = "installed";
        /// <summary>The bot was added to a group conversation.</summary>
        public const string Joined = "joined";
        /// <summary>A message with a picture, sticker or file and no text.</summary>
        public const string NonText = "non_text";
        public const string Menu = "menu";
        public const string Fallback = "fallback";
        public const string Help = "help";

        public static readonly string[] All = [Welcome, Installed, Joined, NonText, Menu, Fallback, Help];
    }

    /// <summary>Ids of the menu flows: a stack holding only these has nothing to cancel and no flow to keep.</summary>
    public static class MenuFlows
    {
        public const string Main = "main";
        public const string Menu = "menu";
    }

    /// <summary>Intents that, in a short message, are commands rather than requests.</summary>
    public static class CommandIntents
    {
        public const string Cancel = "cancel";
        public const string Help = "help";
        public const string Menu = "menu";
    }

    /// <summary>Input kinds (<c>expect:</c>), as each <see cref="Inputs.IInputKind"/> names itself.</summary>
    public static class Kinds
    {
        public const string Text = "text";
        public const string Choice = "choice";
        public const string YesNo = "yes_no";
        public const string Phone = "phone_jp";
        public const string Date = "date";
        public const string MultiChoice = "multi_choice";
        public const string OptionalText = "optional_text";
        public const string Slot = "slot";
        public const string Who = "who";
        public const string Review = "review";
    }

    /// <summary>Answer outcomes (<c>on:</c>) that more than one input kind gives, or that the engine reads.</summary>
    public static class Outcomes
    {
        public const string Yes = "yes";
        public const string No = "no";
        public const string Skipped = "skipped";
        public const string Given = "given";
        public const string Redate = "redate";
    }
}
