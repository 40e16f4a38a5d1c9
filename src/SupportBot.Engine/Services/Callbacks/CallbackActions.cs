using Microsoft.Extensions.Options;
using SupportBot.Calendar;
using SupportBot.Engine.Flows;
using SupportBot.Engine.Flows.Actions;
using SupportBot.Engine.Messages;

namespace SupportBot.Engine.Services.Callbacks;

/// <summary><c>callback.terms</c>: how long a callback request is kept (<c>{retention_days}</c>), said before consent.</summary>
public sealed class CallbackTermsAction(IOptions<CallbackOptions> options) : IFlowAction
{
    public string Name => "callback.terms";
    public IReadOnlyCollection<string> Provides => ["retention_days"];
    public IReadOnlyCollection<string> Outcomes => [];

    public Task<string?> RunAsync(FlowTurn turn, CancellationToken cancellationToken)
    {
        turn.Args["retention_days"] = ((int)Math.Ceiling(options.Value.Retention.TotalDays)).ToString();
        return Task.FromResult<string?>(null);
    }
}

/// <summary>
/// <c>callback.save</c>: stores the request (name, phone, preferred time — what the person agreed to)
/// for staff, notifies them, and says when the office opens next (<c>{next_opening}</c>). The stored
/// values are then removed from the conversation's state.
/// </summary>
public sealed class CallbackSaveAction(
    StaffRequests requests,
    BusinessCalendar calendar,
    MessageCatalog catalog,
    IOptions<CallbackOptions> options) : IFlowAction
{
    public const string Log = "callbacks";

    public string Name => "callback.save";
    public IReadOnlyCollection<string> Provides => ["next_opening"];
    public IReadOnlyCollection<string> Outcomes => [];

    public async Task<string?> RunAsync(FlowTurn turn, CancellationToken cancellationToken)
    {
        var frame = turn.Frame!;
        await requests.FileAsync(turn, Log, "callback_request",
            [("name", frame.Values.GetValueOrDefault("name")), ("phone", frame.Values.GetValueOrDefault("phone")), ("when", frame.Values.GetValueOrDefault("when"))],
            options.Value.Retention, cancellationToken, culture: turn.Culture);

        var next = TimeZoneInfo.ConvertTime(calendar.NextOpening(turn.Now), calendar.TimeZone);
        turn.Args["next_opening"] = Formats.DateTime(catalog, turn.Culture, DateOnly.FromDateTime(next.DateTime), TimeOnly.FromDateTime(next.DateTime));
        // Kept for staff in the log; the conversation itself need not remember them.
        frame.Values.Remove("phone");
        return null;
    }
}
