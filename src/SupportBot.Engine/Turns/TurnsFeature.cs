using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.Engine.Messages;
using SupportBot.Engine.State;
using SupportBot.Engine.Features;

namespace SupportBot.Engine.Turns;

public sealed class TurnsFeature : IFeature
{
    /// <summary>The turn pipeline (lease, state, bot, commit) and the background queue the channels hand work to.</summary>
    public static void Add(IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<StorageOptions>().Bind(config.GetSection(StorageOptions.SectionName));
        services.AddOptions<TurnQueueOptions>().Bind(config.GetSection(TurnQueueOptions.SectionName));
        services.AddSingleton<Telemetry.BotTelemetry>();
        services.AddSingleton<TurnPipeline>();
        services.AddSingleton<TurnQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<TurnQueue>());
        services.AddMessageKeys(nameof(TurnPipeline), TurnPipeline.MessageKeys);
    }
}
