using SupportBot.Language.Answers;

namespace SupportBot.Engine.Flows.Stages;

/// <summary>"Why do you ask?" at a question that has a <c>why</c>: the reason, then the question again.</summary>
public sealed class WhyStage(FlowRunner runner) : IFlowStage
{
    public Task<bool> TryHandleAsync(FlowTurn turn, CancellationToken cancellationToken)
    {
        if (runner.EnterQuestion(turn) is not { Step.Why: { } why } question || !ShortAnswers.IsWhyQuestion(turn.Text)) return Task.FromResult(false);
        turn.Say(why);
        runner.Ask(turn, question.Step, retry: false);
        return Task.FromResult(true);
    }
}
