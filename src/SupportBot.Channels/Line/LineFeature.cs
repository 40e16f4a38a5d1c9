using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.Engine.Messages;
using SupportBot.Engine.Outbox;
using SupportBot.Engine.Features;

namespace SupportBot.Channels.Line;

public sealed class LineFeature : IFeature
{
    /// <summary>The LINE channel (docs/line.md); registered always, the webhook answers 404 until a secret is set.</summary>
    public static void Add(IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<LineOptions>().Bind(config.GetSection(LineOptions.SectionName));
        services.AddHttpClient<LineApiClient>(c => c.Timeout = TimeSpan.FromSeconds(15));
        services.AddSingleton<LineMetrics>();
        services.AddSingleton<LineReplyMapper>();
        services.AddSingleton<LineProfiles>();
        services.AddSingleton<LineDelivery>();
        services.AddSingleton<LineChannel>();
        services.AddSingleton<IChannelSender, LineSender>();
        services.AddMessageKeys(nameof(LineReplyMapper), LineReplyMapper.MessageKeys);
    }
}
