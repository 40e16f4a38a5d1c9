using SupportBot.Engine.Tests.Flows;

namespace SupportBot.Engine.Tests.Bookings;

/// <summary>Leaving the booking flow halfway gives the held slot back at once (the flow's <c>on_leave</c>), not after the hold runs out.</summary>
public sealed class BookingLeaveTests
{
    private static readonly string[] Wednesday = ["2026-12-02T13:00", "2026-12-02T14:00", "2026-12-02T15:00", "2026-12-02T16:00"];

    private static async Task<FlowEngineTests.Harness> HoldSecondSlot()
    {
        var h = new FlowEngineTests.Harness(new Dictionary<string, string>(FlowEngineTests.Intents) { ["相談の予約をしたいです"] = "booking.new" });
        await h.Say("相談の予約をしたいです");
        await h.Say("はい");
        await h.Say("本人");
        await h.Say("来週の水曜の午後がいいです");
        await h.Say("2");
        var taken = await h.Bookings.TakenAsync(Wednesday, except: null, h.Clock.GetUtcNow());
        Assert.Equal(1, taken["2026-12-02T14:00"]);
        return h;
    }

    [Theory]
    [InlineData("やめる")]
    [InlineData("メニュー")]
    [InlineData("ヘルプ")]
    public async Task Stopping_after_the_slot_was_held_releases_it(string stop)
    {
        var h = await HoldSecondSlot();
        await h.Say(stop);
        var taken = await h.Bookings.TakenAsync(Wednesday, except: null, h.Clock.GetUtcNow());
        Assert.All(Wednesday, slot => Assert.Equal(0, taken.GetValueOrDefault(slot)));
    }

    [Fact]
    public async Task Answering_the_next_question_keeps_the_hold()
    {
        var h = await HoldSecondSlot();
        await h.Say("さくら");
        var taken = await h.Bookings.TakenAsync(Wednesday, except: null, h.Clock.GetUtcNow());
        Assert.Equal(1, taken["2026-12-02T14:00"]);
    }
}
