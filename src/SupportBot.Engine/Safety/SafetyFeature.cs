using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SupportBot.Engine.Content;
using SupportBot.Engine.Flows;
using SupportBot.Engine.Messages;
using SupportBot.Engine.Features;

namespace SupportBot.Engine.Safety;

public sealed class SafetyFeature : IFeature
{
    /// <summary>
    /// The crisis guard and what it needs: the safety model (trained from locales/ at start-up), the
    /// hotlines, the staff notifier for alerts. The one place that decides what a crisis is (docs/safety.md).
    /// </summary>
    public static void Add(IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<SafetyOptions>().Bind(config.GetSection(SafetyOptions.SectionName));
        services.AddSingleton<ICrisisDetector>(sp => SafetyDetector.Load(sp.GetRequiredService<IOptions<ContentOptions>>().Value.LocalesFolder));
        services.AddSingleton(sp => HotlineDirectory.Load(sp.GetRequiredService<IOptions<ContentOptions>>().Value.LocalesFolder));
        services.AddSingleton<ITurnGuard, CrisisGuard>();
        services.AddMessageKeys(nameof(CrisisGuard), CrisisGuard.MessageKeys);
    }
}
