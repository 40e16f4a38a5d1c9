namespace SupportBot.Channels.Tests.BotFramework.Auth;

/// <summary>A clock that moves only when a test says so.</summary>
internal sealed class FakeClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
