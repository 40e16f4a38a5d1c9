using SupportBot.Engine.Activities;
using SupportBot.Engine.Services.Bookings;
using SupportBot.Language.Answers;

namespace SupportBot.Engine.Flows.Inputs;

/// <summary>
/// Picking an offered slot (a <c>choice</c> with <c>choices_from</c>), where a new wish
/// (「やっぱり水曜で」「もっと遅い時間は？」) is also an answer: it replaces the stored wish
/// (<c>when</c>) and gives the outcome <c>redate</c>, so the flow searches again.
/// </summary>
public sealed class SlotInput(Understanding.UnderstandingOptions understanding) : IInputKind
{
    private readonly ChoiceInput choice = new(understanding);

    public const string WishStore = "when";

    public string Name => FlowNames.Kinds.Slot;
    public IReadOnlyCollection<string> MessageKeys => ["common.retry.slot"];

    public InputResult Read(FlowTurn turn, StepDefinition step)
    {
        if (choice.Read(turn, step) is InputResult.Matched picked) return picked;
        return Redate(turn) ?? new InputResult.NoMatch("common.retry.slot");
    }

    /// <summary>A new date wish in the text: stored as the flow's wish, outcome <c>redate</c>.</summary>
    public static InputResult? Redate(FlowTurn turn)
    {
        if (DateWish.Read(turn.Text, turn.Now) is not { } readings || turn.Frame is null) return null;
        // 「早く」 alone at this point is not a new wish when the person already said one.
        if (readings.Count == 0 && !BookingWords.IsAsSoonAsPossible(turn.Text)) return null;
        turn.Frame.Values[WishStore] = turn.Text.Trim();
        turn.Frame.Values[WishStore + ".value"] = DateWish.Serialize(readings);
        return new InputResult.Matched(turn.Text.Trim(), FlowNames.Outcomes.Redate);
    }

    public void Decorate(FlowTurn turn, StepDefinition step, Activity question) => choice.Decorate(turn, step, question);
}

/// <summary>
/// The read-back question of a booking: yes / no, a correction (「電話番号まちがえた」 → <c>fix_phone</c>,
/// also <c>fix_name</c>, <c>fix_needs</c>, <c>fix_topic</c>, <c>fix_who</c>), or a new date wish (<c>redate</c>).
/// </summary>
public sealed class ReviewInput : IInputKind
{
    private readonly YesNoInput yesNo = new();

    public string Name => FlowNames.Kinds.Review;
    public IReadOnlyCollection<string>? Outcomes(StepDefinition step) =>
        [FlowNames.Outcomes.Yes, FlowNames.Outcomes.No, FlowNames.Outcomes.Redate, "fix_phone", "fix_name", "fix_needs", "fix_topic", "fix_who"];
    public IReadOnlyCollection<string> MessageKeys => ["common.retry.review"];

    public InputResult Read(FlowTurn turn, StepDefinition step)
    {
        if (BookingWords.ReadCorrection(turn.Text) is { } field)
            return new InputResult.Matched(field.ToString(), "fix_" + field.ToString().ToLowerInvariant());
        if (yesNo.Read(turn, step) is InputResult.Matched answer) return answer;
        return SlotInput.Redate(turn) ?? new InputResult.NoMatch("common.retry.review");
    }

    public void Decorate(FlowTurn turn, StepDefinition step, Activity question) => yesNo.Decorate(turn, step, question);
}
