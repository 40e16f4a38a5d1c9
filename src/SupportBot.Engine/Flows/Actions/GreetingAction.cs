using SupportBot.Calendar;

namespace SupportBot.Engine.Flows.Actions;

/// <summary>
/// <c>greeting.time</c>: the greeting for the hour in the center's time zone (<c>{hello}</c>: morning until
/// 10:59, day until 17:59, evening from 18:00 and through the night), so someone writing at 2 a.m. is not
/// told 「こんにちは」. Outcomes: <c>open</c> (staff are in now), <c>closed</c> (after hours, weekends, holidays).
/// </summary>
public sealed class GreetingAction(BusinessCalendar calendar) : IFlowAction
{
    public string Name => "greeting.time";
    public IReadOnlyCollection<string> Provides => ["hello"];
    public IReadOnlyCollection<string> Outcomes => ["open", "closed"];

    public static readonly string[] MessageKeys = ["common.hello.morning", "common.hello.day", "common.hello.evening"];

    public Task<string?> RunAsync(FlowTurn turn, CancellationToken cancellationToken)
    {
        var hour = TimeZoneInfo.ConvertTime(turn.Now, calendar.TimeZone).Hour;
        var key = hour switch
        {
            >= 5 and < 11 => "common.hello.morning",
            >= 11 and < 18 => "common.hello.day",
            _ => "common.hello.evening",
        };
        turn.Args["hello"] = turn.Message(key);
        return Task.FromResult<string?>(calendar.IsOpen(turn.Now) ? "open" : "closed");
    }
}
