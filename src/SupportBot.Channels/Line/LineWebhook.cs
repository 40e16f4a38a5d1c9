using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportBot.Channels.Line;

/// <summary>
/// A webhook request body (https://developers.line.biz/en/reference/messaging-api/#request-body).
/// Read leniently: unknown fields and event types are fine (LINE adds them over time); only the
/// fields the bot uses are modelled.
/// </summary>
public sealed class LineWebhook
{
    public string? Destination { get; set; }
    public List<LineEvent>? Events { get; set; }

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    /// <summary>The webhook in <paramref name="body"/>; throws <see cref="JsonException"/> when it is not a JSON object with an events array (or none).</summary>
    public static LineWebhook Parse(ReadOnlySpan<byte> body)
    {
        var webhook = JsonSerializer.Deserialize<LineWebhook>(body, Options) ?? throw new JsonException("Empty body.");
        webhook.Events ??= [];
        return webhook;
    }
}

public sealed class LineEvent
{
    /// <summary>message, postback, follow, unfollow, join, leave, memberJoined, …</summary>
    public string? Type { get; set; }

    /// <summary>active or standby (another channel owns the chat: do not answer).</summary>
    public string? Mode { get; set; }

    public long Timestamp { get; set; }
    public LineSource? Source { get; set; }
    public string? WebhookEventId { get; set; }
    public LineDeliveryContext? DeliveryContext { get; set; }
    public string? ReplyToken { get; set; }
    public LineMessage? Message { get; set; }
    public LinePostback? Postback { get; set; }
}

public sealed class LineSource
{
    /// <summary>user, group or room.</summary>
    public string? Type { get; set; }
    public string? UserId { get; set; }
    public string? GroupId { get; set; }
    public string? RoomId { get; set; }

    public bool IsUser => Type is null or "user";

    /// <summary>Where replies go and whose state it is: the user for 1:1 chats, else the group or room.</summary>
    public string? ChatId => Type switch
    {
        "group" => GroupId,
        "room" => RoomId,
        _ => UserId,
    };
}

public sealed class LineDeliveryContext
{
    public bool IsRedelivery { get; set; }
}

public sealed class LineMessage
{
    public string? Id { get; set; }

    /// <summary>text, image, video, audio, file, location, sticker.</summary>
    public string? Type { get; set; }
    public string? Text { get; set; }
    public LineMention? Mention { get; set; }
}

public sealed class LineMention
{
    public List<LineMentionee>? Mentionees { get; set; }
}

public sealed class LineMentionee
{
    public int Index { get; set; }
    public int Length { get; set; }
    public string? Type { get; set; }
    public string? UserId { get; set; }
    public bool IsSelf { get; set; }
}

public sealed class LinePostback
{
    public string? Data { get; set; }

    /// <summary>From a datetime picker: <c>date</c>, <c>time</c> or <c>datetime</c>.</summary>
    public Dictionary<string, string>? Params { get; set; }
}
