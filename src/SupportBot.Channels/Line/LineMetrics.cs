using System.Diagnostics.Metrics;

namespace SupportBot.Channels.Line;

/// <summary>
/// Pushes cost message quota (replies do not), so they are counted: meter <c>SupportBot.Line</c>,
/// counter <c>supportbot.line.pushes</c> (messages pushed, tag <c>reason</c>: overflow, late,
/// reply_token, reply_failed, proactive) and <c>supportbot.line.replies</c>.
/// </summary>
public sealed class LineMetrics : IDisposable
{
    public const string MeterName = "SupportBot.Line";
    private readonly Meter _meter;
    private readonly Counter<long> _pushes;
    private readonly Counter<long> _replies;
    private long _pushTotal;

    public LineMetrics(IMeterFactory? factory = null)
    {
        _meter = factory?.Create(MeterName) ?? new Meter(MeterName);
        _pushes = _meter.CreateCounter<long>("supportbot.line.pushes", unit: "{message}", description: "LINE messages sent by push (they count against the monthly quota).");
        _replies = _meter.CreateCounter<long>("supportbot.line.replies", unit: "{message}", description: "LINE messages sent with a reply token (free).");
    }

    /// <summary>Pushed messages in this process so far (also logged with every push).</summary>
    public long PushTotal => Interlocked.Read(ref _pushTotal);

    public long Pushed(string reason, int messages)
    {
        _pushes.Add(messages, new KeyValuePair<string, object?>("reason", reason));
        return Interlocked.Add(ref _pushTotal, messages);
    }

    public void Replied(int messages) => _replies.Add(messages);

    public void Dispose() => _meter.Dispose();
}
