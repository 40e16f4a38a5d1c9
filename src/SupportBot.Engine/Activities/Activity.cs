using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportBot.Engine.Activities;

/// <summary>
/// The one internal model: a Bot Framework Activity (https://github.com/microsoft/botframework-sdk/blob/main/specs/botframework-activity/botframework-activity.md).
/// Channels translate to and from it at the edge. Unknown JSON fields are kept in <see cref="Extra"/>
/// and written back, so a channel's own fields survive a round trip.
/// </summary>
public sealed class Activity
{
    public string? Type { get; set; }
    public string? Id { get; set; }
    public DateTimeOffset? Timestamp { get; set; }
    public DateTimeOffset? LocalTimestamp { get; set; }
    public string? LocalTimezone { get; set; }
    public string? ServiceUrl { get; set; }
    public string? ChannelId { get; set; }
    public ChannelAccount? From { get; set; }
    public ChannelAccount? Recipient { get; set; }
    public ConversationAccount? Conversation { get; set; }
    public string? Text { get; set; }
    public string? TextFormat { get; set; }
    public string? Speak { get; set; }
    public string? InputHint { get; set; }
    public string? Summary { get; set; }
    public string? Locale { get; set; }
    public string? Name { get; set; }
    public string? Label { get; set; }
    public string? ValueType { get; set; }
    public JsonElement? Value { get; set; }
    public SuggestedActions? SuggestedActions { get; set; }
    public List<Attachment>? Attachments { get; set; }
    public string? AttachmentLayout { get; set; }
    public List<JsonElement>? Entities { get; set; }
    public JsonElement? ChannelData { get; set; }
    public string? ReplyToId { get; set; }
    public string? DeliveryMode { get; set; }
    public List<ChannelAccount>? MembersAdded { get; set; }
    public List<ChannelAccount>? MembersRemoved { get; set; }
    /// <summary>For <c>installationUpdate</c>: <c>add</c> or <c>remove</c> (the bot was added or removed by the person).</summary>
    public string? Action { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>
    /// Which of our endpoints the activity came in by (the Bot Framework endpoint, the embedded Direct Line,
    /// LINE). Set by the channel, never read from the body: the conversation's state is filed under it, so a
    /// caller cannot name another ingress's conversation.
    /// </summary>
    [JsonIgnore]
    public string? Ingress { get; set; }

    [JsonIgnore]
    public bool IsMessage => string.Equals(Type, ActivityTypes.Message, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Whether the message is for the bot: always in a one-to-one chat; in a group only when it carries a
    /// <c>mention</c> entity of the bot (the Bot Framework's way to address a bot in a group).
    /// </summary>
    [JsonIgnore]
    public bool IsForBot => Conversation?.IsGroup != true || MentionsRecipient;

    private bool MentionsRecipient =>
        Recipient?.Id is { } bot && (Entities ?? []).Any(e => e.ValueKind == JsonValueKind.Object
            && e.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == EntityTypes.Mention
            && e.TryGetProperty("mentioned", out var who) && who.ValueKind == JsonValueKind.Object
            && who.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() == bot);

    /// <summary>Marks the message as addressed to the bot (a channel that saw a mention or the bot's name).</summary>
    public void AddMentionOf(ChannelAccount bot) =>
        (Entities ??= []).Add(JsonSerializer.SerializeToElement(new { type = EntityTypes.Mention, mentioned = new { id = bot.Id, name = bot.Name } }));

    /// <summary>A message that carries something other than text (a picture, a sticker, a file) and no text or value.</summary>
    [JsonIgnore]
    public bool IsNonText => IsMessage && string.IsNullOrWhiteSpace(Text) && Value is null && Attachments is { Count: > 0 };

    /// <summary>A reply addressed back to the sender of this activity, in the same conversation.</summary>
    public Activity CreateReply(string? text = null) => new()
    {
        Type = ActivityTypes.Message,
        ChannelId = ChannelId,
        ServiceUrl = ServiceUrl,
        Conversation = Conversation is null ? null : new ConversationAccount { Id = Conversation.Id, Name = Conversation.Name, IsGroup = Conversation.IsGroup, ConversationType = Conversation.ConversationType, TenantId = Conversation.TenantId },
        From = Recipient is null ? null : new ChannelAccount { Id = Recipient.Id, Name = Recipient.Name, Role = "bot" },
        Recipient = From is null ? null : new ChannelAccount { Id = From.Id, Name = From.Name, Role = "user" },
        ReplyToId = Id,
        Locale = Locale,
        Text = text,
    };
}

public static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string Typing = "typing";
    public const string Event = "event";
    public const string Trace = "trace";
    public const string EndOfConversation = "endOfConversation";
    /// <summary>The person added (<c>action: add</c>) or removed the bot, e.g. LINE's follow and unfollow.</summary>
    public const string InstallationUpdate = "installationUpdate";
}

public static class EntityTypes
{
    public const string Mention = "mention";
}

public static class DeliveryModes
{
    public const string ExpectReplies = "expectReplies";
    public const string Normal = "normal";
}

public static class InputHints
{
    public const string AcceptingInput = "acceptingInput";
    public const string ExpectingInput = "expectingInput";
    public const string IgnoringInput = "ignoringInput";
}

public sealed class ChannelAccount
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Role { get; set; }
    public string? AadObjectId { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class ConversationAccount
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public bool? IsGroup { get; set; }
    public string? ConversationType { get; set; }
    public string? TenantId { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class SuggestedActions
{
    public List<string>? To { get; set; }
    public List<CardAction> Actions { get; set; } = [];
}

public sealed class CardAction
{
    /// <summary>imBack, postBack, messageBack, openUrl, call, …</summary>
    public string Type { get; set; } = "imBack";
    public string? Title { get; set; }
    public JsonElement? Value { get; set; }
    public string? Text { get; set; }
    public string? DisplayText { get; set; }
    public string? Image { get; set; }

    public static CardAction ImBack(string title, string? value = null) =>
        new() { Type = "imBack", Title = title, Value = JsonSerializer.SerializeToElement(value ?? title) };

    /// <summary>A phone-call button (value <c>tel:...</c>), which channels render natively where they can.</summary>
    public static CardAction Call(string title, string phone) =>
        new() { Type = "call", Title = title, Value = JsonSerializer.SerializeToElement("tel:" + phone) };
}

public sealed class Attachment
{
    public string? ContentType { get; set; }
    public string? ContentUrl { get; set; }
    public JsonElement? Content { get; set; }
    public string? Name { get; set; }
    public string? ThumbnailUrl { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
