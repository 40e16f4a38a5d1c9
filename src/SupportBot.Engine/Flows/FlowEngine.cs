using SupportBot.Language.Intents;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SupportBot.Engine.Activities;
using SupportBot.Engine.Bot;
using SupportBot.Engine.Flows.Inputs;
using SupportBot.Engine.State;
using SupportBot.Engine.Understanding;
using SupportBot.Language.Replies;

namespace SupportBot.Engine.Flows;

/// <summary>
/// Runs the flows of <c>dialogs/</c>. Every message goes, in priority order, to: the guards (crisis)
/// → cancel → help / menu → a pending "go on?" or "did you mean?" question → the active question
/// (with "why do you ask?", and an FAQ answered in passing with an offer to resume) → intent routing
/// (act, ask which of two, or fall back to the menu and the phone number).
/// </summary>
public sealed class FlowEngine(
    FlowSet flows,
    IIntentRecognizer recognizer,
    IEnumerable<ITurnGuard> guards,
    IOptions<UnderstandingOptions> understanding,
    ILogger<FlowEngine>? log = null) : IBot
{
    private const int MaxStepsPerTurn = 50;
    private const int MinDigressionLength = 4;
    private readonly UnderstandingOptions _thresholds = understanding.Value;

    /// <summary>Message keys the engine itself says (checked at start-up).</summary>
    public static readonly string[] MessageKeys =
    [
        "common.cancelled", "common.nothing_to_cancel", "common.resume_offer", "common.resume_declined", "common.give_up",
        "common.retry.generic", "common.clarify", "common.clarify_none", "common.something_else", "common.yes", "common.no", "common.personal_in_group",
    ];

    public async Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var incoming = turn.Incoming;
        if (incoming.Type == ActivityTypes.ConversationUpdate)
        {
            if (incoming.MembersAdded?.Any(m => m.Id != incoming.Recipient?.Id) ?? false)
                await StartEventAsync(new FlowTurn(turn, recognizer, null), FlowNames.Events.Welcome, cancellationToken);
            return;
        }
        if (!incoming.IsMessage) return;

        var ft = new FlowTurn(turn, recognizer, MessageText(incoming));
        try
        {
            var open = ft.State.Stack.ToList();
            foreach (var guard in guards)
                if (await guard.HandleAsync(ft, cancellationToken))
                {
                    await LeftAfterGuardAsync(ft, open, cancellationToken);
                    return;
                }
            if (string.IsNullOrWhiteSpace(ft.Text)) { await StartEventAsync(ft, FlowNames.Events.Menu, cancellationToken); return; }
            await HandleAsync(ft, cancellationToken);
        }
        finally
        {
            foreach (var guard in guards) guard.AfterTurn(ft);
        }
        turn.Trace("SupportBot.Understanding", new
        {
            intents = ft.Intents.Take(3),
            stack = turn.State.Stack.Select(f => $"{f.Flow}/{f.Step}"),
        });
    }

    /// <summary>
    /// A turn without state (the store is down): only the guards may answer — a crisis message still
    /// gets its full reply. Returns false when no guard answered.
    /// </summary>
    public async Task<bool> OnStatelessTurnAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (!turn.Incoming.IsMessage) return false;
        var ft = new FlowTurn(turn, recognizer, MessageText(turn.Incoming));
        foreach (var guard in guards)
        {
            if (!await guard.HandleAsync(ft, cancellationToken)) continue;
            foreach (var g in guards) g.AfterTurn(ft);
            return true;
        }
        return false;
    }

    private async Task HandleAsync(FlowTurn ft, CancellationToken ct)
    {
        var state = ft.State;
        switch (ShortAnswers.ReadCommand(ft.Text) ?? CommandFromIntent(ft))
        {
            case Command.Cancel:
                var hadFlow = state.Stack.Count > 0 && !IsMenuOnly(state);
                await LeaveAllAsync(ft, ct);
                state.Clarifying = null;
                ft.Say(hadFlow ? "common.cancelled" : "common.nothing_to_cancel");
                await StartEventAsync(ft, FlowNames.Events.Menu, ct);
                return;
            case Command.Help:
                await LeaveAllAsync(ft, ct);
                state.Clarifying = null;
                await StartEventAsync(ft, FlowNames.Events.Help, ct);
                return;
            case Command.Menu:
                await LeaveAllAsync(ft, ct);
                state.Clarifying = null;
                await StartEventAsync(ft, FlowNames.Events.Menu, ct);
                return;
        }

        if (state.Clarifying is { } offered)
        {
            state.Clarifying = null;
            if (PickOffered(ft, offered) is { } picked) { await StartFlowAsync(ft, flows.ByIntent[picked], ct); return; }
        }

        var frame = state.Stack.LastOrDefault();
        if (frame is not null && flows.Flows.TryGetValue(frame.Flow, out var flow) && flow.Step(frame.Step) is { Ask: not null } step)
        {
            Enter(ft, flow, frame);
            if (frame.AwaitingResume)
            {
                frame.AwaitingResume = false;
                switch (ShortAnswers.ReadYesNo(ft.Text))
                {
                    case YesNo.Yes: Ask(ft, step, retry: false); return;
                    case YesNo.No:
                        await LeaveAllAsync(ft, ct);
                        ft.Say("common.resume_declined");
                        await StartEventAsync(ft, FlowNames.Events.Menu, ct);
                        return;
                }
            }

            if (step.Why is not null && ShortAnswers.IsWhyQuestion(ft.Text))
            {
                ft.Say(step.Why);
                Ask(ft, step, retry: false);
                return;
            }

            // Free text accepts anything, so a clear FAQ question must be recognized before it.
            // A word or two is the answer to the question (a nickname like 「ゆう」), never a question of its own.
            var digression = flow.AllowsDigressions && ft.Text.Trim().Length >= MinDigressionLength && Confident(ft) is { } answer
                && FlowSet.IsAnswer(answer) && answer.Id != flow.Id ? answer : null;
            var result = digression is not null && step.Expect == FlowNames.Kinds.Text ? new InputResult.NoMatch() : flows.Inputs[step.Expect!].Read(ft, step);
            if (result is InputResult.Matched matched)
            {
                frame.Attempts = 0;
                if (step.Store is not null)
                {
                    // What was said back to the person, and the value behind it (a choice's id) for actions.
                    frame.Values[step.Store] = matched.Display ?? matched.Value;
                    frame.Values[step.Store + ".value"] = matched.Value;
                }
                await GoAsync(ft, flow, frame, Next(flow, step, matched.Outcome ?? matched.Value), ct);
                return;
            }

            if (step.Soft)
            {
                state.Stack.Remove(frame);
                await RouteAsync(ft, ct);
                return;
            }

            if (digression is not null)
            {
                await RunAnswerAsync(ft, digression, ct);
                Enter(ft, flow, frame);
                frame.AwaitingResume = true;
                var offer = ft.Say("common.resume_offer");
                flows.Inputs[FlowNames.Kinds.YesNo].Decorate(ft, step, offer);
                offer.InputHint = InputHints.ExpectingInput;
                return;
            }

            frame.Attempts++;
            if (frame.Attempts >= flow.MaxAttempts)
            {
                await LeaveAllAsync(ft, ct);
                ft.Say("common.give_up");
                await StartEventAsync(ft, FlowNames.Events.Menu, ct);
                return;
            }
            var noMatch = (InputResult.NoMatch)result;
            if (noMatch.Args is not null) foreach (var (k, v) in noMatch.Args) ft.Args[k] = v;
            if (step.Retry is not null) { Ask(ft, step, retry: true); return; }
            // No retry wording of its own: say what did not fit, then ask again.
            ft.Say(noMatch.MessageKey ?? "common.retry.generic");
            Ask(ft, step, retry: false);
            return;
        }

        await RouteAsync(ft, ct);
    }

    /// <summary>
    /// Top-level routing by intent. Answer, don't quiz: the top intent is acted on whenever it is likely enough,
    /// and a second question in the same message (「開所時間と駐車場は？」) gets its answer too. Only when the top
    /// two are genuinely close does the bot ask which was meant — between those two, never one option plus
    /// 「どちらでもない」. An answer given on a weaker reading offers the menu as a quick way to say it was
    /// something else. Below the floor: the fallback (menu and phone number).
    /// </summary>
    private async Task RouteAsync(FlowTurn ft, CancellationToken ct)
    {
        var ranked = ft.Intents.Where(i => flows.ByIntent.ContainsKey(i.Name)).Take(2).ToList();
        var decision = IntentDecision.Decide(ranked, _thresholds.ConfidentScore, _thresholds.ClarifyScore, _thresholds.CloseMargin);
        if (decision.Action == IntentAction.Fallback) { await StartEventAsync(ft, FlowNames.Events.Fallback, ct); return; }
        var first = flows.ByIntent[decision.Top!.Name];

        if (decision.Action == IntentAction.Clarify && flows.ByIntent[decision.Second!.Name] != first)
        {
            ft.State.Clarifying = ranked.Select(c => c.Name).ToList();
            var question = ft.Say("common.clarify");
            question.InputHint = InputHints.ExpectingInput;
            question.SuggestedActions = new SuggestedActions
            {
                Actions = [.. ranked.Select(c => CardAction.ImBack(ft.Turn.Text("intent." + c.Name))), CardAction.ImBack(ft.Turn.Text("common.clarify_none"))],
            };
            return;
        }

        // A second question in the same message: answers first, then at most one flow that asks questions.
        if (SecondIntent(ft, first) is { } second && (FlowSet.IsAnswer(first) || FlowSet.IsAnswer(second)))
        {
            var (answer, then) = FlowSet.IsAnswer(first) ? (first, second) : (second, first);
            await RunAnswerAsync(ft, answer, ct);
            if (FlowSet.IsAnswer(then)) { await RunAnswerAsync(ft, then, ct); OfferMenu(ft); }
            else await StartFlowAsync(ft, then, ct);
            return;
        }
        await StartFlowAsync(ft, first, ct);
        if (!decision.Confident) OfferMenu(ft);
    }

    /// <summary>Another request in the same message: the confident intent of one of its sentences
    /// (「予約をキャンセルしたい。今日は何時まで？」), or, within one sentence, a second plain answer as confident as
    /// the first (「開所時間と駐車場を教えて」). Near readings of one request (find a meeting / join it) are not two.</summary>
    private FlowDefinition? SecondIntent(FlowTurn ft, FlowDefinition first)
    {
        FlowDefinition? Pick(IEnumerable<IntentScore> scores) =>
            scores.Where(i => i.Score >= _thresholds.ConfidentScore && flows.ByIntent.TryGetValue(i.Name, out var f) && f != first)
                .Select(i => flows.ByIntent[i.Name]).FirstOrDefault();
        static bool PlainAnswer(FlowDefinition f) => f.Steps.All(s => s.Ask is null);
        if (PlainAnswer(first) && Pick(ft.Intents.Skip(1).Take(1)) is { } next && PlainAnswer(next)) return next;
        var sentences = Sentences(ft.Text);
        if (sentences.Count < 2) return null;
        foreach (var sentence in sentences)
            if (Pick(recognizer.Recognize(sentence, ft.Culture).Take(1)) is { } found) return found;
        return null;
    }

    private static List<string> Sentences(string text) =>
        [.. text.Split(['。', '？', '?', '！', '!', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(s => s.Length >= 3)];

    /// <summary>After an answer on a weaker reading: the menu one tap away, in case it was something else.</summary>
    private static void OfferMenu(FlowTurn ft)
    {
        var last = ft.Turn.Replies.LastOrDefault(r => r.IsMessage);
        if (last is null || last.SuggestedActions is { Actions.Count: > 0 }) return;
        last.SuggestedActions = new SuggestedActions { Actions = [CardAction.ImBack(ft.Turn.Text("common.something_else"))] };
    }

    private FlowDefinition? Confident(FlowTurn ft) =>
        ft.Intents.FirstOrDefault() is { } top && top.Score >= _thresholds.ConfidentScore && flows.ByIntent.TryGetValue(top.Name, out var flow) ? flow : null;

    private string? PickOffered(FlowTurn ft, List<string> offered)
    {
        var folded = ShortAnswers.FoldOne(ft.Text);
        foreach (var intent in offered)
            if (flows.ByIntent.ContainsKey(intent) && ShortAnswers.FoldOne(ft.Turn.Text("intent." + intent)) == folded) return intent;
        if (ShortAnswers.ReadChoiceNumber(ft.Text) is { } n && n >= 1 && n <= offered.Count) return offered[n - 1];
        return null;
    }

    private Command? CommandFromIntent(FlowTurn ft)
    {
        // Only short messages count as commands by intent: 「予約をキャンセルしたい」 is booking.cancel, not cancel.
        if (ft.Text.Length > 12) return null;
        var top = ft.Intents.FirstOrDefault();
        if (top is null || top.Score < _thresholds.ConfidentScore) return null;
        // Inside a flow only "stop" is taken from the intent model: 「わからない」 at a question is an
        // answer to retry, not a request for the help page that would drop the flow.
        if (ft.State.Stack.Count > 0 && !IsMenuOnly(ft.State)) return top.Name == FlowNames.CommandIntents.Cancel && !FitsOpenQuestion(ft) ? Command.Cancel : null;
        return top.Name switch
        {
            FlowNames.CommandIntents.Cancel => Command.Cancel,
            FlowNames.CommandIntents.Help => Command.Help,
            FlowNames.CommandIntents.Menu => Command.Menu,
            _ => null,
        };
    }

    /// <summary>
    /// Whether the message is a fitting answer to the open question of a kind with specific answers
    /// (「特になし」 at an optional question, 「いいえ」 at a yes/no one): then it is that answer, even if
    /// the intent model hears "stop". Free text accepts anything, so it never counts here.
    /// </summary>
    private bool FitsOpenQuestion(FlowTurn ft)
    {
        var frame = ft.State.Stack.LastOrDefault();
        if (frame is null || !flows.Flows.TryGetValue(frame.Flow, out var flow) || flow.Step(frame.Step) is not { Ask: not null, Expect: { } expect } step
            || expect == FlowNames.Kinds.Text || !flows.Inputs.TryGetValue(expect, out var kind)) return false;
        var (previousFlow, previousFrame) = (ft.Flow, ft.Frame);
        Enter(ft, flow, frame);
        var fits = kind.Read(ft, step) is InputResult.Matched { Outcome: not FlowNames.Outcomes.Given };
        (ft.Flow, ft.Frame) = (previousFlow, previousFrame);
        return fits;
    }

    private static bool IsMenuOnly(ConversationState state) =>
        state.Stack.All(f => f.Flow is FlowNames.MenuFlows.Main or FlowNames.MenuFlows.Menu);

    private Task StartEventAsync(FlowTurn ft, string name, CancellationToken ct) =>
        flows.ByEvent.TryGetValue(name, out var flow) ? StartFlowAsync(ft, flow, ct) : Task.CompletedTask;

    /// <summary>Starts a flow on top of the stack (an open menu is dropped: it was only waiting for a choice).</summary>
    private Task StartFlowAsync(FlowTurn ft, FlowDefinition flow, CancellationToken ct)
    {
        if (flow.Personal && ft.Turn.Incoming.Conversation?.IsGroup == true)
        {
            ft.Say("common.personal_in_group");
            return Task.CompletedTask;
        }
        ft.State.Stack.RemoveAll(f => flows.Flows.TryGetValue(f.Flow, out var open) && open.Step(f.Step) is { Soft: true });
        var frame = new DialogFrame { Flow = flow.Id, Step = flow.First.Id };
        ft.State.Stack.Add(frame);
        return RunFromAsync(ft, flow, frame, flow.First.Id, ct);
    }

    /// <summary>Answers an FAQ in the middle of another flow: its actions and messages, without its menu.</summary>
    private async Task RunAnswerAsync(FlowTurn ft, FlowDefinition answer, CancellationToken ct)
    {
        var frame = new DialogFrame { Flow = answer.Id, Step = answer.First.Id };
        Enter(ft, answer, frame);
        var step = answer.First;
        for (var i = 0; i < MaxStepsPerTurn && step is not null && step.Ask is null; i++)
        {
            var outcome = await RunActionAsync(ft, step, ct);
            foreach (var key in step.Say) ft.Say(key);
            var next = Next(answer, step, outcome);
            step = next == Targets.End || Targets.IsFlow(next, out _) ? null : answer.Step(next);
        }
        ft.Args.Clear();
    }

    private async Task GoAsync(FlowTurn ft, FlowDefinition flow, DialogFrame frame, string target, CancellationToken ct)
    {
        if (target == Targets.End) { End(ft, frame); return; }
        if (Targets.IsFlow(target, out var next))
        {
            ft.State.Stack.Remove(frame);
            await StartFlowAsync(ft, flows.Flows[next], ct);
            return;
        }
        await RunFromAsync(ft, flow, frame, target, ct);
    }

    private async Task RunFromAsync(FlowTurn ft, FlowDefinition flow, DialogFrame frame, string stepId, CancellationToken ct)
    {
        for (var i = 0; i < MaxStepsPerTurn; i++)
        {
            var step = flow.Step(stepId)!;
            frame.Step = step.Id;
            frame.Attempts = 0;
            Enter(ft, flow, frame);
            var outcome = await RunActionAsync(ft, step, ct);
            foreach (var key in step.Say) ft.Say(key);
            if (step.Ask is not null) { Ask(ft, step, retry: false); return; }

            var target = Next(flow, step, outcome);
            if (target == Targets.End) { End(ft, frame); return; }
            if (Targets.IsFlow(target, out var nextFlow))
            {
                ft.State.Stack.Remove(frame);
                await StartFlowAsync(ft, flows.Flows[nextFlow], ct);
                return;
            }
            stepId = target;
        }
        throw new InvalidOperationException($"Flow '{flow.Id}' ran more than {MaxStepsPerTurn} steps in one turn.");
    }

    private async Task<string?> RunActionAsync(FlowTurn ft, StepDefinition step, CancellationToken ct)
    {
        if (step.Action is null) return null;
        var outcome = await flows.Actions[step.Action].RunAsync(ft, ct);
        // What an action provides stays with the flow, so a retried question can still say it.
        if (ft.Frame is { } frame) foreach (var (k, v) in ft.Args) frame.Values[k] = v;
        return outcome;
    }

    private void Ask(FlowTurn ft, StepDefinition step, bool retry)
    {
        var question = ft.Say(retry && step.Retry is not null ? step.Retry : step.Ask!);
        question.InputHint = InputHints.ExpectingInput;
        flows.Inputs[step.Expect!].Decorate(ft, step, question);
    }

    private static void End(FlowTurn ft, DialogFrame frame) => ft.State.Stack.Remove(frame);

    /// <summary>Drops every open flow, innermost first, running each one's <c>on_leave</c> action.</summary>
    private async Task LeaveAllAsync(FlowTurn ft, CancellationToken ct)
    {
        var stack = ft.State.Stack;
        for (var i = stack.Count - 1; i >= 0; i--)
            if (flows.Flows.TryGetValue(stack[i].Flow, out var flow) && flow.OnLeave is not null)
                await LeaveAsync(ft, flow, stack[i], ct);
        stack.Clear();
        ft.Flow = null;
        ft.Frame = null;
    }

    /// <summary>
    /// A guard (the crisis guard) answered and dropped the open flows: give back what they held. Its
    /// reply must reach the person whatever happens here, so a failure is logged and left to expire.
    /// </summary>
    private async Task LeftAfterGuardAsync(FlowTurn ft, List<DialogFrame> open, CancellationToken ct)
    {
        for (var i = open.Count - 1; i >= 0; i--)
        {
            if (ft.State.Stack.Contains(open[i]) || !flows.Flows.TryGetValue(open[i].Flow, out var flow) || flow.OnLeave is null) continue;
            try
            {
                await LeaveAsync(ft, flow, open[i], ct);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                Turns.TurnLog.LeaveFailed(log ?? NullLogger<FlowEngine>.Instance, flow.Id, error.GetType().Name);
            }
        }
        ft.Flow = null;
        ft.Frame = null;
    }

    private async Task LeaveAsync(FlowTurn ft, FlowDefinition flow, DialogFrame frame, CancellationToken ct)
    {
        Enter(ft, flow, frame);
        await flows.Actions[flow.OnLeave!].RunAsync(ft, ct);
    }

    private static void Enter(FlowTurn ft, FlowDefinition flow, DialogFrame frame)
    {
        ft.Flow = flow;
        ft.Frame = frame;
    }

    /// <summary>The transition for an outcome: <c>on</c>, else <c>then</c>, else the next step, else the end.</summary>
    public static string Next(FlowDefinition flow, StepDefinition step, string? outcome)
    {
        if (outcome is not null && step.On.TryGetValue(outcome, out var target)) return target;
        if (step.Then is not null) return step.Then;
        var index = flow.Steps.ToList().IndexOf(step);
        return index + 1 < flow.Steps.Count ? flow.Steps[index + 1].Id : Targets.End;
    }

    /// <summary>The text of a message, or of a button's value (postBack / messageBack carry it there).</summary>
    private static string? MessageText(Activity activity)
    {
        if (!string.IsNullOrWhiteSpace(activity.Text)) return activity.Text;
        return activity.Value is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;
    }
}
