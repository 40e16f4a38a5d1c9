using SupportBot.Engine.Activities;
using SupportBot.Language.Answers;

namespace SupportBot.Engine.Flows.Inputs;

/// <summary>
/// Free text that may be skipped: the skip button (<c>common.skip</c>) or a plain no (「なし」「特にない」)
/// stores an empty value shown as the skip label. Otherwise like <c>text</c> with <c>max_length</c>.
/// Outcomes: <c>skipped</c>, <c>given</c>.
/// </summary>
public sealed class OptionalTextInput : IInputKind
{
    public string Name => FlowNames.Kinds.OptionalText;
    public IReadOnlyCollection<string>? Outcomes(StepDefinition step) => [FlowNames.Outcomes.Skipped, FlowNames.Outcomes.Given];
    public IReadOnlyCollection<string> MessageKeys => ["common.skip", "common.retry.too_long"];

    public InputResult Read(FlowTurn turn, StepDefinition step)
    {
        var text = turn.Text.Trim();
        var skip = turn.Message("common.skip");
        if (text.Length == 0 || ShortAnswers.FoldOne(text) == ShortAnswers.FoldOne(skip) || ShortAnswers.ReadYesNo(text) == YesNo.No || BookingWords.IsNothing(text))
            return new InputResult.Matched("", FlowNames.Outcomes.Skipped, skip);
        if (step.MaxLength is { } max && text.Length > max)
            return new InputResult.NoMatch("common.retry.too_long", new Dictionary<string, string> { ["max"] = max.ToString() });
        return new InputResult.Matched(text, FlowNames.Outcomes.Given);
    }

    public void Decorate(FlowTurn turn, StepDefinition step, Activity question) =>
        question.SuggestedActions = new SuggestedActions { Actions = [CardAction.ImBack(turn.Message("common.skip"))] };
}
