using System.Text.Json;
using SupportBot.Engine.Activities;
using SupportBot.Engine.Messages;
using SupportBot.Engine.Services.Callbacks;
using SupportBot.Engine.Services.Meetups;
using SupportBot.Engine.State;
using SupportBot.Engine.Turns;

namespace SupportBot.Engine.Services;

/// <summary>The conversation's state (open flows, values given mid-flow): deleted at once instead of waiting for its TTL.</summary>
public sealed class ConversationStateEraser(IConversationStore store) : IPersonalDataEraser
{
    public async Task<int> EraseAsync(ConversationReference who, CancellationToken cancellationToken)
    {
        var key = TurnPipeline.ConversationKey(new Activity { ChannelId = who.ChannelId, Conversation = new ConversationAccount { Id = who.ConversationId } });
        // A turn holding the lease would write the state back; a few short tries, else the TTL removes it.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var lease = await store.TryBeginAsync(key, TimeSpan.FromSeconds(10), cancellationToken);
            if (lease is null) { await Task.Delay(50 * (attempt + 1), cancellationToken); continue; }
            var had = lease.StateJson is not null;
            try { return await store.CommitAsync(lease, null, TimeSpan.FromMinutes(1), cancellationToken) && had ? 1 : 0; }
            catch { await store.ReleaseAsync(lease, CancellationToken.None); throw; }
        }
        return 0;
    }
}

/// <summary>
/// Meetup sign-ups of the coming dates: the person leaves each roster (the first person waiting moves
/// up and hears it, as when someone cancels).
/// </summary>
public sealed class MeetupSignupEraser(MeetupDirectory directory, IMeetupRoster roster, MeetupNotices notices, TimeProvider clock) : IPersonalDataEraser
{
    public async Task<int> EraseAsync(ConversationReference who, CancellationToken cancellationToken)
    {
        var member = $"{who.ChannelId}:{who.UserId}";
        var removed = 0;
        foreach (var date in directory.Upcoming(clock.GetUtcNow(), null, 24).Takes)
        {
            var left = await roster.LeaveAsync(date.Key, member, date.Meetup.Capacity, cancellationToken);
            if (!left.Left) continue;
            removed++;
            if (left.PromotedRecord is not { Length: > 0 } promoted) continue;
            await notices.TellMovedUpAsync(promoted, date, cancellationToken);
        }
        return removed;
    }
}

/// <summary>
/// Callback and peer-talk requests the person left for staff (name, phone number). The crisis audit is
/// not touched: it holds no message text or contact details and is kept for its retention as a safety record.
/// </summary>
public sealed class StaffRequestEraser(IRecordLog records, IRecordEraser eraser, TimeProvider clock) : IPersonalDataEraser
{
    public static readonly string[] Logs = [CallbackSaveAction.Log, PeerRequestAction.Log];

    public async Task<int> EraseAsync(ConversationReference who, CancellationToken cancellationToken)
    {
        var removed = 0;
        foreach (var log in Logs)
        {
            var all = await records.ReadAsync(log, DateTimeOffset.UnixEpoch, clock.GetUtcNow().AddDays(1), cancellationToken);
            var mine = all.Where(json => Belongs(json, who)).ToList();
            if (mine.Count > 0) removed += await eraser.RemoveAsync(log, mine, cancellationToken);
        }
        return removed;
    }

    private static bool Belongs(string json, ConversationReference who)
    {
        try
        {
            var r = JsonDocument.Parse(json).RootElement;
            return r.TryGetProperty("channel", out var c) && c.GetString() == who.ChannelId
                && r.TryGetProperty("user", out var u) && u.GetString() == who.UserId;
        }
        catch (JsonException) { return false; }
    }
}
