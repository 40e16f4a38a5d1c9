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

    /// <summary>The culture of this turn's replies; a plain-language choice may change it (<see cref="UseCulture"/>).</summary>
    public string Culture { get; private set; }

    public IReadOnlyList<Activity> Replies => _replies;

    /// <summary>The flow (or guard: crisis, concern) that answered this turn, for metrics and traces; null when none did.</summary>
    public string? Flow { get; set; }

    /// <summary>Answers in <paramref name="culture"/> from now on (a culture of the catalog: the plain-language variant or its base).</summary>
    public void UseCulture(string culture)
    {
        if (!Catalog.Cultures.Contains(culture, StringComparer.OrdinalIgnoreCase))
            throw new ArgumentException($"'{culture}' is not a culture of the catalog.", nameof(culture));
        Culture = Catalog.Cultures.First(c => c.Equals(culture, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>True on the Bot Framework Emulator, which shows trace activities to the developer.</summary>
    public bool WantsTraces => string.Equals(Incoming.ChannelId, "emulator", StringComparison.OrdinalIgnoreCase);

    /// <summary>The text of a key as sent: readings (<see cref="Ruby"/>) replace the kanji they annotate.</summary>
    public string Text(string key, IReadOnlyDictionary<string, string>? args = null) => Ruby.Reading(Catalog.Text(Culture, key, args));

    /// <summary>
    /// Queues a message built from a catalog key. With readings, the text is the kana and <c>channelData.ruby</c>
    /// holds the kanji with their readings for a client that shows ruby (our Web Chat page).
    /// </summary>
    public Activity Say(string key, IReadOnlyDictionary<string, string>? args = null)
    {
        var marked = Catalog.Text(Culture, key, args);
        var reply = Incoming.CreateReply(Ruby.Reading(marked));
        if (Ruby.HasMarkup(marked))
            reply.ChannelData = System.Text.Json.JsonSerializer.SerializeToElement(new Dictionary<string, string> { [RubyField] = marked });
        return Send(reply);
    }

    /// <summary>The <c>channelData</c> field of a reply that holds its text with readings.</summary>
    public const string RubyField = "ruby";

    public Activity Send(Activity reply)
    {
        // The culture the reply is worded in (ja-JP-x-easy after a switch), whatever the incoming activity said.
        reply.Locale = Culture;
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
