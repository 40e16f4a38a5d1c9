using Microsoft.Extensions.Logging;

namespace SupportBot.Channels.BotFramework;

internal static partial class BotFrameworkLog
{
    [LoggerMessage(2001, LogLevel.Warning, "Posting a reply to the Connector failed on channel {Channel} ({ExceptionType}).")]
    public static partial void ReplyFailed(ILogger logger, string channel, string exceptionType);
}
