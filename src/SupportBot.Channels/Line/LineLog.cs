using Microsoft.Extensions.Logging;

namespace SupportBot.Channels.Line;

/// <summary>LINE channel logs: event kinds, counts and outcomes only — never user ids, names or message text.</summary>
internal static partial class LineLog
{
    [LoggerMessage(5001, LogLevel.Warning, "LINE webhook rejected: {Reason}.")]
    public static partial void Rejected(ILogger logger, string reason);

    [LoggerMessage(5002, LogLevel.Information, "LINE event of type {EventType} ignored.")]
    public static partial void Ignored(ILogger logger, string eventType);

    [LoggerMessage(5003, LogLevel.Information, "LINE redelivery of an event already handled; no second reply.")]
    public static partial void Duplicate(ILogger logger);

    [LoggerMessage(5004, LogLevel.Warning, "LINE push sent ({Reason}, {Messages} messages); pushes so far in this process: {Total}.")]
    public static partial void Pushed(ILogger logger, string reason, int messages, long total);

    [LoggerMessage(5005, LogLevel.Error, "LINE delivery failed ({Via}).")]
    public static partial void DeliveryFailed(ILogger logger, string via);

    [LoggerMessage(5006, LogLevel.Error, "A LINE event of type {EventType} failed ({ExceptionType}).")]
    public static partial void EventFailed(ILogger logger, Exception exception, string eventType, string exceptionType);

    [LoggerMessage(5007, LogLevel.Information, "LINE unfollow: {Items} stored items deleted.")]
    public static partial void Erased(ILogger logger, int items);

    [LoggerMessage(5008, LogLevel.Warning, "The dedupe store is unavailable ({ExceptionType}); the event is handled without the exactly-once check.")]
    public static partial void DedupeUnavailable(ILogger logger, string exceptionType);

    [LoggerMessage(5009, LogLevel.Warning, "The LINE webhook queue is full; answered 503 so LINE may redeliver.")]
    public static partial void QueueFull(ILogger logger);
}
