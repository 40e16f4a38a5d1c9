using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.Engine.Outbox;
using SupportBot.Engine.Features;

namespace SupportBot.Channels.DirectLine;

public sealed class DirectLineFeature : IFeature
{
    /// <summary>The embedded Direct Line 3.0 service for Web Chat: tokens, the transcript, and its outbox sender.</summary>
    public static void Add(IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<DirectLineOptions>().Bind(config.GetSection(DirectLineOptions.SectionName));
        services.AddSingleton<DirectLineTokens>();
        services.AddSingleton<DirectLineTranscript>();
        services.AddSingleton<DirectLineService>();
        services.AddSingleton<IChannelSender, DirectLineSender>();
    }
}
