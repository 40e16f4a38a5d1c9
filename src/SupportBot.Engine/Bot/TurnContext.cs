using SupportBot.Engine.Activities;
using SupportBot.Engine.Messages;
using SupportBot.Engine.State;

namespace SupportBot.Engine.Bot;

/// <summary>
/// One turn as the bot sees it: the incoming activity, the conversation's state (loaded once),
/// the replies to send after the state is committed, and the catalog in the conversation's culture.
/// </summary>
public sealed class TurnContext
{
    private readonly List<Activity> _replies = [];

    public TurnContext(Activity incoming, ConversationState state, MessageCatalog catalog, DateTimeOffset now)
    {
        Incoming = incoming;
        State = state;
        Catalog = catalog;
        Now = now;
        Culture = catalog.ResolveCulture(incoming.Locale ?? state.Culture);
    }

    public Activity Incoming { get; }
    public ConversationState State { get; set; }
    public MessageCatalog Catalog { get; }

    /// <summary>The instant the turn started (from the injected clock), for every time-based decision in it.</summary>
    public DateTimeOffset Now { get; }

    public string Culture { get; }
    public IReadOnlyList<Activity> Replies => _replies;

    /// <summary>The flow (or guard: crisis, concern) that answered this turn, for metrics and traces; null when none did.</summary>
    public string? Flow { get; set; }

    /// <summary>True on the Bot Framework Emulator, which shows trace activities to the developer.</summary>
    public bool WantsTraces => string.Equals(Incoming.ChannelId, "emulator", StringComparison.OrdinalIgnoreCase);

    public string Text(string key, IReadOnlyDictionary<string, string>? args = null) => Catalog.Text(Culture, key, args);

    /// <summary>Queues a message built from a catalog key.</summary>
    public Activity Say(string key, IReadOnlyDictionary<string, string>? args = null) => Send(Incoming.CreateReply(Text(key, args)));

    public Activity Send(Activity reply)
    {
        reply.Locale ??= Culture;
        _replies.Add(reply);
        return reply;
    }

    /// <summary>A trace activity for the Emulator (ignored on every other channel).</summary>
    public void Trace(string name, object value, string? label = null)
    {
        if (!WantsTraces) return;
        var trace = Incoming.CreateReply();
        trace.Type = ActivityTypes.Trace;
        trace.Name = name;
        trace.Label = label ?? name;
        trace.ValueType = "https://supportbot.local/schemas/" + name;
        trace.Value = System.Text.Json.JsonSerializer.SerializeToElement(value, ActivityJson.Options);
        _replies.Add(trace);
    }

    internal void ClearReplies() => _replies.Clear();
}
