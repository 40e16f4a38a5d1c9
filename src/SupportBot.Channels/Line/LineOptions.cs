namespace SupportBot.Channels.Line;

/// <summary>
/// The LINE Messaging API channel (section <c>Line</c>). Without <see cref="ChannelSecret"/> the
/// webhook answers 404 and nothing LINE-related runs; the rest of the bot starts as usual.
/// </summary>
public sealed class LineOptions
{
    public const string SectionName = "Line";

    /// <summary>The channel secret (LINE Developers console → Basic settings); the key of the webhook signature.</summary>
    public string ChannelSecret { get; set; } = "";

    /// <summary>A long-lived channel access token (Messaging API tab); sent as <c>Authorization: Bearer</c>.</summary>
    public string ChannelAccessToken { get; set; } = "";

    /// <summary>Base of the Messaging API (reply, push, profile, loading animation, rich menu).</summary>
    public string ApiBaseUrl { get; set; } = "https://api.line.me";

    /// <summary>Base of the data API (rich menu image upload).</summary>
    public string DataApiBaseUrl { get; set; } = "https://api-data.line.me";

    /// <summary>Largest accepted webhook body; larger → 413.</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>How long a <c>webhookEventId</c> is remembered, so a redelivery gets no second reply.</summary>
    public TimeSpan DedupeFor { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Reply tokens live about a minute; a turn that took longer than this sends by push instead
    /// (a reply with a stale token fails, and the push costs quota either way).
    /// </summary>
    public TimeSpan ReplyTokenBudget { get; set; } = TimeSpan.FromSeconds(50);

    /// <summary>When a turn has not finished after this long, the loading animation is shown (1:1 chats only).</summary>
    public TimeSpan LoadingAfter { get; set; } = TimeSpan.FromMilliseconds(800);

    /// <summary>How long a user's language from the profile API is cached.</summary>
    public TimeSpan ProfileCacheFor { get; set; } = TimeSpan.FromHours(6);

    /// <summary>
    /// The bot's own user id (the webhook's <c>destination</c>); a mention of it in a group addresses
    /// the bot. Empty: taken from each webhook's <c>destination</c>.
    /// </summary>
    public string BotUserId { get; set; } = "";

    /// <summary>Names that address the bot in a group or room when written in the message (e.g. the account's display name).</summary>
    public List<string> BotNames { get; set; } = [];

    /// <summary>Largest number of choices shown as quick-reply buttons only; more become a Flex carousel.</summary>
    public int FlexAbove { get; set; } = 6;

    /// <summary>How many days ahead a date picker lets people choose, when the question says no maximum.</summary>
    public int DatePickerDays { get; set; } = 90;

    public bool Enabled => !string.IsNullOrEmpty(ChannelSecret);
}
