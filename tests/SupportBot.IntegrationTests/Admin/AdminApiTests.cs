using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.Engine.State;
using SupportBot.IntegrationTests.Support;

namespace SupportBot.IntegrationTests.Admin;

public sealed class AdminApiTests
{
    [Fact]
    public async Task Without_a_configured_key_the_staff_api_does_not_exist()
    {
        using var app = new BotApp();
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync("/admin/callbacks")).StatusCode);
    }

    [Fact]
    public async Task The_key_is_required_and_records_are_read_by_date_range()
    {
        using var app = new BotApp(new() { ["Admin:ApiKey"] = "staff-key-123", ["Clock:Now"] = "2026-11-25T09:00:00+09:00" });
        var records = app.Services.GetRequiredService<IRecordLog>();
        await records.AppendAsync("callbacks", DateTimeOffset.Parse("2026-11-24T22:10:00+09:00"), """{"id":"a","name":"やまちゃん"}""", TimeSpan.FromDays(14));
        await records.AppendAsync("callbacks", DateTimeOffset.Parse("2026-11-20T22:10:00+09:00"), """{"id":"old"}""", TimeSpan.FromDays(14));
        var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/admin/callbacks")).StatusCode);
        var wrong = new HttpRequestMessage(HttpMethod.Get, "/admin/callbacks");
        wrong.Headers.Add("X-Admin-Key", "staff-key-12");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(wrong)).StatusCode);

        var request = new HttpRequestMessage(HttpMethod.Get, "/admin/callbacks?from=2026-11-24&to=2026-11-24");
        request.Headers.Add("X-Admin-Key", "staff-key-123");
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var items = (await BotApp.ReadJson(response)).EnumerateArray().ToList();
        Assert.Equal("a", Assert.Single(items).GetProperty("id").GetString());

        var bearer = new HttpRequestMessage(HttpMethod.Get, "/admin/crisis-audit?from=not-a-date");
        bearer.Headers.Authorization = BotApp.Bearer("staff-key-123");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(bearer)).StatusCode);
    }
}
