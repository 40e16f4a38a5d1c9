using Microsoft.Extensions.Logging;

namespace SupportBot.Engine.Turns;

/// <summary>Log events of the turn pipeline. No names, phone numbers or message text, ever.</summary>
internal static partial class TurnLog
{
    [LoggerMessage(1001, LogLevel.Error, "A turn failed on channel {Channel} ({ExceptionType}); the user got the apology and a fresh state.")]
    public static partial void TurnFailed(ILogger logger, Exception exception, string channel, string exceptionType);

    [LoggerMessage(1002, LogLevel.Warning, "State version conflict on channel {Channel}, attempt {Attempt}; rerunning the turn.")]
    public static partial void VersionConflict(ILogger logger, string channel, int attempt);

    [LoggerMessage(1003, LogLevel.Warning, "Releasing a conversation lease failed ({ExceptionType}); it will expire on its own.")]
    public static partial void ReleaseFailed(ILogger logger, string exceptionType);

    [LoggerMessage(1009, LogLevel.Warning, "Renewing a conversation lease failed ({ExceptionType}); the turn goes on, its commit is checked.")]
    public static partial void RenewFailed(ILogger logger, string exceptionType);

    [LoggerMessage(1004, LogLevel.Error, "Queued work failed ({ExceptionType}).")]
    public static partial void QueuedWorkFailed(ILogger logger, Exception exception, string exceptionType);

    [LoggerMessage(1005, LogLevel.Error, "The state store is unavailable ({ExceptionType}); answering without state until it is back.")]
    public static partial void StoreUnavailable(ILogger logger, string exceptionType);

    [LoggerMessage(1007, LogLevel.Warning, "The state store is still unavailable: {Turns} turns answered without state so far.")]
    public static partial void StoreStillUnavailable(ILogger logger, long turns);

    [LoggerMessage(1008, LogLevel.Information, "The state store is back after {Turns} turns answered without state.")]
    public static partial void StoreBack(ILogger logger, long turns);

    [LoggerMessage(1006, LogLevel.Warning, "Leaving flow {Flow} after a guard answered failed ({ExceptionType}); what it held expires on its own.")]
    public static partial void LeaveFailed(ILogger logger, string flow, string exceptionType);

    // Debug: a flood must not become a flood of log lines.
    [LoggerMessage(1010, LogLevel.Debug, "A message on {Channel} was over its sender's rate and not run through the flows.")]
    public static partial void Limited(ILogger logger, string channel);

    // Debug: under a burst into one conversation every extra message would be a line; the metric counts them.
    [LoggerMessage(1011, LogLevel.Debug, "A message on {Channel} found its conversation busy with an earlier turn and got the busy reply.")]
    public static partial void Busy(ILogger logger, string channel);
}
