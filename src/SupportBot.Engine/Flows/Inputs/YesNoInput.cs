using SupportBot.Engine.Activities;
using SupportBot.Language.Answers;

namespace SupportBot.Engine.Flows.Inputs;

/// <summary>はい / いいえ and their everyday forms; outcomes <c>yes</c> and <c>no</c>.</summary>
public sealed class YesNoInput : IInputKind
{
    public string Name => FlowNames.Kinds.YesNo;
    public IReadOnlyCollection<string> MessageKeys => ["common.yes", "common.no", "common.retry.yes_no"];
    public IReadOnlyCollection<string>? Outcomes(StepDefinition step) => [FlowNames.Outcomes.Yes, FlowNames.Outcomes.No];

    public InputResult Read(FlowTurn turn, StepDefinition step)
    {
        // The buttons send their own labels, which may not be in the word lists of other languages.
        if (Same(turn.Text, turn.Message("common.yes"))) return new InputResult.Matched(FlowNames.Outcomes.Yes, FlowNames.Outcomes.Yes);
        if (Same(turn.Text, turn.Message("common.no"))) return new InputResult.Matched(FlowNames.Outcomes.No, FlowNames.Outcomes.No);
        return ShortAnswers.ReadYesNo(turn.Text) switch
        {
            YesNo.Yes => new InputResult.Matched(FlowNames.Outcomes.Yes, FlowNames.Outcomes.Yes),
            YesNo.No => new InputResult.Matched(FlowNames.Outcomes.No, FlowNames.Outcomes.No),
            _ => new InputResult.NoMatch("common.retry.yes_no"),
        };
    }

    public void Decorate(FlowTurn turn, StepDefinition step, Activity question) =>
        question.SuggestedActions = new SuggestedActions { Actions = [CardAction.ImBack(turn.Message("common.yes")), CardAction.ImBack(turn.Message("common.no"))] };

    private static bool Same(string a, string b) => ShortAnswers.FoldOne(a) == ShortAnswers.FoldOne(b);
}
