using SupportBot.Engine.Flows.Inputs;

namespace SupportBot.Engine.Flows.Stages;

/// <summary>
/// The answer to the open question: one that fits is stored and the flow moves on; one that does not gets a
/// retry, and after <c>max_attempts</c> a polite give-up with the menu. A menu (a soft question) does not retry:
/// it steps aside and leaves the message to <see cref="RouteStage"/>, so a question typed at the menu is asked.
/// </summary>
public sealed class ReadStage(FlowRunner runner) : IFlowStage
{
    public async Task<bool> TryHandleAsync(FlowTurn turn, CancellationToken cancellationToken)
    {
        if (runner.EnterQuestion(turn) is not { } question) return false;
        var (flow, frame, step) = (question.Flow, question.Frame, question.Step);
        var result = runner.Answer(turn, question);
        if (result is InputResult.Matched matched)
        {
            frame.Attempts = 0;
            if (step.Store is not null)
            {
                // What was said back to the person, and the value behind it (a choice's id) for actions.
                frame.Values[step.Store] = matched.Display ?? matched.Value;
                frame.Values[step.Store + ".value"] = matched.Value;
            }
            await runner.GoAsync(turn, flow, frame, FlowRunner.Next(flow, step, matched.Outcome ?? matched.Value), cancellationToken);
            return true;
        }

        if (step.Soft)
        {
            turn.State.Stack.Remove(frame);
            return false;
        }

        frame.Attempts++;
        if (frame.Attempts >= flow.MaxAttempts)
        {
            await runner.LeaveAllAsync(turn, cancellationToken);
            turn.Say("common.give_up");
            await runner.StartEventAsync(turn, FlowNames.Events.Menu, cancellationToken);
            return true;
        }
        var noMatch = (InputResult.NoMatch)result;
        if (noMatch.Args is not null) foreach (var (k, v) in noMatch.Args) turn.Args[k] = v;
        if (step.Retry is not null) { runner.Ask(turn, step, retry: true); return true; }
        // No retry wording of its own: say what did not fit, then ask again.
        turn.Say(noMatch.MessageKey ?? "common.retry.generic");
        runner.Ask(turn, step, retry: false);
        return true;
    }
}
