using Microsoft.Extensions.DependencyInjection;
using SupportBot.IntegrationTests.Support;

namespace SupportBot.IntegrationTests.Hosting;

public sealed class ClockTests
{
    [Fact]
    public void Clock_Now_pins_the_clock_in_development()
    {
        using var app = new BotApp(new() { ["Clock:Now"] = "2026-11-23T14:00:00+09:00" });
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var pinned = DateTimeOffset.Parse("2026-11-23T05:00:00Z");
        Assert.InRange(now, pinned, pinned.AddMinutes(5));
    }

    [Fact]
    public void Clock_Now_is_refused_in_production()
    {
        using var app = new BotApp(new() { ["Clock:Now"] = "2026-11-23T14:00:00+09:00" }, environment: "Production");
        var error = Assert.ThrowsAny<Exception>(() => app.Services.GetRequiredService<TimeProvider>());
        Assert.Contains("Clock:Now", error.ToString());
    }

    [Fact]
    public void Clock_Now_without_an_offset_is_refused()
    {
        using var app = new BotApp(new() { ["Clock:Now"] = "2026-11-23T14:00:00" });
        var error = Assert.ThrowsAny<Exception>(() => app.Services.GetRequiredService<TimeProvider>());
        Assert.Contains("offset", error.ToString());
    }
}
