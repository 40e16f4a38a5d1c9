using System.Text.Json;

namespace SupportBot.Engine.State;

/// <summary>
/// What the bot remembers about one conversation between turns. Serialized as one JSON document
/// (one Redis value), read once and written once per turn. Keep it small and free of anything
/// not needed for the next turn.
/// </summary>
public sealed class ConversationState
{
    /// <summary>Turns completed in this conversation (also proves no update is lost under concurrency).</summary>
    public long Turns { get; set; }

    /// <summary>The culture the conversation speaks, once known.</summary>
    public string? Culture { get; set; }

    /// <summary>Open flows, innermost last (the dialog stack).</summary>
    public List<JsonElement> Stack { get; set; } = [];

    /// <summary>Small named values flows keep between turns.</summary>
    public Dictionary<string, JsonElement> Values { get; set; } = new(StringComparer.Ordinal);
}
