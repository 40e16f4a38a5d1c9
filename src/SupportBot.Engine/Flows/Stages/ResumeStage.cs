using SupportBot.Language.Answers;

namespace SupportBot.Engine.Flows.Stages;

/// <summary>
/// The answer to "shall we go on?" (asked by <see cref="DigressionStage"/> after an FAQ answered in passing):
/// yes asks the open question again, no leaves the flow. Anything else is read as usual by the later stages.
/// </summary>
public sealed class ResumeStage(FlowRunner runner) : IFlowStage
{
    public async Task<bool> TryHandleAsync(FlowTurn turn, CancellationToken cancellationToken)
    {
        if (runner.EnterQuestion(turn) is not { Frame.AwaitingResume: true } question) return false;
        question.Frame.AwaitingResume = false;
        switch (ShortAnswers.ReadYesNo(turn.Text))
        {
            case YesNo.Yes:
                runner.Ask(turn, question.Step, retry: false);
                return true;
            case YesNo.No:
                await runner.LeaveAllAsync(turn, cancellationToken);
                turn.Say("common.resume_declined");
                await runner.StartEventAsync(turn, FlowNames.Events.Menu, cancellationToken);
                return true;
            default:
                return false;
        }
    }
}
