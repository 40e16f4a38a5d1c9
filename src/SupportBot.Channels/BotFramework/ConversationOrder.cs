namespace SupportBot.Channels.BotFramework;

/// <summary>
/// Keeps the turns of one conversation in the order they arrived, from running the turn to posting its last
/// reply to the Connector. Without it two quick messages could have their replies interleaved at the channel
/// (the second answer before the first greeting), since each turn posts its replies on its own. A turn takes its
/// place when its request arrives (<see cref="Enter"/>), not when a worker picks it up.
/// </summary>
internal sealed class ConversationOrder
{
    private readonly Dictionary<string, Task> _tails = new(StringComparer.Ordinal);

    /// <summary>A place in the conversation's line: <see cref="Place.RunAsync"/> once, or <see cref="Place.Abandon"/> if it never runs.</summary>
    public Place Enter(string conversationKey)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task previous;
        lock (_tails)
        {
            previous = _tails.GetValueOrDefault(conversationKey) ?? Task.CompletedTask;
            _tails[conversationKey] = done.Task;
        }
        return new Place(this, conversationKey, previous, done);
    }

    private void Leave(string conversationKey, TaskCompletionSource done)
    {
        done.TrySetResult();
        lock (_tails)
            if (_tails.TryGetValue(conversationKey, out var tail) && tail == done.Task) _tails.Remove(conversationKey);
    }

    public sealed class Place(ConversationOrder order, string key, Task previous, TaskCompletionSource done)
    {
        /// <summary>Waits for the turns before this one to finish, runs <paramref name="work"/>, then lets the next one go.</summary>
        public async Task RunAsync(Func<CancellationToken, Task> work, CancellationToken cancellationToken)
        {
            try
            {
                await previous.WaitAsync(cancellationToken);
                await work(cancellationToken);
            }
            finally { order.Leave(key, done); }
        }

        /// <summary>The turn will not run (the queue was full): the next one must not wait for it.</summary>
        public void Abandon() => order.Leave(key, done);
    }
}
