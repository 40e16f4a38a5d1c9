using SupportBot.Engine.Activities;

namespace SupportBot.Engine.Flows.Inputs;

/// <summary>
/// A kind of expected input (<c>expect:</c> in a step): reads an answer from the message, and
/// decorates the question (buttons, a date-picker hint) for channels that can show them.
/// </summary>
public interface IInputKind
{
    string Name { get; }

    /// <summary>Message keys this kind may say (checked at start-up like the flows' own keys).</summary>
    IReadOnlyCollection<string> MessageKeys { get; }

    /// <summary>
    /// The outcomes an answer to <paramref name="step"/> may have, checked against its <c>on:</c> at start-up;
    /// null when they cannot be known before the turn (choices made at run time, free input).
    /// </summary>
    IReadOnlyCollection<string>? Outcomes(StepDefinition step) => null;

    InputResult Read(FlowTurn turn, StepDefinition step);

    void Decorate(FlowTurn turn, StepDefinition step, Activity question);
}

public abstract record InputResult
{
    /// <summary>An answer: the value kept by <c>store</c>, the outcome for <c>on</c>, and how to show it back.</summary>
    public sealed record Matched(string Value, string? Outcome = null, string? Display = null) : InputResult;

    /// <summary>No fitting answer; <paramref name="MessageKey"/> says why, if more than "please answer again".</summary>
    public sealed record NoMatch(string? MessageKey = null, IReadOnlyDictionary<string, string>? Args = null) : InputResult;
}
