namespace SupportBot.Engine.State.Memory;

/// <summary>
/// Staff accounts, hand-offs and the signal bus in this process's memory (one instance only): the default when no Redis is
/// configured, and for tests. Same contracts as the Redis store; the contract tests run against both.
/// </summary>
public sealed class MemoryStaffStore(TimeProvider clock) : IStaffAccountStore, ISignalBus, IHandoffStore
{
    private readonly Dictionary<string, (Handoff Record, List<string> Lines, DateTimeOffset Expires)> _handoffs = new(StringComparer.Ordinal);

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

    private bool LiveLocked(string key, out (Handoff Record, List<string> Lines, DateTimeOffset Expires) entry)
    {
        if (_handoffs.TryGetValue(key, out entry) && entry.Expires > clock.GetUtcNow()) return true;
        _handoffs.Remove(key);
        return false;
    }

    public Task<bool> OpenAsync(Handoff handoff, TimeSpan keepFor, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (LiveLocked(handoff.Key, out _)) return Task.FromResult(false);
            _handoffs[handoff.Key] = (handoff, [], clock.GetUtcNow() + keepFor);
            return Task.FromResult(true);
        }
    }

    public Task<Handoff?> GetHandoffAsync(string key, CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult(LiveLocked(key, out var e) ? e.Record : null);
    }

    public Task<IReadOnlyList<Handoff>> ListOpenAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var live = _handoffs.Keys.ToList().Where(k => LiveLocked(k, out _)).Select(k => _handoffs[k].Record);
            return Task.FromResult<IReadOnlyList<Handoff>>(live.OrderBy(h => h.Requested).ThenBy(h => h.Key, StringComparer.Ordinal).ToList());
        }
    }

    public Task<Handoff?> TakeAsync(string key, string staff, string staffName, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!LiveLocked(key, out var e) || e.Record.Status != HandoffStatus.Waiting) return Task.FromResult<Handoff?>(null);
            var taken = e.Record with { Status = HandoffStatus.Active, TakenBy = staff, TakenByName = staffName, Taken = at };
            _handoffs[key] = (taken, e.Lines, e.Expires);
            return Task.FromResult<Handoff?>(taken);
        }
    }

    public Task<Handoff?> MoveAsync(string key, HandoffStatus from, HandoffStatus to, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!LiveLocked(key, out var e) || e.Record.Status != from) return Task.FromResult<Handoff?>(null);
            var moved = e.Record with { Status = to };
            _handoffs[key] = (moved, e.Lines, e.Expires);
            return Task.FromResult<Handoff?>(moved);
        }
    }

    public Task MarkCrisisAsync(string key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
            if (LiveLocked(key, out var e)) _handoffs[key] = (e.Record with { Crisis = true }, e.Lines, e.Expires);
        return Task.CompletedTask;
    }

    public Task<bool> AppendLineAsync(string key, string lineJson, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!LiveLocked(key, out var e)) return Task.FromResult(false);
            e.Lines.Add(lineJson);
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<string>> LinesAsync(string key, CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult<IReadOnlyList<string>>(LiveLocked(key, out var e) ? e.Lines.ToList() : []);
    }

    public Task<Handoff?> CloseAsync(string key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!LiveLocked(key, out var e)) return Task.FromResult<Handoff?>(null);
            _handoffs.Remove(key);
            return Task.FromResult<Handoff?>(e.Record);
        }
    }
}
