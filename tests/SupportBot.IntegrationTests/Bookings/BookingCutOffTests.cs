using Microsoft.Extensions.DependencyInjection;
using SupportBot.IntegrationTests.Support;
using Microsoft.Extensions.Time.Testing;

namespace SupportBot.IntegrationTests.Bookings;

/// <summary>The cut-off passing while the person is still answering: the slot is no longer offered, and they hear why.</summary>
public sealed class BookingCutOffTests
{
    [Fact]
    public async Task A_slot_whose_cut_off_passes_during_the_conversation_is_not_booked_and_later_slots_are_offered()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-24T16:55:00+09:00"));
        using var app = new BotApp(services: s => s.AddSingleton<TimeProvider>(clock));
        var client = app.CreateClient();
        async Task<List<string>> Say(string text)
        {
            var body = await BotApp.ReadJson(await client.PostAsync("/api/messages", BotApp.Json(BotApp.Message("cutoff-1", text))));
            // Each reply's text, then its buttons.
            return body.GetProperty("activities").EnumerateArray().Select(a => (a.GetProperty("text").GetString() ?? "")
                + (a.TryGetProperty("suggestedActions", out var sa) ? "\n" + string.Join(" | ", sa.GetProperty("actions").EnumerateArray().Select(x => x.GetProperty("title").GetString())) : "")).ToList();
        }

        foreach (var text in new[] { "相談の予約をしたいです", "はい", "本人" }) await Say(text);
        Assert.Contains("ご希望に合う空き枠です", (await Say("明日の午前"))[^1]);
        Assert.Contains("お名前", (await Say("1"))[^1]); // 11月25日 10:00, held
        foreach (var text in new[] { "さくら", "090-1234-5678", "なし", "特になし" }) await Say(text);

        clock.SetUtcNow(DateTimeOffset.Parse("2026-11-24T17:01:00+09:00")); // tomorrow's cut-off has passed
        var replies = await Say("はい");
        Assert.Contains("受付の締め切りを過ぎたか休所になったため", replies[0]);
        Assert.Contains("| 11月26日（木）10:00", " | " + replies[^1].Split('\n')[^1]); // the search starts again from the new earliest day
        Assert.DoesNotContain("11月25日", replies[^1]);
        var desk = app.Services.GetRequiredService<Engine.Services.Bookings.BookingDesk>();
        Assert.Empty(await desk.Ledger.ListByUserAsync("directline:user-1"));
    }
}
