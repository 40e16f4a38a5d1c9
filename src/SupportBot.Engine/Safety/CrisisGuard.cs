using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportBot.Engine.Access;
using SupportBot.Engine.Activities;
using SupportBot.Engine.Center;
using SupportBot.Engine.Flows;
using SupportBot.Engine.Notifications;
using SupportBot.Engine.State;
using SupportBot.Language.Answers;
using SupportBot.Engine.Telemetry;
using SupportBot.Engine.Understanding;

namespace SupportBot.Engine.Safety;

/// <summary>
/// Sees every message first, in every state. On a crisis cue it answers at once — acknowledge, the
/// center's 24-hour line, 119/110 when danger is immediate, public helplines, one caring question —
/// drops any open flow (a booking never resumes by itself), alerts staff in the background and
/// writes an audit record. Afterwards the conversation stays in the crisis state: the contacts stay
/// one tap away on every reply, and a lone 「大丈夫」 is answered with care rather than closing it.
/// </summary>
public sealed class CrisisGuard(
    ICrisisDetector detector,
    HotlineDirectory hotlines,
    StaffNotifier notifier,
    IRecordLog records,
    IOptions<SafetyOptions> safety,
    IOptions<NotificationOptions> notifications,
    IOptions<CenterOptions> center,
    IOptions<UnderstandingOptions> understanding,
    ILogger<CrisisGuard> log,
    BotTelemetry? telemetry = null) : ITurnGuard
{
    public const string AuditLog = "crisis-audit";

    /// <summary>Keys this guard says (checked at start-up).</summary>
    public static readonly string[] MessageKeys =
    [
        "crisis.acknowledge", "crisis.acknowledge_other", "crisis.immediate_medical", "crisis.immediate_violence", "crisis.center_line",
        "crisis.hotlines_intro", "crisis.hotline_line", "crisis.text_only_intro", "crisis.text_only_line", "crisis.question", "crisis.question_other",
        "crisis.follow_up", "crisis.call_center", "crisis.call_119", "menu.emergency", "emergency.numbers",
        "concern.check_in", "concern.noted", "concern.lines", "concern.question", .. NoVoiceContacts.MessageKeys,
    ];

    public int Order => 0;

    /// <summary>A crisis is answered at once even while an earlier turn of the conversation still runs.</summary>
    public bool AnswersWhenBusy => true;

    /// <summary>The cue of a concern reading from the classifier alone (no concern word).</summary>
    public const string ModelConcernCue = "model.concern";

    private static bool AnswersOpenQuestion(ConversationState state) =>
        state.Stack.Any(f => f.Flow is not (FlowNames.MenuFlows.Main or FlowNames.MenuFlows.Menu));

    public Task<bool> HandleAsync(FlowTurn turn, CancellationToken cancellationToken)
    {
        var signal = detector.Assess(turn.Text);
        var state = turn.State;
        if (signal.IsCrisis)
        {
            state.Stack.Clear();
            state.Clarifying = null;
            state.Crisis = new CrisisMark { Since = state.Crisis?.Since ?? turn.Now, Last = turn.Now, Category = signal.Category };
            var shown = Reply(turn, signal);
            turn.Turn.Trace("SupportBot.Crisis", new { signal.Category, signal.Immediate, signal.AboutSomeoneElse, signal.Cues });
            SafetyLog.CrisisAnswered(log, turn.Turn.Incoming.ChannelId ?? "", signal.Category, signal.Immediate);
            turn.Turn.Flow = "crisis";
            telemetry?.Signal("crisis", signal.Category);
            _ = AlertAndAuditAsync(turn, signal, shown);
            return Task.FromResult(true);
        }

        // Safety first: a crisis in a group is answered even when the bot was not addressed; everything
        // else there (a check-in, the crisis state's follow-up) only when it was.
        if (!turn.Turn.Incoming.IsForBot) return Task.FromResult(false);

        // Distress that is not an explicit crisis: a gentle check-in with the 24-hour line and public
        // lines. No crisis state, nothing dropped: an open question stays open for the next message. The
        // classifier's weak reading alone does not interrupt an answer to the bot's own question
        // (「相談支援専門員です。利用者さんのことで」 reads like the start of a report); concern words still do.
        if (signal.IsConcern && !(signal.Cues.All(c => c == ModelConcernCue) && AnswersOpenQuestion(state)))
        {
            // A message that also asks for something clear (「娘の将来が心配で…相談の予約をお願いします」) gets the
            // acknowledgement and the lines, then its answer: the check-in's own question would leave the
            // request unanswered and ask a second question of someone who already said what they want.
            var carryOn = turn.HasState && AsksForSomething(turn);
            if (carryOn) Acknowledge(turn);
            else CheckIn(turn);
            turn.Turn.Trace("SupportBot.Concern", new { signal.Cues, carryOn });
            SafetyLog.ConcernAnswered(log, turn.Turn.Incoming.ChannelId ?? "");
            if (!carryOn) turn.Turn.Flow = "concern";
            telemetry?.Signal("concern", "none");
            return Task.FromResult(!carryOn);
        }

        // The emergency button works from any state, without ending what was going on.
        if (Same(turn.Text, turn.Message("menu.emergency")))
        {
            turn.Say("emergency.numbers");
            if (turn.State.Access?.NoVoice == true) turn.Say("novoice.center");
            return Task.FromResult(true);
        }

        if (state.Crisis is { } mark)
        {
            if (turn.Now - mark.Last > safety.Value.CrisisStateFor)
            {
                state.Crisis = null;
                return Task.FromResult(false);
            }
            // 「大丈夫」「はい」 alone does not close the crisis state and resumes nothing.
            if (ShortAnswers.ReadYesNo(turn.Text) is not null && ShortAnswers.ReadCommand(turn.Text) is null)
            {
                turn.Say("crisis.follow_up");
                return Task.FromResult(true);
            }
        }
        return Task.FromResult(false);
    }

    public Task AfterTurnAsync(FlowTurn turn, CancellationToken cancellationToken)
    {
        KeepContactsAtHand(turn);
        return Task.CompletedTask;
    }

    private void KeepContactsAtHand(FlowTurn turn)
    {
        if (turn.State.Crisis is null) return;
        var last = turn.Turn.Replies.LastOrDefault(r => r.IsMessage);
        if (last is null) return;
        last.SuggestedActions ??= new SuggestedActions();
        var actions = last.SuggestedActions.Actions;
        // After the question's own answers, so the first button still answers what was asked.
        if (!actions.Any(a => a.Type == "call"))
            actions.Add(CardAction.Call(turn.Message("crisis.call_center"), center.Value.EmergencyPhone));
        var emergency = turn.Message("menu.emergency");
        if (!actions.Any(a => a.Title == emergency)) actions.Add(CardAction.ImBack(emergency));
        // Someone who cannot phone keeps the contacts without a voice call one tap away too.
        var noVoice = turn.Message("novoice.button");
        if (turn.State.Access?.NoVoice == true && !actions.Any(a => a.Title == noVoice)) actions.Add(CardAction.ImBack(noVoice));
    }

    /// <summary>
    /// Intents that are not a request of their own (greetings, thanks, the menu, "none"): with one of these the
    /// check-in is the whole answer. Every other intent — an FAQ, a booking, a meetup, a person to talk to —
    /// is a request, so a FAQ added in YAML is one too.
    /// </summary>
    private static readonly HashSet<string> NotARequest = new(StringComparer.Ordinal)
    {
        "none", "greeting", "thanks", "goodbye", "help", "menu", "cancel", "faq.menu",
    };

    private bool AsksForSomething(FlowTurn turn) =>
        turn.Intents is [var top, ..] && top.Score >= understanding.Value.ConfidentScore && !NotARequest.Contains(top.Name);

    private void Acknowledge(FlowTurn turn)
    {
        turn.Say("concern.noted");
        SayLines(turn);
    }

    private void SayLines(FlowTurn turn)
    {
        var lines = new StringBuilder(turn.Message("concern.lines"));
        foreach (var h in hotlines.Hotlines(turn.Culture).Where(h => safety.Value.ConcernHotlines.Contains(h.Id)))
            lines.Append('\n').Append(turn.Turn.Text("crisis.hotline_line", new Dictionary<string, string> { ["name"] = h.Name, ["number"] = h.Number, ["hours"] = h.Hours }));
        if (NoVoiceContacts.Needed(turn)) AppendNoVoice(turn, lines);
        turn.Turn.Send(turn.Turn.Incoming.CreateReply(lines.ToString()));
    }

    private void CheckIn(FlowTurn turn)
    {
        turn.Say("concern.check_in");
        SayLines(turn);
        var question = turn.Say("concern.question");
        question.InputHint = InputHints.ExpectingInput;
        question.SuggestedActions = new SuggestedActions
        {
            Actions = [CardAction.Call(turn.Message("crisis.call_center"), center.Value.EmergencyPhone), CardAction.ImBack(turn.Message("menu.emergency"))],
        };
    }

    private List<string> Reply(FlowTurn turn, CrisisSignal signal)
    {
        var shown = new List<string>();
        void Say(string key) { turn.Say(key); shown.Add(key); }

        // Someone who cannot phone (said now or earlier in the conversation) gets a way without a voice call beside
        // every number, in the same five messages (the LINE reply limit).
        var noVoice = NoVoiceContacts.Needed(turn);
        void SayWith(string key, string extra)
        {
            if (!noVoice) { Say(key); return; }
            turn.Turn.Send(turn.Turn.Incoming.CreateReply(turn.Message(key) + "\n" + turn.Message(extra)));
            shown.Add(key);
            shown.Add(extra);
        }

        Say(signal.AboutSomeoneElse ? "crisis.acknowledge_other" : "crisis.acknowledge");
        if (signal.Immediate) SayWith(signal.Violence ? "crisis.immediate_violence" : "crisis.immediate_medical", "novoice.emergency");
        SayWith("crisis.center_line", "novoice.center");

        var list = new StringBuilder(turn.Message("crisis.hotlines_intro"));
        foreach (var h in hotlines.Hotlines(turn.Culture))
            list.Append('\n').Append(turn.Turn.Text("crisis.hotline_line", new Dictionary<string, string> { ["name"] = h.Name, ["number"] = h.Number, ["hours"] = h.Hours }));
        var textOnly = hotlines.TextOnly(turn.Culture);
        if (textOnly.Count > 0)
        {
            list.Append("\n\n").Append(turn.Message("crisis.text_only_intro"));
            foreach (var t in textOnly)
                list.Append('\n').Append(turn.Turn.Text("crisis.text_only_line", new Dictionary<string, string> { ["name"] = t.Name, ["detail"] = t.Detail }));
        }
        turn.Turn.Send(turn.Turn.Incoming.CreateReply(list.ToString()));
        shown.Add("crisis.hotlines");

        var question = turn.Turn.Say(signal.AboutSomeoneElse ? "crisis.question_other" : "crisis.question");
        shown.Add(signal.AboutSomeoneElse ? "crisis.question_other" : "crisis.question");
        question.InputHint = InputHints.ExpectingInput;
        question.SuggestedActions = new SuggestedActions
        {
            Actions = signal.Immediate && !signal.Violence
                ? [CardAction.Call(turn.Message("crisis.call_119"), "119"), CardAction.Call(turn.Message("crisis.call_center"), center.Value.EmergencyPhone)]
                : [CardAction.Call(turn.Message("crisis.call_center"), center.Value.EmergencyPhone)],
        };
        if (noVoice) question.SuggestedActions.Actions.Add(CardAction.ImBack(turn.Message("novoice.button")));
        return shown;
    }

    /// <summary>Staff alert (retried in the background) and then the audit record saying whether it arrived.</summary>
    private async Task AlertAndAuditAsync(FlowTurn turn, CrisisSignal signal, List<string> shown)
    {
        var incoming = turn.Turn.Incoming;
        var details = new Dictionary<string, object?>
        {
            ["category"] = signal.Category,
            ["immediate"] = signal.Immediate,
            ["aboutSomeoneElse"] = signal.AboutSomeoneElse,
            ["user"] = incoming.From?.Id,
        };
        if (notifications.Value.IncludeMessageText) details["text"] = turn.Text;
        try
        {
            var notified = await notifier.NotifyAsync(new StaffEvent("crisis", turn.Now, incoming.ChannelId ?? "", incoming.Conversation?.Id ?? "", details));
            var record = JsonSerializer.Serialize(new
            {
                time = turn.Now,
                channel = incoming.ChannelId,
                conversation = incoming.Conversation?.Id,
                category = signal.Category,
                immediate = signal.Immediate,
                cues = signal.Cues,
                shown,
                notified,
            }, ActivityJson.Options);
            await records.AppendAsync(AuditLog, turn.Now, record, safety.Value.AuditRetention);
        }
        catch (Exception ex)
        {
            // The resident already has the reply; a lost audit record is logged, never thrown.
            SafetyLog.AuditFailed(log, ex.GetType().Name);
        }
    }

    /// <summary>The center's FAX and this chat, then the public text routes, below the lines of a check-in.</summary>
    private void AppendNoVoice(FlowTurn turn, StringBuilder lines)
    {
        lines.Append('\n').Append(turn.Message("novoice.center"));
        foreach (var t in hotlines.TextOnly(turn.Culture))
            lines.Append('\n').Append(turn.Turn.Text("crisis.text_only_line", new Dictionary<string, string> { ["name"] = t.Name, ["detail"] = t.Detail }));
    }

    private static bool Same(string a, string b) => ShortAnswers.FoldOne(a) == ShortAnswers.FoldOne(b);
}

internal static partial class SafetyLog
{
    [LoggerMessage(4001, LogLevel.Warning, "Crisis reply given on channel {Channel} (category {Category}, immediate {Immediate}).")]
    public static partial void CrisisAnswered(ILogger logger, string channel, string category, bool immediate);

    [LoggerMessage(4003, LogLevel.Information, "Concern check-in given on channel {Channel}.")]
    public static partial void ConcernAnswered(ILogger logger, string channel);

    [LoggerMessage(4002, LogLevel.Error, "Writing the crisis audit record failed ({ExceptionType}).")]
    public static partial void AuditFailed(ILogger logger, string exceptionType);
}
