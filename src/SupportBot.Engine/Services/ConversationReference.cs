using SupportBot.Engine.Activities;

namespace SupportBot.Engine.Services;

/// <summary>Where to reach a person later: the channel, the conversation, the user, and the channel's service URL if it has one.</summary>
public sealed record ConversationReference(string ChannelId, string ConversationId, string UserId, string? ServiceUrl);

/// <summary>
/// Sends a message the person did not just ask for (a place freed on the waiting list, a reminder)
/// through the channel the conversation is on. Failures are logged by the channel, never thrown into
/// the turn that caused them.
/// </summary>
public interface IProactiveMessenger
{
    Task<bool> SendAsync(ConversationReference to, Activity message, CancellationToken cancellationToken);
}
