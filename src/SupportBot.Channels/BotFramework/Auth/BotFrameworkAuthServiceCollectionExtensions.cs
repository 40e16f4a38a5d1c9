using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;

namespace SupportBot.Channels.BotFramework.Auth;

public static class BotFrameworkAuthServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="BotFrameworkOptions"/> from the "BotFramework" section (validated at start) and registers
    /// <see cref="BotFrameworkAuthenticator"/>, <see cref="IConnectorTokenSource"/> and <see cref="ConnectorAuthHandler"/>.
    /// Put the handler on the reply client yourself:
    /// <c>services.AddHttpClient("BotFramework.Connector").AddHttpMessageHandler&lt;ConnectorAuthHandler&gt;()</c>.
    /// </summary>
    public static IServiceCollection AddBotFrameworkAuth(this IServiceCollection services)
    {
        services.AddOptions<BotFrameworkOptions>()
            .BindConfiguration(BotFrameworkOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotFrameworkOptions>, BotFrameworkOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        // Short timeouts: a request waiting on key or token endpoints holds a Connector delivery open.
        services.AddHttpClient(BotFrameworkAuthenticator.MetadataClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddHttpClient(MsalHttpClientAdapter.ClientName, c => c.Timeout = TimeSpan.FromSeconds(15));
        services.TryAddSingleton<IMsalHttpClientFactory, MsalHttpClientAdapter>();
        services.TryAddSingleton<BotFrameworkAuthenticator>();
        services.TryAddSingleton<IConnectorTokenSource, ConnectorTokenSource>();
        services.TryAddTransient<ConnectorAuthHandler>();
        return services;
    }
}
