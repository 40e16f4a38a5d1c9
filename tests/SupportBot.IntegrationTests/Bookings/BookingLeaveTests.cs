using Microsoft.Extensions.DependencyInjection;
using SupportBot.Engine.State;
using SupportBot.IntegrationTests.Support;

namespace SupportBot.IntegrationTests.Bookings;

/// <summary>
/// A crisis message in the middle of booking ends the booking (it is never resumed) and gives the held
/// slot back at once, through the real pipeline with the real crisis detector.
/// </summary>
public sealed class BookingLeaveTests
{
    private static readonly string[] Wednesday = ["2026-12-02T13:00", "2026-12-02T14:00", "2026-12-02T15:00", "2026-12-02T16:00"];

    [Fact]
    public async Task A_crisis_after_the_slot_was_held_answers_the_crisis_and_releases_the_slot()
    {
        using var app = new BotApp(new() { ["Clock:Now"] = "2026-11-24T14:00:00+09:00" });
        var client = app.CreateClient();
        var ledger = app.Services.GetRequiredService<IBookingLedger>();
        var clock = app.Services.GetRequiredService<TimeProvider>();
        async Task<List<string>> Say(string text)
        {
            var body = await BotApp.ReadJson(await client.PostAsync("/api/messages", BotApp.Json(BotApp.Message("leave-1", text))));
            return body.GetProperty("activities").EnumerateArray().Where(a => a.GetProperty("type").GetString() == "message")
                .Select(a => a.GetProperty("text").GetString() ?? "").ToList();
        }

        foreach (var text in new[] { "相談の予約をしたいです", "はい", "本人", "来週の水曜の午後がいいです" }) await Say(text);
        Assert.Contains("お名前", (await Say("2"))[^1]);
        Assert.Equal(1, (await ledger.TakenAsync(Wednesday, null, clock.GetUtcNow()))["2026-12-02T14:00"]);

        var crisis = await Say("もう死にたい");
        Assert.Contains("0465-71-0189", string.Join("\n", crisis));
        Assert.All(Wednesday, slot => Assert.Equal(0, ledger.TakenAsync(Wednesday, null, clock.GetUtcNow()).Result.GetValueOrDefault(slot)));
    }
}
