namespace SupportBot.Channels.BotFramework.Auth;

/// <summary>Who sent an inbound <c>/api/messages</c> request, as far as authentication can tell.</summary>
public enum BotCaller
{
    /// <summary>Authentication failed; the caller is unknown.</summary>
    None,

    /// <summary>Authentication is off (no app id configured): anyone may call, e.g. the Emulator locally.</summary>
    Anonymous,

    /// <summary>A token from the Bot Connector service.</summary>
    Connector,

    /// <summary>A token the Emulator obtained with the bot's own credentials.</summary>
    Emulator,
}

/// <summary>Why a request was rejected. Safe to log: no token contents.</summary>
public enum BotAuthFailure
{
    None,
    MissingHeader,
    WrongScheme,
    MalformedToken,
    UntrustedIssuer,
    WrongAudience,
    Expired,
    NotYetValid,
    BadSignature,
    UnknownSigningKey,
    ServiceUrlMismatch,
    AppIdMismatch,
    ChannelNotEndorsed,
    MetadataUnavailable,
}

/// <summary>
/// The outcome of <see cref="BotFrameworkAuthenticator.AuthenticateAsync(string?, string?, CancellationToken)"/>.
/// <see cref="StatusCode"/> is what the endpoint should answer on failure.
/// </summary>
public sealed record BotAuthResult
{
    public required bool Succeeded { get; init; }
    public BotCaller Caller { get; init; }
    public BotAuthFailure Failure { get; init; }

    /// <summary>HTTP status for a failure: 401 without usable credentials, 403 for a token that fails the spec's checks, 503 when the signing keys cannot be fetched.</summary>
    public int StatusCode { get; init; } = 200;

    internal static BotAuthResult Anonymous { get; } = new() { Succeeded = true, Caller = BotCaller.Anonymous };

    internal static BotAuthResult Ok(BotCaller caller) => new() { Succeeded = true, Caller = caller };

    internal static BotAuthResult Fail(BotAuthFailure failure) => new()
    {
        Succeeded = false,
        Caller = BotCaller.None,
        Failure = failure,
        StatusCode = failure switch
        {
            // No credentials presented: 401 invites the client to authenticate.
            BotAuthFailure.MissingHeader or BotAuthFailure.WrongScheme => 401,
            // Keys unreachable is our problem, not the caller's; the Connector retries on 5xx.
            BotAuthFailure.MetadataUnavailable => 503,
            // The spec: a token that does not meet every requirement gets 403 Forbidden.
            _ => 403,
        },
    };
}
