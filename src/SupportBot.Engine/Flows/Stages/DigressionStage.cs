using SupportBot.Engine.Activities;
using SupportBot.Engine.Flows.Inputs;

namespace SupportBot.Engine.Flows.Stages;

/// <summary>
/// An FAQ asked in the middle of a question that it does not answer: the FAQ is answered in passing and the
/// bot asks whether to go on (the answer goes to <see cref="ResumeStage"/>). A message that fits the question
/// is its answer, and a menu routes what does not fit, so both are left to <see cref="ReadStage"/>.
/// </summary>
public sealed class DigressionStage(FlowRunner runner) : IFlowStage
{
    public async Task<bool> TryHandleAsync(FlowTurn turn, CancellationToken cancellationToken)
    {
        if (runner.EnterQuestion(turn) is not { } question || runner.Digression(turn, question) is not { } faq
            || runner.Answer(turn, question) is InputResult.Matched || question.Step.Soft) return false;
        await runner.RunAnswerAsync(turn, faq, cancellationToken);
        FlowRunner.Enter(turn, question.Flow, question.Frame);
        question.Frame.AwaitingResume = true;
        var offer = turn.Say("common.resume_offer");
        runner.Flows.Inputs[FlowNames.Kinds.YesNo].Decorate(turn, question.Step, offer);
        offer.InputHint = InputHints.ExpectingInput;
        return true;
    }
}
