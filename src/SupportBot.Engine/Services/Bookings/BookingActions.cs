using System.Text;
using System.Text.Json;
using SupportBot.Calendar;
using SupportBot.Engine.Activities;
using SupportBot.Engine.Flows;
using SupportBot.Engine.Flows.Actions;
using SupportBot.Engine.Messages;
using SupportBot.Engine.State;
using SupportBot.Language.DateTimeRecognition;

namespace SupportBot.Engine.Services.Bookings;

/// <summary><c>booking.terms</c>: what is kept and for how long (<c>{retention_days}</c>, <c>{hold_minutes}</c>), said before consent.</summary>
public sealed class BookingTermsAction(BookingDesk desk) : IFlowAction
{
    public string Name => "booking.terms";
    public IReadOnlyCollection<string> Provides => ["retention_days", "hold_minutes", Flows.Inputs.DateInput.MinValue, Flows.Inputs.DateInput.MaxValue];
    public IReadOnlyCollection<string> Outcomes => [];

    public Task<string?> RunAsync(FlowTurn turn, CancellationToken cancellationToken)
    {
        turn.Args["retention_days"] = desk.Options.RetentionDays.ToString();
        turn.Args["hold_minutes"] = desk.Options.HoldMinutes.ToString();
        desk.BoundDatePicker(turn);
        return Task.FromResult<string?>(null);
    }
}

/// <summary>
/// <c>booking.search</c>: the free slots for the wish (<c>when</c>) as choices (<c>slots</c>), with
/// <c>{search_intro}</c>: "these fit" or why the wish has none (closed day and why, too soon, too far,
/// outside hours, full) and that these are the nearest. Outcomes: <c>found</c>, <c>exact</c>, <c>alternatives</c>,
/// <c>none</c>. <c>exact</c>: the wish was one day and one time (「12月3日の14時」) and that very slot is free; it is
/// stored as the chosen <c>slot</c>, so the flow can hold it without asking the person to pick it from a list of one.
/// </summary>
public sealed class BookingSearchAction(BookingDesk desk, MessageCatalog catalog) : IFlowAction
{
    public string Name => "booking.search";
    public IReadOnlyCollection<string> Provides => ["search_intro", FlowTurn.ChoicesKey("slots")];
    public IReadOnlyCollection<string> Outcomes => ["found", "exact", "alternatives", "none"];

    public static readonly string[] MessageKeys =
    [
        "booking.found", "booking.nearest", "booking.note.closed_weekend", "booking.note.closed_holiday", "booking.note.closed_center",
        "booking.note.too_soon", "booking.note.too_far", "booking.note.outside_hours", "booking.note.full", "closure.default",
    ];

    public async Task<string?> RunAsync(FlowTurn turn, CancellationToken cancellationToken)
    {
        var frame = turn.Frame!;
        var wishes = DateWish.Deserialize(frame.Values.GetValueOrDefault("when.value"));
        var user = BookingDesk.UserKey(turn.Turn.Incoming);
        var search = await desk.Slots.SearchAsync(wishes, turn.Now, user, frame.Values.GetValueOrDefault("lost"), cancellationToken);
        frame.Values.Remove("lost");
        if (search.Slots.Count == 0) return "none";
        turn.SetChoices("slots", search.Slots.Select(s => (s.Key, desk.Label(s, turn.Culture))));
        if (search.Note == WishNote.Found)
        {
            turn.Args["search_intro"] = (search.Partial is { } partial ? Note(partial, search, turn.Culture) : "") + catalog.Text(turn.Culture, "booking.found");
            if (search.Partial is null && Wished(wishes, search.Slots) is { } wished)
            {
                frame.Values["slot"] = desk.Label(wished, turn.Culture);
                frame.Values["slot.value"] = wished.Key;
                return "exact";
            }
            return "found";
        }
        turn.Args["search_intro"] = Note(search.Note, search, turn.Culture) + catalog.Text(turn.Culture, "booking.nearest");
        return "alternatives";
    }

    /// <summary>The slot that starts at the one day and time wished (「12月3日の14時」); null for a wider wish.</summary>
    private SlotRef? Wished(IReadOnlyList<BookingReading> wishes, IReadOnlyList<SlotRef> slots)
    {
        if (wishes is not [{ Date: { } day, DateEnd: null, Minutes: { } minutes, MinutesEnd: null }]) return null;
        return slots.FirstOrDefault(s => TimeZoneInfo.ConvertTime(s.Start, desk.Slots.TimeZone) is var local
            && DateOnly.FromDateTime(local.DateTime) == day && local.Hour * 60 + local.Minute == minutes);
    }

    private string Note(WishNote note, SlotSearch search, string culture)
    {
        var args = new Dictionary<string, string>
        {
            ["date"] = search.Day is { } d ? Formats.Date(catalog, culture, d) : "",
            ["earliest"] = Formats.Date(catalog, culture, search.Earliest),
            ["last"] = Formats.Date(catalog, culture, search.Last),
        };
        var key = note switch
        {
            WishNote.Closed => search.Reason?.Kind switch
            {
                ClosedReasonKind.Holiday => "booking.note.closed_holiday",
                ClosedReasonKind.CenterClosure => "booking.note.closed_center",
                _ => "booking.note.closed_weekend",
            },
            WishNote.TooSoon => "booking.note.too_soon",
            WishNote.TooFar => "booking.note.too_far",
            WishNote.OutsideHours => "booking.note.outside_hours",
            _ => "booking.note.full",
        };
        Formats.ClosedReason(catalog, culture, search.Reason, args);
        if (search.Day is { } day) args["weekday"] = Formats.Weekday(catalog, culture, day.DayOfWeek);
        return catalog.Text(culture, key, args);
    }
}

/// <summary>
/// <c>booking.hold</c>: holds the chosen slot (<c>slot</c>) for this person for a few minutes while
/// they finish, so nobody else takes it. Outcomes: <c>held</c>, <c>taken</c> (someone was faster; the
/// slot is remembered so the next search leaves it out).
/// </summary>
public sealed class BookingHoldAction(BookingDesk desk) : IFlowAction
{
    public string Name => "booking.hold";
    public IReadOnlyCollection<string> Provides => [];
    public IReadOnlyCollection<string> Outcomes => ["held", "taken", "closed"];

    public async Task<string?> RunAsync(FlowTurn turn, CancellationToken cancellationToken)
    {
        var frame = turn.Frame!;
        var slot = desk.Slots.Parse(frame.Values.GetValueOrDefault("slot.value"));
        var user = BookingDesk.UserKey(turn.Turn.Incoming);
        if (slot is null) return "closed";
        frame.Values["lost"] = slot.Key;
        // No longer bookable at all (the cut-off passed, staff closed it) is said differently from "someone was faster".
        if (!await desk.Slots.IsBookableAsync(slot, turn.Now, cancellationToken)) return "closed";
        if (!await desk.Ledger.HoldAsync(slot, user, desk.Slots.LimitsFor(slot), turn.Now, desk.Options.HoldFor, cancellationToken)) return "taken";
        frame.Values.Remove("lost");
        // A new key per hold: a confirm rerun (or redelivered) for this hold books once.
        frame.Values["hold"] = Guid.NewGuid().ToString("N");
        return "held";
    }
}

/// <summary><c>booking.release</c>: gives back the slot held for this person (they stopped or kept their old booking).</summary>
public sealed class BookingReleaseAction(BookingDesk desk) : IFlowAction
{
    public string Name => "booking.release";
    public IReadOnlyCollection<string> Provides => [];
    public IReadOnlyCollection<string> Outcomes => [];

    public async Task<string?> RunAsync(FlowTurn turn, CancellationToken cancellationToken)
    {
        if (turn.Frame!.Values.GetValueOrDefault("slot.value") is { Length: > 0 } slot)
            await desk.Ledger.ReleaseHoldAsync(slot, BookingDesk.UserKey(turn.Turn.Incoming), cancellationToken);
        return null;
    }
}

/// <summary><c>booking.resume</c>: after a correction, back to the read-back instead of the next question. Outcomes: <c>review</c>, <c>continue</c>.</summary>
public sealed class BookingResumeAction : IFlowAction
{
    public string Name => "booking.resume";
    public IReadOnlyCollection<string> Provides => [];
    public IReadOnlyCollection<string> Outcomes => ["review", "continue"];

    public Task<string?> RunAsync(FlowTurn turn, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(turn.Frame!.Values.ContainsKey("reviewing") ? "review" : "continue");
}

/// <summary><c>booking.review</c>: the read-back of everything (<c>{summary}</c>) before the booking is made.</summary>
public sealed class BookingReviewAction(MessageCatalog catalog) : IFlowAction
{
    public string Name => "booking.review";
    public IReadOnlyCollection<string> Provides => ["summary"];
    public IReadOnlyCollection<string> Outcomes => [];

    public static readonly string[] MessageKeys = ["booking.summary", "common.skip"];

    public Task<string?> RunAsync(FlowTurn turn, CancellationToken cancellationToken)
    {
        var v = turn.Frame!.Values;
        v["reviewing"] = "1";
        string Or(string key) => v.GetValueOrDefault(key) is { Length: > 0 } s ? s : catalog.Text(turn.Culture, "common.skip");
        turn.Args["summary"] = catalog.Text(turn.Culture, "booking.summary", new Dictionary<string, string>
        {
            ["slot"] = Or("slot"), ["who"] = Or("who"), ["name"] = Or("name"), ["phone"] = Or("phone"), ["needs"] = Or("needs"), ["topic"] = Or("topic"),
        });
        return Task.FromResult<string?>(null);
    }
}

/// <summary>
/// <c>booking.confirm</c>: makes the booking (idempotent by the hold, so a rerun or a redelivered
/// confirm books once), schedules the reminder, tells staff, and drops the personal details from the
/// conversation. Provides <c>{booking_id}</c>. Outcomes: <c>booked</c>, <c>taken</c>.
/// </summary>
public sealed class BookingConfirmAction(BookingDesk desk) : IFlowAction
{
    public string Name => "booking.confirm";
    public IReadOnlyCollection<string> Provides => ["booking_id"];
    public IReadOnlyCollection<string> Outcomes => ["booked", "taken", "closed"];

    public async Task<string?> RunAsync(FlowTurn turn, CancellationToken cancellationToken)
    {
        var v = turn.Frame!.Values;
        var incoming = turn.Turn.Incoming;
        var slot = desk.Slots.Parse(v.GetValueOrDefault("slot.value"));
        if (slot is null || !await desk.Slots.IsBookableAsync(slot, turn.Now, cancellationToken))
        {
            if (slot is not null) v["lost"] = slot.Key;
            return "closed";
        }
        var user = BookingDesk.UserKey(incoming);
        var details = new BookingDetails(v.GetValueOrDefault("name"), v.GetValueOrDefault("phone"), v.GetValueOrDefault("who.value"),
            v.GetValueOrDefault("needs.value") is { Length: > 0 } n && n != "none" ? n : null, v.GetValueOrDefault("topic") is { Length: > 0 } t ? t : null,
            incoming.ChannelId, incoming.Conversation?.Id, incoming.From?.Id, incoming.ServiceUrl, turn.Culture);
        var key = $"{user}:{v.GetValueOrDefault("hold") ?? slot.Key}";
        var result = await desk.Ledger.ConfirmAsync(new NewBooking(key, BookingDesk.NewId(), slot, user, JsonSerializer.Serialize(details, ActivityJson.Options)),
            desk.Slots.LimitsFor(slot), turn.Now, desk.Options.KeepAfter, cancellationToken);
        if (result.Booking is not { } booking || result.Outcome is BookOutcome.Full or BookOutcome.NotFound)
        {
            v["lost"] = slot.Key;
            return "taken";
        }
        if (result.Outcome == BookOutcome.Booked)
        {
            await desk.ScheduleReminderAsync(booking, turn.Now, cancellationToken);
            desk.Notify("booking_new", booking, turn.Now);
        }
        turn.Args["booking_id"] = booking.Id;
        // Kept in the booking now; the conversation state need not carry them any longer.
        foreach (var field in new[] { "name", "phone", "topic", "needs", "needs.value" }) v.Remove(field);
        return "booked";
    }
}

/// <summary>
/// <c>booking.mine</c>: the person's upcoming bookings (by their channel user id) as a list
/// (<c>{mine}</c>) and as choices (<c>mine</c>). Outcomes: <c>some</c>, <c>none</c>.
/// </summary>
public sealed class BookingMineAction(BookingDesk desk, MessageCatalog catalog) : IFlowAction
{
    public string Name => "booking.mine";
    public IReadOnlyCollection<string> Provides => ["mine", FlowTurn.ChoicesKey("mine"), Flows.Inputs.DateInput.MinValue, Flows.Inputs.DateInput.MaxValue];
    public IReadOnlyCollection<string> Outcomes => ["some", "none"];

    public static readonly string[] MessageKeys = ["booking.mine_item"];

    public async Task<string?> RunAsync(FlowTurn turn, CancellationToken cancellationToken)
    {
        desk.BoundDatePicker(turn);
        var upcoming = await desk.UpcomingAsync(BookingDesk.UserKey(turn.Turn.Incoming), turn.Now, cancellationToken);
        if (upcoming.Count == 0) return "none";
        var sb = new StringBuilder();
        foreach (var b in upcoming)
        {
            if (sb.Length > 0) sb.Append('\n');
            sb.Append(catalog.Text(turn.Culture, "booking.mine_item", new Dictionary<string, string> { ["slot"] = desk.Label(b, turn.Culture), ["booking_id"] = b.Id }));
        }
        turn.Args["mine"] = sb.ToString();
        turn.SetChoices("mine", upcoming.Select(b => (b.Id, desk.Label(b, turn.Culture))));
        return "some";
    }
}

/// <summary><c>booking.cancel</c>: cancels the chosen booking (<c>target</c>) if it is the person's, frees the slot, drops the reminder, tells staff. Outcomes: <c>cancelled</c>, <c>gone</c>.</summary>
public sealed class BookingCancelAction(BookingDesk desk) : IFlowAction
{
    public string Name => "booking.cancel";
    public IReadOnlyCollection<string> Provides => [];
    public IReadOnlyCollection<string> Outcomes => ["cancelled", "gone"];

    public async Task<string?> RunAsync(FlowTurn turn, CancellationToken cancellationToken)
    {
        var id = turn.Frame!.Values.GetValueOrDefault("target.value") ?? "";
        var booking = await desk.Ledger.GetAsync(id, cancellationToken);
        if (booking is null || booking.User != BookingDesk.UserKey(turn.Turn.Incoming)) return "gone";
        var result = await desk.Ledger.CancelAsync(id, turn.Now, cancellationToken);
        if (result.Booking is null) return "gone";
        await desk.RemoveReminderAsync(id, cancellationToken);
        desk.Notify("booking_cancelled", result.Booking, turn.Now);
        return "cancelled";
    }
}

/// <summary>
/// <c>booking.change</c>: moves the chosen booking (<c>target</c>) to the chosen slot (<c>slot</c>) —
/// the new place is taken before the old one is released — moves the reminder, tells staff.
/// Provides <c>{booking_id}</c>. Outcomes: <c>changed</c>, <c>taken</c>, <c>gone</c>.
/// </summary>
public sealed class BookingChangeAction(BookingDesk desk) : IFlowAction
{
    public string Name => "booking.change";
    public IReadOnlyCollection<string> Provides => ["booking_id"];
    public IReadOnlyCollection<string> Outcomes => ["changed", "taken", "closed", "gone"];

    public async Task<string?> RunAsync(FlowTurn turn, CancellationToken cancellationToken)
    {
        var v = turn.Frame!.Values;
        var id = v.GetValueOrDefault("target.value") ?? "";
        var booking = await desk.Ledger.GetAsync(id, cancellationToken);
        if (booking is null || booking.Status != BookingStatus.Confirmed || booking.User != BookingDesk.UserKey(turn.Turn.Incoming)) return "gone";
        var slot = desk.Slots.Parse(v.GetValueOrDefault("slot.value"));
        if (slot is null || !await desk.Slots.IsBookableAsync(slot, turn.Now, cancellationToken)) { if (slot is not null) v["lost"] = slot.Key; return "closed"; }
        var result = await desk.Ledger.ChangeAsync(id, slot, desk.Slots.LimitsFor(slot), turn.Now, desk.Options.KeepAfter, cancellationToken);
        switch (result.Outcome)
        {
            case BookOutcome.Full: v["lost"] = slot.Key; return "taken";
            case BookOutcome.NotFound: return "gone";
        }
        turn.Args["booking_id"] = id;
        if (result.Outcome == BookOutcome.Booked && result.Booking is { } moved)
        {
            await desk.ScheduleReminderAsync(moved, turn.Now, cancellationToken);
            desk.Notify("booking_changed", moved, turn.Now, booking.Slot);
        }
        return "changed";
    }
}
