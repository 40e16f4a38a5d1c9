namespace SupportBot.Engine.Flows;

/// <summary>
/// A flow as declared in <c>dialogs/*.yaml</c>: what happens, by step, with message KEYS only
/// (how it sounds lives in <c>locales/</c>). See docs/dialogs.md for the schema.
/// </summary>
public sealed class FlowDefinition
{
    public required string Id { get; init; }
    public required string File { get; init; }

    /// <summary>Intents that start this flow from the top level.</summary>
    public IReadOnlyList<string> Intents { get; init; } = [];

    /// <summary>Events that start it: <c>welcome</c> (a user joined), <c>menu</c>, <c>fallback</c>.</summary>
    public IReadOnlyList<string> Events { get; init; } = [];

    /// <summary>Whether an FAQ question in the middle of this flow is answered with an offer to resume. Default true.</summary>
    public bool AllowsDigressions { get; init; } = true;

    /// <summary>Failed answers to one question before the flow gives up politely. Default 3.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>
    /// An action run when the person leaves this flow unfinished (cancel, help, menu, giving up, a declined
    /// resume), so what the flow took can be given back at once — the booking flow releases its held slot.
    /// </summary>
    public string? OnLeave { get; init; }

    /// <summary>
    /// The flow asks for personal details (a name, a phone number, a booking). It does not run in a group
    /// conversation (a LINE group, a Teams channel), where others would read the answers; the person is
    /// asked to write one to one instead.
    /// </summary>
    public bool Personal { get; init; }

    public required IReadOnlyList<StepDefinition> Steps { get; init; }

    public StepDefinition First => Steps[0];

    public StepDefinition? Step(string id) => Steps.FirstOrDefault(s => s.Id == id);
}

/// <summary>One step: optional action, messages, and optionally a question with its expected input and transitions.</summary>
public sealed class StepDefinition
{
    public required string Id { get; init; }

    /// <summary>A named C# action run when the step is entered (before its messages).</summary>
    public string? Action { get; init; }

    /// <summary>Message keys said when the step is entered.</summary>
    public IReadOnlyList<string> Say { get; init; } = [];

    /// <summary>The question's message key; null for a step that only acts and says.</summary>
    public string? Ask { get; init; }

    /// <summary>The expected input: text, choice, yes_no, phone_jp, date, datetime.</summary>
    public string? Expect { get; init; }

    /// <summary>Worded differently from <see cref="Ask"/>, said after an answer that did not fit.</summary>
    public string? Retry { get; init; }

    /// <summary>The answer to "why do you ask?".</summary>
    public string? Why { get; init; }

    /// <summary>The flow value the answer is kept in (available to later messages as <c>{name}</c>).</summary>
    public string? Store { get; init; }

    /// <summary>
    /// The message that started the flow may already answer this question (「12月3日の14時に予約したい」,
    /// 「母の相談の予約」): it is read with <see cref="Expect"/> when the flow starts, and an answer that fits is
    /// kept and the question skipped the first time the flow reaches it. Asked as usual when the flow comes back.
    /// </summary>
    public bool FromStart { get; init; }

    /// <summary>For text input: the longest accepted answer.</summary>
    public int? MaxLength { get; init; }

    /// <summary>
    /// A soft question (a menu): an answer that fits no choice is not retried but routed as a new
    /// message, so typing a question at the menu simply asks it.
    /// </summary>
    public bool Soft { get; init; }

    public IReadOnlyList<ChoiceDefinition> Choices { get; init; } = [];

    /// <summary>
    /// Choices made at run time by an action (free slots, the next meetings): the name under which the
    /// action stored them with <see cref="FlowTurn.SetChoices"/>. Used instead of <see cref="Choices"/>.
    /// </summary>
    public string? ChoicesFrom { get; init; }

    /// <summary>Where to go by outcome (a choice value, yes/no, an action's outcome).</summary>
    public IReadOnlyDictionary<string, string> On { get; init; } = new Dictionary<string, string>();

    /// <summary>Where to go when no <see cref="On"/> entry applies; default the next step, or the end.</summary>
    public string? Then { get; init; }
}

/// <summary>A button of a choice question.</summary>
public sealed class ChoiceDefinition
{
    public required string Value { get; init; }

    /// <summary>Message key of the button label.</summary>
    public required string Label { get; init; }

    /// <summary>Intents that also select this choice when typed in free text.</summary>
    public IReadOnlyList<string> Intents { get; init; } = [];
}

/// <summary>Transition targets besides step ids.</summary>
public static class Targets
{
    public const string End = "end";
    public const string FlowPrefix = "flow:";

    public static bool IsFlow(string target, out string flowId)
    {
        flowId = target.StartsWith(FlowPrefix, StringComparison.Ordinal) ? target[FlowPrefix.Length..] : "";
        return flowId.Length > 0;
    }
}
