using SupportBot.Engine.Activities;
using SupportBot.Language.Answers;

namespace SupportBot.Engine.Flows.Inputs;

/// <summary>
/// Several of the step's choices at once (「車いすと筆談」), by button, number or the labels named in
/// the text. The first choice is "none of these" and stands alone. Value: the choice values joined by
/// ',', display: the labels joined by the catalog's <c>common.list_separator</c>.
/// </summary>
public sealed class MultiChoiceInput : IInputKind
{
    public string Name => FlowNames.Kinds.MultiChoice;
    public IReadOnlyCollection<string> MessageKeys => ["common.retry.choice", "common.list_separator"];

    public InputResult Read(FlowTurn turn, StepDefinition step)
    {
        var folded = ShortAnswers.FoldOne(turn.Text);
        if (folded.Length == 0) return new InputResult.NoMatch("common.retry.choice");
        var options = step.Choices.Select(c => (c.Value, Label: turn.Message(c.Label))).ToList();
        var picked = new List<int>();
        for (var i = 0; i < options.Count; i++)
        {
            var label = ShortAnswers.FoldOne(options[i].Label);
            if (label.Length > 0 && (folded.Contains(label, StringComparison.Ordinal) || (label.Contains(folded, StringComparison.Ordinal) && folded.Length >= 2))) picked.Add(i);
        }
        if (picked.Count == 0 && ShortAnswers.ReadChoiceNumber(turn.Text) is { } n && n >= 1 && n <= options.Count) picked.Add(n - 1);
        if (picked.Count == 0 && ShortAnswers.ReadYesNo(turn.Text) == YesNo.No) picked.Add(0);
        if (picked.Count == 0) return new InputResult.NoMatch("common.retry.choice");
        if (picked.Count > 1) picked.Remove(0); // "none" next to a real need means the need
        var separator = turn.Message("common.list_separator");
        return new InputResult.Matched(string.Join(',', picked.Select(i => options[i].Value)), picked.Count == 1 ? options[picked[0]].Value : "some",
            string.Join(separator, picked.Select(i => options[i].Label)));
    }

    public void Decorate(FlowTurn turn, StepDefinition step, Activity question) =>
        question.SuggestedActions = new SuggestedActions { Actions = step.Choices.Select(c => CardAction.ImBack(turn.Message(c.Label))).ToList() };
}
