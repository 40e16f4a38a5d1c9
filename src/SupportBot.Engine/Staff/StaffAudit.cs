using System.Text.Json;
using Microsoft.Extensions.Options;
using SupportBot.Engine.State;

namespace SupportBot.Engine.Staff;

/// <summary>One staff action: who (an account name), what (an action name such as <c>callback.done</c>), when, and on what (an id, never text).</summary>
public sealed record StaffAuditEntry(DateTimeOffset Time, string Who, string Action, string? Target);

/// <summary>
/// The audit log of staff actions (record log <c>staff-audit</c>, kept <see cref="StaffOptions.AuditRetention"/>):
/// sign-ins, sign-outs, lockouts, what was looked at and what was changed. It holds account names, action names
/// and ids only — no message text, no resident's name or number.
/// </summary>
public sealed class StaffAudit(IRecordLog records, TimeProvider clock, IOptions<StaffOptions> options)
{
    public const string Log = "staff-audit";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public Task WriteAsync(string who, string action, string? target = null, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        // The nonce keeps two equal entries in the same millisecond apart (a record log is a set).
        var record = JsonSerializer.Serialize(new Record(now, who, action, target, Guid.NewGuid().ToString("N")[..8]), Json);
        return records.AppendAsync(Log, now, record, options.Value.AuditRetention, ct);
    }

    /// <summary>Entries from <paramref name="from"/> to <paramref name="to"/>, newest first.</summary>
    public async Task<IReadOnlyList<StaffAuditEntry>> ReadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        var items = await records.ReadAsync(Log, from, to, ct);
        return items.Select(i => JsonSerializer.Deserialize<Record>(i, Json)).OfType<Record>()
            .Select(r => new StaffAuditEntry(r.Time, r.Who, r.Action, r.Target)).Reverse().ToList();
    }

    private sealed record Record(DateTimeOffset Time, string Who, string Action, string? Target, string N);
}
