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
    public List<DialogFrame> Stack { get; set; } = [];

    /// <summary>Set after a crisis message: the contacts stay on every reply and no flow resumes by itself.</summary>
    public CrisisMark? Crisis { get; set; }

    /// <summary>Access choices of this conversation (plain language, no voice calls); null when none was made.</summary>
    public AccessMark? Access { get; set; }

    /// <summary>Intents offered in a "did you mean…?" question, awaiting the answer.</summary>
    public List<string>? Clarifying { get; set; }

    /// <summary>Small named values flows keep between turns.</summary>
    public Dictionary<string, JsonElement> Values { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>One open flow: where it is and what it has been told.</summary>
public sealed class DialogFrame
{
    public string Flow { get; set; } = "";
    public string Step { get; set; } = "";

    /// <summary>Answers to the current question that did not fit.</summary>
    public int Attempts { get; set; }

    /// <summary>An FAQ was answered in the middle of this flow; we asked whether to go on.</summary>
    public bool AwaitingResume { get; set; }

    /// <summary>Stored answers, by the step's <c>store</c> name (also message placeholders).</summary>
    public Dictionary<string, string> Values { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>When the conversation entered the crisis state, the last crisis message, and its category.</summary>
public sealed class CrisisMark
{
    public DateTimeOffset Since { get; set; }
    public DateTimeOffset Last { get; set; }
    public string Category { get; set; } = "";
}

/// <summary>
/// The register the person chose (<c>plain</c> / <c>standard</c>, null: none yet), whether their stored preference was
/// read for this conversation, and whether they said they cannot make a voice call (offered the no-voice contacts).
/// </summary>
public sealed class AccessMark
{
    public string? Register { get; set; }
    public bool PreferenceRead { get; set; }
    public bool NoVoice { get; set; }
}
