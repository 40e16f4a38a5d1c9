using SupportBot.IntegrationTests.Support;

namespace SupportBot.IntegrationTests.Hosting;

/// <summary>Start-up refuses catalogs and settings that disagree on a fact of the center (docs/configuration.md).</summary>
public sealed class CenterFactsStartupTests
{
    [Fact]
    public void A_configured_fact_written_out_in_a_catalog_stops_start_up()
    {
        // The booking form's example number (「例：090-1234-5678」) would now be the center's own number, hard-coded.
        using var app = new BotApp(new() { ["Center:Phone"] = "090-1234-5678" });
        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("locales/ja-JP/booking.yaml: 'booking.ask_phone' writes out the configured '090-1234-5678'; write {center.phone} (Center:Phone)", error.ToString());
    }

    [Fact]
    public void A_fact_the_configuration_no_longer_has_stops_start_up()
    {
        using var app = new BotApp(new()
        {
            ["Calendar:YearlyClosures:0:Start"] = "08-13", ["Calendar:YearlyClosures:0:End"] = "08-16", ["Calendar:YearlyClosures:0:LabelKey"] = "closure.default",
        });
        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("'faq.closed_days.answer' uses {center.closure.year_end}, which the configuration does not supply", error.ToString());
    }
}
