using SupportBot.Engine.Flows.Inputs;
using SupportBot.Engine.State;

namespace SupportBot.Engine.Flows.Stages;

/// <summary>The question the person is answering: the innermost open flow's current step, which asks one.</summary>
public sealed class OpenQuestion(FlowDefinition flow, DialogFrame frame, StepDefinition step)
{
    public FlowDefinition Flow { get; } = flow;
    public DialogFrame Frame { get; } = frame;
    public StepDefinition Step { get; } = step;

    /// <summary>
    /// The message read as the answer (<see cref="FlowRunner.Answer"/>), kept so that every stage sees the same
    /// reading and an input kind that stores something while reading (a new date wish) reads only once.
    /// </summary>
    internal InputResult? Answer { get; set; }
}
