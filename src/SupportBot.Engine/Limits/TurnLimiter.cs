using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using SupportBot.Engine.Activities;
using SupportBot.Engine.Safety;

namespace SupportBot.Engine.Limits;

/// <summary>What <see cref="TurnLimiter"/> decided for one incoming message.</summary>
public enum TurnAdmission
{
    /// <summary>Within the sender's rate: a normal turn.</summary>
    Admitted,
    /// <summary>Over the rate, but the message carries a crisis or concern signal: a normal turn all the same.</summary>
    Urgent,
    /// <summary>Over the rate: the first such message in a window hears a polite "slow down", the rest nothing.</summary>
    Limited,
}

/// <summary>
/// Messages per sender (ingress, channel and user id) per minute, on every ingress. A message over the rate is
/// not run through the flows and costs no state; a message that carries a crisis signal is never limited (the
/// crisis guard answers it as always). Counts are per instance: behind a load balancer a sender may get up to
/// the rate on each instance, which is still a bound. The windows come from System.Threading.RateLimiting (the
/// library behind ASP.NET Core's rate limiter), which keeps its own clock.
/// </summary>
public sealed class TurnLimiter : IDisposable
{
    public const string SlowDownKey = "common.slow_down";

    private readonly PartitionedRateLimiter<string>? _senders;
    private readonly ICrisisDetector _crisis;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _warned = new(StringComparer.Ordinal);
    private readonly TimeSpan _window = TimeSpan.FromMinutes(1);

    public TurnLimiter(IOptions<MessageLimitsOptions> options, ICrisisDetector crisis, TimeProvider clock)
    {
        var perMinute = options.Value.MessagesPerMinute;
        _senders = perMinute == 0 ? null : PartitionedRateLimiter.Create<string, string>(sender => RateLimitPartition.GetFixedWindowLimiter(sender,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = _window, QueueLimit = 0, AutoReplenishment = true }));
        _crisis = crisis;
        _clock = clock;
    }

    /// <summary>The key a sender is counted by: never the message, only where it came from and who sent it.</summary>
    public static string SenderKey(Activity activity) =>
        $"{activity.Ingress ?? activity.ChannelId ?? "unknown"}/{activity.ChannelId ?? "unknown"}:{activity.From?.Id ?? "unknown"}";

    public TurnAdmission Admit(Activity activity)
    {
        if (!activity.IsMessage || _senders is null) return TurnAdmission.Admitted;
        var sender = SenderKey(activity);
        using (var lease = _senders.AttemptAcquire(sender))
            if (lease.IsAcquired) return TurnAdmission.Admitted;
        var signal = string.IsNullOrEmpty(activity.Text) ? CrisisSignal.None : _crisis.Assess(activity.Text);
        return signal.IsCrisis || signal.IsConcern ? TurnAdmission.Urgent : TurnAdmission.Limited;
    }

    /// <summary>Whether a limited sender should hear the "slow down" sentence now (once per window).</summary>
    public bool ShouldWarn(Activity activity)
    {
        var sender = SenderKey(activity);
        var now = _clock.GetUtcNow();
        if (_warned.Count > 10_000)
            foreach (var (key, at) in _warned)
                if (now - at > _window) _warned.TryRemove(key, out _);
        var warn = false;
        _warned.AddOrUpdate(sender, _ => { warn = true; return now; }, (_, at) =>
        {
            if (now - at <= _window) return at;
            warn = true;
            return now;
        });
        return warn;
    }

    public void Dispose() => _senders?.Dispose();
}
