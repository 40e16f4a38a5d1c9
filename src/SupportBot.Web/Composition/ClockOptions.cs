namespace SupportBot.Web.Composition;

/// <summary>The clock (section <c>Clock</c>).</summary>
public sealed class ClockOptions
{
    public const string SectionName = "Clock";

    /// <summary>IANA time zone of the center; every business rule is evaluated in it.</summary>
    public string TimeZone { get; set; } = "Asia/Tokyo";

    /// <summary>
    /// Pins the clock for demos and tests (ISO-8601 with offset, e.g. 2026-11-23T14:00:00+09:00;
    /// env <c>Clock__Now</c>). Time then runs on from that instant. Refused in Production.
    /// </summary>
    public string? Now { get; set; }
}

/// <summary>A clock that starts at a pinned instant and runs on at the real rate.</summary>
public sealed class PinnedClock(DateTimeOffset start, TimeProvider real) : TimeProvider
{
    private readonly long _origin = real.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => start.ToUniversalTime() + real.GetElapsedTime(_origin);
    public override long GetTimestamp() => real.GetTimestamp();
    public override long TimestampFrequency => real.TimestampFrequency;
    public override TimeZoneInfo LocalTimeZone => real.LocalTimeZone;
}
