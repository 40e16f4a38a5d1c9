using SupportBot.Engine.Activities;
using SupportBot.Engine.Messages;
using SupportBot.Engine.Outbox;
using SupportBot.Engine.Services;

namespace SupportBot.Channels.Line;

/// <summary>LINE messages outside a turn: a push (counted: it costs quota), in the conversation's culture.</summary>
public sealed class LineSender(LineDelivery delivery, LineReplyMapper mapper) : IChannelSender
{
    public string? ChannelId => LineChannel.ChannelId;

    public async Task<bool> SendAsync(ConversationReference to, Activity message, CancellationToken cancellationToken)
    {
        var messages = mapper.Map([message], message.Locale ?? MessageCatalog.DefaultCulture);
        var sent = true;
        foreach (var batch in LineReplyMapper.Batches(messages))
            sent &= await delivery.PushAsync(to.ConversationId, batch, "proactive", cancellationToken);
        return sent && messages.Count > 0;
    }
}
