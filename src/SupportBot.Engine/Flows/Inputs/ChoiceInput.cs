using System.Text;
using SupportBot.Engine.Activities;
using SupportBot.Language.Answers;

namespace SupportBot.Engine.Flows.Inputs;

/// <summary>
/// One of the step's choices, shown as buttons. Accepts the button (its label), the number
/// (1, １, ①, 一), typed text naming the label, or a message whose intent a choice lists.
/// </summary>
public sealed class ChoiceInput(Understanding.UnderstandingOptions understanding) : IInputKind
{
    public string Name => FlowNames.Kinds.Choice;
    public IReadOnlyCollection<string> MessageKeys => ["common.retry.choice"];

    /// <summary>The values of the step's choices; unknown when an action makes them at run time.</summary>
    public IReadOnlyCollection<string>? Outcomes(StepDefinition step) =>
        step.ChoicesFrom is null ? step.Choices.Select(c => c.Value).ToList() : null;

    public InputResult Read(FlowTurn turn, StepDefinition step)
    {
        var folded = ShortAnswers.FoldOne(turn.Text);
        if (folded.Length == 0) return new InputResult.NoMatch("common.retry.choice");
        var options = Options(turn, step);
        var labels = options.Select(o => ShortAnswers.FoldOne(o.Label)).ToList();

        for (var i = 0; i < labels.Count; i++)
            if (labels[i] == folded) return Pick(options, i);

        if (ShortAnswers.ReadChoiceNumber(turn.Text) is { } n && n >= 1 && n <= options.Count) return Pick(options, n - 1);

        var top = turn.Intents.FirstOrDefault();
        if (top is not null && top.Score >= understanding.ClarifyScore)
            for (var i = 0; i < step.Choices.Count; i++)
                if (step.Choices[i].Intents.Contains(top.Name)) return Pick(options, i);

        // Typed text naming one label (and only one): 「予約」 for 「相談の予約」.
        var named = Enumerable.Range(0, labels.Count).Where(i => folded.Length >= 2 && (labels[i].Contains(folded) || folded.Contains(labels[i]))).ToList();
        if (named.Count == 1) return Pick(options, named[0]);
        return new InputResult.NoMatch("common.retry.choice");
    }

    public void Decorate(FlowTurn turn, StepDefinition step, Activity question) =>
        question.SuggestedActions = new SuggestedActions { Actions = Options(turn, step).Select(o => CardAction.ImBack(o.Label)).ToList() };

    /// <summary>The step's choices as (value, shown label): from the YAML, or made at run time (<c>choices_from</c>).</summary>
    private static IReadOnlyList<(string Value, string Label)> Options(FlowTurn turn, StepDefinition step) =>
        step.ChoicesFrom is { } name ? turn.GetChoices(name) : step.Choices.Select(c => (c.Value, turn.Message(c.Label))).ToList();

    private static InputResult Pick(IReadOnlyList<(string Value, string Label)> options, int index) =>
        new InputResult.Matched(options[index].Value, options[index].Value, options[index].Label);
}
