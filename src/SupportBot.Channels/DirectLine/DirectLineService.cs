using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SupportBot.Engine.Activities;
using SupportBot.Engine.Turns;

namespace SupportBot.Channels.DirectLine;

/// <summary>
/// An embedded Direct Line 3.0 service (https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-direct-line-3-0-concepts)
/// so the official Web Chat talks to the bot with no cloud in between. The transcript lives in the
/// shared store, so any instance can answer a poll.
/// </summary>
public sealed class DirectLineService(
    DirectLineTokens tokens,
    TurnPipeline pipeline,
    DirectLineTranscript transcript,
    TimeProvider clock,
    IOptions<DirectLineOptions> options)
{
    public const string ChannelId = "directline";
    private readonly DirectLineOptions _options = options.Value;

    public int MaxBodyBytes => _options.MaxBodyBytes;

    /// <summary><c>POST /v3/directline/tokens/generate</c>: a token for a new conversation (needs the secret).</summary>
    public ChannelResponse GenerateToken(string? authorization, ReadOnlySpan<byte> body, bool fromLoopback)
    {
        if (!HasSecret(authorization, fromLoopback)) return Unauthorized();
        var userId = ReadUserId(body) ?? NewId("dl_");
        var conversationId = NewId("");
        return Json(200, new { conversationId, token = tokens.Issue(conversationId, userId, ReadLocale(body)), expires_in = tokens.ExpiresInSeconds });
    }

    /// <summary>
    /// A token for the built-in chat page: the server is its own Direct Line service, so it can mint
    /// a conversation token without ever sending the secret to the browser.
    /// </summary>
    /// <param name="locale">The locale the page asks for (<c>ja-JP-x-easy</c>: plain Japanese), or null.</param>
    public ChannelResponse PageToken(string? locale = null)
    {
        var conversationId = NewId("");
        return Json(200, new { conversationId, token = tokens.Issue(conversationId, NewId("dl_"), ValidLocale(locale)), expires_in = tokens.ExpiresInSeconds });
    }

    /// <summary><c>POST /v3/directline/conversations</c>: starts the conversation and posts the bot's welcome.</summary>
    public async Task<ChannelResponse> StartConversationAsync(string? authorization, bool fromLoopback, CancellationToken cancellationToken)
    {
        string conversationId, userId;
        string? locale = null;
        if (tokens.Validate(Bearer(authorization)) is { } bound)
        {
            (conversationId, userId, locale) = (bound.Conv, bound.User, bound.Loc);
        }
        else if (HasSecret(authorization, fromLoopback))
        {
            (conversationId, userId) = (NewId(""), NewId("dl_"));
        }
        else return Unauthorized();

        var existing = await ReadTranscriptAsync(conversationId, "0", 1, cancellationToken);
        var isNew = existing.Activities.Count == 0;
        if (isNew)
        {
            var joined = Incoming(conversationId, userId);
            if (locale is not null) joined.Locale = locale;
            joined.Type = ActivityTypes.ConversationUpdate;
            joined.MembersAdded = [new ChannelAccount { Id = userId }];
            var replies = await pipeline.RunAsync(joined, cancellationToken);
            // The transcript must exist even when the bot says nothing, so "started" is remembered.
            var items = replies.Count > 0 ? replies.Select(r => Outgoing(r, conversationId, userId)).ToList()
                : [Outgoing(new Activity { Type = ActivityTypes.Event, Name = "conversationStarted" }, conversationId, userId)];
            await AppendAsync(conversationId, items, cancellationToken);
        }
        return Json(isNew ? 201 : 200, new { conversationId, token = tokens.Issue(conversationId, userId, locale), expires_in = tokens.ExpiresInSeconds });
    }

    /// <summary><c>GET /v3/directline/conversations/{id}</c>: reconnect to a conversation.</summary>
    public ChannelResponse Reconnect(string conversationId, string? authorization)
    {
        var bound = tokens.Validate(Bearer(authorization));
        if (bound is null || bound.Conv != conversationId) return Unauthorized();
        return Json(200, new { conversationId, token = tokens.Issue(conversationId, bound.User, bound.Loc), expires_in = tokens.ExpiresInSeconds });
    }

    /// <summary><c>POST /v3/directline/tokens/refresh</c>: a fresh token for the same conversation and user.</summary>
    public ChannelResponse Refresh(string? authorization)
    {
        var bound = tokens.Validate(Bearer(authorization));
        if (bound is null) return Unauthorized();
        return Json(200, new { conversationId = bound.Conv, token = tokens.Issue(bound.Conv, bound.User, bound.Loc), expires_in = tokens.ExpiresInSeconds });
    }

    /// <summary>
    /// <c>POST /v3/directline/conversations/{id}/activities</c>: echo the user's activity into the
    /// transcript (Web Chat marks a message "send failed" without the echo), run the turn, append
    /// the replies, answer with the activity id.
    /// </summary>
    public async Task<ChannelResponse> PostActivityAsync(string conversationId, string? authorization, ReadOnlyMemory<byte> body, bool fromLoopback, CancellationToken cancellationToken)
    {
        var bound = tokens.Validate(Bearer(authorization));
        if ((bound is null || bound.Conv != conversationId) && !HasSecret(authorization, fromLoopback)) return Unauthorized();

        Activity? activity;
        try { activity = ActivityJson.Deserialize(body.Span); }
        catch (JsonException) { return ChannelResponse.Error(400, "BadSyntax", "The body is not a valid Activity JSON document."); }
        if (activity is null || string.IsNullOrEmpty(activity.Type))
            return ChannelResponse.Error(400, "BadArgument", "An Activity needs a 'type'.");

        // The sender is who the token says, whatever the body claims.
        var userId = bound?.User ?? activity.From?.Id ?? NewId("dl_");
        var name = activity.From?.Name;
        var template = Incoming(conversationId, userId);
        activity.Id = NewActivityId(conversationId);
        activity.Timestamp = clock.GetUtcNow();
        activity.ChannelId = ChannelId;
        activity.Ingress = ChannelId;
        activity.Conversation = template.Conversation;
        activity.From = new ChannelAccount { Id = userId, Name = name, Role = "user" };
        activity.Recipient = template.Recipient;
        activity.ServiceUrl = null;
        // The page asked for a locale (plain Japanese) when it got the token: every activity speaks it; a switch the
        // person makes in the chat still wins (the engine keeps it in the conversation's state).
        if (bound?.Loc is { } asked) activity.Locale = asked;

        var echo = new List<string> { ActivityJson.Serialize(activity) };
        if (activity.IsMessage) echo.Add(Outgoing(new Activity { Type = ActivityTypes.Typing }, conversationId, userId));
        await AppendAsync(conversationId, echo, cancellationToken);

        var replies = await pipeline.RunAsync(activity, cancellationToken);
        if (replies.Count > 0)
            await AppendAsync(conversationId, replies.Select(r => Outgoing(r, conversationId, userId)).ToList(), cancellationToken);
        return Json(200, new { id = activity.Id });
    }

    /// <summary><c>GET /v3/directline/conversations/{id}/activities?watermark=N</c>.</summary>
    public async Task<ChannelResponse> GetActivitiesAsync(string conversationId, string? authorization, string? watermark, bool fromLoopback, CancellationToken cancellationToken)
    {
        var bound = tokens.Validate(Bearer(authorization));
        if ((bound is null || bound.Conv != conversationId) && !HasSecret(authorization, fromLoopback)) return Unauthorized();
        var page = await ReadTranscriptAsync(conversationId, watermark, 100, cancellationToken);
        // The stored items are already wire JSON: splice them in rather than re-serialising.
        var sb = new StringBuilder("{\"activities\":[");
        for (var i = 0; i < page.Activities.Count; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append(page.Activities[i]);
        }
        sb.Append("],\"watermark\":\"").Append(page.Watermark).Append("\"}");
        return new ChannelResponse(200, sb.ToString());
    }

    private Activity Incoming(string conversationId, string userId) => new()
    {
        Type = ActivityTypes.Message,
        ChannelId = ChannelId,
        Ingress = ChannelId,
        Conversation = new ConversationAccount { Id = conversationId },
        From = new ChannelAccount { Id = userId, Role = "user" },
        Recipient = transcript.Bot,
        Id = NewActivityId(conversationId),
        Timestamp = clock.GetUtcNow(),
        Locale = "ja-JP",
    };

    private Task AppendAsync(string conversationId, IReadOnlyList<string> items, CancellationToken cancellationToken) =>
        transcript.AppendAsync(conversationId, items, cancellationToken);

    private Task<(IReadOnlyList<string> Activities, string Watermark)> ReadTranscriptAsync(string conversationId, string? watermark, int max, CancellationToken cancellationToken) =>
        transcript.ReadAsync(conversationId, watermark, max, cancellationToken);

    private string Outgoing(Activity reply, string conversationId, string userId) => transcript.Outgoing(reply, conversationId, userId);

    private bool HasSecret(string? authorization, bool fromLoopback)
    {
        if (string.IsNullOrEmpty(_options.Secret)) return fromLoopback;
        var presented = Bearer(authorization);
        return presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(_options.Secret));
    }

    private static string? Bearer(string? authorization) =>
        authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null;

    private static string? ReadUserId(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty) return null;
        try
        {
            var reader = new Utf8JsonReader(body);
            using var doc = JsonDocument.ParseValue(ref reader);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("user", out var user) && user.ValueKind == JsonValueKind.Object
                && user.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        }
        catch (JsonException) { return null; }
    }

    /// <summary>The <c>locale</c> of a token request body (<c>{"user":{"id":…},"locale":"ja-JP-x-easy"}</c>), when it is a language tag.</summary>
    private static string? ReadLocale(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty) return null;
        try
        {
            var reader = new Utf8JsonReader(body);
            using var doc = JsonDocument.ParseValue(ref reader);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("locale", out var l)
                && l.ValueKind == JsonValueKind.String ? ValidLocale(l.GetString()) : null;
        }
        catch (JsonException) { return null; }
    }

    /// <summary>A BCP 47-looking tag (<c>ja-JP</c>, <c>ja-JP-x-easy</c>), else null: nothing else goes into a token.</summary>
    public static string? ValidLocale(string? locale) =>
        locale is { Length: > 1 and <= 35 } && System.Text.RegularExpressions.Regex.IsMatch(locale, "^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,4}$") ? locale : null;

    private static string NewId(string prefix) => prefix + Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();

    private static string NewActivityId(string conversationId) => DirectLineTranscript.NewActivityId(conversationId);

    private static ChannelResponse Unauthorized() => ChannelResponse.Error(401, "Unauthorized", "A valid Direct Line secret or token is required.");

    private static ChannelResponse Json(int status, object value) => new(status, JsonSerializer.Serialize(value, ActivityJson.Options));
}
