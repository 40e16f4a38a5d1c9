using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SupportBot.Engine.Safety;
using SupportBot.Engine.Services.Callbacks;
using SupportBot.Engine.State;

namespace SupportBot.Engine.Staff;

/// <summary>A callback request as staff see it, with what was done about it.</summary>
public sealed record CallbackItem(string Id, DateTimeOffset Time, string? Name, string? Phone, string? When, string? Channel, StaffMark? Done);

/// <summary>A crisis alert (the crisis audit record: category, time, channel; no text), with who acknowledged it.</summary>
public sealed record CrisisItem(string Id, DateTimeOffset Time, string? Channel, string Category, bool Immediate, StaffMark? Acknowledged);

/// <summary>Who marked something (done, acknowledged), when, with an optional staff note.</summary>
public sealed record StaffMark(string By, DateTimeOffset At, string? Note);

/// <summary>
/// What residents left for staff and what staff did about it: callback requests (marked done with a note) and
/// crisis alerts (acknowledged). The requests and alerts stay as they were written; each mark is a record of its
/// own (logs <c>callback-done</c> and <c>crisis-acks</c>), kept as long as what it marks.
/// </summary>
public sealed class StaffInbox(IRecordLog records, TimeProvider clock, IOptions<CallbackOptions> callbacks, IOptions<SafetyOptions> safety)
{
    public const string CallbackDoneLog = "callback-done";
    public const string CrisisAckLog = "crisis-acks";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Callback requests still kept, newest first.</summary>
    public async Task<IReadOnlyList<CallbackItem>> CallbacksAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var from = now - callbacks.Value.Retention;
        var marks = await MarksAsync(CallbackDoneLog, from, now, ct);
        var items = new List<CallbackItem>();
        foreach (var json in await records.ReadAsync(CallbackSaveAction.Log, from, now + TimeSpan.FromDays(1), ct))
        {
            using var doc = JsonDocument.Parse(json);
            var r = doc.RootElement;
            var id = Text(r, "id") ?? Id(json);
            items.Add(new CallbackItem(id, r.TryGetProperty("time", out var t) ? t.GetDateTimeOffset() : now,
                Text(r, "name"), Text(r, "phone"), Text(r, "when"), Text(r, "channel"), marks.GetValueOrDefault(id)));
        }
        items.Reverse();
        return items;
    }

    public async Task<bool> MarkCallbackDoneAsync(string id, string who, string? note, CancellationToken ct = default)
    {
        if (!(await CallbacksAsync(ct)).Any(c => c.Id == id)) return false;
        await MarkAsync(CallbackDoneLog, id, who, note, callbacks.Value.Retention, ct);
        return true;
    }

    /// <summary>Crisis alerts of the last <paramref name="days"/> days, newest first.</summary>
    public async Task<IReadOnlyList<CrisisItem>> CrisisAlertsAsync(int days = 30, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var from = now.AddDays(-days);
        var marks = await MarksAsync(CrisisAckLog, from, now, ct);
        var items = new List<CrisisItem>();
        foreach (var json in await records.ReadAsync(CrisisGuard.AuditLog, from, now + TimeSpan.FromDays(1), ct))
        {
            using var doc = JsonDocument.Parse(json);
            var r = doc.RootElement;
            var id = Id(json);
            items.Add(new CrisisItem(id, r.TryGetProperty("time", out var t) ? t.GetDateTimeOffset() : now, Text(r, "channel"),
                Text(r, "category") ?? "", r.TryGetProperty("immediate", out var i) && i.ValueKind == JsonValueKind.True, marks.GetValueOrDefault(id)));
        }
        items.Reverse();
        return items;
    }

    public async Task<bool> AcknowledgeCrisisAsync(string id, string who, CancellationToken ct = default)
    {
        var alert = (await CrisisAlertsAsync(400, ct)).FirstOrDefault(c => c.Id == id);
        if (alert is null) return false;
        if (alert.Acknowledged is null) await MarkAsync(CrisisAckLog, id, who, null, safety.Value.AuditRetention, ct);
        return true;
    }

    private Task MarkAsync(string log, string id, string who, string? note, TimeSpan keep, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var note2 = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        return records.AppendAsync(log, now, JsonSerializer.Serialize(new Mark(id, who, now, note2), Json), keep, ct);
    }

    private async Task<Dictionary<string, StaffMark>> MarksAsync(string log, DateTimeOffset from, DateTimeOffset now, CancellationToken ct)
    {
        var marks = new Dictionary<string, StaffMark>(StringComparer.Ordinal);
        // Marks are written after what they mark, so they are read from the same start to a little past now.
        foreach (var json in await records.ReadAsync(log, from, now + TimeSpan.FromDays(1), ct))
            if (JsonSerializer.Deserialize<Mark>(json, Json) is { } m) marks.TryAdd(m.Id, new StaffMark(m.By, m.At, m.Note));
        return marks;
    }

    /// <summary>A stable id for a record that has none (the crisis audit): the start of its hash.</summary>
    public static string Id(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..12];

    private static string? Text(JsonElement r, string name) =>
        r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private sealed record Mark(string Id, string By, DateTimeOffset At, string? Note);
}
