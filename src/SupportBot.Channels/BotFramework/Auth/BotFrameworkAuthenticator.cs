using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using SupportBot.Engine.Activities;

namespace SupportBot.Channels.BotFramework.Auth;

/// <summary>
/// Checks the <c>Authorization</c> header of an inbound <c>/api/messages</c> request as the Bot Connector
/// authentication spec requires ("Connector to Bot" and "Emulator to Bot" paths):
/// https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication
/// Register as a singleton: it caches the signing keys.
/// </summary>
public sealed class BotFrameworkAuthenticator
{
    /// <summary>The spec's "industry-standard clock-skew".</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    internal const string MetadataClientName = "BotFramework.Metadata";

    private readonly BotFrameworkOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<BotFrameworkAuthenticator> _logger;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly HashSet<string> _issuers;
    private readonly OpenIdMetadata? _connectorMetadata;
    private readonly OpenIdMetadata? _emulatorMetadata;

    public BotFrameworkAuthenticator(
        IOptions<BotFrameworkOptions> options,
        IHttpClientFactory httpClients,
        TimeProvider time,
        ILogger<BotFrameworkAuthenticator> logger)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        _issuers = new HashSet<string>(_options.EffectiveValidIssuers, StringComparer.Ordinal);
        if (_options.AuthenticationEnabled)
        {
            var retriever = new MetadataDocumentRetriever(httpClients, MetadataClientName);
            _connectorMetadata = new OpenIdMetadata(_options.OpenIdMetadataUrl, retriever, time);
            _emulatorMetadata = new OpenIdMetadata(_options.EmulatorOpenIdMetadataUrl, retriever, time);
        }
    }

    public bool Enabled => _options.AuthenticationEnabled;

    /// <summary>Authenticates a request carrying <paramref name="activity"/>: checks its serviceUrl and, where the key lists them, the endorsement of its channelId.</summary>
    public Task<BotAuthResult> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken cancel) =>
        AuthenticateAsync(authorizationHeader, activity.ServiceUrl, activity.ChannelId, cancel);

    /// <summary>Authenticates a request whose activity has <paramref name="activityServiceUrl"/> at its root.</summary>
    public Task<BotAuthResult> AuthenticateAsync(string? authorizationHeader, string? activityServiceUrl, CancellationToken cancel) =>
        AuthenticateAsync(authorizationHeader, activityServiceUrl, channelId: null, cancel);

    /// <summary>
    /// As above; when <paramref name="channelId"/> is given and the signing key carries an <c>endorsements</c>
    /// list, the channel must be in it (spec, "Connector to Bot", step 3).
    /// </summary>
    public async Task<BotAuthResult> AuthenticateAsync(string? authorizationHeader, string? activityServiceUrl, string? channelId, CancellationToken cancel)
    {
        if (!_options.AuthenticationEnabled)
        {
            BotFrameworkAuthLog.AuthenticationOff(_logger);
            return BotAuthResult.Anonymous;
        }

        var result = await CheckAsync(authorizationHeader, activityServiceUrl, channelId, cancel).ConfigureAwait(false);
        if (result.Succeeded)
            BotFrameworkAuthLog.Accepted(_logger, result.Caller);
        else
            BotFrameworkAuthLog.Rejected(_logger, result.Failure, result.StatusCode);
        return result;
    }

    private async Task<BotAuthResult> CheckAsync(string? header, string? serviceUrl, string? channelId, CancellationToken cancel)
    {
        // Requirement 1: the token comes in the Authorization header with the Bearer scheme
        // (the scheme name is case-insensitive, RFC 7235 §2.1).
        if (string.IsNullOrWhiteSpace(header))
            return BotAuthResult.Fail(BotAuthFailure.MissingHeader);
        var parts = header.Trim().Split(' ', 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !parts[0].Equals("Bearer", StringComparison.OrdinalIgnoreCase) || parts[1].Length == 0)
            return BotAuthResult.Fail(BotAuthFailure.WrongScheme);
        var raw = parts[1];

        // Requirement 2: a well-formed JWT. Read unverified only to learn which key set to check it against.
        JsonWebToken unverified;
        try
        {
            unverified = _handler.ReadJsonWebToken(raw);
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenException)
        {
            return BotAuthResult.Fail(BotAuthFailure.MalformedToken);
        }

        if (!_issuers.Contains(unverified.Issuer ?? ""))
            return BotAuthResult.Fail(BotAuthFailure.UntrustedIssuer);
        var caller = string.Equals(unverified.Issuer, _options.ConnectorIssuer, StringComparison.Ordinal)
            ? BotCaller.Connector
            : BotCaller.Emulator;
        // A Connector token must verify with the Connector's keys, an Emulator token with Entra ID's: never the union,
        // so one party's keys can never vouch for the other's issuer.
        var metadata = caller == BotCaller.Connector ? _connectorMetadata! : _emulatorMetadata!;

        TokenValidationResult validated;
        OpenIdConnectConfiguration config;
        try
        {
            config = await metadata.GetAsync(cancel).ConfigureAwait(false);
            validated = await ValidateAsync(raw, config).ConfigureAwait(false);
            if (validated.Exception is SecurityTokenSignatureKeyNotFoundException && metadata.Refetched is { } known && !ReferenceEquals(known, config))
            {
                config = known;
                validated = await ValidateAsync(raw, config).ConfigureAwait(false);
            }
            if (validated.Exception is SecurityTokenSignatureKeyNotFoundException && await metadata.RefetchAsync(cancel).ConfigureAwait(false) is { } fresh)
            {
                // Key rollover: the token names a key published after our cached copy.
                config = fresh;
                validated = await ValidateAsync(raw, config).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or InvalidOperationException or ArgumentException or JsonException or TaskCanceledException && !cancel.IsCancellationRequested)
        {
            BotFrameworkAuthLog.MetadataFailed(_logger, caller, ex.GetType().Name);
            return BotAuthResult.Fail(BotAuthFailure.MetadataUnavailable);
        }

        if (!validated.IsValid)
            return BotAuthResult.Fail(Classify(validated.Exception));

        var token = (JsonWebToken)validated.SecurityToken;
        if (caller == BotCaller.Connector)
        {
            // Requirement 7: the token was issued for this activity's serviceUrl, so replies (which carry our own
            // token) only go where the Connector said. Claim names are matched ignoring case: the spec writes
            // "serviceUrl", the service sends "serviceurl".
            var claimed = ClaimValue(token, "serviceurl");
            if (string.IsNullOrEmpty(claimed) || string.IsNullOrEmpty(serviceUrl) ||
                !string.Equals(claimed, serviceUrl, StringComparison.OrdinalIgnoreCase))
                return BotAuthResult.Fail(BotAuthFailure.ServiceUrlMismatch);
        }
        else
        {
            // Emulator requirement 5: the token was obtained with our own app's credentials
            // (v1 tokens name the client in "appid", v2 tokens in "azp").
            var appId = ClaimValue(token, "appid") ?? ClaimValue(token, JwtRegisteredClaimNames.Azp);
            if (!string.Equals(appId, _options.MicrosoftAppId, StringComparison.OrdinalIgnoreCase))
                return BotAuthResult.Fail(BotAuthFailure.AppIdMismatch);
        }

        if (!string.IsNullOrEmpty(channelId) && !IsEndorsed(config, validated.SecurityToken.SigningKey?.KeyId ?? token.Kid, channelId))
            return BotAuthResult.Fail(BotAuthFailure.ChannelNotEndorsed);

        return BotAuthResult.Ok(caller);
    }

    private Task<TokenValidationResult> ValidateAsync(string raw, OpenIdConnectConfiguration config)
    {
        var algorithms = config.IdTokenSigningAlgValuesSupported is { Count: > 0 } advertised
            ? advertised
            : [SecurityAlgorithms.RsaSha256];
        var parameters = new TokenValidationParameters
        {
            ValidIssuers = _issuers,                          // requirement 3
            ValidAudience = _options.MicrosoftAppId,          // requirement 4
            ValidateLifetime = true,                          // requirement 5
            RequireExpirationTime = true,
            ClockSkew = ClockSkew,
            LifetimeValidator = ValidateLifetime,             // "now" from the injected clock
            IssuerSigningKeys = config.SigningKeys,           // requirement 6: keys from jwks_uri ...
            ValidAlgorithms = algorithms,                     // ... with an advertised algorithm ("none" never is)
            RequireSignedTokens = true,
            TryAllIssuerSigningKeys = false,                  // the token's kid must name a published key
        };
        return _handler.ValidateTokenAsync(raw, parameters);
    }

    /// <summary>Lifetime against the injected <see cref="TimeProvider"/>, with the spec's 5-minute skew either side.</summary>
    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        if (expires is null)
            throw new SecurityTokenNoExpirationException("The token has no expiry.");
        if (notBefore is { } nbf && nbf > now + ClockSkew)
            throw new SecurityTokenNotYetValidException("The token is not valid yet.") { NotBefore = nbf };
        if (expires.Value < now - ClockSkew)
            throw new SecurityTokenExpiredException("The token has expired.") { Expires = expires.Value };
        return true;
    }

    private static BotAuthFailure Classify(Exception? ex) => ex switch
    {
        SecurityTokenInvalidIssuerException => BotAuthFailure.UntrustedIssuer,
        SecurityTokenInvalidAudienceException => BotAuthFailure.WrongAudience,
        SecurityTokenExpiredException => BotAuthFailure.Expired,
        SecurityTokenNotYetValidException => BotAuthFailure.NotYetValid,
        SecurityTokenNoExpirationException => BotAuthFailure.Expired,
        SecurityTokenInvalidLifetimeException => BotAuthFailure.Expired,
        SecurityTokenSignatureKeyNotFoundException => BotAuthFailure.UnknownSigningKey,
        SecurityTokenInvalidSignatureException or SecurityTokenInvalidAlgorithmException => BotAuthFailure.BadSignature,
        SecurityTokenMalformedException => BotAuthFailure.MalformedToken,
        _ => BotAuthFailure.BadSignature,
    };

    private static string? ClaimValue(JsonWebToken token, string name)
    {
        foreach (var claim in token.Claims)
        {
            if (string.Equals(claim.Type, name, StringComparison.OrdinalIgnoreCase))
                return claim.Value;
        }
        return null;
    }

    /// <summary>
    /// The Connector's key document lists, per key, the channels it may speak for ("endorsements"). A key
    /// without that list (all Entra ID keys, used by the Emulator) endorses nothing in particular and passes.
    /// </summary>
    private static bool IsEndorsed(OpenIdConnectConfiguration config, string? keyId, string channelId)
    {
        var key = config.JsonWebKeySet?.Keys.FirstOrDefault(k => string.Equals(k.Kid, keyId, StringComparison.Ordinal));
        if (key is null || !key.AdditionalData.TryGetValue("endorsements", out var value) || value is null)
            return true;
        IEnumerable<string?> endorsements = value switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : null),
            IEnumerable<object> list => list.Select(o => o?.ToString()),
            string single => [single],
            _ => [],
        };
        return endorsements.Any(e => string.Equals(e, channelId, StringComparison.OrdinalIgnoreCase));
    }
}
