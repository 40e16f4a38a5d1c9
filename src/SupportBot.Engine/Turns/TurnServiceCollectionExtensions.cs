using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.Engine.Messages;
using SupportBot.Engine.State;

namespace SupportBot.Engine.Turns;

public static class TurnServiceCollectionExtensions
{
    /// <summary>The turn pipeline (lease, state, bot, commit) and the background queue the channels hand work to.</summary>
    public static IServiceCollection AddTurns(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<StorageOptions>().Bind(config.GetSection(StorageOptions.SectionName));
        services.AddOptions<TurnQueueOptions>().Bind(config.GetSection(TurnQueueOptions.SectionName));
        services.AddSingleton<TurnPipeline>();
        services.AddSingleton<TurnQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<TurnQueue>());
        services.AddMessageKeys(nameof(TurnPipeline), TurnPipeline.MessageKeys);
        return services;
    }
}
