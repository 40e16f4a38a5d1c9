using SupportBot.IntegrationTests.Support;

namespace SupportBot.IntegrationTests.Bookings;

/// <summary>Staff hear of new, changed and cancelled bookings through the webhook, from a real conversation.</summary>
public sealed class BookingNotificationTests
{
    [Fact]
    public async Task New_changed_and_cancelled_bookings_reach_the_staff_webhook()
    {
        await using var webhook = await RecordingServer.StartAsync();
        using var app = new BotApp(new() { ["Clock:Now"] = "2026-11-24T14:00:00+09:00", ["Notifications:WebhookUrl"] = webhook.BaseUrl + "/staff" });
        var client = app.CreateClient();
        async Task<string> Say(string text)
        {
            var body = await BotApp.ReadJson(await client.PostAsync("/api/messages", BotApp.Json(BotApp.Message("notify-1", text))));
            return string.Join("\n", body.GetProperty("activities").EnumerateArray().Select(a => a.GetProperty("text").GetString()));
        }

        foreach (var text in new[] { "相談の予約をしたいです", "はい", "家族", "12月2日の10時", "1", "さくら", "090-1234-5678", "筆談", "特になし" }) await Say(text);
        Assert.Contains("予約番号は R-", await Say("はい"));
        await webhook.WaitForAsync(1, TimeSpan.FromSeconds(30));
        foreach (var text in new[] { "予約を変更したい", "1", "12月3日の11時", "1" }) await Say(text);
        Assert.Contains("12月3日（木）11:00 に変更しました", await Say("はい"));
        await webhook.WaitForAsync(2, TimeSpan.FromSeconds(30));
        foreach (var text in new[] { "予約をキャンセルしたい", "1" }) await Say(text);
        Assert.Contains("取り消しました", await Say("はい"));
        await webhook.WaitForAsync(3, TimeSpan.FromSeconds(30));

        var events = webhook.Requests.Select(r => r.Body).ToList();
        Assert.Equal(3, events.Count);
        Assert.Contains("booking_new", events[0]);
        Assert.Contains("090-1234-5678", events[0]);
        Assert.Contains("2026-12-02T10:00", events[0]);
        Assert.Contains("booking_changed", events[1]);
        Assert.Contains("2026-12-03T11:00", events[1]);
        Assert.Contains("2026-12-02T10:00", events[1]); // the previous slot
        Assert.Contains("booking_cancelled", events[2]);
    }
}
