using System.Text.Json;
using Microsoft.Extensions.Options;
using SupportBot.Engine.Activities;
using SupportBot.Engine.Messages;
using SupportBot.Engine.Outbox;
using SupportBot.Engine.Services;
using SupportBot.Engine.Staff;
using SupportBot.Engine.State;

namespace SupportBot.Engine.Handoffs;

/// <summary>One line of a hand-off's transcript: who (<c>resident</c>, <c>staff</c>, <c>bot</c>), when, what; <see cref="Who"/> names the staff member.</summary>
public sealed record HandoffLine(DateTimeOffset At, string From, string Text, string? Who = null, bool NonText = false);

/// <summary>
/// The live hand-off from the bot to a person (docs/staff.md): a resident's request opens it (waiting), a staff
/// member takes it (active) and writes to the resident through the outbox on their own channel, and hands it back
/// (closed: the transcript is deleted and the bot says who was there). Nobody taking it within
/// <see cref="StaffOptions.HandoffWait"/> makes it unanswered: the resident hears so kindly, with the 24-hour line and
/// a callback offer. Every change is a notice on the signal bus (topic <see cref="Topic"/>), so every instance's
/// console updates at once.
/// </summary>
public sealed class HandoffDesk(IHandoffStore store, ISignalBus signals, IOutbox outbox, MessageCatalog catalog, TimeProvider clock, IOptions<StaffOptions> options)
{
    public const string Topic = "handoff";

    /// <summary>The conversation state value that says a hand-off was asked for in it (the guard then asks the store).</summary>
    public const string StateKey = "handoff";

    /// <summary>How long an abandoned hand-off (and an unanswered one's marker) stays before it expires by itself.</summary>
    public static readonly TimeSpan KeepFor = TimeSpan.FromHours(12);

    public static readonly string[] MessageKeys = ["handoff.taken", "handoff.ended", "handoff.unanswered", "handoff.staff_says", "handoff.waiting", "handoff.withdrawn"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault };

    public IHandoffStore Store => store;
    public TimeSpan Wait => options.Value.HandoffWait;

    public Task<IReadOnlyList<Handoff>> OpenAsync(CancellationToken ct = default) => store.ListOpenAsync(ct);

    public Task<Handoff?> GetAsync(string key, CancellationToken ct = default) => store.GetHandoffAsync(key, ct);

    public async Task<IReadOnlyList<HandoffLine>> LinesAsync(string key, CancellationToken ct = default) =>
        (await store.LinesAsync(key, ct)).Select(l => JsonSerializer.Deserialize<HandoffLine>(l, Json)).OfType<HandoffLine>().ToList();

    /// <summary>Opens a waiting hand-off for the resident's conversation (they have agreed to share it).</summary>
    public async Task<bool> RequestAsync(string key, Activity incoming, string culture, DateTimeOffset now, CancellationToken ct)
    {
        var handoff = new Handoff(key, incoming.ChannelId ?? "", incoming.Conversation?.Id ?? "", incoming.From?.Id ?? "", incoming.ServiceUrl, culture, HandoffStatus.Waiting, now);
        var opened = await store.OpenAsync(handoff, KeepFor, ct);
        await ChangedAsync(key, ct);
        return opened;
    }

    /// <summary>Writes a line to an open hand-off's transcript and tells every console.</summary>
    public async Task AppendAsync(string key, HandoffLine line, CancellationToken ct)
    {
        if (await store.AppendLineAsync(key, JsonSerializer.Serialize(line, Json), ct)) await ChangedAsync(key, ct);
    }

    public async Task MarkCrisisAsync(string key, CancellationToken ct)
    {
        await store.MarkCrisisAsync(key, ct);
        await ChangedAsync(key, ct);
    }

    /// <summary>The staff member takes a waiting conversation; the resident hears who is there. Null when someone else was first.</summary>
    public async Task<Handoff?> TakeAsync(string key, string staff, string staffName, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        if (await store.TakeAsync(key, staff, staffName, now, ct) is not { } taken) return null;
        await SayAsync(taken, "handoff.taken", staffName, ct);
        return taken;
    }

    /// <summary>The staff member's message, to the resident on their channel. False when the conversation is not theirs (any more).</summary>
    public async Task<bool> ReplyAsync(string key, string staff, string text, CancellationToken ct = default)
    {
        var handoff = await store.GetHandoffAsync(key, ct);
        if (handoff is not { Status: HandoffStatus.Active } || handoff.TakenBy != staff || string.IsNullOrWhiteSpace(text)) return false;
        var culture = catalog.ResolveCulture(handoff.Culture);
        var said = catalog.Text(culture, "handoff.staff_says", new Dictionary<string, string> { ["name"] = handoff.TakenByName ?? staff, ["text"] = text.Trim() });
        var sent = await outbox.SendAsync(Reference(handoff), new Activity { Type = ActivityTypes.Message, Text = said, Locale = culture }, ct);
        await AppendAsync(key, new HandoffLine(clock.GetUtcNow(), "staff", text.Trim(), handoff.TakenByName ?? staff), ct);
        return sent;
    }

    /// <summary>Hands the conversation back to the bot: the transcript is deleted, the resident hears who was there and that the bot answers again.</summary>
    public async Task<bool> HandBackAsync(string key, string staff, CancellationToken ct = default)
    {
        var handoff = await store.GetHandoffAsync(key, ct);
        if (handoff is not { Status: HandoffStatus.Active } || handoff.TakenBy != staff) return false;
        if (await store.CloseAsync(key, ct) is not { } closed) return false;
        await SayAsync(closed, "handoff.ended", closed.TakenByName ?? staff, ct, append: false);
        return true;
    }

    /// <summary>The resident no longer waits: the hand-off and its transcript go, and every console hears it.</summary>
    public async Task WithdrawAsync(string key, CancellationToken ct)
    {
        await store.CloseAsync(key, ct);
        await ChangedAsync(key, ct);
    }

    /// <summary>
    /// Waiting hand-offs nobody took within <see cref="Wait"/> become unanswered (their transcript deleted, a marker
    /// left for the bot's next turn), and the resident hears so. Exactly one instance wins each (the close is atomic).
    /// </summary>
    public async Task<int> ExpireWaitingAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var count = 0;
        foreach (var handoff in await store.ListOpenAsync(ct))
        {
            if (handoff.Status != HandoffStatus.Waiting || handoff.Requested + Wait > now) continue;
            if (await store.MoveAsync(handoff.Key, HandoffStatus.Waiting, HandoffStatus.Unanswered, ct) is null) continue;
            // The transcript goes now; the marker (no lines) stays so the bot's next turn offers the callback.
            await store.CloseAsync(handoff.Key, ct);
            await store.OpenAsync(handoff with { Status = HandoffStatus.Unanswered }, KeepFor, ct);
            await SayAsync(handoff, "handoff.unanswered", "", ct, append: false);
            count++;
        }
        return count;
    }

    private async Task SayAsync(Handoff handoff, string key, string name, CancellationToken ct, bool append = true)
    {
        var culture = catalog.ResolveCulture(handoff.Culture);
        var text = catalog.Text(culture, key, new Dictionary<string, string> { ["name"] = name });
        await outbox.SendAsync(Reference(handoff), new Activity { Type = ActivityTypes.Message, Text = text, Locale = culture }, ct);
        if (append) await store.AppendLineAsync(handoff.Key, JsonSerializer.Serialize(new HandoffLine(clock.GetUtcNow(), "bot", text), Json), ct);
        await ChangedAsync(handoff.Key, ct);
    }

    private Task ChangedAsync(string key, CancellationToken ct) => signals.PublishAsync(Topic, key, ct);

    private static ConversationReference Reference(Handoff h) => new(h.ChannelId, h.ConversationId, h.UserId, h.ServiceUrl);
}
