using SupportBot.Calendar;
using SupportBot.Engine.Messages;

namespace SupportBot.Engine.Flows.Actions;

/// <summary>
/// <c>calendar.today</c>: today's status from the business calendar as one sentence
/// (<c>{today_status}</c>): open now until 17:00 / opens at 10:00 today / closed today because it is a
/// holiday (which) or a weekend or a center closure, and when it opens next.
/// Outcomes: <c>open</c>, <c>closed</c>.
/// </summary>
public sealed class TodayStatusAction(BusinessCalendar calendar, MessageCatalog catalog) : IFlowAction
{
    public string Name => "calendar.today";
    public IReadOnlyCollection<string> Provides => ["today_status"];
    public IReadOnlyCollection<string> Outcomes => ["open", "closed"];

    /// <summary>Keys this action says, for start-up validation.</summary>
    public static readonly string[] MessageKeys =
    [
        "calendar.status.open_now", "calendar.status.opens_later", "calendar.status.closed_weekend", "calendar.status.closed_holiday",
        "calendar.status.closed_center", "calendar.status.closed_after_hours", "calendar.status.closed_before_hours",
    ];

    public Task<string?> RunAsync(FlowTurn turn, CancellationToken cancellationToken)
    {
        turn.Args["today_status"] = Describe(turn.Now, turn.Culture);
        return Task.FromResult<string?>(calendar.IsOpen(turn.Now) ? "open" : "closed");
    }

    public string Describe(DateTimeOffset now, string culture)
    {
        var status = calendar.StatusAt(now);
        var local = TimeZoneInfo.ConvertTime(status.NextOpening, calendar.TimeZone);
        var args = new Dictionary<string, string>
        {
            ["today"] = Formats.Date(catalog, culture, status.Date),
            ["next"] = NextOpening(status, local, culture),
            ["opens"] = Formats.Time(catalog, culture, TimeOnly.FromDateTime(local.DateTime)),
        };
        if (status.OpenUntil is { } until)
            args["until"] = Formats.Time(catalog, culture, TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(until, calendar.TimeZone).DateTime));

        var key = status.State switch
        {
            TodayState.OpenNow => "calendar.status.open_now",
            TodayState.OpensLaterToday => "calendar.status.opens_later",
            _ => status.Reason?.Kind switch
            {
                ClosedReasonKind.Holiday => "calendar.status.closed_holiday",
                ClosedReasonKind.CenterClosure => "calendar.status.closed_center",
                ClosedReasonKind.AfterClosing => "calendar.status.closed_after_hours",
                ClosedReasonKind.BeforeOpening => "calendar.status.closed_before_hours",
                _ => "calendar.status.closed_weekend",
            },
        };
        Formats.ClosedReason(catalog, culture, status.Reason, args);
        args["weekday"] = Formats.Weekday(catalog, culture, status.Date.DayOfWeek);
        return catalog.Text(culture, key, args);
    }

    private string NextOpening(TodayStatus status, DateTimeOffset local, string culture)
    {
        var date = DateOnly.FromDateTime(local.DateTime);
        var time = Formats.Time(catalog, culture, TimeOnly.FromDateTime(local.DateTime));
        if (date == status.Date.AddDays(1)) return catalog.Text(culture, "calendar.tomorrow_at", new Dictionary<string, string> { ["time"] = time });
        return Formats.DateTime(catalog, culture, date, TimeOnly.FromDateTime(local.DateTime));
    }
}
