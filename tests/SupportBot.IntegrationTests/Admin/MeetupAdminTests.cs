using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.Engine.State;
using SupportBot.IntegrationTests.Support;

namespace SupportBot.IntegrationTests.Admin;

public sealed class MeetupAdminTests
{
    [Fact]
    public async Task Staff_see_who_signed_up_and_who_is_waiting_by_date()
    {
        using var app = new BotApp(new() { ["Admin:ApiKey"] = "k-123", ["Clock:Now"] = "2026-11-24T14:00:00+09:00" });
        var roster = app.Services.GetRequiredService<IMeetupRoster>();
        await roster.JoinAsync("teireikai|2026-12-16", "directline:u1", """{"nickname":"ゆう"}""", 1, TimeSpan.FromDays(30));
        await roster.JoinAsync("teireikai|2026-12-16", "directline:u2", """{"nickname":"みどり"}""", 1, TimeSpan.FromDays(30));
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Admin-Key", "k-123");

        var body = await BotApp.ReadJson(await client.GetAsync("/admin/meetups/teireikai/attendees?date=2026-12-16"));
        var day = Assert.Single(body.EnumerateArray());
        Assert.Equal("ゆう", Assert.Single(day.GetProperty("confirmed").EnumerateArray()).GetProperty("nickname").GetString());
        Assert.Equal("みどり", Assert.Single(day.GetProperty("waitlist").EnumerateArray()).GetProperty("nickname").GetString());

        var upcoming = await BotApp.ReadJson(await client.GetAsync("/admin/meetups/teireikai/attendees"));
        Assert.Equal(["2026-12-16", "2027-01-20", "2027-02-17"], upcoming.EnumerateArray().Select(d => d.GetProperty("date").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/admin/meetups/nope/attendees")).StatusCode);
    }
}
