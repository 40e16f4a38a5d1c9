using Microsoft.Extensions.Options;
using SupportBot.Calendar;
using SupportBot.Engine.Services.Bookings;
using SupportBot.Engine.State;
using SupportBot.Engine.State.Memory;
using SupportBot.Engine.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace SupportBot.Engine.Tests.Bookings;

/// <summary>Free slots from the calendar and the booking options, and searches in the person's words, at pinned times.</summary>
public sealed class SlotCatalogTests
{
    private static DateTimeOffset At(string local) => DateTimeOffset.Parse(local + "+09:00");

    private static (SlotCatalog Slots, MemoryBookingLedger Ledger) Create(DateTimeOffset now, BookingOptions? options = null, BusinessCalendarOptions? calendar = null)
    {
        var clock = new FakeTimeProvider(now);
        var ledger = new MemoryBookingLedger(clock);
        return (new SlotCatalog(new BusinessCalendar(calendar ?? new BusinessCalendarOptions()), Options.Create(options ?? new BookingOptions()), ledger, new MemoryStore(clock)), ledger);
    }

    [Theory]
    [InlineData("2026-11-20T14:00", "2026-11-24")] // Friday before the cut-off; Monday the 23rd is a holiday, so Tuesday
    [InlineData("2026-11-20T17:00", "2026-11-25")] // Friday at the cut-off: Tuesday's deadline has passed
    [InlineData("2026-11-21T10:00", "2026-11-25")] // Saturday
    [InlineData("2026-11-24T09:00", "2026-11-25")] // Tuesday morning: tomorrow
    [InlineData("2026-11-24T16:59", "2026-11-25")]
    [InlineData("2026-11-24T17:00", "2026-11-26")]
    [InlineData("2026-12-25T12:00", "2026-12-28")] // Friday before 年末年始: Monday the 28th is still open
    [InlineData("2026-12-25T17:30", "2027-01-04")]
    public void The_earliest_day_follows_the_cut_off_of_the_previous_business_day(string now, string earliest)
    {
        var (slots, _) = Create(At(now));
        Assert.Equal(DateOnly.Parse(earliest), slots.EarliestDay(At(now)));
    }

    [Fact]
    public async Task Same_day_booking_offers_only_slots_still_ahead_and_the_horizon_ends_the_search()
    {
        var now = At("2026-11-24T13:30");
        var (slots, _) = Create(now, new BookingOptions { MinNoticeBusinessDays = 0, HorizonWeeks = 1 });
        Assert.Equal(new DateOnly(2026, 11, 24), slots.EarliestDay(now));
        Assert.Equal(new DateOnly(2026, 12, 1), slots.LastDay(now));
        var free = await slots.FreeAsync(new DateOnly(2026, 11, 24), new DateOnly(2026, 11, 24), now, null, default);
        Assert.Equal(["2026-11-24T14:00", "2026-11-24T15:00", "2026-11-24T16:00"], free.Select(s => s.Key));
        var far = await slots.SearchAsync(DateWish.Read("12月10日", now)!, now, null, null, default);
        Assert.Equal(WishNote.TooFar, far.Note);
        Assert.True(far.Slots.All(s => s.Start <= At("2026-12-01T23:59")));
    }

    public static TheoryData<string, string, WishNote, string[]> Wishes() => new()
    {
        { "なるべく早く", "", WishNote.Found, ["2026-11-25T10:00", "2026-11-25T11:00", "2026-11-25T13:00", "2026-11-25T14:00", "2026-11-25T15:00", "2026-11-25T16:00"] },
        { "午後", "", WishNote.Found, ["2026-11-25T13:00", "2026-11-25T14:00", "2026-11-25T15:00", "2026-11-25T16:00", "2026-11-26T13:00", "2026-11-26T14:00"] },
        { "月曜か火曜の午前", "", WishNote.Found, ["2026-11-30T10:00", "2026-11-30T11:00", "2026-12-01T10:00", "2026-12-01T11:00"] },
        { "12月3日 14時", "", WishNote.Found, ["2026-12-03T14:00"] },
        { "来週", "", WishNote.Found, ["2026-11-30T10:00", "2026-11-30T11:00", "2026-11-30T13:00", "2026-11-30T14:00", "2026-11-30T15:00", "2026-11-30T16:00"] },
        { "土曜日", "weekend", WishNote.Closed, ["2026-11-27T10:00", "2026-11-27T11:00", "2026-11-27T13:00", "2026-11-30T10:00", "2026-11-30T11:00", "2026-11-30T13:00"] },
        { "12月30日", "year_end", WishNote.Closed, ["2026-12-28T10:00", "2026-12-28T11:00", "2026-12-28T13:00", "2027-01-04T10:00", "2027-01-04T11:00", "2027-01-04T13:00"] },
        { "12月30日から1月3日", "year_end", WishNote.Closed, ["2026-12-28T10:00", "2026-12-28T11:00", "2026-12-28T13:00", "2027-01-04T10:00"] },
        { "今日の15時", "", WishNote.TooSoon, ["2026-11-25T14:00", "2026-11-25T15:00", "2026-11-25T16:00", "2026-11-26T14:00"] },
        { "12月2日の18時", "", WishNote.OutsideHours, ["2026-12-02T14:00", "2026-12-02T15:00", "2026-12-02T16:00", "2026-12-03T14:00"] },
    };

    [Theory]
    [MemberData(nameof(Wishes))]
    public async Task A_wish_in_words_finds_its_slots_or_says_why_and_offers_the_nearest(string words, string reason, WishNote note, string[] first)
    {
        var now = At("2026-11-24T14:00");
        var (slots, _) = Create(now);
        var search = await slots.SearchAsync(DateWish.Read(words, now)!, now, null, null, default);
        Assert.Equal(note, search.Note);
        Assert.Equal(first, search.Slots.Select(s => s.Key).Take(first.Length));
        Assert.True(search.Slots.Count <= 6);
        if (reason == "weekend") Assert.Equal(ClosedReasonKind.Weekend, search.Reason!.Kind);
        if (reason == "year_end") Assert.Equal("closure.year_end", search.Reason!.LabelKey);
    }

    [Fact]
    public async Task A_holiday_is_named_and_a_taken_slot_is_full_with_the_nearest_on_both_days()
    {
        var now = At("2026-11-20T14:00");
        var (slots, ledger) = Create(now);
        var holiday = await slots.SearchAsync(DateWish.Read("11月23日の午前", now)!, now, null, null, default);
        Assert.Equal((WishNote.Closed, ClosedReasonKind.Holiday), (holiday.Note, holiday.Reason!.Kind));
        Assert.Equal(new DateOnly(2026, 11, 23), holiday.Reason.Holiday!.Date);

        await ledger.ConfirmAsync(new NewBooking("k", "A", slots.Slot(new DateOnly(2026, 12, 2), new TimeOnly(14, 0)), "u1", "{}"), new SlotLimits(1), now, TimeSpan.FromDays(30));
        var full = await slots.SearchAsync(DateWish.Read("12月2日の14時", now)!, now, "u2", null, default);
        Assert.Equal(WishNote.Full, full.Note);
        Assert.DoesNotContain(full.Slots, s => s.Key == "2026-12-02T14:00");
        Assert.Equal(["2026-12-02T13:00", "2026-12-02T15:00", "2026-12-02T16:00", "2026-12-03T13:00", "2026-12-03T14:00", "2026-12-03T15:00"], full.Slots.Select(s => s.Key));
    }

    [Fact]
    public async Task Blocks_half_day_closures_buffers_and_the_per_day_limit_remove_slots()
    {
        var now = At("2026-11-24T14:00");
        var options = new BookingOptions
        {
            BufferMinutes = 30, PerDayLimit = 2,
            Blocked = [new AdHocClosure { Date = new DateOnly(2026, 12, 3), From = new TimeOnly(10, 0), Until = new TimeOnly(12, 0) }],
        };
        var calendar = new BusinessCalendarOptions { Closures = [new AdHocClosure { Date = new DateOnly(2026, 12, 4), From = new TimeOnly(13, 0) }] };
        var (slots, ledger) = Create(now, options, calendar);
        var day = (int d) => new DateOnly(2026, 12, d);

        Assert.Equal(["13:00", "14:00", "15:00", "16:00"], (await slots.FreeAsync(day(3), day(3), now, null, default)).Select(s => s.Key[11..]));
        Assert.Equal(["10:00", "11:00"], (await slots.FreeAsync(day(4), day(4), now, null, default)).Select(s => s.Key[11..]));

        await ledger.ConfirmAsync(new NewBooking("a", "A", slots.Slot(day(2), new TimeOnly(13, 0)), "u1", "{}"), options.Limits, now, options.KeepAfter);
        // 60 min + 30 min buffer: 14:00 (and 13:00 itself) go; 11:00 and 15:00 stay.
        Assert.Equal(["10:00", "11:00", "15:00", "16:00"], (await slots.FreeAsync(day(2), day(2), now, null, default)).Select(s => s.Key[11..]));
        await ledger.ConfirmAsync(new NewBooking("b", "B", slots.Slot(day(2), new TimeOnly(16, 0)), "u2", "{}"), options.Limits, now, options.KeepAfter);
        Assert.Empty(await slots.FreeAsync(day(2), day(2), now, null, default));

        Assert.True(await slots.IsBookableAsync(slots.Slot(day(3), new TimeOnly(13, 0)), now, default));
        Assert.False(await slots.IsBookableAsync(slots.Slot(day(3), new TimeOnly(10, 0)), now, default));
        Assert.False(await slots.IsBookableAsync(slots.Slot(day(5), new TimeOnly(10, 0)), now, default)); // Saturday
        Assert.False(await slots.IsBookableAsync(slots.Slot(day(3), new TimeOnly(12, 0)), now, default)); // not a start time
    }

    [Theory]
    [InlineData("SlotMinutes", "0")]
    [InlineData("ReminderTime", "22:00")]
    [InlineData("CutoffTime", "5pm")]
    [InlineData("MaxOffered", "20")]
    public void Invalid_settings_are_named(string key, string value)
    {
        var options = new BookingOptions();
        typeof(BookingOptions).GetProperty(key)!.SetValue(options, typeof(BookingOptions).GetProperty(key)!.PropertyType == typeof(int) ? int.Parse(value) : value);
        Assert.Contains(options.Problems(), p => p.StartsWith("Booking:" + key, StringComparison.Ordinal));
        Assert.Empty(new BookingOptions().Problems());
    }

    [Fact]
    public void A_reservation_is_checked_against_the_slots_its_buffer_reaches_and_none_without_a_buffer()
    {
        var (plain, _) = Create(At("2026-11-24T14:00"));
        Assert.Empty(plain.LimitsFor(plain.Slot(new DateOnly(2026, 12, 2), new TimeOnly(11, 0))).Near);

        // 60-minute intakes with 30 minutes between them: a start closer than 90 minutes conflicts (11:00 ↔ 10:00; 13:00 is two hours away).
        var (buffered, _) = Create(At("2026-11-24T14:00"), new BookingOptions { BufferMinutes = 30 });
        var limits = buffered.LimitsFor(buffered.Slot(new DateOnly(2026, 12, 2), new TimeOnly(11, 0)));
        Assert.Equal(["2026-12-02T10:00"], limits.Near);
        Assert.Equal(["2026-12-02T13:00", "2026-12-02T15:00"], buffered.LimitsFor(buffered.Slot(new DateOnly(2026, 12, 2), new TimeOnly(14, 0))).Near);
    }

    [Theory]
    [InlineData("12月3日 14時", 1)]
    [InlineData("月曜か火曜の午前", 2)]
    [InlineData("なるべく早く", 0)] // no day named: the whole horizon
    public async Task A_wish_for_some_days_reads_only_those_days_slots_when_they_have_room(string words, int days)
    {
        var now = At("2026-11-24T14:00");
        var clock = new FakeTimeProvider(now);
        var ledger = CallRecorder<IBookingLedger>.Around(new MemoryBookingLedger(clock), out var counter);
        var slots = new SlotCatalog(new BusinessCalendar(new BusinessCalendarOptions()), Options.Create(new BookingOptions()), ledger, new MemoryStore(clock));

        var search = await slots.SearchAsync(DateWish.Read(words, now)!, now, null, null, default);
        var read = counter.FirstArgs<IReadOnlyList<string>>(nameof(IBookingLedger.TakenAsync)).SelectMany(keys => keys).ToList();

        Assert.Equal(WishNote.Found, search.Note);
        var horizon = (await slots.FreeAsync(slots.EarliestDay(now), slots.LastDay(now), now, null, default)).Select(k => k.Day).Distinct().Count();
        Assert.True(horizon > 20);
        Assert.Equal(days == 0 ? horizon : days, read.Select(k => k[..10]).Distinct().Count());
    }

    [Fact]
    public async Task A_wished_day_that_is_full_still_gets_the_nearest_free_slots()
    {
        var now = At("2026-11-24T14:00");
        var (slots, ledger) = Create(now);
        var wednesday = await slots.FreeAsync(new DateOnly(2026, 11, 25), new DateOnly(2026, 11, 25), now, null, default);
        var limits = new SlotLimits(1);
        foreach (var slot in wednesday)
            Assert.True(await ledger.HoldAsync(slot, "someone-" + slot.Key, limits, now, TimeSpan.FromMinutes(10)));

        var search = await slots.SearchAsync(DateWish.Read("11月25日", now)!, now, null, null, default);

        Assert.Equal(WishNote.Full, search.Note);
        Assert.NotEmpty(search.Slots);
        Assert.DoesNotContain(search.Slots, s => s.Day == "2026-11-25");
    }

    [Theory]
    [InlineData("11月25日")]   // the day is full: its slots, then the horizon, then why
    [InlineData("12月3日の14時")] // free: that day only
    [InlineData("なるべく早く")]
    public async Task A_search_reads_the_staff_closures_once(string words)
    {
        var now = At("2026-11-24T14:00");
        var clock = new FakeTimeProvider(now);
        var ledger = new MemoryBookingLedger(clock);
        var records = CallRecorder<IRecordLog>.Around(new MemoryStore(clock), out var reads);
        var slots = new SlotCatalog(new BusinessCalendar(new BusinessCalendarOptions()), Options.Create(new BookingOptions()), ledger, records);
        foreach (var slot in await slots.FreeAsync(new DateOnly(2026, 11, 25), new DateOnly(2026, 11, 25), now, null, default))
            Assert.True(await ledger.HoldAsync(slot, "someone-" + slot.Key, new SlotLimits(1), now, TimeSpan.FromMinutes(10)));
        reads.Calls.Clear();

        var search = await slots.SearchAsync(DateWish.Read(words, now)!, now, null, null, default);

        Assert.NotEmpty(search.Slots);
        Assert.Equal([SlotCatalog.ClosuresLog], reads.FirstArgs<string>(nameof(IRecordLog.ReadAsync)));
    }

    /// <summary>Forwards every call to <typeparamref name="T"/>'s implementation and keeps each call's method name and arguments.</summary>
    public class CallRecorder<T> : System.Reflection.DispatchProxy where T : class
    {
        private T _inner = null!;
        public List<(string Method, object?[] Args)> Calls { get; } = [];

        public static T Around(T inner, out CallRecorder<T> recorder)
        {
            var proxy = Create<T, CallRecorder<T>>();
            recorder = (CallRecorder<T>)(object)proxy;
            recorder._inner = inner;
            return proxy;
        }

        /// <summary>The first argument of every call to <paramref name="method"/>.</summary>
        public IEnumerable<TArg> FirstArgs<TArg>(string method) => Calls.Where(c => c.Method == method).Select(c => (TArg)c.Args[0]!);

        protected override object? Invoke(System.Reflection.MethodInfo? method, object?[]? args)
        {
            Calls.Add((method!.Name, args ?? []));
            return method.Invoke(_inner, args);
        }
    }
}
