using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportBot.Engine.Activities;

namespace SupportBot.Engine.Notifications;

/// <summary>An event for staff: what happened, when, where — ids and categories, not personal details.</summary>
public sealed record StaffEvent(string Type, DateTimeOffset Time, string Channel, string ConversationId, IReadOnlyDictionary<string, object?> Details);

/// <summary>
/// Sends staff events to the configured webhook from a background queue, retrying with backoff,
/// so a slow or failing webhook never delays a resident's reply. Callers get a task that completes
/// with whether delivery succeeded (for the audit record), and never need to await it.
/// </summary>
public sealed class StaffNotifier(HttpClient http, IOptions<NotificationOptions> options, TimeProvider clock, ILogger<StaffNotifier> log) : BackgroundService
{
    private readonly Channel<(StaffEvent Event, TaskCompletionSource<bool> Done)> _queue =
        Channel.CreateBounded<(StaffEvent, TaskCompletionSource<bool>)>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest });

    public bool Enabled => !string.IsNullOrWhiteSpace(options.Value.WebhookUrl);

    /// <summary>Queues the event; the task says whether it reached the webhook (false when none is configured).</summary>
    public Task<bool> NotifyAsync(StaffEvent staffEvent)
    {
        if (!Enabled) return Task.FromResult(false);
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((staffEvent, done))) done.TrySetResult(false);
        return done.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (staffEvent, done) in _queue.Reader.ReadAllAsync(stoppingToken))
                _ = DeliverAsync(staffEvent, done, stoppingToken);
        }
        catch (OperationCanceledException) { }
    }

    private async Task DeliverAsync(StaffEvent staffEvent, TaskCompletionSource<bool> done, CancellationToken stoppingToken)
    {
        var o = options.Value;
        var body = JsonSerializer.Serialize(new
        {
            type = staffEvent.Type,
            time = staffEvent.Time,
            channel = staffEvent.Channel,
            conversation = staffEvent.ConversationId,
            details = staffEvent.Details,
        }, ActivityJson.Options);
        var delay = o.FirstRetryDelay;
        for (var attempt = 1; attempt <= Math.Max(1, o.MaxAttempts); attempt++)
        {
            try
            {
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await http.PostAsync(o.WebhookUrl, content, stoppingToken);
                if (response.IsSuccessStatusCode) { done.TrySetResult(true); return; }
                NotificationLog.Failed(log, staffEvent.Type, attempt, (int)response.StatusCode);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !stoppingToken.IsCancellationRequested)
            {
                NotificationLog.Failed(log, staffEvent.Type, attempt, 0);
            }
            catch (OperationCanceledException) { break; }
            if (attempt < o.MaxAttempts)
            {
                try { await Task.Delay(delay, clock, stoppingToken); }
                catch (OperationCanceledException) { break; }
                delay *= 2;
            }
        }
        NotificationLog.GaveUp(log, staffEvent.Type);
        done.TrySetResult(false);
    }
}

internal static partial class NotificationLog
{
    [LoggerMessage(3001, LogLevel.Warning, "Staff notification '{Type}' failed (attempt {Attempt}, status {Status}).")]
    public static partial void Failed(ILogger logger, string type, int attempt, int status);

    [LoggerMessage(3002, LogLevel.Error, "Staff notification '{Type}' was given up after all attempts.")]
    public static partial void GaveUp(ILogger logger, string type);
}
