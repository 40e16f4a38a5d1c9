using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.Channels.BotFramework.Auth;
using SupportBot.Engine.Outbox;
using SupportBot.Engine.Features;

namespace SupportBot.Channels.BotFramework;

public sealed class BotFrameworkFeature : IFeature
{
    /// <summary><c>/api/messages</c> (Emulator, Azure Bot Service): auth, the Connector client for replies, and its outbox sender.</summary>
    public static void Add(IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<BotFrameworkEndpointOptions>().Bind(config.GetSection(BotFrameworkEndpointOptions.SectionName));
        services.AddBotFrameworkAuth();
        services.AddHttpClient<ConnectorClient>().AddHttpMessageHandler<ConnectorAuthHandler>();
        services.AddSingleton<BotFrameworkChannel>();
        services.AddSingleton<IChannelSender, ConnectorSender>();
    }
}
