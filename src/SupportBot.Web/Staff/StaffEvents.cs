using System.Threading.Channels;
using SupportBot.Engine.Handoffs;
using SupportBot.Engine.State;

namespace SupportBot.Web.Staff;

/// <summary>
/// <c>GET /staff/events</c>: server-sent events for the console's live parts. Each instance subscribes to the signal
/// bus (Redis pub/sub with several instances), so a resident writing on one instance updates a console open on another.
/// An event carries only "something changed" (the conversation key); the page then reads what it shows.
/// </summary>
internal static class StaffEvents
{
    public static void MapStaffEvents(this WebApplication app) =>
        app.MapGet("/staff/events", (ISignalBus signals, CancellationToken ct) =>
            TypedResults.ServerSentEvents(Stream(signals, ct), eventType: HandoffDesk.Topic))
            .RequireAuthorization(StaffAuth.StaffPolicy);

    private static async IAsyncEnumerable<string> Stream(ISignalBus signals, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var queue = Channel.CreateBounded<string>(new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.DropOldest });
        await using var subscription = await signals.SubscribeAsync(HandoffDesk.Topic, key => queue.Writer.WriteAsync(key, ct).AsTask(), ct);
        yield return "ready";
        while (!ct.IsCancellationRequested)
        {
            string item;
            try
            {
                // A line every 25 s keeps proxies from closing an idle stream.
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(ct);
                idle.CancelAfter(TimeSpan.FromSeconds(25));
                item = await queue.Reader.ReadAsync(idle.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested) { item = "ping"; }
            catch (OperationCanceledException) { yield break; }
            yield return item;
        }
    }
}
