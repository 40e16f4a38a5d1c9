namespace SupportBot.Engine.State.Memory;

/// <summary>
/// The in-process store used when no Redis is configured (one instance only). Same contract as the
/// Redis store: the storage contract tests run against both. Expiry is checked against the injected
/// clock on every read; expired entries are also swept out (at most once per <see cref="SweepEvery"/>
/// of clock time, on the next call) so abandoned conversations do not stay in memory forever.
/// </summary>
public sealed class MemoryStore(TimeProvider clock) : IConversationStore, ITranscriptStore, IOnceStore, IRecordLog, IRecordEraser, IMeetupRoster
{
    private readonly object _gate = new();
    private readonly Dictionary<string, (string Json, long Version, DateTimeOffset Expires)> _states = new();
    private readonly Dictionary<string, (string Token, DateTimeOffset Expires)> _leases = new();
    private readonly Dictionary<string, (List<string> Items, DateTimeOffset Expires)> _transcripts = new();
    private readonly Dictionary<string, DateTimeOffset> _claims = new();
    private readonly Dictionary<string, List<(DateTimeOffset At, string Json)>> _records = new();
    private readonly Dictionary<string, (List<(string Member, string Record)> Confirmed, List<(string Member, string Record)> Waitlist, DateTimeOffset Expires)> _rosters = new();
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    /// <summary>How often (in clock time) a call also removes every expired entry.</summary>
    public static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);

    /// <summary>Removes every expired entry now; returns how many were removed.</summary>
    public int SweepExpired()
    {
        var now = clock.GetUtcNow();
        lock (_gate) return SweepLocked(now);
    }

    // No timer: sweeping piggybacks on calls, so a fake clock in tests drives it too, and an idle
    // store costs nothing. Lazy checks stay the source of truth between sweeps.
    private void SweepIfDueLocked(DateTimeOffset now)
    {
        if (now < _nextSweep) return;
        SweepLocked(now);
    }

    private int SweepLocked(DateTimeOffset now)
    {
        _nextSweep = now + SweepEvery;
        return RemoveExpired(_states, e => e.Expires, now)
            + RemoveExpired(_leases, e => e.Expires, now)
            + RemoveExpired(_transcripts, e => e.Expires, now)
            + RemoveExpired(_claims, e => e, now);
    }

    private static int RemoveExpired<T>(Dictionary<string, T> entries, Func<T, DateTimeOffset> expires, DateTimeOffset now)
    {
        var expired = entries.Where(e => expires(e.Value) <= now).Select(e => e.Key).ToList();
        foreach (var key in expired) entries.Remove(key);
        return expired.Count;
    }

    public Task<TurnLease?> TryBeginAsync(string conversationKey, TimeSpan leaseFor, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            SweepIfDueLocked(now);
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
            SweepIfDueLocked(now);
            if (_leases.TryGetValue(lease.ConversationKey, out var holder) && holder.Expires > now && holder.Token != lease.Token)
                return Task.FromResult(false);
            ReleaseLocked(lease);
            var current = _states.TryGetValue(lease.ConversationKey, out var s) && s.Expires > now ? s.Version : 0;
            if (current != lease.Version) return Task.FromResult(false);
            if (stateJson is null) _states.Remove(lease.ConversationKey);
            else _states[lease.ConversationKey] = (stateJson, current + 1, now + keepFor);
            return Task.FromResult(true);
        }
    }

    public Task<bool> RenewAsync(TurnLease lease, TimeSpan leaseFor, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (!_leases.TryGetValue(lease.ConversationKey, out var held) || held.Token != lease.Token || held.Expires <= now)
                return Task.FromResult(false);
            _leases[lease.ConversationKey] = (held.Token, now + leaseFor);
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
            SweepIfDueLocked(now);
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
            SweepIfDueLocked(now);
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
            SweepIfDueLocked(now);
            if (_claims.TryGetValue(key, out var expires) && expires > now) return Task.FromResult(false);
            _claims[key] = now + keepFor;
            return Task.FromResult(true);
        }
    }

    public Task AppendAsync(string log, DateTimeOffset at, string json, TimeSpan retention, CancellationToken cancellationToken = default)
    {
        var cutoff = clock.GetUtcNow() - retention;
        lock (_gate)
        {
            if (!_records.TryGetValue(log, out var list)) _records[log] = list = [];
            list.RemoveAll(r => r.At < cutoff);
            var index = list.FindLastIndex(r => r.At <= at) + 1;
            list.Insert(index, (at, json));
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> ReadAsync(string log, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<string> items = _records.TryGetValue(log, out var list)
                ? list.Where(r => r.At >= from && r.At <= to).Select(r => r.Json).ToList() : [];
            return Task.FromResult(items);
        }
    }

    public Task<int> RemoveAsync(string log, IReadOnlyCollection<string> records, CancellationToken cancellationToken = default)
    {
        var set = new HashSet<string>(records, StringComparer.Ordinal);
        lock (_gate)
            return Task.FromResult(_records.TryGetValue(log, out var list) ? list.RemoveAll(r => set.Contains(r.Json)) : 0);
    }

    public Task<RosterJoin> JoinAsync(string occurrence, string member, string recordJson, int capacity, TimeSpan keepFor, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (!_rosters.TryGetValue(occurrence, out var r) || r.Expires <= now) r = ([], [], now);
            _rosters[occurrence] = r = (r.Confirmed, r.Waitlist, now + keepFor);
            if (r.Confirmed.Any(c => c.Member == member)) return Task.FromResult(new RosterJoin(RosterStatus.AlreadyConfirmed, 0));
            var waiting = r.Waitlist.FindIndex(w => w.Member == member);
            if (waiting >= 0) return Task.FromResult(new RosterJoin(RosterStatus.AlreadyWaitlisted, waiting + 1));
            if (capacity <= 0 || r.Confirmed.Count < capacity)
            {
                r.Confirmed.Add((member, recordJson));
                return Task.FromResult(new RosterJoin(RosterStatus.Confirmed, 0));
            }
            r.Waitlist.Add((member, recordJson));
            return Task.FromResult(new RosterJoin(RosterStatus.Waitlisted, r.Waitlist.Count));
        }
    }

    public Task<RosterLeave> LeaveAsync(string occurrence, string member, int capacity, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (!_rosters.TryGetValue(occurrence, out var r) || r.Expires <= now) return Task.FromResult(new RosterLeave(false, null, null));
            if (r.Waitlist.RemoveAll(w => w.Member == member) > 0) return Task.FromResult(new RosterLeave(true, null, null));
            if (r.Confirmed.RemoveAll(c => c.Member == member) == 0) return Task.FromResult(new RosterLeave(false, null, null));
            if (r.Waitlist.Count > 0 && (capacity <= 0 || r.Confirmed.Count < capacity))
            {
                var next = r.Waitlist[0];
                r.Waitlist.RemoveAt(0);
                r.Confirmed.Add(next);
                return Task.FromResult(new RosterLeave(true, next.Member, next.Record));
            }
            return Task.FromResult(new RosterLeave(true, null, null));
        }
    }

    public Task<(IReadOnlyList<(string Member, string Record)> Confirmed, IReadOnlyList<(string Member, string Record)> Waitlist)> ListAsync(string occurrence, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (!_rosters.TryGetValue(occurrence, out var r) || r.Expires <= now)
                return Task.FromResult<(IReadOnlyList<(string, string)>, IReadOnlyList<(string, string)>)>(([], []));
            return Task.FromResult<(IReadOnlyList<(string, string)>, IReadOnlyList<(string, string)>)>((r.Confirmed.ToList(), r.Waitlist.ToList()));
        }
    }
}
