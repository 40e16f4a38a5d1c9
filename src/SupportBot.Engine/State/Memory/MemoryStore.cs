namespace SupportBot.Engine.State.Memory;

/// <summary>
/// The in-process store used when no Redis is configured (one instance only). Same contract as the
/// Redis store: the storage contract tests run against both. Expiry is checked lazily against the
/// injected clock.
/// </summary>
public sealed class MemoryStore(TimeProvider clock) : IConversationStore, ITranscriptStore, IOnceStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, (string Json, long Version, DateTimeOffset Expires)> _states = new();
    private readonly Dictionary<string, (string Token, DateTimeOffset Expires)> _leases = new();
    private readonly Dictionary<string, (List<string> Items, DateTimeOffset Expires)> _transcripts = new();
    private readonly Dictionary<string, DateTimeOffset> _claims = new();

    public Task<TurnLease?> TryBeginAsync(string conversationKey, TimeSpan leaseFor, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (_leases.TryGetValue(conversationKey, out var held) && held.Expires > now)
                return Task.FromResult<TurnLease?>(null);
            var token = Guid.NewGuid().ToString("N");
            _leases[conversationKey] = (token, now + leaseFor);
            var lease = _states.TryGetValue(conversationKey, out var s) && s.Expires > now
                ? new TurnLease(conversationKey, token, s.Json, s.Version)
                : new TurnLease(conversationKey, token, null, 0);
            return Task.FromResult<TurnLease?>(lease);
        }
    }

    public Task<bool> CommitAsync(TurnLease lease, string? stateJson, TimeSpan keepFor, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            ReleaseLocked(lease);
            var current = _states.TryGetValue(lease.ConversationKey, out var s) && s.Expires > now ? s.Version : 0;
            if (current != lease.Version) return Task.FromResult(false);
            if (stateJson is null) _states.Remove(lease.ConversationKey);
            else _states[lease.ConversationKey] = (stateJson, current + 1, now + keepFor);
            return Task.FromResult(true);
        }
    }

    public Task ReleaseAsync(TurnLease lease, CancellationToken cancellationToken = default)
    {
        lock (_gate) ReleaseLocked(lease);
        return Task.CompletedTask;
    }

    private void ReleaseLocked(TurnLease lease)
    {
        if (_leases.TryGetValue(lease.ConversationKey, out var held) && held.Token == lease.Token)
            _leases.Remove(lease.ConversationKey);
    }

    public Task<long> AppendAsync(string conversationId, IReadOnlyList<string> activitiesJson, TimeSpan keepFor, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (!_transcripts.TryGetValue(conversationId, out var t) || t.Expires <= now) t = (new List<string>(), now);
            t.Items.AddRange(activitiesJson);
            _transcripts[conversationId] = (t.Items, now + keepFor);
            return Task.FromResult((long)t.Items.Count);
        }
    }

    public Task<TranscriptPage> ReadAsync(string conversationId, long watermark, int max = 100, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (!_transcripts.TryGetValue(conversationId, out var t) || t.Expires <= now)
                return Task.FromResult(new TranscriptPage([], 0));
            var from = (int)Math.Clamp(watermark, 0, t.Items.Count);
            var items = t.Items.Skip(from).Take(max).ToArray();
            return Task.FromResult(new TranscriptPage(items, from + items.Length));
        }
    }

    public Task<bool> TryClaimAsync(string key, TimeSpan keepFor, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (_claims.TryGetValue(key, out var expires) && expires > now) return Task.FromResult(false);
            _claims[key] = now + keepFor;
            return Task.FromResult(true);
        }
    }
}
