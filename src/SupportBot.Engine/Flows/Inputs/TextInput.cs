using SupportBot.Engine.Activities;

namespace SupportBot.Engine.Flows.Inputs;

/// <summary>Free text, with an optional maximum length (<c>max_length</c>).</summary>
public sealed class TextInput : IInputKind
{
    public string Name => FlowNames.Kinds.Text;
    public IReadOnlyCollection<string> MessageKeys => ["common.retry.text", "common.retry.too_long"];

    public InputResult Read(FlowTurn turn, StepDefinition step)
    {
        var text = turn.Text.Trim();
        if (text.Length == 0) return new InputResult.NoMatch("common.retry.text");
        if (step.MaxLength is { } max && text.Length > max)
            return new InputResult.NoMatch("common.retry.too_long", new Dictionary<string, string> { ["max"] = max.ToString() });
        return new InputResult.Matched(text);
    }

    public void Decorate(FlowTurn turn, StepDefinition step, Activity question) { }
}
