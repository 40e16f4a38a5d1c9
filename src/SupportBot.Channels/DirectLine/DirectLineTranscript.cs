using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using SupportBot.Engine.Activities;
using SupportBot.Engine.Center;
using SupportBot.Engine.State;
using SupportBot.Engine.State.Memory;

namespace SupportBot.Channels.DirectLine;

/// <summary>
/// A Direct Line conversation's transcript: what Web Chat polls. It lives in the shared store, so any
/// instance can answer a poll. When the shared store is down, activities go to this process's own
/// transcript so Web Chat still receives what the bot said (above all a crisis reply); watermarks then
/// read "R~L": R for the shared transcript, L for the local one; plain "R" otherwise.
/// </summary>
public sealed class DirectLineTranscript(
    ITranscriptStore transcripts,
    TimeProvider clock,
    IOptions<DirectLineOptions> options,
    IOptions<CenterOptions> center,
    IOptions<StorageOptions> storage)
{
    // Process-local on purpose: it is the fallback for when the shared store cannot be reached.
    private readonly MemoryStore _local = new(clock);

    public async Task AppendAsync(string conversationId, IReadOnlyList<string> items, CancellationToken cancellationToken)
    {
        try
        {
            await transcripts.AppendAsync(conversationId, items, storage.Value.TranscriptTtl, cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            await _local.AppendAsync(conversationId, items, storage.Value.TranscriptTtl, cancellationToken);
        }
    }

    public async Task<(IReadOnlyList<string> Activities, string Watermark)> ReadAsync(string conversationId, string? watermark, int max, CancellationToken cancellationToken)
    {
        var parts = (watermark ?? "0").Split('~');
        _ = long.TryParse(parts[0], out var shared);
        var local = parts.Length > 1 && long.TryParse(parts[1], out var l) ? l : 0;
        var items = new List<string>();
        try
        {
            var page = await transcripts.ReadAsync(conversationId, Math.Max(0, shared), max, cancellationToken);
            items.AddRange(page.ActivitiesJson);
            shared = page.Watermark;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested) { }
        var fallback = await _local.ReadAsync(conversationId, local, max, cancellationToken);
        items.AddRange(fallback.ActivitiesJson);
        return (items, fallback.Watermark > 0 ? $"{shared}~{fallback.Watermark}" : shared.ToString());
    }

    /// <summary>A bot activity as it goes into the transcript: ids, sender and recipient of this conversation.</summary>
    public string Outgoing(Activity reply, string conversationId, string userId)
    {
        reply.Id = NewActivityId(conversationId);
        reply.Timestamp ??= clock.GetUtcNow();
        reply.ChannelId = DirectLineService.ChannelId;
        reply.Conversation = new ConversationAccount { Id = conversationId };
        reply.From = Bot;
        reply.Recipient = new ChannelAccount { Id = userId, Role = "user" };
        reply.ServiceUrl = null;
        return ActivityJson.Serialize(reply);
    }

    /// <summary>The bot as the transcript names it.</summary>
    public ChannelAccount Bot => new() { Id = options.Value.BotId, Name = center.Value.Name, Role = "bot" };

    public static string NewActivityId(string conversationId) => conversationId + "|" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant();
}

/// <summary>A message outside a turn (a freed place, a reminder): into the transcript for the next poll.</summary>
public sealed class DirectLineSender(DirectLineTranscript transcript) : Engine.Outbox.IChannelSender
{
    public string? ChannelId => DirectLineService.ChannelId;

    public async Task<bool> SendAsync(Engine.Services.ConversationReference to, Activity message, CancellationToken cancellationToken)
    {
        await transcript.AppendAsync(to.ConversationId, [transcript.Outgoing(message, to.ConversationId, to.UserId)], cancellationToken);
        return true;
    }
}
