using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportBot.Engine.Activities;
using SupportBot.Engine.Flows;
using SupportBot.Engine.State;
using SupportBot.Engine.Understanding;
using SupportBot.Language.Answers;

namespace SupportBot.Engine.Access;

/// <summary>
/// After the crisis guard (a crisis is always answered first): the switch to plain Japanese and back
/// (「やさしい にほんご」「むずかしい」 / 「ふつうの にほんご」, typed or the menu button), from any state; and
/// 「電話できない」「耳がきこえない」「声が出ない」: the contacts that need no voice call, remembered for the
/// conversation (the crisis and after-hours replies then give them beside every number). Neither ends an open flow.
/// </summary>
public sealed class AccessGuard(
    RegisterPreferences preferences,
    NoVoiceContacts contacts,
    IOptions<UnderstandingOptions> understanding,
    ILogger<AccessGuard> log) : ITurnGuard
{
    public static readonly string[] MessageKeys = ["access.now_plain", "access.now_standard", "menu.register", "common.resume_offer", "common.yes", "common.no"];

    /// <summary>Intents whose flows give the no-voice contacts beside their numbers themselves (dialogs/contact-now.yaml, emergency.yaml).</summary>
    private static readonly string[] FlowsWithNoVoice = ["contact.now", "emergency.contacts"];

    public int Order => 20;

    public async Task<bool> HandleAsync(FlowTurn turn, CancellationToken cancellationToken)
    {
        if (!turn.Turn.Incoming.IsForBot) return false;
        if (AccessWords.ReadRegister(turn.Text) is { } register)
        {
            await SwitchAsync(turn, register, cancellationToken);
            return true;
        }
        if (!AccessWords.CannotPhone(turn.Text) && !NoVoiceContacts.IsButton(turn)) return false;

        NoVoiceContacts.Needed(turn);
        var top = NoVoiceContacts.IsButton(turn) ? null : turn.Intents.FirstOrDefault();
        var confident = top is not null && top.Score >= understanding.Value.ConfidentScore;
        // 「夜だけど電話できない、今すぐ相談したい」: the after-hours and emergency answers give the numbers and,
        // beside them, the ways without a voice call (access.no_voice in their flows).
        if (confident && FlowsWithNoVoice.Contains(top!.Name)) return false;
        contacts.Say(turn);
        // 「耳が聞こえないのですが、予約できますか」: the contacts, then the question is answered as usual.
        return !confident;
    }

    public Task AfterTurnAsync(FlowTurn turn, CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task SwitchAsync(FlowTurn turn, Register register, CancellationToken cancellationToken)
    {
        turn.State.Access ??= new AccessMark();
        turn.State.Access.Register = RegisterPreparer.Name(register);
        turn.State.Access.PreferenceRead = true;
        RegisterPreparer.Apply(turn.Turn);
        AccessLog.Switched(log, turn.State.Access.Register, turn.Turn.Incoming.ChannelId ?? "");
        try { await preferences.SetAsync(turn.Turn.Incoming, register, cancellationToken); }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested) { AccessLog.PreferenceNotSaved(log, ex.GetType().Name); }

        var said = turn.Say(register == Register.Plain ? "access.now_plain" : "access.now_standard");
        // An open question stays open: offer to go on with it, now in the chosen register (ResumeStage reads the answer).
        var open = turn.State.Stack.LastOrDefault(f => f.Flow is not (FlowNames.MenuFlows.Main or FlowNames.MenuFlows.Menu));
        if (open is not null && turn.State.Stack[^1] == open)
        {
            open.AwaitingResume = true;
            var offer = turn.Say("common.resume_offer");
            offer.InputHint = InputHints.ExpectingInput;
            offer.SuggestedActions = new SuggestedActions { Actions = [CardAction.ImBack(turn.Message("common.yes")), CardAction.ImBack(turn.Message("common.no"))] };
            return;
        }
        // The way back is one tap away.
        said.SuggestedActions = new SuggestedActions { Actions = [CardAction.ImBack(turn.Message("menu.register"))] };
    }
}
