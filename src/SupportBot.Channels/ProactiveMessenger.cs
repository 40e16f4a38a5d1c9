using Microsoft.Extensions.Logging;
using SupportBot.Channels.BotFramework;
using SupportBot.Channels.DirectLine;
using SupportBot.Engine.Activities;
using SupportBot.Engine.Services;

namespace SupportBot.Channels;

/// <summary>
/// Delivers a message outside a turn, by the conversation's channel: Direct Line appends it to the
/// transcript (Web Chat picks it up on its next poll); Bot Framework channels get it POSTed to their
/// Connector (<c>{serviceUrl}/v3/conversations/{id}/activities</c>); LINE gets a push. Channels without a way to push yet say false.
/// Direct Line is taken lazily: it runs turns (pipeline → bot → flows → actions), and an action is what
/// sends proactive messages, so taking it eagerly would make the container build a cycle.
/// </summary>
public sealed class ProactiveMessenger(Lazy<DirectLineService> directLine, ConnectorClient connector, BotFramework.Auth.BotFrameworkAuthenticator auth, Line.LineDelivery line, Line.LineReplyMapper lineMapper, ILogger<ProactiveMessenger> log) : IProactiveMessenger
{
    public async Task<bool> SendAsync(ConversationReference to, Activity message, CancellationToken cancellationToken)
    {
        try
        {
            if (to.ChannelId == DirectLineService.ChannelId)
            {
                await directLine.Value.AppendProactiveAsync(to.ConversationId, to.UserId, message, cancellationToken);
                return true;
            }
            // LINE: a push (counted: it costs quota), in the conversation's culture.
            if (to.ChannelId == Line.LineChannel.ChannelId)
            {
                var messages = lineMapper.Map([message], message.Locale ?? "ja-JP");
                var sent = true;
                foreach (var batch in Line.LineReplyMapper.Batches(messages))
                    sent &= await line.PushAsync(to.ConversationId, batch, "proactive", cancellationToken);
                return sent && messages.Count > 0;
            }
            // The same rule as replies: without app credentials only loopback Connectors (the Emulator).
            if (to.ServiceUrl is { } serviceUrl && connector.MayPostTo(serviceUrl, auth.Enabled))
            {
                message.ChannelId = to.ChannelId;
                message.ServiceUrl = to.ServiceUrl;
                message.Conversation = new ConversationAccount { Id = to.ConversationId };
                message.Recipient = new ChannelAccount { Id = to.UserId };
                message.From ??= new ChannelAccount { Id = "bot", Role = "bot" };
                await connector.SendAsync(message, cancellationToken);
                return true;
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            ProactiveLog.Failed(log, to.ChannelId, ex.GetType().Name);
        }
        return false;
    }
}

internal static partial class ProactiveLog
{
    [LoggerMessage(2101, LogLevel.Warning, "A proactive message on channel {Channel} could not be delivered ({ExceptionType}).")]
    public static partial void Failed(ILogger logger, string channel, string exceptionType);
}
