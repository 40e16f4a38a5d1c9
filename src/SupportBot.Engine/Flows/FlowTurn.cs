using SupportBot.Language.Intents;
using SupportBot.Engine.Activities;
using SupportBot.Engine.Bot;
using SupportBot.Engine.State;
using SupportBot.Engine.Understanding;

namespace SupportBot.Engine.Flows;

/// <summary>What a step, an input kind or an action sees of the turn.</summary>
public sealed class FlowTurn
{
    private readonly IIntentRecognizer _recognizer;
    private IReadOnlyList<IntentScore>? _intents;

    public FlowTurn(TurnContext turn, IIntentRecognizer recognizer, string? text)
    {
        Turn = turn;
        _recognizer = recognizer;
        Text = text ?? "";
    }

    public TurnContext Turn { get; }
    public string Text { get; }

    /// <summary>
    /// False on a turn without the conversation's state (the store is down, or an earlier turn still holds
    /// it): only the guards' own answers are given then, so a guard must not leave part of its answer to the flows.
    /// </summary>
    public bool HasState { get; init; } = true;

    /// <summary>The guard that answered this message, if one did (the flows then did not run).</summary>
    public ITurnGuard? AnsweredBy { get; internal set; }
    public ConversationState State => Turn.State;
    public DateTimeOffset Now => Turn.Now;
    public string Culture => Turn.Culture;

    /// <summary>The flow frame being run (null at the top level).</summary>
    public DialogFrame? Frame { get; internal set; }
    public FlowDefinition? Flow { get; internal set; }

    /// <summary>The open question as the engine's stages found it this turn (see <see cref="Stages.FlowRunner.Question"/>).</summary>
    internal Stages.OpenQuestion? Question { get; set; }

    /// <summary>Values for the messages of this step: the frame's stored answers plus what actions provided.</summary>
    public Dictionary<string, string> Args { get; } = new(StringComparer.Ordinal);

    /// <summary>The message's intents, recognized once, on first use.</summary>
    public IReadOnlyList<IntentScore> Intents => _intents ??= string.IsNullOrWhiteSpace(Text) ? [] : _recognizer.Recognize(Text, Culture);

    public Activity Say(string key) => Turn.Say(key, MessageArgs());

    /// <summary>Choices made at run time for a step's <c>choices_from</c>, kept with the flow until answered.</summary>
    public void SetChoices(string name, IEnumerable<(string Value, string Label)> choices)
    {
        if (Frame is null) throw new InvalidOperationException("Choices belong to an open flow.");
        Frame.Values[ChoicesKey(name)] = System.Text.Json.JsonSerializer.Serialize(choices.Select(c => new[] { c.Value, c.Label }));
    }

    /// <summary>The run-time choices stored under <paramref name="name"/> (value, label), or none.</summary>
    public IReadOnlyList<(string Value, string Label)> GetChoices(string name) =>
        Frame is not null && Frame.Values.TryGetValue(ChoicesKey(name), out var json)
            ? System.Text.Json.JsonSerializer.Deserialize<string[][]>(json)!.Select(p => (p[0], p[1])).ToList()
            : [];

    public static string ChoicesKey(string name) => "choices." + name;

    public string Message(string key) => Turn.Text(key, MessageArgs());

    internal Dictionary<string, string> MessageArgs()
    {
        var args = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Frame is not null) foreach (var (k, v) in Frame.Values) args[k] = v;
        foreach (var (k, v) in Args) args[k] = v;
        return args;
    }
}
