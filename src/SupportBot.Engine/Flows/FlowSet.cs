using SupportBot.Engine.Flows.Actions;
using SupportBot.Engine.Flows.Inputs;

namespace SupportBot.Engine.Flows;

/// <summary>The loaded flows with their input kinds and actions, indexed for the engine.</summary>
public sealed class FlowSet
{
    public FlowSet(IEnumerable<FlowDefinition> flows, IEnumerable<IInputKind> inputs, IEnumerable<IFlowAction> actions)
    {
        Flows = flows.ToDictionary(f => f.Id, StringComparer.Ordinal);
        Inputs = inputs.ToDictionary(i => i.Name, StringComparer.Ordinal);
        Actions = actions.ToDictionary(a => a.Name, StringComparer.Ordinal);
        ByIntent = new Dictionary<string, FlowDefinition>(StringComparer.Ordinal);
        ByEvent = new Dictionary<string, FlowDefinition>(StringComparer.Ordinal);
        foreach (var flow in Flows.Values)
        {
            foreach (var intent in flow.Intents) ByIntent.TryAdd(intent, flow);
            foreach (var e in flow.Events) ByEvent.TryAdd(e, flow);
        }
    }

    public IReadOnlyDictionary<string, FlowDefinition> Flows { get; }
    public IReadOnlyDictionary<string, IInputKind> Inputs { get; }
    public IReadOnlyDictionary<string, IFlowAction> Actions { get; }
    public Dictionary<string, FlowDefinition> ByIntent { get; }
    public Dictionary<string, FlowDefinition> ByEvent { get; }

    /// <summary>Events the engine itself starts; each needs exactly one flow.</summary>
    public static readonly string[] EngineEvents = FlowNames.Events.All;

    /// <summary>
    /// An answer-only flow (no question other than a soft menu, not one of the engine's own event
    /// flows like help or the menu) can be answered in the middle of another.
    /// </summary>
    public static bool IsAnswer(FlowDefinition flow) => flow.Events.Count == 0 && flow.Steps.All(s => s.Ask is null || s.Soft);
}
