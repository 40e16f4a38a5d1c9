using SupportBot.Engine.Activities;
using SupportBot.Engine.Outbox;
using SupportBot.Engine.Services;

namespace SupportBot.Channels.BotFramework;

/// <summary>
/// Messages outside a turn for every channel that has a Connector (Emulator, Azure Bot Service
/// channels): a POST to its service URL. The same rule as replies: without app credentials only
/// loopback Connectors (the Emulator).
/// </summary>
public sealed class ConnectorSender(ConnectorClient connector, Auth.BotFrameworkAuthenticator auth) : IChannelSender
{
    public string? ChannelId => null;

    public async Task<bool> SendAsync(ConversationReference to, Activity message, CancellationToken cancellationToken)
    {
        if (to.ServiceUrl is not { } serviceUrl || !connector.MayPostTo(serviceUrl, auth.Enabled)) return false;
        message.ChannelId = to.ChannelId;
        message.ServiceUrl = to.ServiceUrl;
        message.Conversation = new ConversationAccount { Id = to.ConversationId };
        message.Recipient = new ChannelAccount { Id = to.UserId };
        message.From ??= new ChannelAccount { Id = "bot", Role = "bot" };
        await connector.SendAsync(message, cancellationToken);
        return true;
    }
}
