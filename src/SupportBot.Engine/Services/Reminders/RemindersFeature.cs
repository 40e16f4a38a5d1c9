using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.Engine.Features;

namespace SupportBot.Engine.Services.Reminders;

public sealed class RemindersFeature : IFeature
{
    /// <summary>Day-before reminders of any kind (bookings, meetings): one queue, one sender per instance.
    /// Features add their <see cref="IReminderHandler"/>.</summary>
    public static void Add(IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton<ReminderSender>();
        services.AddHostedService(sp => sp.GetRequiredService<ReminderSender>());
    }
}
