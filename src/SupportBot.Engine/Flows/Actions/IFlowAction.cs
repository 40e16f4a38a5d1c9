namespace SupportBot.Engine.Flows.Actions;

/// <summary>
/// A named piece of C# a step runs (<c>action:</c>): looks something up or does something, puts
/// values for the step's messages into <see cref="FlowTurn.Args"/>, and may return an outcome that
/// picks the step's transition (<c>on:</c>).
/// </summary>
public interface IFlowAction
{
    string Name { get; }

    /// <summary>The placeholders it fills (checked at start-up against the messages that use them).</summary>
    IReadOnlyCollection<string> Provides { get; }

    /// <summary>The outcomes it may return (checked against <c>on:</c>).</summary>
    IReadOnlyCollection<string> Outcomes { get; }

    Task<string?> RunAsync(FlowTurn turn, CancellationToken cancellationToken);
}
