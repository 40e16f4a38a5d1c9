using System.Text;
using SupportBot.Engine.Activities;
using SupportBot.Language.Replies;

namespace SupportBot.Engine.Flows.Inputs;

/// <summary>
/// One of the step's choices, shown as buttons. Accepts the button (its label), the number
/// (1, １, ①, 一), typed text naming the label, or a message whose intent a choice lists.
/// </summary>
public sealed class ChoiceInput(Understanding.UnderstandingOptions understanding) : IInputKind
{
    public string Name => "choice";
    public IReadOnlyCollection<string> MessageKeys => ["common.retry.choice"];

    public InputResult Read(FlowTurn turn, StepDefinition step)
    {
        var folded = ShortAnswers.FoldOne(turn.Text);
        if (folded.Length == 0) return new InputResult.NoMatch("common.retry.choice");
        var labels = step.Choices.Select(c => ShortAnswers.FoldOne(turn.Message(c.Label))).ToList();

        for (var i = 0; i < labels.Count; i++)
            if (labels[i] == folded) return Pick(turn, step, i);

        if (ShortAnswers.ReadChoiceNumber(turn.Text) is { } n && n >= 1 && n <= step.Choices.Count) return Pick(turn, step, n - 1);

        var top = turn.Intents.FirstOrDefault();
        if (top is not null && top.Score >= understanding.ClarifyScore)
            for (var i = 0; i < step.Choices.Count; i++)
                if (step.Choices[i].Intents.Contains(top.Name)) return Pick(turn, step, i);

        // Typed text naming one label (and only one): 「予約」 for 「相談の予約」.
        var named = Enumerable.Range(0, labels.Count).Where(i => folded.Length >= 2 && (labels[i].Contains(folded) || folded.Contains(labels[i]))).ToList();
        if (named.Count == 1) return Pick(turn, step, named[0]);
        return new InputResult.NoMatch("common.retry.choice");
    }

    public void Decorate(FlowTurn turn, StepDefinition step, Activity question) =>
        question.SuggestedActions = new SuggestedActions { Actions = step.Choices.Select(c => CardAction.ImBack(turn.Message(c.Label))).ToList() };

    private static InputResult Pick(FlowTurn turn, StepDefinition step, int index)
    {
        var choice = step.Choices[index];
        return new InputResult.Matched(choice.Value, choice.Value, turn.Message(choice.Label));
    }
}
