namespace SupportBot.Channels.DirectLine;

/// <summary>The embedded Direct Line 3.0 service (section <c>DirectLine</c>).</summary>
public sealed class DirectLineOptions
{
    public const string SectionName = "DirectLine";

    /// <summary>
    /// The Direct Line secret clients present to <c>/tokens/generate</c> and <c>/conversations</c>.
    /// Empty: only loopback clients may use those without a token (development).
    /// </summary>
    public string Secret { get; set; } = "";

    /// <summary>
    /// Key that signs conversation tokens. Every instance behind a load balancer needs the same key;
    /// empty: derived from <see cref="Secret"/>, or random per process when that is empty too.
    /// </summary>
    public string TokenSigningKey { get; set; } = "";

    /// <summary>Lifetime of a token (Direct Line's own tokens live 30 minutes).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Browser origins allowed to call Direct Line from another site (CORS). The built-in page needs none.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>The bot's account in Direct Line conversations.</summary>
    public string BotId { get; set; } = "supportbot";

    /// <summary>Largest accepted activity body; larger → 413.</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;
}
