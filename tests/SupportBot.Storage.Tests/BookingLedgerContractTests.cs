using SupportBot.Engine.State;

namespace SupportBot.Storage.Tests;

/// <summary>
/// The booking ledger and reminder queue contract, run against memory and Redis. Every test uses its
/// own prefix (Redis) or store (memory), so they share one Redis and run in any order.
/// </summary>
public abstract class BookingLedgerContractTests
{
    protected static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.FromHours(9));
    protected static readonly TimeSpan Hold = TimeSpan.FromMinutes(5);
    protected static readonly TimeSpan Keep = TimeSpan.FromDays(30);
    private static readonly SlotLimits One = new(1);

    protected sealed record Ledger(IBookingLedger Bookings, IReminderQueue Reminders);

    protected abstract Ledger Create(string prefix);

    /// <summary>A second ledger on the same data (Redis: its own connection, like a second instance).</summary>
    protected abstract Ledger CreateSecond(Ledger first, string prefix);

    protected static string NewPrefix() => "test:" + Guid.NewGuid().ToString("N")[..12] + ":";

    protected static SlotRef Slot(int day, int hour) =>
        new($"2026-12-{day:00}T{hour:00}:00", new DateTimeOffset(2026, 12, day, hour, 0, 0, TimeSpan.FromHours(9)));

    private static NewBooking New(string key, string id, SlotRef slot, string user) =>
        new(key, id, slot, user, $$"""{"nickname":"{{user}}","phone":"090-1234-5678"}""");

    [Fact]
    public async Task Confirm_books_and_the_booking_reads_back_by_id_user_and_range()
    {
        var ledger = Create(NewPrefix()).Bookings;
        var result = await ledger.ConfirmAsync(New("k1", "BK1", Slot(3, 10), "u1"), One, Now, Keep);
        Assert.Equal(BookOutcome.Booked, result.Outcome);
        var booking = await ledger.GetAsync("BK1");
        Assert.NotNull(booking);
        Assert.Equal(("2026-12-03T10:00", "u1", BookingStatus.Confirmed), (booking.Slot, booking.User, booking.Status));
        Assert.Equal(Slot(3, 10).Start, booking.Start);
        Assert.Equal(Now, booking.Created);
        Assert.Contains("090-1234-5678", booking.Details);
        Assert.Equal(["BK1"], (await ledger.ListByUserAsync("u1")).Select(b => b.Id));
        Assert.Empty(await ledger.ListByUserAsync("u2"));
        Assert.Equal(["BK1"], (await ledger.ListAsync(Slot(3, 0).Start, Slot(3, 23).Start)).Select(b => b.Id));
        Assert.Empty(await ledger.ListAsync(Slot(4, 0).Start, Slot(5, 0).Start));
    }

    [Fact]
    public async Task A_full_slot_refuses_and_capacity_two_takes_two()
    {
        var ledger = Create(NewPrefix()).Bookings;
        Assert.Equal(BookOutcome.Booked, (await ledger.ConfirmAsync(New("a", "A", Slot(3, 10), "u1"), One, Now, Keep)).Outcome);
        Assert.Equal(BookOutcome.Full, (await ledger.ConfirmAsync(New("b", "B", Slot(3, 10), "u2"), One, Now, Keep)).Outcome);
        Assert.Equal(BookOutcome.Booked, (await ledger.ConfirmAsync(New("c", "C", Slot(3, 11), "u2"), new SlotLimits(2), Now, Keep)).Outcome);
        Assert.Equal(BookOutcome.Booked, (await ledger.ConfirmAsync(New("d", "D", Slot(3, 11), "u3"), new SlotLimits(2), Now, Keep)).Outcome);
        Assert.Equal(BookOutcome.Full, (await ledger.ConfirmAsync(New("e", "E", Slot(3, 11), "u4"), new SlotLimits(2), Now, Keep)).Outcome);
        var taken = await ledger.TakenAsync(["2026-12-03T10:00", "2026-12-03T11:00", "2026-12-03T13:00"], null, Now);
        Assert.Equal(new Dictionary<string, int> { ["2026-12-03T10:00"] = 1, ["2026-12-03T11:00"] = 2, ["2026-12-03T13:00"] = 0 }, taken);
    }

    [Fact]
    public async Task Confirming_twice_with_one_key_makes_one_booking()
    {
        var ledger = Create(NewPrefix()).Bookings;
        var first = await ledger.ConfirmAsync(New("same", "X1", Slot(3, 10), "u1"), new SlotLimits(3), Now, Keep);
        var again = await ledger.ConfirmAsync(New("same", "X2", Slot(3, 10), "u1"), new SlotLimits(3), Now, Keep);
        Assert.Equal(BookOutcome.Booked, first.Outcome);
        Assert.Equal(BookOutcome.Duplicate, again.Outcome);
        Assert.Equal("X1", again.Booking!.Id);
        Assert.Single(await ledger.ListByUserAsync("u1"));
        Assert.Null(await ledger.GetAsync("X2"));
    }

    [Fact]
    public async Task A_hold_keeps_the_place_for_its_holder_until_it_expires()
    {
        var ledger = Create(NewPrefix()).Bookings;
        Assert.True(await ledger.HoldAsync(Slot(3, 10), "u1", One, Now, Hold));
        Assert.True(await ledger.HoldAsync(Slot(3, 10), "u1", One, Now.AddMinutes(1), Hold)); // renewing one's own hold
        Assert.False(await ledger.HoldAsync(Slot(3, 10), "u2", One, Now.AddMinutes(1), Hold));
        Assert.Equal(BookOutcome.Full, (await ledger.ConfirmAsync(New("b", "B", Slot(3, 10), "u2"), One, Now.AddMinutes(2), Keep)).Outcome);
        Assert.Equal(1, (await ledger.TakenAsync(["2026-12-03T10:00"], "u2", Now.AddMinutes(2)))["2026-12-03T10:00"]);
        Assert.Equal(0, (await ledger.TakenAsync(["2026-12-03T10:00"], "u1", Now.AddMinutes(2)))["2026-12-03T10:00"]);

        // The holder confirms within the hold; a late one after it expired finds the slot free.
        Assert.Equal(BookOutcome.Booked, (await ledger.ConfirmAsync(New("a", "A", Slot(3, 10), "u1"), One, Now.AddMinutes(3), Keep)).Outcome);
        Assert.True(await ledger.HoldAsync(Slot(3, 11), "u3", One, Now, Hold));
        Assert.False(await ledger.HoldAsync(Slot(3, 11), "u4", One, Now.AddMinutes(4), Hold));
        Assert.True(await ledger.HoldAsync(Slot(3, 11), "u4", One, Now.AddMinutes(6), Hold));
    }

    [Fact]
    public async Task A_new_hold_replaces_the_holders_old_one_and_release_frees_it()
    {
        var ledger = Create(NewPrefix()).Bookings;
        Assert.True(await ledger.HoldAsync(Slot(3, 10), "u1", One, Now, Hold));
        Assert.True(await ledger.HoldAsync(Slot(3, 11), "u1", One, Now, Hold));
        Assert.True(await ledger.HoldAsync(Slot(3, 10), "u2", One, Now, Hold));
        await ledger.ReleaseHoldAsync("2026-12-03T11:00", "u1");
        Assert.True(await ledger.HoldAsync(Slot(3, 11), "u3", One, Now, Hold));
    }

    [Fact]
    public async Task The_per_day_limit_counts_confirmed_bookings_of_the_day()
    {
        var ledger = Create(NewPrefix()).Bookings;
        var limits = new SlotLimits(1, PerDay: 2);
        Assert.Equal(BookOutcome.Booked, (await ledger.ConfirmAsync(New("a", "A", Slot(3, 10), "u1"), limits, Now, Keep)).Outcome);
        Assert.Equal(BookOutcome.Booked, (await ledger.ConfirmAsync(New("b", "B", Slot(3, 11), "u2"), limits, Now, Keep)).Outcome);
        Assert.Equal(BookOutcome.Full, (await ledger.ConfirmAsync(New("c", "C", Slot(3, 13), "u3"), limits, Now, Keep)).Outcome);
        Assert.False(await ledger.HoldAsync(Slot(3, 14), "u3", limits, Now, Hold));
        Assert.Equal(BookOutcome.Booked, (await ledger.ConfirmAsync(New("d", "D", Slot(4, 13), "u3"), limits, Now, Keep)).Outcome);
        // Moving within the full day is fine (its own place moves with it).
        Assert.Equal(BookOutcome.Booked, (await ledger.ChangeAsync("A", Slot(3, 15), limits, Now, Keep)).Outcome);
        await ledger.CancelAsync("B", Now);
        Assert.Equal(BookOutcome.Booked, (await ledger.ConfirmAsync(New("c2", "C2", Slot(3, 13), "u3"), limits, Now, Keep)).Outcome);
    }

    [Fact]
    public async Task Change_moves_to_a_free_slot_and_frees_the_old_one_but_never_into_a_full_one()
    {
        var ledger = Create(NewPrefix()).Bookings;
        await ledger.ConfirmAsync(New("a", "A", Slot(3, 10), "u1"), One, Now, Keep);
        await ledger.ConfirmAsync(New("b", "B", Slot(3, 11), "u2"), One, Now, Keep);
        Assert.Equal(BookOutcome.Full, (await ledger.ChangeAsync("A", Slot(3, 11), One, Now, Keep)).Outcome);
        Assert.Equal("2026-12-03T10:00", (await ledger.GetAsync("A"))!.Slot);

        var moved = await ledger.ChangeAsync("A", Slot(4, 13), One, Now.AddMinutes(1), Keep);
        Assert.Equal(BookOutcome.Booked, moved.Outcome);
        Assert.Equal(("2026-12-04T13:00", Slot(4, 13).Start, Now.AddMinutes(1)), (moved.Booking!.Slot, moved.Booking.Start, moved.Booking.Changed));
        Assert.Equal(BookOutcome.Duplicate, (await ledger.ChangeAsync("A", Slot(4, 13), One, Now, Keep)).Outcome);
        Assert.Equal(BookOutcome.Booked, (await ledger.ConfirmAsync(New("c", "C", Slot(3, 10), "u3"), One, Now, Keep)).Outcome);
        Assert.Equal(["A"], (await ledger.ListAsync(Slot(4, 0).Start, Slot(4, 23).Start)).Select(b => b.Id));
        Assert.Equal(BookOutcome.NotFound, (await ledger.ChangeAsync("nope", Slot(5, 10), One, Now, Keep)).Outcome);
    }

    [Fact]
    public async Task Cancel_frees_the_place_keeps_the_record_and_cannot_happen_twice()
    {
        var ledger = Create(NewPrefix()).Bookings;
        await ledger.ConfirmAsync(New("a", "A", Slot(3, 10), "u1"), One, Now, Keep);
        var cancelled = await ledger.CancelAsync("A", Now.AddHours(1));
        Assert.Equal(BookOutcome.Booked, cancelled.Outcome);
        Assert.Equal(BookingStatus.Cancelled, cancelled.Booking!.Status);
        Assert.Equal(Now.AddHours(1), cancelled.Booking.Changed);
        Assert.Equal(BookOutcome.NotFound, (await ledger.CancelAsync("A", Now)).Outcome);
        Assert.Equal(BookOutcome.NotFound, (await ledger.ChangeAsync("A", Slot(3, 11), One, Now, Keep)).Outcome);
        Assert.Equal(BookingStatus.Cancelled, (await ledger.ListByUserAsync("u1")).Single().Status);
        Assert.Equal(BookOutcome.Booked, (await ledger.ConfirmAsync(New("b", "B", Slot(3, 10), "u2"), One, Now, Keep)).Outcome);
    }

    [Fact]
    public async Task Delete_forgets_the_booking_everywhere_and_frees_its_place()
    {
        var ledger = Create(NewPrefix()).Bookings;
        await ledger.ConfirmAsync(New("a", "A", Slot(3, 10), "u1"), new SlotLimits(1, PerDay: 1), Now, Keep);
        Assert.True(await ledger.DeleteAsync("A"));
        Assert.False(await ledger.DeleteAsync("A"));
        Assert.Null(await ledger.GetAsync("A"));
        Assert.Empty(await ledger.ListByUserAsync("u1"));
        Assert.Empty(await ledger.ListAsync(Slot(1, 0).Start, Slot(28, 0).Start));
        Assert.Equal(BookOutcome.Booked, (await ledger.ConfirmAsync(New("b", "B", Slot(3, 11), "u2"), new SlotLimits(1, PerDay: 1), Now, Keep)).Outcome);
        Assert.Equal(0, (await ledger.TakenAsync(["2026-12-03T10:00"], null, Now))["2026-12-03T10:00"]);
    }

    [Fact]
    public async Task A_thousand_concurrent_attempts_on_ten_slots_from_two_instances_book_exactly_ten()
    {
        var prefix = NewPrefix();
        var first = Create(prefix);
        var second = CreateSecond(first, prefix);
        var slots = Enumerable.Range(0, 10).Select(i => Slot(3 + i / 6, 10 + i % 6)).ToList();
        var results = await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => Task.Run(async () =>
        {
            var ledger = (i % 2 == 0 ? first : second).Bookings;
            var slot = slots[i % 10];
            var user = $"user-{i:0000}";
            // Half hold first (the conversation's way), half confirm straight away (a retried request).
            if (i % 4 < 2 && !await ledger.HoldAsync(slot, user, One, Now, Hold)) return BookOutcome.Full;
            return (await ledger.ConfirmAsync(New("k" + i, $"ID{i:0000}", slot, user), One, Now, Keep)).Outcome;
        })));
        Assert.Equal(10, results.Count(r => r == BookOutcome.Booked));
        Assert.Equal(990, results.Count(r => r == BookOutcome.Full));
        var booked = await first.Bookings.ListAsync(Slot(1, 0).Start, Slot(28, 0).Start);
        Assert.Equal(10, booked.Count);
        Assert.Equal(slots.Select(s => s.Key).Order(), booked.Select(b => b.Slot).Order());
    }

    /// <summary>With a buffer between intakes, a slot's neighbours (here: one hour either side) must be free of others' bookings and holds.</summary>
    private static SlotLimits Buffered(SlotRef slot) =>
        One with { Near = [Slot(slot.Start.Day, slot.Start.Hour - 1).Key, Slot(slot.Start.Day, slot.Start.Hour + 1).Key] };

    [Fact]
    public async Task The_buffer_keeps_neighbouring_slots_free_of_other_peoples_holds_and_bookings_but_not_of_ones_own()
    {
        var ledger = Create(NewPrefix()).Bookings;
        Assert.True(await ledger.HoldAsync(Slot(3, 10), "a", Buffered(Slot(3, 10)), Now, Hold));
        Assert.False(await ledger.HoldAsync(Slot(3, 11), "b", Buffered(Slot(3, 11)), Now, Hold)); // a's hold next door
        Assert.True(await ledger.HoldAsync(Slot(3, 12), "b", Buffered(Slot(3, 12)), Now, Hold));
        Assert.False(await ledger.HoldAsync(Slot(3, 11), "a", Buffered(Slot(3, 11)), Now, Hold)); // a's own hold does not count, b's at 12:00 does

        Assert.Equal(BookOutcome.Booked, (await ledger.ConfirmAsync(New("ka", "A", Slot(3, 10), "a"), Buffered(Slot(3, 10)), Now, Keep)).Outcome);
        Assert.Equal(BookOutcome.Full, (await ledger.ConfirmAsync(New("kc", "C", Slot(3, 11), "c"), Buffered(Slot(3, 11)), Now, Keep)).Outcome);
        // A hold next door that has run out no longer counts.
        Assert.True(await ledger.HoldAsync(Slot(3, 13), "c", Buffered(Slot(3, 13)), Now + Hold + TimeSpan.FromSeconds(1), Hold));

        // Moving one's own booking to the slot next door is fine: it does not stand in its own way.
        await ledger.ReleaseHoldAsync(Slot(3, 12).Key, "b");
        Assert.Equal(BookOutcome.Booked, (await ledger.ChangeAsync("A", Slot(3, 9), Buffered(Slot(3, 9)), Now, Keep)).Outcome);
    }

    [Fact]
    public async Task With_a_buffer_concurrent_attempts_on_two_neighbouring_slots_from_two_instances_book_only_one()
    {
        var prefix = NewPrefix();
        var first = Create(prefix);
        var second = CreateSecond(first, prefix);
        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            var ledger = (i % 2 == 0 ? first : second).Bookings;
            var slot = Slot(3, i % 4 < 2 ? 10 : 11);
            var user = $"user-{i:000}";
            if (i % 3 == 0 && !await ledger.HoldAsync(slot, user, Buffered(slot), Now, Hold)) return BookOutcome.Full;
            return (await ledger.ConfirmAsync(New("k" + i, $"N{i:000}", slot, user), Buffered(slot), Now, Keep)).Outcome;
        })));
        Assert.Single(results, r => r == BookOutcome.Booked);
        Assert.Single(await first.Bookings.ListAsync(Slot(3, 0).Start, Slot(3, 23).Start));
    }

    [Fact]
    public async Task Duplicate_confirms_delivered_concurrently_to_two_instances_make_one_booking()
    {
        var prefix = NewPrefix();
        var first = Create(prefix);
        var second = CreateSecond(first, prefix);
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            (i % 2 == 0 ? first : second).Bookings.ConfirmAsync(New("tap", $"T{i}", Slot(3, 10), "u1"), new SlotLimits(5), Now, Keep))));
        Assert.Single(results, r => r.Outcome == BookOutcome.Booked);
        Assert.Equal(19, results.Count(r => r.Outcome == BookOutcome.Duplicate));
        Assert.Single(results.Select(r => r.Booking!.Id).Distinct());
        Assert.Single(await first.Bookings.ListByUserAsync("u1"));
    }

    [Fact]
    public async Task Reminders_come_out_when_due_in_order_and_move_when_rescheduled()
    {
        var queue = Create(NewPrefix()).Reminders;
        Assert.Null(await queue.NextDueAsync());
        await queue.ScheduleAsync(new("booking", "B2"), Now.AddHours(2));
        await queue.ScheduleAsync(new("booking", "B1"), Now.AddHours(1));
        await queue.ScheduleAsync(new("meetup", "m|2026-12-03"), Now.AddHours(3));
        Assert.Equal(Now.AddHours(1), await queue.NextDueAsync());
        Assert.Empty(await queue.ClaimDueAsync(Now, 10));
        await queue.ScheduleAsync(new("booking", "B2"), Now.AddHours(4)); // moved
        Assert.Equal([new ReminderItem("booking", "B1")], await queue.ClaimDueAsync(Now.AddHours(2), 10));
        await queue.RemoveAsync(new("booking", "B2"));
        Assert.Equal([new ReminderItem("meetup", "m|2026-12-03")], await queue.ClaimDueAsync(Now.AddHours(5), 10));
        Assert.Null(await queue.NextDueAsync());
    }

    [Fact]
    public async Task Two_instances_claiming_together_get_each_reminder_once()
    {
        var prefix = NewPrefix();
        var first = Create(prefix);
        var second = CreateSecond(first, prefix);
        for (var i = 0; i < 200; i++) await first.Reminders.ScheduleAsync(new("booking", $"R{i}"), Now.AddMinutes(i % 7));
        var claims = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() =>
            (i % 2 == 0 ? first : second).Reminders.ClaimDueAsync(Now.AddHours(1), 7))));
        var all = claims.SelectMany(c => c).ToList();
        Assert.Equal(200, all.Count);
        Assert.Equal(200, all.Distinct().Count());
    }
}
