using System.Text.Json;
using SupportBot.Engine.Activities;
using SupportBot.Engine.Flows;
using SupportBot.Engine.Notifications;
using SupportBot.Engine.State;

namespace SupportBot.Engine.Services;

/// <summary>
/// Files a request a person leaves for staff (a callback, a talk with a peer supporter): one record in its
/// log, kept for the feature's retention, and a notice to the staff webhook in the background. The record
/// says who to answer (channel, conversation, user) so <see cref="StaffRequestEraser"/> can forget it.
/// </summary>
public sealed class StaffRequests(IRecordLog records, StaffNotifier notifier)
{
    /// <param name="details">What the person gave (name, phone, when …); empty values are left out.</param>
    /// <returns>The request's id, as staff see it.</returns>
    public async Task<string> FileAsync(FlowTurn turn, string log, string kind, IReadOnlyList<(string Key, string? Value)> details, TimeSpan keepFor,
        CancellationToken cancellationToken, string? culture = null)
    {
        var incoming = turn.Turn.Incoming;
        var id = Guid.NewGuid().ToString("N")[..12];
        var given = details.Where(d => d.Value is not null).ToList();
        var record = new Dictionary<string, object?>
        {
            ["id"] = id, ["time"] = turn.Now, ["channel"] = incoming.ChannelId, ["conversation"] = incoming.Conversation?.Id, ["user"] = incoming.From?.Id,
        };
        foreach (var (key, value) in given) record[key] = value;
        if (culture is not null) record["culture"] = culture;
        await records.AppendAsync(log, turn.Now, JsonSerializer.Serialize(record, ActivityJson.Options), keepFor, cancellationToken);

        var notice = new Dictionary<string, object?> { ["id"] = id };
        foreach (var (key, value) in details) notice[key] = value;
        _ = notifier.NotifyAsync(new StaffEvent(kind, turn.Now, incoming.ChannelId ?? "", incoming.Conversation?.Id ?? "", notice));
        return id;
    }
}
