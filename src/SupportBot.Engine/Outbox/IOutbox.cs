using SupportBot.Engine.Activities;
using SupportBot.Engine.Services;

namespace SupportBot.Engine.Outbox;

/// <summary>
/// Sends a message the person did not just ask for (a place freed on the waiting list, a reminder)
/// through the channel the conversation is on. Failures are logged, never thrown into the turn or the
/// background job that caused them.
/// </summary>
public interface IOutbox
{
    Task<bool> SendAsync(ConversationReference to, Activity message, CancellationToken cancellationToken);
}

/// <summary>
/// One channel's way of delivering a message outside a turn. Senders only deliver: they never run a
/// turn, so the outbox needs nothing from the channels' turn machinery and no dependency cycle arises.
/// </summary>
public interface IChannelSender
{
    /// <summary>The channel id this sender serves, or null for "any other channel with a service URL" (the Connector).</summary>
    string? ChannelId { get; }

    Task<bool> SendAsync(ConversationReference to, Activity message, CancellationToken cancellationToken);
}
