using System.Text;
using SupportBot.Engine.Flows;
using SupportBot.Engine.Safety;
using SupportBot.Engine.State;
using SupportBot.Language.Answers;

namespace SupportBot.Engine.Access;

/// <summary>
/// Ways to reach help without a voice call: the center's FAX and this chat (catalog, <c>{center.fax}</c> from
/// configuration) and the public text routes of <c>locales/&lt;culture&gt;/hotlines.yaml</c> (<c>text_only</c>:
/// 電話リレーサービス, NET119, SNS counselling). Offered when the person says they cannot phone, and from then on
/// beside the phone numbers of the crisis and after-hours replies of the conversation.
/// </summary>
public sealed class NoVoiceContacts(HotlineDirectory hotlines)
{
    public const string ListArg = "no_voice_list";

    public static readonly string[] MessageKeys = ["novoice.contacts", "novoice.center", "novoice.emergency", "novoice.button", "crisis.text_only_line"];

    /// <summary>
    /// True when this conversation needs contacts without a voice call: the person said so now (then it is
    /// remembered in the conversation's state) or earlier in the conversation.
    /// </summary>
    public static bool Needed(FlowTurn turn)
    {
        if (turn.State.Access?.NoVoice == true) return true;
        if (!AccessWords.CannotPhone(turn.Text) && !IsButton(turn)) return false;
        turn.State.Access ??= new AccessMark();
        turn.State.Access.NoVoice = true;
        return true;
    }

    /// <summary>True when the message is the 「電話以外の連絡先」 button.</summary>
    public static bool IsButton(FlowTurn turn) =>
        turn.Text.Length > 0 && ShortAnswers.FoldOne(turn.Text) == ShortAnswers.FoldOne(turn.Message("novoice.button"));

    /// <summary>The public text routes, one line each (<c>crisis.text_only_line</c>).</summary>
    public string List(FlowTurn turn)
    {
        var sb = new StringBuilder();
        foreach (var t in hotlines.TextOnly(turn.Culture))
        {
            if (sb.Length > 0) sb.Append('\n');
            sb.Append(turn.Turn.Text("crisis.text_only_line", new Dictionary<string, string> { ["name"] = t.Name, ["detail"] = t.Detail }));
        }
        return sb.ToString();
    }

    /// <summary>Says every contact without a voice call (<c>novoice.contacts</c>).</summary>
    public Activities.Activity Say(FlowTurn turn)
    {
        turn.Args[ListArg] = List(turn);
        return turn.Say("novoice.contacts");
    }
}
