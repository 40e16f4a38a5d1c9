using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.Channels.BotFramework.Auth;

namespace SupportBot.Channels.Tests.BotFramework.Auth;

/// <summary>Builds the services the way the app does (AddBotFrameworkAuth over configuration), with a fake clock.</summary>
internal static class AuthTestHost
{
    public const string AppId = "3f1c2a9e-0000-4000-8000-00000000b07a";
    public const string AppPassword = "test-secret";

    public static ServiceProvider Build(TimeProvider clock, IDictionary<string, string?> settings, Action<IServiceCollection>? more = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddBotFrameworkAuth();
        services.AddSingleton(clock);
        more?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public static Dictionary<string, string?> Settings(LocalOpenIdServer server, string? appId = AppId) => new()
    {
        ["BotFramework:MicrosoftAppId"] = appId,
        ["BotFramework:MicrosoftAppPassword"] = AppPassword,
        ["BotFramework:OpenIdMetadataUrl"] = server.ConnectorMetadataUrl,
        ["BotFramework:EmulatorOpenIdMetadataUrl"] = server.EmulatorMetadataUrl,
    };
}
