namespace SupportBot.Engine.Notifications;

/// <summary>Staff notifications (section <c>Notifications</c>).</summary>
public sealed class NotificationOptions
{
    public const string SectionName = "Notifications";

    /// <summary>Staff webhook (HTTPS POST of a JSON event). Empty: no notifications (audit records say so).</summary>
    public string WebhookUrl { get; set; } = "";

    /// <summary>Include the resident's message text in crisis alerts. Default false: health information stays out of other systems.</summary>
    public bool IncludeMessageText { get; set; }

    /// <summary>Delivery attempts per event before it is given up (and logged). Default 5.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The first retry's delay; each next one doubles. Default 2 s.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);
}
