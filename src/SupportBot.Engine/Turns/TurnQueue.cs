using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SupportBot.Engine.Turns;

/// <summary>Size of the in-process work queue (section <c>TurnQueue</c>).</summary>
public sealed class TurnQueueOptions
{
    public const string SectionName = "TurnQueue";

    /// <summary>Work items waiting at most; beyond it the endpoint answers 503 so the sender retries.</summary>
    public int Capacity { get; set; } = 10_000;

    /// <summary>Items run at once.</summary>
    public int Workers { get; set; } = 16;
}

/// <summary>
/// Work a channel acknowledged before doing it (Bot Framework "normal" delivery, LINE webhooks):
/// bounded, run by a few workers, and drained on a graceful shutdown so acknowledged work is not lost.
/// </summary>
public sealed class TurnQueue(IOptions<TurnQueueOptions> options, ILogger<TurnQueue> log) : BackgroundService
{
    private readonly Channel<Func<CancellationToken, Task>> _items =
        Channel.CreateBounded<Func<CancellationToken, Task>>(new BoundedChannelOptions(options.Value.Capacity) { FullMode = BoundedChannelFullMode.Wait });

    /// <summary>False when the queue is full (the caller answers "try again later").</summary>
    public bool TryEnqueue(Func<CancellationToken, Task> work) => _items.Writer.TryWrite(work);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.Value.Workers)).Select(_ => WorkAsync()));

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Stop taking work, then let the workers finish what was already acknowledged.
        _items.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    private async Task WorkAsync()
    {
        await foreach (var work in _items.Reader.ReadAllAsync())
        {
            try { await work(CancellationToken.None); }
            catch (Exception ex) { TurnLog.QueuedWorkFailed(log, ex, ex.GetType().Name); }
        }
    }
}
