using SupportBot.Language.Answers;

namespace SupportBot.Engine.Flows.Actions;

/// <summary>
/// <c>text.after_hours</c>: whether the message asks about nights, weekends, holidays or urgency
/// (<see cref="AfterHoursWords"/>). Outcomes: <c>yes</c> (add the 24-hour line to the answer), <c>no</c>.
/// </summary>
public sealed class AfterHoursQuestionAction : IFlowAction
{
    public string Name => "text.after_hours";
    public IReadOnlyCollection<string> Provides => [];
    public IReadOnlyCollection<string> Outcomes => ["yes", "no"];

    public Task<string?> RunAsync(FlowTurn turn, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(AfterHoursWords.Mention(turn.Text) ? "yes" : "no");
}
