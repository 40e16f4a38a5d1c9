namespace SupportBot.Engine.Services;

/// <summary>Where to reach a person later: the channel, the conversation, the user, and the channel's service URL if it has one.</summary>
public sealed record ConversationReference(string ChannelId, string ConversationId, string UserId, string? ServiceUrl);
