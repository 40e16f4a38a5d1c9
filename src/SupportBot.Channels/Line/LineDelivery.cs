using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace SupportBot.Channels.Line;

/// <summary>
/// Sends a turn's LINE messages: the first (up to 5) with the reply token while it is fresh, the rest
/// — and everything when the token is stale, used, or refused — by push with a retry key. Pushes are
/// counted (they cost quota) but never held back: a crisis reply always goes out.
/// </summary>
public sealed class LineDelivery(LineApiClient api, LineMetrics metrics, ILogger<LineDelivery> log)
{
    /// <param name="replyToken">The event's reply token, or null when it may not be used (stale, or none).</param>
    public async Task SendAsync(string to, string? replyToken, IReadOnlyList<JsonObject> messages, CancellationToken cancellationToken)
    {
        var first = true;
        foreach (var batch in LineReplyMapper.Batches(messages))
        {
            var reason = first ? "late" : "overflow";
            if (first && replyToken is not null)
            {
                var outcome = LineSendOutcome.Failed;
                try { outcome = await api.ReplyAsync(replyToken, batch, cancellationToken); }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested) { }
                if (outcome == LineSendOutcome.Sent) { metrics.Replied(batch.Count); first = false; continue; }
                reason = outcome == LineSendOutcome.InvalidReplyToken ? "reply_token" : "reply_failed";
            }
            first = false;
            await PushAsync(to, batch, reason, cancellationToken);
        }
    }

    /// <summary>LINE's loading animation in a 1:1 chat; best effort (a failure only means no animation).</summary>
    public async Task ShowLoadingAsync(string userId, int seconds)
    {
        try { await api.StartLoadingAsync(userId, seconds, CancellationToken.None); }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException) { }
    }

    /// <summary>A push (a proactive message, or a reply that could not use its token).</summary>
    public async Task<bool> PushAsync(string to, IReadOnlyList<JsonObject> batch, string reason, CancellationToken cancellationToken)
    {
        LineSendOutcome outcome;
        try { outcome = await api.PushAsync(to, batch, cancellationToken); }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested) { outcome = LineSendOutcome.Failed; }
        if (outcome != LineSendOutcome.Sent) { LineLog.DeliveryFailed(log, "push"); return false; }
        var total = metrics.Pushed(reason, batch.Count);
        LineLog.Pushed(log, reason, batch.Count, total);
        return true;
    }
}
