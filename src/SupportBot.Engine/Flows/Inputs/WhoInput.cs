using SupportBot.Engine.Activities;
using SupportBot.Language.Answers;

namespace SupportBot.Engine.Flows.Inputs;

/// <summary>
/// Who a consultation is about: a <c>choice</c> whose values are <c>self</c>, <c>family</c>, <c>supporter</c>,
/// that also understands everyday answers (「母のことです」「ケアマネです」「自分です」).
/// </summary>
public sealed class WhoInput(Understanding.UnderstandingOptions understanding) : IInputKind
{
    private readonly ChoiceInput choice = new(understanding);

    public string Name => FlowNames.Kinds.Who;
    public IReadOnlyCollection<string> MessageKeys => ["common.retry.choice"];

    public InputResult Read(FlowTurn turn, StepDefinition step)
    {
        if (choice.Read(turn, step) is InputResult.Matched picked) return picked;
        if (BookingWords.ReadWho(turn.Text) is { } who && step.Choices.FirstOrDefault(c => c.Value == who) is { } match)
            return new InputResult.Matched(match.Value, match.Value, turn.Message(match.Label));
        return new InputResult.NoMatch("common.retry.choice");
    }

    public void Decorate(FlowTurn turn, StepDefinition step, Activity question) => choice.Decorate(turn, step, question);
}
