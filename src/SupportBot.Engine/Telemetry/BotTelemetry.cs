using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SupportBot.Engine.Telemetry;

/// <summary>
/// What operators see of the turns (docs/operations.md#metrics): latency per channel and flow, state round trips,
/// lease waits, busy replies, limited turns, crisis and concern signals, errors by kind, and one trace span per turn. Tags carry
/// channel, flow, tier, category and exception type names only — never message text, names or numbers.
/// </summary>
public sealed class BotTelemetry : IDisposable
{
    /// <summary>The meter and activity source name (what an exporter subscribes to).</summary>
    public const string Name = "SupportBot";

    /// <summary>The trace source of turns: one span per turn, tagged by channel and flow.</summary>
    public static readonly ActivitySource Traces = new(Name);

    private readonly Meter _meter;
    private readonly Histogram<double> _turnDuration;
    private readonly Histogram<int> _stateRoundTrips;
    private readonly Counter<long> _leaseWaits;
    private readonly Counter<long> _limited;
    private readonly Counter<long> _signals;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _stateless;
    private readonly Counter<long> _busy;

    public BotTelemetry(IMeterFactory? factory = null)
    {
        _meter = factory?.Create(Name) ?? new Meter(Name);
        _turnDuration = _meter.CreateHistogram<double>("supportbot.turn.duration", unit: "ms", description: "Time from a message's arrival at the pipeline to its replies, per channel and flow.");
        _stateRoundTrips = _meter.CreateHistogram<int>("supportbot.turn.state_round_trips", unit: "{round_trip}", description: "Calls to the state store for one turn (lease attempts and the commit).");
        _leaseWaits = _meter.CreateCounter<long>("supportbot.turn.lease_waits", unit: "{turn}", description: "Turns that found their conversation's lease held and waited for it.");
        _limited = _meter.CreateCounter<long>("supportbot.turn.limited", unit: "{message}", description: "Messages over their sender's rate, not run through the flows.");
        _signals = _meter.CreateCounter<long>("supportbot.safety.signals", unit: "{message}", description: "Messages the crisis guard answered, by tier (crisis, concern) and category.");
        _errors = _meter.CreateCounter<long>("supportbot.turn.errors", unit: "{turn}", description: "Turns that failed, by exception type.");
        _busy = _meter.CreateCounter<long>("supportbot.turn.busy", unit: "{message}", description: "Messages whose conversation stayed busy with an earlier turn past Storage:LeaseWait and got the busy reply (or the crisis reply).");
        _stateless = _meter.CreateCounter<long>("supportbot.turn.stateless", unit: "{turn}", description: "Turns answered without state while the store was unavailable.");
    }

    public void TurnCompleted(string channel, string flow, TimeSpan duration, int stateRoundTrips)
    {
        var tags = new TagList { { "channel", channel }, { "flow", flow } };
        _turnDuration.Record(duration.TotalMilliseconds, tags);
        _stateRoundTrips.Record(stateRoundTrips, new KeyValuePair<string, object?>("channel", channel));
    }

    public void LeaseWaited(string channel) => _leaseWaits.Add(1, new KeyValuePair<string, object?>("channel", channel));

    public void Limited(string channel) => _limited.Add(1, new KeyValuePair<string, object?>("channel", channel));

    public void Signal(string tier, string category) => _signals.Add(1, new KeyValuePair<string, object?>("tier", tier), new KeyValuePair<string, object?>("category", category));

    public void Failed(string channel, string exceptionType) => _errors.Add(1, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("kind", exceptionType));

    public void Busy(string channel) => _busy.Add(1, new KeyValuePair<string, object?>("channel", channel));

    public void Stateless(string channel) => _stateless.Add(1, new KeyValuePair<string, object?>("channel", channel));

    public void Dispose() => _meter.Dispose();
}
