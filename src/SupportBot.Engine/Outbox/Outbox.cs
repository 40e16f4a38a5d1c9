using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SupportBot.Engine.Activities;
using SupportBot.Engine.Features;
using SupportBot.Engine.Services;

namespace SupportBot.Engine.Outbox;

/// <summary>Picks the sender of the conversation's channel; a channel without one falls to the Connector sender.</summary>
public sealed class Outbox(IEnumerable<IChannelSender> senders, ILogger<Outbox> log) : IOutbox
{
    private readonly Dictionary<string, IChannelSender> _byChannel =
        senders.Where(s => s.ChannelId is not null).ToDictionary(s => s.ChannelId!, StringComparer.OrdinalIgnoreCase);
    private readonly IChannelSender? _connector = senders.LastOrDefault(s => s.ChannelId is null);

    public async Task<bool> SendAsync(ConversationReference to, Activity message, CancellationToken cancellationToken)
    {
        var sender = _byChannel.GetValueOrDefault(to.ChannelId) ?? _connector;
        if (sender is null) return false;
        try { return await sender.SendAsync(to, message, cancellationToken); }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            OutboxLog.Failed(log, to.ChannelId, ex.GetType().Name);
            return false;
        }
    }
}

/// <summary>The one outbox; each channel adds its <see cref="IChannelSender"/> where it registers itself.</summary>
public sealed class OutboxFeature : IFeature
{
    public static void Add(IServiceCollection services, IConfiguration config) => services.AddSingleton<IOutbox, Outbox>();
}

internal static partial class OutboxLog
{
    [LoggerMessage(2101, LogLevel.Warning, "A proactive message on channel {Channel} could not be delivered ({ExceptionType}).")]
    public static partial void Failed(ILogger logger, string channel, string exceptionType);
}
