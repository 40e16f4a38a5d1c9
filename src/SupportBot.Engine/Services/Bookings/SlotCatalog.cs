using System.Text.Json;
using Microsoft.Extensions.Options;
using SupportBot.Calendar;
using SupportBot.Engine.State;
using SupportBot.Language.DateTimeRecognition;

namespace SupportBot.Engine.Services.Bookings;

/// <summary>Why a wish found no slot of its own.</summary>
public enum WishNote
{
    /// <summary>Slots matching the wish were found.</summary>
    Found,
    /// <summary>The wished day is closed (weekend, holiday, closure): see <see cref="SlotSearch.Reason"/>.</summary>
    Closed,
    /// <summary>Before the earliest bookable day (minimum notice).</summary>
    TooSoon,
    /// <summary>Beyond the booking horizon.</summary>
    TooFar,
    /// <summary>No slot starts at the wished time (e.g. 18時, 12時).</summary>
    OutsideHours,
    /// <summary>Open, but every matching slot is taken.</summary>
    Full,
    /// <summary>Nothing is free at all within the horizon.</summary>
    NothingFree,
}

/// <summary>
/// What a search found: the slots to offer (at most <see cref="BookingOptions.MaxOffered"/>, in time order) and,
/// when the wish itself had none, why. When one of several wished days had none (「月曜か火曜」 with Monday
/// past its cut-off) the slots are the others' and <see cref="Partial"/> says why that day is missing.
/// </summary>
public sealed record SlotSearch(IReadOnlyList<SlotRef> Slots, WishNote Note, DateOnly? Day, ClosedReason? Reason, DateOnly Earliest, DateOnly Last, WishNote? Partial = null);

/// <summary>
/// The free intake slots: generated from the business calendar (open days and hours), the
/// <see cref="BookingOptions"/> (start times, notice, horizon, blocks, per-day limit, buffers), the
/// staff's closures, and what the ledger has taken. Answers a wish in the person's words (a
/// <see cref="BookingReading"/> or several alternatives; none = as early as possible) with the
/// matching slots, or says why there are none and offers the nearest ones instead.
/// </summary>
public sealed class SlotCatalog(BusinessCalendar calendar, IOptions<BookingOptions> options, IBookingLedger ledger, IRecordLog records)
{
    /// <summary>The record log where staff closures (POST /admin/closures) are kept.</summary>
    public const string ClosuresLog = "booking-closures";

    /// <summary>How long a staff closure record is kept (well past any horizon).</summary>
    public static readonly TimeSpan ClosureRetention = TimeSpan.FromDays(400);

    private BookingOptions O => options.Value;

    public TimeZoneInfo TimeZone => calendar.TimeZone;

    /// <summary>The slot whose key is <paramref name="key"/> (<c>2026-12-03T10:00</c>), if it is well formed.</summary>
    public SlotRef? Parse(string? key)
    {
        if (key is null || !DateTime.TryParseExact(key, "yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out var local)) return null;
        return Slot(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local));
    }

    public SlotRef Slot(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time);
        return new SlotRef($"{day:yyyy-MM-dd}T{time:HH\\:mm}", new DateTimeOffset(local, TimeZone.GetUtcOffset(local)));
    }

    /// <summary>The first day one may book at <paramref name="now"/>: its cut-off (the business day(s) before, at <see cref="BookingOptions.CutoffTime"/>) is still ahead.</summary>
    public DateOnly EarliestDay(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, TimeZone).DateTime;
        var today = DateOnly.FromDateTime(local);
        if (O.MinNoticeBusinessDays <= 0) return today;
        for (var day = today.AddDays(1); ; day = day.AddDays(1))
        {
            if (!calendar.IsBusinessDay(day)) continue;
            var deadline = calendar.AddBusinessDays(day, -O.MinNoticeBusinessDays).ToDateTime(O.Cutoff());
            if (local < deadline) return day;
        }
    }

    public DateOnly LastDay(DateTimeOffset now) => calendar.DateAt(now).AddDays(7 * O.HorizonWeeks);

    /// <summary>
    /// The limits a reservation of <paramref name="slot"/> is checked against atomically: places per slot, the
    /// per-day limit, and, with a buffer, the same day's slots closer than <c>SlotMinutes + BufferMinutes</c>.
    /// </summary>
    public SlotLimits LimitsFor(SlotRef slot)
    {
        if (O.BufferMinutes <= 0) return O.Limits;
        var gap = TimeSpan.FromMinutes(O.SlotMinutes + O.BufferMinutes);
        var day = DateOnly.Parse(slot.Day, System.Globalization.CultureInfo.InvariantCulture);
        var near = O.Starts().Select(t => Slot(day, t)).Where(s => s.Key != slot.Key && (s.Start - slot.Start).Duration() < gap).Select(s => s.Key).ToList();
        return O.Limits with { Near = near };
    }

    /// <summary>Whether <paramref name="slot"/> is one of the slots one may book at <paramref name="now"/> (ignoring who has taken it).</summary>
    public async Task<bool> IsBookableAsync(SlotRef slot, DateTimeOffset now, CancellationToken ct)
    {
        var day = DateOnly.Parse(slot.Day, System.Globalization.CultureInfo.InvariantCulture);
        if (day < EarliestDay(now) || day > LastDay(now) || slot.Start <= now) return false;
        var blocks = await BlocksAsync(now, ct);
        return Candidates(day, blocks).Any(s => s.Key == slot.Key);
    }

    /// <summary>
    /// The slots for a wish: those matching any of <paramref name="wishes"/> (all days from the
    /// earliest when empty), else why not and the nearest free ones. <paramref name="user"/>'s own
    /// hold does not count as taken; <paramref name="exclude"/> (a slot just lost) is never offered.
    /// </summary>
    public async Task<SlotSearch> SearchAsync(IReadOnlyList<BookingReading> wishes, DateTimeOffset now, string? user, string? exclude, CancellationToken ct)
    {
        var earliest = EarliestDay(now);
        var last = LastDay(now);
        var windows = wishes.Count == 0 ? [ToWindow(null, earliest, last)] : wishes.Select(w => ToWindow(w, earliest, last)).ToList();
        // The staff's closures are read once per search, however many of the steps below need them.
        var blocks = await BlocksAsync(now, ct);

        // Most wishes name a day or two (「12月3日の14時」「来週の水曜」): those days are read first, and the whole
        // horizon only when nothing there fits (then the nearest free slots are offered). The answer is the same;
        // the search reads a day's slots from the store instead of weeks of them.
        var from = windows.Min(w => w.From) is var f && f > earliest ? f : earliest;
        var to = windows.Max(w => w.To) is var t && t < last ? t : last;
        if (from <= to && (from > earliest || to < last))
        {
            var near = (await FreeAsync(from, to, now, user, blocks, ct)).Where(s => s.Key != exclude).ToList();
            if (near.Any(s => windows.Any(w => w.Matches(s, TimeZone)))) return Found(near, windows, earliest, last, blocks);
        }

        var free = (await FreeAsync(earliest, last, now, user, blocks, ct)).Where(s => s.Key != exclude).ToList();
        if (free.Count == 0) return new SlotSearch([], WishNote.NothingFree, null, null, earliest, last);
        if (free.Any(s => windows.Any(w => w.Matches(s, TimeZone)))) return Found(free, windows, earliest, last, blocks);

        // Nothing for the wish: say why (about the first wish), then the nearest free slots to it.
        var first = windows[0];
        var (note, reason) = Explain(first, earliest, last, blocks);
        var nearest = Nearest(free, first, earliest);
        return new SlotSearch(nearest, note, first.From == first.To || note == WishNote.Closed ? first.From : null, reason, earliest, last);
    }

    /// <summary>The free slots that fit the wish (<paramref name="free"/> holds some), and why a wished day has none.</summary>
    private SlotSearch Found(List<SlotRef> free, List<Window> windows, DateOnly earliest, DateOnly last, IReadOnlyList<AdHocClosure> blocks)
    {
        var matches = free.Where(s => windows.Any(w => w.Matches(s, TimeZone))).Take(O.MaxOffered).ToList();
        // A wished day with nothing of its own is explained when the reason is the day's, not its fullness.
        foreach (var missing in windows.Where(w => w.From == w.To && !free.Any(s => w.Matches(s, TimeZone))))
        {
            var (why, closed) = Explain(missing, earliest, last, blocks);
            if (why is WishNote.Closed or WishNote.TooSoon or WishNote.TooFar)
                return new SlotSearch(matches, WishNote.Found, missing.From, closed, earliest, last, why);
        }
        return new SlotSearch(matches, WishNote.Found, null, null, earliest, last);
    }

    /// <summary>
    /// The free slots nearest the wish: the nearest days first (before and after alike), on each day
    /// the times nearest the wished one, at most half the offer from one day so both sides show.
    /// </summary>
    private List<SlotRef> Nearest(IReadOnlyList<SlotRef> free, Window wish, DateOnly earliest)
    {
        var day = wish.From < earliest ? earliest : wish.From;
        var minutes = wish.Minutes ?? 10 * 60;
        var perDay = Math.Max(1, (O.MaxOffered + 1) / 2);
        return free
            .Select(s => (Slot: s, Local: TimeZoneInfo.ConvertTime(s.Start, TimeZone).DateTime))
            .GroupBy(x => DateOnly.FromDateTime(x.Local))
            .OrderBy(g => Math.Abs(g.Key.DayNumber - day.DayNumber)).ThenByDescending(g => g.Key) // a tie goes to the later day: Saturday → Monday before Thursday
            .SelectMany(g => g.OrderBy(x => Math.Abs(x.Local.Hour * 60 + x.Local.Minute - minutes)).ThenBy(x => x.Local).Take(perDay))
            .Take(O.MaxOffered).Select(x => x.Slot).OrderBy(s => s.Start).ToList();
    }

    /// <summary>Free slots from <paramref name="from"/> to <paramref name="to"/> in time order.</summary>
    public async Task<IReadOnlyList<SlotRef>> FreeAsync(DateOnly from, DateOnly to, DateTimeOffset now, string? user, CancellationToken ct) =>
        await FreeAsync(from, to, now, user, await BlocksAsync(now, ct), ct);

    private async Task<IReadOnlyList<SlotRef>> FreeAsync(DateOnly from, DateOnly to, DateTimeOffset now, string? user, IReadOnlyList<AdHocClosure> blocks, CancellationToken ct)
    {
        var all = new List<SlotRef>();
        for (var day = from; day <= to; day = day.AddDays(1)) all.AddRange(Candidates(day, blocks).Where(s => s.Start > now));
        if (all.Count == 0) return [];
        var taken = await ledger.TakenAsync(all.Select(s => s.Key).ToList(), user, now, ct);
        IReadOnlyList<Booking> booked = [];
        if (O.PerDayLimit > 0 || O.BufferMinutes > 0)
            booked = (await ledger.ListAsync(all[0].Start, all[^1].Start, ct)).Where(b => b.Status == BookingStatus.Confirmed).ToList();
        var perDay = booked.GroupBy(b => b.Slot[..10]).ToDictionary(g => g.Key, g => g.Count());
        var gap = TimeSpan.FromMinutes(O.SlotMinutes + O.BufferMinutes);
        return all.Where(s =>
            taken.GetValueOrDefault(s.Key) < O.Capacity
            && (O.PerDayLimit <= 0 || perDay.GetValueOrDefault(s.Day) < O.PerDayLimit)
            && (O.BufferMinutes <= 0 || !booked.Any(b => b.Slot != s.Key && (b.Start - s.Start).Duration() < gap))).ToList();
    }

    /// <summary>Configured blocks plus the staff's closures (as local start/end and a label key).</summary>
    public async Task<IReadOnlyList<AdHocClosure>> BlocksAsync(DateTimeOffset now, CancellationToken ct)
    {
        var list = new List<AdHocClosure>(O.Blocked);
        foreach (var json in await records.ReadAsync(ClosuresLog, now - ClosureRetention, now + TimeSpan.FromDays(7 * O.HorizonWeeks + 2), ct))
            if (JsonSerializer.Deserialize<AdHocClosure>(json, Json) is { } closure) list.Add(closure);
        return list;
    }

    /// <summary>Stores a staff closure so every later search honours it.</summary>
    public Task AddClosureAsync(AdHocClosure closure, DateTimeOffset now, CancellationToken ct)
    {
        var local = closure.Date.ToDateTime(closure.From ?? TimeOnly.MinValue);
        // The record's time is when the closure starts, so a range read finds it.
        var at = new DateTimeOffset(local, TimeZone.GetUtcOffset(local));
        return records.AppendAsync(ClosuresLog, at < now ? now : at, JsonSerializer.Serialize(closure, Json), ClosureRetention, ct);
    }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The slots of <paramref name="day"/> that fit its opening hours and no block.</summary>
    private List<SlotRef> Candidates(DateOnly day, IReadOnlyList<AdHocClosure> blocks)
    {
        if (!calendar.IsBusinessDay(day)) return [];
        var periods = calendar.OpenPeriodsOn(day);
        var length = TimeSpan.FromMinutes(O.SlotMinutes);
        var slots = new List<SlotRef>();
        foreach (var time in O.Starts())
        {
            var slot = Slot(day, time);
            if (!periods.Any(p => p.Start <= slot.Start && slot.Start + length <= p.End)) continue;
            var start = day.ToDateTime(time);
            if (blocks.Any(b => Overlaps(b, start, start + length))) continue;
            slots.Add(slot);
        }
        return slots;
    }

    private static bool Overlaps(AdHocClosure b, DateTime start, DateTime end)
    {
        var from = b.Date.ToDateTime(b.From ?? TimeOnly.MinValue);
        var lastDay = b.Through ?? b.Date;
        var until = b.Until is { } u ? lastDay.ToDateTime(u) : lastDay.AddDays(1).ToDateTime(TimeOnly.MinValue);
        return from < end && start < until;
    }

    private (WishNote, ClosedReason?) Explain(Window wish, DateOnly earliest, DateOnly last, IReadOnlyList<AdHocClosure> blocks)
    {
        // A closed day is the better reason (「土曜日は休所日です」) even when it is also too soon; a range
        // of closed days only (「今週末」「年末年始」) is told by its first day.
        if (wish.From == wish.To && calendar.ClosedReasonOn(wish.From) is { } reason) return (WishNote.Closed, reason);
        if (wish.To.DayNumber - wish.From.DayNumber < 31 && calendar.BusinessDays(wish.From, wish.To).Count == 0 && calendar.ClosedReasonOn(wish.From) is { } first)
            return (WishNote.Closed, first);
        if (wish.To < earliest) return (WishNote.TooSoon, null);
        if (wish.From > last) return (WishNote.TooFar, null);
        if (wish.From == wish.To)
        {
            var all = O.Starts().Select(t => Slot(wish.From, t)).ToList();
            var open = Candidates(wish.From, blocks);
            if (open.Count == 0)
            {
                var block = blocks.FirstOrDefault(b => Overlaps(b, wish.From.ToDateTime(TimeOnly.MinValue), wish.From.AddDays(1).ToDateTime(TimeOnly.MinValue)));
                return (WishNote.Closed, new ClosedReason(ClosedReasonKind.CenterClosure, Closure: ClosureKind.AdHoc, LabelKey: block?.LabelKey));
            }
            if (!all.Any(s => wish.Matches(s, TimeZone))) return (WishNote.OutsideHours, null);
        }
        else if (wish.HasTime && !O.Starts().Any(t => wish.MatchesTime(t.Hour * 60 + t.Minute)))
            return (WishNote.OutsideHours, null);
        return (WishNote.Full, null);
    }

    private static Window ToWindow(BookingReading? wish, DateOnly earliest, DateOnly last)
    {
        var from = wish?.Date ?? earliest;
        var to = wish?.Date is null ? last : wish.DateEnd ?? wish.Date.Value;
        return new Window(from, to, wish?.Minutes, wish?.MinutesEnd);
    }

    /// <summary>A wish as days [From, To] and, optionally, a time (a point, or [Minutes, MinutesEnd)).</summary>
    private sealed record Window(DateOnly From, DateOnly To, int? Minutes, int? MinutesEnd)
    {
        public bool HasTime => Minutes is not null;

        public bool MatchesTime(int minutes) => Minutes is not { } m || (MinutesEnd is { } end ? m <= minutes && minutes < end : minutes == m);

        public bool Matches(SlotRef slot, TimeZoneInfo zone)
        {
            var local = TimeZoneInfo.ConvertTime(slot.Start, zone).DateTime;
            var day = DateOnly.FromDateTime(local);
            return From <= day && day <= To && MatchesTime(local.Hour * 60 + local.Minute);
        }
    }
}
