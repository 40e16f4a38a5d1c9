namespace SupportBot.Engine.State;

/// <summary>
/// Short notices between the instances of one bot (a closure changed, a hand-off moved on): fire and forget,
/// delivered to every instance subscribed at that moment (Redis pub/sub; in memory, this process). A notice is
/// a hint to re-read the store, never the data itself, so one missed while an instance was away loses nothing.
/// </summary>
public interface ISignalBus
{
    Task PublishAsync(string topic, string message, CancellationToken cancellationToken = default);

    /// <summary>Calls <paramref name="handler"/> for every later notice on <paramref name="topic"/> until the returned handle is disposed.</summary>
    Task<IAsyncDisposable> SubscribeAsync(string topic, Func<string, Task> handler, CancellationToken cancellationToken = default);
}
