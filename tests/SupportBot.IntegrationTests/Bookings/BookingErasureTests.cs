using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.Engine.Services;
using SupportBot.Engine.Services.Bookings;
using SupportBot.Engine.State;
using SupportBot.IntegrationTests.Support;

namespace SupportBot.IntegrationTests.Bookings;

/// <summary>When a person asks to be forgotten (LINE unfollow runs every eraser), their bookings go at once.</summary>
public sealed class BookingErasureTests
{
    [Fact]
    public async Task The_erasers_delete_the_persons_bookings_free_the_slots_drop_the_reminders_and_tell_staff_without_details()
    {
        await using var webhook = await RecordingServer.StartAsync();
        var now = DateTimeOffset.Parse("2026-11-24T14:00:00+09:00");
        using var app = new BotApp(new() { ["Clock:Now"] = "2026-11-24T14:00:00+09:00", ["Notifications:WebhookUrl"] = webhook.BaseUrl + "/staff" });
        var desk = app.Services.GetRequiredService<BookingDesk>();
        var details = JsonSerializer.Serialize(new { nickname = "さくら", phone = "090-1234-5678", channel = "line", user = "U-forget" });
        foreach (var (id, slot, user) in new[] { ("R-AAAAAA", "2026-12-02T10:00", "line:U-forget"), ("R-BBBBBB", "2026-12-03T10:00", "line:U-forget"), ("R-CCCCCC", "2026-12-02T11:00", "line:U-keep") })
        {
            var booking = (await desk.Ledger.ConfirmAsync(new NewBooking("k-" + id, id, desk.Slots.Parse(slot)!, user, details), desk.Options.Limits, now, desk.Options.KeepAfter)).Booking!;
            await desk.ScheduleReminderAsync(booking, now, default);
        }

        var erased = 0;
        foreach (var eraser in app.Services.GetServices<IPersonalDataEraser>())
            erased += await eraser.EraseAsync(new ConversationReference("line", "U-forget", "U-forget", null), default);

        Assert.True(erased >= 2);
        Assert.Empty(await desk.Ledger.ListByUserAsync("line:U-forget"));
        Assert.NotNull(await desk.Ledger.GetAsync("R-CCCCCC"));
        Assert.Contains(await desk.Slots.FreeAsync(new DateOnly(2026, 12, 2), new DateOnly(2026, 12, 2), now, null, default), s => s.Key == "2026-12-02T10:00");
        var queue = app.Services.GetRequiredService<IReminderQueue>();
        Assert.Equal([new ReminderItem("booking", "R-CCCCCC")], await queue.ClaimDueAsync(now.AddDays(30), 10));

        await webhook.WaitForAsync(2, TimeSpan.FromSeconds(30));
        var events = webhook.Requests.Select(r => r.Body).Where(b => b.Contains("booking_erased")).ToList();
        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.DoesNotContain("090-1234-5678", e));
        Assert.All(events, e => Assert.DoesNotContain("さくら", e));
    }
}
