using System.Net;
using SupportBot.IntegrationTests.Support;

namespace SupportBot.IntegrationTests.Telemetry;

/// <summary>The Prometheus endpoint: behind the admin key, with turn latency per channel and flow, state round trips and safety signals.</summary>
public sealed class MetricsTests
{
    private const string Key = "metrics-test-key-0123456789";

    [Fact]
    public async Task Without_an_admin_key_configured_there_is_no_metrics_endpoint()
    {
        using var app = new BotApp();
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task Turns_and_signals_are_counted_and_shown_only_with_the_key()
    {
        using var app = new BotApp(new() { ["Admin:ApiKey"] = Key });
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/messages", BotApp.Json(BotApp.Message("m-1", "開所時間を教えてください")))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/messages", BotApp.Json(BotApp.Message("m-2", "もう生きていたくない。薬を全部飲もうと思う")))).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/metrics")).StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add("X-Admin-Key", Key);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Contains("supportbot_turn_duration", body);
        Assert.Matches("supportbot_turn_duration[a-z_]*_count\\{[^}]*flow=\"faq.hours\"", body);
        Assert.Matches("supportbot_turn_state_round_trips[a-z_]*_sum\\{[^}]*channel=\"directline\"[^}]*\\} [1-9]", body);
        Assert.Matches("supportbot_safety_signals[a-z_]*\\{[^}]*tier=\"crisis\"[^}]*\\} 1", body);
        // Names of things only: never what was written.
        Assert.DoesNotContain("開所時間", body);
        Assert.DoesNotContain("生きていたくない", body);
    }
}
