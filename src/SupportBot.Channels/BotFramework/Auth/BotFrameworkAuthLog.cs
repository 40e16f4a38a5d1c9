using Microsoft.Extensions.Logging;

namespace SupportBot.Channels.BotFramework.Auth;

/// <summary>Log lines carry the outcome only: never the token, its claims, or who the user is.</summary>
internal static partial class BotFrameworkAuthLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Debug, Message = "Bot Framework authentication is off (no MicrosoftAppId); request accepted anonymously")]
    public static partial void AuthenticationOff(ILogger logger);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Debug, Message = "Bot Framework token accepted from {Caller}")]
    public static partial void Accepted(ILogger logger, BotCaller caller);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Bot Framework request rejected: {Failure} (HTTP {StatusCode})")]
    public static partial void Rejected(ILogger logger, BotAuthFailure failure, int statusCode);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Error, Message = "Bot Framework signing keys for {Caller} tokens could not be fetched ({ErrorType})")]
    public static partial void MetadataFailed(ILogger logger, BotCaller caller, string errorType);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Error, Message = "Bot Framework outbound token request failed ({ErrorCode})")]
    public static partial void TokenFailed(ILogger logger, string errorCode);
}
