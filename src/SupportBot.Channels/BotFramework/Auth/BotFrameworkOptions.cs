using Microsoft.Extensions.Options;

namespace SupportBot.Channels.BotFramework.Auth;

/// <summary>
/// Bot Framework credentials and the protocol endpoints of the "v3.1/v3.2" security protocol
/// (https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication).
/// With <see cref="MicrosoftAppId"/> empty, authentication is off: that is how the Emulator talks to a
/// local bot that has no credentials, and it is the only way to turn the check off.
/// </summary>
public sealed class BotFrameworkOptions
{
    public const string SectionName = "BotFramework";

    /// <summary>Issuer of tokens sent by the Bot Connector service (spec, "Connector to Bot", requirement 3).</summary>
    public const string DefaultConnectorIssuer = "https://api.botframework.com";

    /// <summary>
    /// Issuers accepted when <see cref="ValidIssuers"/> is empty: the Connector, plus the Entra ID tenants the
    /// Emulator's tokens come from (v1 and v2 tokens of the "v3.1" d6d49420 and "v3.2" f8cdef31 protocol tenants).
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultValidIssuers =
    [
        DefaultConnectorIssuer,
        "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/",
        "https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0",
        "https://sts.windows.net/f8cdef31-a31e-4b4a-93e4-5f571e91255a/",
        "https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0",
    ];

    /// <summary>The bot's Microsoft App ID (Entra ID application, client id). Empty = authentication off.</summary>
    public string? MicrosoftAppId { get; set; }

    /// <summary>The app's client secret, used only for the outbound client-credentials token.</summary>
    public string? MicrosoftAppPassword { get; set; }

    /// <summary>
    /// Set for a single-tenant bot: the outbound authority becomes that tenant, and Emulator tokens issued
    /// by that tenant (v1 and v2) are accepted too.
    /// </summary>
    public string? MicrosoftAppTenantId { get; set; }

    /// <summary>The Bot Connector's OpenID metadata; its <c>jwks_uri</c> lists the keys Connector tokens are signed with.</summary>
    public string OpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>Entra ID metadata whose keys sign the Emulator's tokens (spec, "Emulator to Bot", step 2).</summary>
    public string EmulatorOpenIdMetadataUrl { get; set; } = "https://login.microsoftonline.com/botframework.com/v2.0/.well-known/openid-configuration";

    /// <summary>
    /// Tokens with this issuer are Connector tokens: checked against <see cref="OpenIdMetadataUrl"/> keys and they
    /// must carry a <c>serviceurl</c> claim. Every other accepted issuer is treated as an Emulator token.
    /// </summary>
    public string ConnectorIssuer { get; set; } = DefaultConnectorIssuer;

    /// <summary>
    /// Accepted token issuers. Empty means <see cref="DefaultValidIssuers"/> (kept empty by default because the
    /// configuration binder appends to a pre-filled list instead of replacing it).
    /// </summary>
    public List<string> ValidIssuers { get; set; } = [];

    /// <summary>
    /// Authority for the outbound client-credentials token. Empty means
    /// <c>https://login.microsoftonline.com/botframework.com</c>, or <c>https://login.microsoftonline.com/{tenant}</c>
    /// when <see cref="MicrosoftAppTenantId"/> is set.
    /// </summary>
    public string? Authority { get; set; }

    /// <summary>Scope of the outbound token (spec, "Bot to Connector", OAuth scope).</summary>
    public string OAuthScope { get; set; } = "https://api.botframework.com/.default";

    public bool AuthenticationEnabled => !string.IsNullOrWhiteSpace(MicrosoftAppId);

    public string EffectiveAuthority =>
        !string.IsNullOrWhiteSpace(Authority) ? Authority.TrimEnd('/')
        : !string.IsNullOrWhiteSpace(MicrosoftAppTenantId) ? $"https://login.microsoftonline.com/{MicrosoftAppTenantId.Trim()}"
        : "https://login.microsoftonline.com/botframework.com";

    public IReadOnlyList<string> EffectiveValidIssuers
    {
        get
        {
            var issuers = new List<string>(ValidIssuers.Count > 0 ? ValidIssuers : DefaultValidIssuers);
            if (!string.IsNullOrWhiteSpace(MicrosoftAppTenantId))
            {
                // Single-tenant bots: the Emulator's tokens are issued by the bot's own tenant.
                var tenant = MicrosoftAppTenantId.Trim();
                issuers.Add($"https://sts.windows.net/{tenant}/");
                issuers.Add($"https://login.microsoftonline.com/{tenant}/v2.0");
            }
            return issuers;
        }
    }
}

/// <summary>Fails start-up on a half-configured bot rather than on the first message.</summary>
public sealed class BotFrameworkOptionsValidator : IValidateOptions<BotFrameworkOptions>
{
    public ValidateOptionsResult Validate(string? name, BotFrameworkOptions options)
    {
        if (!options.AuthenticationEnabled)
            return ValidateOptionsResult.Success;

        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.MicrosoftAppPassword))
            errors.Add($"{BotFrameworkOptions.SectionName}:MicrosoftAppPassword is required when MicrosoftAppId is set.");
        foreach (var (key, value) in new[]
                 {
                     ("OpenIdMetadataUrl", options.OpenIdMetadataUrl),
                     ("EmulatorOpenIdMetadataUrl", options.EmulatorOpenIdMetadataUrl),
                     ("Authority", options.EffectiveAuthority),
                 })
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out _))
                errors.Add($"{BotFrameworkOptions.SectionName}:{key} must be an absolute URL.");
        }
        if (string.IsNullOrWhiteSpace(options.OAuthScope))
            errors.Add($"{BotFrameworkOptions.SectionName}:OAuthScope is required.");
        if (string.IsNullOrWhiteSpace(options.ConnectorIssuer))
            errors.Add($"{BotFrameworkOptions.SectionName}:ConnectorIssuer is required.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
