using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SupportBot.Engine.Content;
using SupportBot.Engine.Flows;
using SupportBot.Engine.Messages;

namespace SupportBot.Engine.Safety;

public static class SafetyServiceCollectionExtensions
{
    /// <summary>
    /// The crisis guard and what it needs: the safety model (trained from locales/ at start-up), the
    /// hotlines, the staff notifier for alerts. The one place that decides what a crisis is (docs/safety.md).
    /// </summary>
    public static IServiceCollection AddSafety(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<SafetyOptions>().Bind(config.GetSection(SafetyOptions.SectionName));
        services.AddSingleton<ICrisisDetector>(sp => SafetyDetector.Load(sp.GetRequiredService<IOptions<ContentOptions>>().Value.LocalesFolder));
        services.AddSingleton(sp => HotlineDirectory.Load(sp.GetRequiredService<IOptions<ContentOptions>>().Value.LocalesFolder));
        services.AddSingleton<ITurnGuard, CrisisGuard>();
        services.AddMessageKeys(nameof(CrisisGuard), CrisisGuard.MessageKeys);
        return services;
    }
}
