using SupportBot.Engine.Flows;
using SupportBot.Engine.Flows.Inputs;
using SupportBot.Engine.Messages;
using SupportBot.Engine.Understanding;

namespace SupportBot.Engine.Tests.Flows;

/// <summary>Each input kind states the outcomes of a step's answer; the validator checks <c>on:</c> against them.</summary>
public sealed class InputOutcomeTests
{
    private static readonly UnderstandingOptions Understanding = new();

    private static StepDefinition Question(string kind, IReadOnlyList<ChoiceDefinition>? choices = null, string? choicesFrom = null, params string[] on) => new()
    {
        Id = "q" + on.Length, Ask = "k", Expect = kind, Choices = choices ?? [], ChoicesFrom = choicesFrom,
        On = on.ToDictionary(o => o, _ => Targets.End),
    };

    private static readonly ChoiceDefinition[] TwoChoices = [new() { Value = "a", Label = "k" }, new() { Value = "b", Label = "k" }];

    [Fact]
    public void Yes_no_gives_yes_or_no()
    {
        Assert.Equal(["yes", "no"], new YesNoInput().Outcomes(Question(FlowNames.Kinds.YesNo)));
    }

    [Fact]
    public void A_choice_gives_the_value_of_one_of_its_choices_and_run_time_choices_are_unknown()
    {
        var choice = new ChoiceInput(Understanding);
        Assert.Equal(["a", "b"], choice.Outcomes(Question(FlowNames.Kinds.Choice, TwoChoices)));
        Assert.Null(choice.Outcomes(Question(FlowNames.Kinds.Choice, choicesFrom: "slots")));
    }

    [Fact]
    public void Other_kinds_give_their_declared_outcomes_or_none_known()
    {
        IInputKind text = new TextInput();
        Assert.Null(text.Outcomes(Question(FlowNames.Kinds.Text)));
        Assert.Equal(["skipped", "given"], new OptionalTextInput().Outcomes(Question(FlowNames.Kinds.OptionalText)));
        Assert.Empty(new DateInput().Outcomes(Question(FlowNames.Kinds.Date))!);
    }

    /// <summary>What the validator says about a flow "t" whose every message key is "k".</summary>
    private static List<string> Problems(IReadOnlyList<StepDefinition> steps, params IInputKind[] inputs)
    {
        var flow = new FlowDefinition { Id = "t", File = "t.yaml", Steps = steps };
        var catalog = new MessageCatalog(new Dictionary<string, Dictionary<string, CatalogEntry>> { ["ja-JP"] = new() { ["k"] = new("k", "t.yaml") } },
            new Dictionary<string, string>());
        return FlowValidator.Validate(new FlowSet([flow], inputs, []), catalog, []).ToList();
    }

    [Fact]
    public void The_validator_reports_an_outcome_the_input_kind_can_never_give()
    {
        var never = Problems(
            [
                Question(FlowNames.Kinds.YesNo, on: ["yes", "maybe"]),
                Question(FlowNames.Kinds.Choice, TwoChoices, on: ["a", "b", "c"]),
                Question(FlowNames.Kinds.Choice, choicesFrom: "slots", on: ["x", "y", "z", "w"]),
                Question(FlowNames.Kinds.Text, on: ["anything"]),
            ],
            new YesNoInput(), new ChoiceInput(Understanding), new TextInput()).Where(p => p.Contains("can never happen")).ToList();

        Assert.Equal(2, never.Count);
        Assert.Contains("'on.maybe' can never happen (possible: yes, no)", never[0]);
        Assert.Contains("'on.c' can never happen (possible: a, b)", never[1]);
    }

    [Fact]
    public void The_validator_refuses_from_start_where_there_is_nothing_to_keep_or_the_choices_come_later()
    {
        var refused = Problems(
            [
                new() { Id = "kept", Ask = "k", Expect = FlowNames.Kinds.Date, Store = "when", FromStart = true },
                new() { Id = "unkept", Ask = "k", Expect = FlowNames.Kinds.Date, FromStart = true },
                new() { Id = "later", Ask = "k", Expect = FlowNames.Kinds.Choice, ChoicesFrom = "slots", Store = "slot", FromStart = true },
                new() { Id = "no_question", Say = ["k"], FromStart = true },
            ],
            new DateInput(), new ChoiceInput(Understanding)).Where(p => p.Contains("'from_start'")).ToList();

        Assert.Equal(3, refused.Count);
        Assert.Contains("t.unkept", refused[0]);
        Assert.Contains("t.later", refused[1]);
        Assert.Contains("t.no_question", refused[2]);
    }
}
