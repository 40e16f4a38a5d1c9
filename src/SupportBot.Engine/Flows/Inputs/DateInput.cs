using SupportBot.Engine.Activities;
using SupportBot.Engine.Services.Bookings;

namespace SupportBot.Engine.Flows.Inputs;

/// <summary>
/// A date or time wish in the person's words (「来週火曜の午後」「12月3日 14時」「月曜か火曜」「なるべく早く」),
/// read by the date/time recognizer against the turn's time. Stores the readings (compact JSON) as the
/// value and the person's own words for display. Nothing understood → retry with examples.
/// </summary>
public sealed class DateInput : IInputKind
{
    public string Name => FlowNames.Kinds.Date;
    public IReadOnlyCollection<string>? Outcomes(StepDefinition step) => [];
    public IReadOnlyCollection<string> MessageKeys => ["common.retry.date"];

    public InputResult Read(FlowTurn turn, StepDefinition step) =>
        DateWish.Read(turn.Text, turn.Now) is { } readings
            ? new InputResult.Matched(DateWish.Serialize(readings), Display: turn.Text.Trim())
            : new InputResult.NoMatch("common.retry.date");

    /// <summary>The flow values an earlier action may set to bound a channel's date picker (yyyy-MM-dd).</summary>
    public const string MinValue = "date_min", MaxValue = "date_max";

    // Channels with a native control (LINE's date picker) offer it next to typed input.
    public void Decorate(FlowTurn turn, StepDefinition step, Activity question) =>
        new InputExpectation(InputExpectation.Date, Day(turn, MinValue), Day(turn, MaxValue)).ApplyTo(question);

    private static DateOnly? Day(FlowTurn turn, string name) =>
        turn.Frame?.Values.GetValueOrDefault(name) is { } text && DateOnly.TryParseExact(text, "yyyy-MM-dd", out var day) ? day : null;
}
