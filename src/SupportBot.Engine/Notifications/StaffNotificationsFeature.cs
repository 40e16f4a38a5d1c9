using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.Engine.Features;

namespace SupportBot.Engine.Notifications;

public sealed class StaffNotificationsFeature : IFeature
{
    /// <summary>The staff webhook (crisis alerts, callback and peer requests): queued and retried, never in a reply's way.</summary>
    public static void Add(IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<NotificationOptions>().Bind(config.GetSection(NotificationOptions.SectionName));
        // One long-lived notifier (it owns the queue); its HttpClient comes from the factory.
        services.AddHttpClient(nameof(StaffNotifier), c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<StaffNotifier>(sp,
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(StaffNotifier))));
        services.AddHostedService(sp => sp.GetRequiredService<StaffNotifier>());
    }
}
