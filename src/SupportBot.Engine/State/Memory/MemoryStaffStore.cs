namespace SupportBot.Engine.State.Memory;

/// <summary>
/// Staff accounts and the signal bus in this process's memory (one instance only): the default when no Redis is
/// configured, and for tests. Same contracts as the Redis store; the contract tests run against both.
/// </summary>
public sealed class MemoryStaffStore : IStaffAccountStore, ISignalBus
{
    private readonly object _gate = new();
    private readonly SortedDictionary<string, StaffAccount> _accounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Func<string, Task>>> _subscribers = new(StringComparer.Ordinal);

    public Task<StaffAccount?> GetAsync(string userName, CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult(_accounts.GetValueOrDefault(userName));
    }

    public Task<IReadOnlyList<StaffAccount>> ListAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult<IReadOnlyList<StaffAccount>>(_accounts.Values.ToList());
    }

    public Task<bool> CreateAsync(StaffAccount account, CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult(_accounts.TryAdd(account.UserName, account with { FailedLogins = 0 }));
    }

    public Task<bool> UpdateAsync(StaffAccount account, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_accounts.TryGetValue(account.UserName, out var old)) return Task.FromResult(false);
            _accounts[account.UserName] = account with { FailedLogins = old.FailedLogins };
            return Task.FromResult(true);
        }
    }

    public Task<int> AddFailedLoginAsync(string userName, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_accounts.TryGetValue(userName, out var old)) return Task.FromResult(0);
            _accounts[userName] = old with { FailedLogins = old.FailedLogins + 1 };
            return Task.FromResult(old.FailedLogins + 1);
        }
    }

    public Task ClearFailedLoginsAsync(string userName, CancellationToken cancellationToken = default)
    {
        lock (_gate)
            if (_accounts.TryGetValue(userName, out var old)) _accounts[userName] = old with { FailedLogins = 0 };
        return Task.CompletedTask;
    }

    public Task PublishAsync(string topic, string message, CancellationToken cancellationToken = default)
    {
        List<Func<string, Task>> handlers;
        lock (_gate) handlers = _subscribers.TryGetValue(topic, out var list) ? [.. list] : [];
        // Like Redis pub/sub: delivered after the publisher goes on, never inside its call.
        foreach (var handler in handlers) _ = Task.Run(() => handler(message), CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task<IAsyncDisposable> SubscribeAsync(string topic, Func<string, Task> handler, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_subscribers.TryGetValue(topic, out var list)) _subscribers[topic] = list = [];
            list.Add(handler);
        }
        return Task.FromResult<IAsyncDisposable>(new Subscription(this, topic, handler));
    }

    private sealed class Subscription(MemoryStaffStore store, string topic, Func<string, Task> handler) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            lock (store._gate)
                if (store._subscribers.TryGetValue(topic, out var list)) list.Remove(handler);
            return ValueTask.CompletedTask;
        }
    }
}
