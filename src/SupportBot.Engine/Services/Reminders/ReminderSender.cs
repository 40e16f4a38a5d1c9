using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SupportBot.Engine.State;

namespace SupportBot.Engine.Services.Reminders;

/// <summary>Sends the reminders of one kind (<c>booking</c>, later <c>meetup</c>) when they come due.</summary>
public interface IReminderHandler
{
    string Kind { get; }

    /// <summary>Sends the reminder for <paramref name="id"/>; returns false when there was nothing to send (cancelled, gone).</summary>
    Task<bool> SendAsync(string id, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>
/// Wakes on the injected clock, claims the due reminders from the queue (atomically, so with several
/// instances each reminder is claimed by exactly one) and hands each to the handler of its kind.
/// A failed send is logged (no personal data) and not retried: a late reminder is worse than none.
/// </summary>
public sealed partial class ReminderSender(IReminderQueue queue, IEnumerable<IReminderHandler> handlers, TimeProvider clock, ILogger<ReminderSender> log) : BackgroundService
{
    /// <summary>Longest sleep between two looks at the queue (a reminder scheduled by another instance is seen within this).</summary>
    public static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, IReminderHandler> _handlers = handlers.ToDictionary(h => h.Kind, StringComparer.Ordinal);

    /// <summary>Claims and sends everything due now; returns how many reminders were sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var sent = 0;
        while (true)
        {
            var now = clock.GetUtcNow();
            var due = await queue.ClaimDueAsync(now, 20, cancellationToken);
            foreach (var item in due)
            {
                try
                {
                    if (_handlers.TryGetValue(item.Kind, out var handler) && await handler.SendAsync(item.Id, now, cancellationToken)) sent++;
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    LogFailed(log, item.Kind, error.GetType().Name);
                }
            }
            if (due.Count < 20) return sent;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = PollEvery;
            try
            {
                await SendDueAsync(stoppingToken);
                if (await queue.NextDueAsync(stoppingToken) is { } next)
                {
                    var until = next - clock.GetUtcNow();
                    if (until < wait) wait = until < TimeSpan.FromMilliseconds(50) ? TimeSpan.FromMilliseconds(50) : until;
                }
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                LogFailed(log, "queue", error.GetType().Name);
            }
            try { await Task.Delay(wait, clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "A reminder ({Kind}) could not be sent: {Error}")]
    private static partial void LogFailed(ILogger logger, string kind, string error);
}
