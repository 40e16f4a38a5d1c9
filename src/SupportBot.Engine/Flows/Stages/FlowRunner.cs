using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SupportBot.Engine.Activities;
using SupportBot.Engine.Flows.Inputs;
using SupportBot.Engine.State;
using SupportBot.Engine.Understanding;
using SupportBot.Language.Answers;

namespace SupportBot.Engine.Flows.Stages;

/// <summary>
/// What the stages do to flows, in one place: start one, run its steps, ask its question, answer an FAQ in
/// passing, leave the open ones (giving back what they held), and find the question the person is answering.
/// </summary>
public sealed class FlowRunner(FlowSet flows, UnderstandingOptions thresholds, ILogger? log = null)
{
    // A flow that loops on steps without a question would otherwise never end the turn.
    private const int MaxStepsPerTurn = 50;

    // A word or two is the answer to the question (a nickname like 「ゆう」), never a question of its own.
    private const int MinDigressionLength = 4;

    public FlowSet Flows => flows;
    public UnderstandingOptions Thresholds => thresholds;

    /// <summary>
    /// The question the person is answering, or null when the innermost flow asks nothing (or none is open).
    /// Found once per turn, so the stages share one reading of the answer; found again only if a stage moved on.
    /// </summary>
    public OpenQuestion? Question(FlowTurn ft)
    {
        var frame = ft.State.Stack.LastOrDefault();
        if (ft.Question is { } known && known.Frame == frame && known.Step.Id == frame?.Step) return known;
        ft.Question = frame is not null && flows.Flows.TryGetValue(frame.Flow, out var flow) && flow.Step(frame.Step) is { Ask: not null } step
            ? new OpenQuestion(flow, frame, step)
            : null;
        return ft.Question;
    }

    /// <summary>The open question with its flow entered, so its answer is read with the flow's values.</summary>
    public OpenQuestion? EnterQuestion(FlowTurn ft)
    {
        if (Question(ft) is not { } question) return null;
        Enter(ft, question.Flow, question.Frame);
        return question;
    }

    /// <summary>An FAQ asked in the middle of the open question (answered in passing), or null.</summary>
    public FlowDefinition? Digression(FlowTurn ft, OpenQuestion question) =>
        question.Flow.AllowsDigressions && ft.Text.Trim().Length >= MinDigressionLength && Confident(ft) is { } answer
        && FlowSet.IsAnswer(answer) && answer.Id != question.Flow.Id ? answer : null;

    /// <summary>
    /// The message read as the answer to the open question. Free text accepts anything, so a clear FAQ question
    /// is not taken as a free-text answer.
    /// </summary>
    public InputResult Answer(FlowTurn ft, OpenQuestion question) =>
        question.Answer ??= question.Step.Expect == FlowNames.Kinds.Text && Digression(ft, question) is not null
            ? new InputResult.NoMatch()
            : flows.Inputs[question.Step.Expect!].Read(ft, question.Step);

    /// <summary>
    /// The answer-only flow the message confidently asks for (hours, closed days, access, the emergency line),
    /// or null: what can be answered without the conversation's state.
    /// </summary>
    public FlowDefinition? StatelessAnswer(FlowTurn ft) =>
        Confident(ft) is { Personal: false } flow && FlowSet.IsAnswer(flow) ? flow : null;

    private FlowDefinition? Confident(FlowTurn ft) =>
        ft.Intents.FirstOrDefault() is { } top && top.Score >= thresholds.ConfidentScore && flows.ByIntent.TryGetValue(top.Name, out var flow) ? flow : null;

    public Task StartEventAsync(FlowTurn ft, string name, CancellationToken ct) =>
        flows.ByEvent.TryGetValue(name, out var flow) ? StartFlowAsync(ft, flow, ct) : Task.CompletedTask;

    /// <summary>Starts a flow on top of the stack (an open menu is dropped: it was only waiting for a choice).</summary>
    public Task StartFlowAsync(FlowTurn ft, FlowDefinition flow, CancellationToken ct)
    {
        if (flow.Personal && ft.Turn.Incoming.Conversation?.IsGroup == true)
        {
            ft.Say("common.personal_in_group");
            return Task.CompletedTask;
        }
        ft.State.Stack.RemoveAll(f => flows.Flows.TryGetValue(f.Flow, out var open) && open.Step(f.Step) is { Soft: true });
        var frame = new DialogFrame { Flow = flow.Id, Step = flow.First.Id };
        ft.State.Stack.Add(frame);
        ReadFromStart(ft, flow, frame);
        return RunFromAsync(ft, flow, frame, flow.First.Id, ct);
    }

    // The flow value that marks a question answered by the message that started the flow (its outcome).
    private static string FromStartKey(StepDefinition step) => "from_start:" + step.Id;

    /// <summary>
    /// Reads the starting message as the answer to each <c>from_start</c> question: one that fits is stored as if
    /// the person had answered it, so they are not asked what they already said.
    /// </summary>
    private void ReadFromStart(FlowTurn ft, FlowDefinition flow, DialogFrame frame)
    {
        // A bare number picked the flow from a menu (「2」): it answers nothing in the flow itself.
        if (!flow.Steps.Any(s => s.FromStart) || ShortAnswers.ReadChoiceNumber(ft.Text) is not null) return;
        Enter(ft, flow, frame);
        foreach (var step in flow.Steps)
        {
            if (!step.FromStart || flows.Inputs[step.Expect!].Read(ft, step) is not InputResult.Matched matched) continue;
            frame.Values[step.Store!] = matched.Display ?? matched.Value;
            frame.Values[step.Store! + ".value"] = matched.Value;
            frame.Values[FromStartKey(step)] = matched.Outcome ?? matched.Value;
        }
    }

    /// <summary>The outcome of a question the starting message answered, once: a later visit asks it.</summary>
    private static string? TakeFromStart(DialogFrame frame, StepDefinition step) =>
        step.FromStart && frame.Values.Remove(FromStartKey(step), out var outcome) ? outcome : null;

    /// <summary>Answers an FAQ in the middle of another flow: its actions and messages, without its menu.</summary>
    public async Task RunAnswerAsync(FlowTurn ft, FlowDefinition answer, CancellationToken ct)
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

    /// <summary>Moves the flow to a target: a step, the end, or another flow.</summary>
    public async Task GoAsync(FlowTurn ft, FlowDefinition flow, DialogFrame frame, string target, CancellationToken ct)
    {
        if (target == Targets.End) { ft.State.Stack.Remove(frame); return; }
        if (Targets.IsFlow(target, out var next))
        {
            ft.State.Stack.Remove(frame);
            await StartFlowAsync(ft, flows.Flows[next], ct);
            return;
        }
        await RunFromAsync(ft, flow, frame, target, ct);
    }

    /// <summary>Runs steps from <paramref name="stepId"/> until one asks a question or the flow moves away.</summary>
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
            if (step.Ask is not null)
            {
                if (TakeFromStart(frame, step) is not { } answered) { Ask(ft, step, retry: false); return; }
                outcome = answered;
            }

            var target = Next(flow, step, outcome);
            if (target == Targets.End || Targets.IsFlow(target, out _)) { await GoAsync(ft, flow, frame, target, ct); return; }
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

    /// <summary>Asks the step's question (or its retry wording), with the input kind's buttons or hints.</summary>
    public void Ask(FlowTurn ft, StepDefinition step, bool retry)
    {
        var question = ft.Say(retry && step.Retry is not null ? step.Retry : step.Ask!);
        question.InputHint = InputHints.ExpectingInput;
        flows.Inputs[step.Expect!].Decorate(ft, step, question);
    }

    /// <summary>Drops every open flow, innermost first, running each one's <c>on_leave</c> action.</summary>
    public async Task LeaveAllAsync(FlowTurn ft, CancellationToken ct)
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
    public async Task LeftAfterGuardAsync(FlowTurn ft, List<DialogFrame> open, CancellationToken ct)
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
                Turns.TurnLog.LeaveFailed(log ?? NullLogger.Instance, flow.Id, error.GetType().Name);
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

    /// <summary>Makes <paramref name="flow"/> the one whose values the turn's messages, inputs and actions see.</summary>
    public static void Enter(FlowTurn ft, FlowDefinition flow, DialogFrame frame)
    {
        ft.Flow = flow;
        ft.Frame = frame;
        ft.Turn.Flow = flow.Id;
    }

    /// <summary>The transition for an outcome: <c>on</c>, else <c>then</c>, else the next step, else the end.</summary>
    public static string Next(FlowDefinition flow, StepDefinition step, string? outcome)
    {
        if (outcome is not null && step.On.TryGetValue(outcome, out var target)) return target;
        if (step.Then is not null) return step.Then;
        var index = flow.Steps.ToList().IndexOf(step);
        return index + 1 < flow.Steps.Count ? flow.Steps[index + 1].Id : Targets.End;
    }
}
