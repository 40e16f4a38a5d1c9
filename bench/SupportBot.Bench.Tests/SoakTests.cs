using SupportBot.Bench.Soak;

namespace SupportBot.Bench.Tests;

/// <summary>The soak's verdict: what counts as a lost booking, a double booking and an undone cancellation.</summary>
public class SoakTests
{
    [Fact]
    public void A_booking_told_confirmed_and_never_cancelled_must_be_confirmed_in_the_ledger()
    {
        var told = new[]
        {
            new SoakBooking("R-AAAAAA", "a", CancelTried: false, Cancelled: false), // kept, in the ledger
            new SoakBooking("R-BBBBBB", "b", CancelTried: false, Cancelled: false), // kept, missing: lost
            new SoakBooking("R-CCCCCC", "c", CancelTried: false, Cancelled: false), // kept, cancelled in the ledger: lost
            new SoakBooking("R-DDDDDD", "d", CancelTried: true, Cancelled: false),  // cancel without an answer: either is fine
            new SoakBooking("R-EEEEEE", "e", CancelTried: true, Cancelled: true),   // told cancelled, still confirmed: undone
        };
        var ledger = new[]
        {
            new LedgerEntry("R-AAAAAA", "2026-12-01T10:00", true),
            new LedgerEntry("R-CCCCCC", "2026-12-01T11:00", false),
            new LedgerEntry("R-DDDDDD", "2026-12-01T13:00", true),
            new LedgerEntry("R-EEEEEE", "2026-12-01T14:00", true),
        };

        var verdict = SoakVerdict.Of(told, ledger, capacity: 1, numbersToldTwice: 0);

        Assert.Equal(["R-BBBBBB", "R-CCCCCC"], verdict.LostIds);
        Assert.Equal(1, verdict.CancelsUndone);
        Assert.Equal(0, verdict.OverbookedSlots);
        Assert.False(verdict.Passed);
    }

    [Fact]
    public void A_slot_with_more_confirmed_bookings_than_its_capacity_is_a_double_booking()
    {
        var ledger = new[]
        {
            new LedgerEntry("R-1", "2026-12-01T10:00", true), new LedgerEntry("R-2", "2026-12-01T10:00", true),
            new LedgerEntry("R-3", "2026-12-01T10:00", false), new LedgerEntry("R-4", "2026-12-01T11:00", true),
        };
        Assert.Equal(0, SoakVerdict.Of([], ledger, capacity: 2, numbersToldTwice: 0).OverbookedSlots);
        Assert.Equal(1, SoakVerdict.Of([], ledger, capacity: 1, numbersToldTwice: 0).OverbookedSlots);
        Assert.False(SoakVerdict.Of([], ledger, capacity: 2, numbersToldTwice: 1).Passed);
    }

    [Fact]
    public void The_soak_script_loads_by_name()
    {
        var script = SoakScript.Load(Script.Resolve("soak")!);
        Assert.NotEmpty(script.Busy);
        Assert.NotEmpty(script.Unavailable);
        Assert.Contains(script.BookingReplies, r => r.Say == SoakScript.Pick);
        Assert.Matches(script.Number, "予約番号は R-7K3M9Q です");
        Assert.NotEmpty(script.Faq);
    }
}
