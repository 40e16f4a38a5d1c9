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
    public string Name => "date";
    public IReadOnlyCollection<string>? Outcomes => [];
    public IReadOnlyCollection<string> MessageKeys => ["common.retry.date"];

    public InputResult Read(FlowTurn turn, StepDefinition step) =>
        DateWish.Read(turn.Text, turn.Now) is { } readings
            ? new InputResult.Matched(DateWish.Serialize(readings), Display: turn.Text.Trim())
            : new InputResult.NoMatch("common.retry.date");

    public void Decorate(FlowTurn turn, StepDefinition step, Activity question) { }
}
