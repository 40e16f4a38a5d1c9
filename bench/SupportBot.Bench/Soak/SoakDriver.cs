using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SupportBot.Bench.Soak;

/// <summary>
/// The soak script (bench/scripts/soak.json): what the simulated person answers to which reply. The texts live in the
/// JSON file, not here, like every other load script.
/// </summary>
public sealed record SoakScript(
    IReadOnlyList<string> Busy,
    IReadOnlyList<string> Unavailable,
    IReadOnlyList<string> Restart,
    string BookingStart,
    string Confirmed,
    Regex Number,
    IReadOnlyList<SoakRule> BookingReplies,
    string CancelStart,
    string CancelDone,
    IReadOnlyList<SoakRule> CancelReplies,
    IReadOnlyList<(string Text, string Expect)> Faq)
{
    public const string Pick = "{pick}";

    public static SoakScript Load(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        static List<string> Strings(JsonNode? n) => n?.AsArray().Select(x => x!.GetValue<string>()).ToList() ?? [];
        static List<SoakRule> Rules(JsonNode? n) => n!.AsArray().Select(r => new SoakRule(Strings(r!["when"]), r["say"]!.GetValue<string>())).ToList();
        var booking = root["booking"]!;
        var cancel = root["cancel"]!;
        return new SoakScript(
            Strings(root["busy"]), Strings(root["unavailable"]), Strings(root["restart"]),
            booking["start"]!.GetValue<string>(), booking["confirmed"]!.GetValue<string>(),
            new Regex(booking["number"]!.GetValue<string>(), RegexOptions.CultureInvariant),
            Rules(booking["replies"]),
            cancel["start"]!.GetValue<string>(), cancel["done"]!.GetValue<string>(), Rules(cancel["replies"]),
            root["faq"]!.AsArray().Select(f => (f!["text"]!.GetValue<string>(), f["expect"]!.GetValue<string>())).ToList());
    }
}

public sealed record SoakRule(IReadOnlyList<string> When, string Say);

/// <summary>One bot instance as the driver reaches it (an in-memory test server's client works too).</summary>
public sealed record SoakEndpoint(HttpClient Client, Uri Url);

public sealed record SoakOptions
{
    public int BookingUsers { get; init; } = 8;
    public int FaqUsers { get; init; } = 4;
    /// <summary>Every Nth confirmed booking is kept; the others are cancelled again (so a long run does not fill every slot).</summary>
    public int KeepEvery { get; init; } = 1;
    /// <summary>A person's pause between receiving a reply and sending the next message.</summary>
    public TimeSpan Think { get; init; } = TimeSpan.FromMilliseconds(50);
    /// <summary>How long a person waits for a reply before the request is abandoned (the request itself, not the 3 s figure).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Times one message is sent again after a busy or unavailable reply, before the conversation is given up.</summary>
    public int MaxRepeats { get; init; } = 200;
    public string ChannelId { get; init; } = "directline";
    public string RunId { get; init; } = Guid.NewGuid().ToString("N")[..8];
    public int Seed { get; init; } = 15;
}

/// <summary>What became of one request.</summary>
public enum SoakOutcome { Ok, Busy, Unavailable, Restart, Unexpected, NoReply }

/// <summary>One request: when it started (Unix ms), how long until its reply, which instance answered, and what it was.</summary>
public sealed record SoakTurn(long StartMs, double Ms, int Endpoint, string Kind, SoakOutcome Outcome, string Who);

/// <summary>
/// A booking the bot told a person was made (<see cref="ConfirmedMs"/>: when that reply arrived, Unix ms);
/// <see cref="Cancelled"/> when the bot also said it was cancelled.
/// </summary>
public sealed record SoakBooking(string Id, string Conversation, bool CancelTried, bool Cancelled, long ConfirmedMs = 0);

/// <summary>
/// Simulated residents for the soak and fault tests: booking conversations that follow the bot's replies (and send a
/// message again after a busy or unavailable reply, as a person would), and single FAQ questions. Every request is
/// recorded, and every booking number the bot confirmed. Requests go round-robin to the instances, as behind a load
/// balancer without sticky sessions; an instance that refuses the connection is skipped for that request.
/// </summary>
public sealed class SoakDriver(IReadOnlyList<SoakEndpoint> endpoints, SoakScript script, SoakOptions options)
{
    private static readonly MediaTypeHeaderValue Json = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");
    private readonly ConcurrentQueue<SoakTurn> _turns = new();
    private readonly ConcurrentDictionary<string, SoakBooking> _bookings = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _toldTo = new(StringComparer.Ordinal);
    private long _next, _confirmed, _abandoned, _conversations;
    private int _doubleTold;

    public IReadOnlyList<SoakTurn> Turns => [.. _turns];
    public IReadOnlyList<SoakBooking> Bookings => [.. _bookings.Values];
    public long Confirmed => Interlocked.Read(ref _confirmed);
    public long Abandoned => Interlocked.Read(ref _abandoned);
    public long Conversations => Interlocked.Read(ref _conversations);
    /// <summary>Booking numbers the bot gave to two different conversations (a double booking seen from outside).</summary>
    public int NumbersToldTwice => _doubleTold;

    /// <summary>Runs until <paramref name="stop"/>; requests in flight then are abandoned and not recorded.</summary>
    public Task RunAsync(CancellationToken stop) => Task.WhenAll(
        Enumerable.Range(0, options.BookingUsers).Select(i => Task.Run(() => BookingUserAsync(i, stop), CancellationToken.None))
            .Concat(Enumerable.Range(0, options.FaqUsers).Select(i => Task.Run(() => FaqUserAsync(i, stop), CancellationToken.None))));

    /// <summary>
    /// One booking (then cancelled) and each FAQ question, one after another: a fresh instance runs every path once
    /// (JIT, connections) before it counts as back. True when all of them were answered as expected.
    /// </summary>
    public async Task<bool> WarmAsync(CancellationToken stop)
    {
        var who = $"soak-{options.RunId}-warm";
        var random = new Random(options.Seed);
        var ok = await BookAsync(who, random, stop) is not null && await CancelAsync(who, random, stop);
        foreach (var (text, expect) in script.Faq)
            ok &= await SendRepeatingAsync(who + "-faq", text, "warm", stop, expect) is { } r && r.Texts.Any(t => t.Contains(expect, StringComparison.Ordinal));
        return ok;
    }

    private async Task BookingUserAsync(int user, CancellationToken stop)
    {
        var random = new Random(options.Seed * 1000 + user);
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            // A new person (user id) per conversation: one booking each, and no per-sender limit in the way.
            var who = $"soak-{options.RunId}-b{user}-{n}";
            Interlocked.Increment(ref _conversations);
            try
            {
                var id = await BookAsync(who, random, stop);
                if (id is null) { Interlocked.Increment(ref _abandoned); continue; }
                if (Interlocked.Increment(ref _confirmed) % options.KeepEvery == 0) continue;
                _bookings[id] = _bookings[id] with { CancelTried = true };
                if (await CancelAsync(who, random, stop)) _bookings[id] = _bookings[id] with { Cancelled = true };
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { return; }
        }
    }

    /// <summary>One booking conversation; the booking number, or null when it was given up.</summary>
    private async Task<string?> BookAsync(string who, Random random, CancellationToken stop)
    {
        var say = script.BookingStart;
        for (var step = 0; step < 60; step++)
        {
            var reply = await SendRepeatingAsync(who, say, "booking", stop);
            if (reply is null) return null;
            var all = string.Join("\n", reply.Texts);
            if (all.Contains(script.Confirmed, StringComparison.Ordinal) && script.Number.Match(all) is { Success: true } m)
            {
                if (!_toldTo.TryAdd(m.Value, who) && _toldTo[m.Value] != who) Interlocked.Increment(ref _doubleTold);
                _bookings.TryAdd(m.Value, new SoakBooking(m.Value, who, false, false, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
                return m.Value;
            }
            var rule = Match(script.BookingReplies, reply.Texts);
            if (rule is null) return null;
            say = rule.Say == SoakScript.Pick ? random.Next(1, Math.Clamp(reply.Choices, 1, 3) + 1).ToString() : rule.Say;
        }
        return null;
    }

    private async Task<bool> CancelAsync(string who, Random random, CancellationToken stop)
    {
        var say = script.CancelStart;
        for (var step = 0; step < 10; step++)
        {
            var reply = await SendRepeatingAsync(who, say, "cancel", stop);
            if (reply is null) return false;
            if (reply.Texts.Any(t => t.Contains(script.CancelDone, StringComparison.Ordinal))) return true;
            var rule = Match(script.CancelReplies, reply.Texts);
            if (rule is null) return false;
            say = rule.Say;
        }
        return false;
    }

    private async Task FaqUserAsync(int user, CancellationToken stop)
    {
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var (text, expect) = script.Faq[(user + n) % script.Faq.Count];
            try
            {
                await SendRepeatingAsync($"soak-{options.RunId}-f{user}-{n}", text, "faq", stop, expect);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { return; }
        }
    }

    /// <summary>The rule for the last message that has one (the question now open is asked last).</summary>
    private static SoakRule? Match(IReadOnlyList<SoakRule> rules, IReadOnlyList<string> texts)
    {
        for (var i = texts.Count - 1; i >= 0; i--)
            foreach (var rule in rules)
                if (rule.When.Any(w => texts[i].Contains(w, StringComparison.Ordinal))) return rule;
        return null;
    }

    private sealed record Reply(IReadOnlyList<string> Texts, int Choices);

    /// <summary>
    /// Sends a message until it gets an answer that is neither busy nor unavailable (a person sends it again after a
    /// moment); null when the conversation must start over (an apology, no answer at all after many tries, or a reply
    /// the script does not know).
    /// </summary>
    private async Task<Reply?> SendRepeatingAsync(string who, string text, string kind, CancellationToken stop, string? expect = null)
    {
        for (var attempt = 0; attempt <= options.MaxRepeats; attempt++)
        {
            await Task.Delay(options.Think, stop);
            var (reply, endpoint, started, took) = await SendAsync(who, text, stop);
            var outcome = Classify(reply, expect);
            _turns.Enqueue(new SoakTurn(started, took.TotalMilliseconds, endpoint, kind, outcome, who));
            switch (outcome)
            {
                case SoakOutcome.Ok: return reply;
                case SoakOutcome.Busy or SoakOutcome.Unavailable or SoakOutcome.NoReply: continue;
                default: return kind == "faq" ? reply : null;
            }
        }
        return null;
    }

    private SoakOutcome Classify(Reply? reply, string? expect)
    {
        if (reply is null || reply.Texts.Count == 0) return SoakOutcome.NoReply;
        bool Has(string s) => reply.Texts.Any(t => t.Contains(s, StringComparison.Ordinal));
        if (script.Busy.Any(Has)) return SoakOutcome.Busy;
        if (script.Unavailable.Any(Has)) return SoakOutcome.Unavailable;
        if (script.Restart.Any(Has)) return SoakOutcome.Restart;
        if (expect is not null && !Has(expect)) return SoakOutcome.Unexpected;
        return SoakOutcome.Ok;
    }

    /// <summary>One request to the next instance in turn; on a refused connection, the other instances in turn.</summary>
    private async Task<(Reply? Reply, int Endpoint, long StartedMs, TimeSpan Took)> SendAsync(string who, string text, CancellationToken stop)
    {
        var startedMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var watch = Stopwatch.StartNew();
        var first = (int)(Interlocked.Increment(ref _next) % endpoints.Count);
        var body = Activity(who, text);
        for (var k = 0; k < endpoints.Count; k++)
        {
            var index = (first + k) % endpoints.Count;
            var endpoint = endpoints[index];
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
            timeout.CancelAfter(options.RequestTimeout);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = Json;
                using var response = await endpoint.Client.SendAsync(request, timeout.Token);
                if (!response.IsSuccessStatusCode) return (null, index, startedMs, watch.Elapsed);
                return (Parse(await response.Content.ReadAsByteArrayAsync(timeout.Token)), index, startedMs, watch.Elapsed);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { throw; }
            catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ConnectionError)
            {
                // Nothing listens there (the instance is down): a load balancer would send it to another one.
                continue;
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
            {
                // The instance died with the request in it, or it timed out: the person got no answer.
                return (null, index, startedMs, watch.Elapsed);
            }
        }
        return (null, first, startedMs, watch.Elapsed);
    }

    private byte[] Activity(string who, string text)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = Guid.NewGuid().ToString("N"),
            ["channelId"] = options.ChannelId,
            ["serviceUrl"] = "http://127.0.0.1:1",
            ["deliveryMode"] = "expectReplies",
            ["from"] = new JsonObject { ["id"] = who, ["name"] = "Soak", ["role"] = "user" },
            ["recipient"] = new JsonObject { ["id"] = "bot", ["name"] = "Bot", ["role"] = "bot" },
            ["conversation"] = new JsonObject { ["id"] = "conv-" + who },
            ["locale"] = "ja-JP",
            ["text"] = text,
        };
        return Encoding.UTF8.GetBytes(activity.ToJsonString());
    }

    private static Reply? Parse(byte[] body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (!doc.RootElement.TryGetProperty("activities", out var activities) || activities.ValueKind != JsonValueKind.Array) return null;
            var texts = new List<string>();
            var choices = 0;
            foreach (var a in activities.EnumerateArray())
            {
                if (!a.TryGetProperty("type", out var type) || type.GetString() != "message") continue;
                if (a.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() is { Length: > 0 } s) texts.Add(s);
                if (a.TryGetProperty("suggestedActions", out var sa) && sa.ValueKind == JsonValueKind.Object
                    && sa.TryGetProperty("actions", out var actions) && actions.ValueKind == JsonValueKind.Array)
                    choices = actions.GetArrayLength();
            }
            return new Reply(texts, choices);
        }
        catch (JsonException) { return null; }
    }
}

/// <summary>The booking ledger afterwards, as the staff API lists it: id, slot and status of each booking.</summary>
public sealed record LedgerEntry(string Id, string Slot, bool Confirmed);

/// <summary>The figures that must be 0.</summary>
public sealed record SoakVerdict(int Lost, IReadOnlyList<string> LostIds, int CancelsUndone, int OverbookedSlots, int NumbersToldTwice)
{
    public bool Passed => Lost == 0 && CancelsUndone == 0 && OverbookedSlots == 0 && NumbersToldTwice == 0;

    /// <summary>
    /// Lost: the bot said "booked" and nothing cancelled it (no cancel was even tried), yet the ledger does not hold it
    /// as confirmed. Cancels undone: the bot said "cancelled", yet the ledger holds it as confirmed. Overbooked: a slot
    /// holding more confirmed bookings than its capacity. A booking whose cancel was tried without an answer may be
    /// either: not counted.
    /// </summary>
    public static SoakVerdict Of(IEnumerable<SoakBooking> told, IReadOnlyList<LedgerEntry> ledger, int capacity, int numbersToldTwice)
    {
        var confirmed = ledger.Where(e => e.Confirmed).Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var list = told.ToList();
        var lost = list.Where(b => !b.CancelTried && !confirmed.Contains(b.Id)).Select(b => b.Id).Order(StringComparer.Ordinal).ToList();
        var undone = list.Count(b => b.Cancelled && confirmed.Contains(b.Id));
        var over = ledger.Where(e => e.Confirmed).GroupBy(e => e.Slot, StringComparer.Ordinal).Count(g => g.Count() > capacity);
        return new SoakVerdict(lost.Count, lost, undone, over, numbersToldTwice);
    }
}
