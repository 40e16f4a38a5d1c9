using Microsoft.Extensions.DependencyInjection;

namespace SupportBot.Engine.Services.Reminders;

public static class ReminderServiceCollectionExtensions
{
    /// <summary>Day-before reminders of any kind (bookings, meetings): one queue, one sender per instance.
    /// Features add their <see cref="IReminderHandler"/>.</summary>
    public static IServiceCollection AddReminders(this IServiceCollection services)
    {
        services.AddSingleton<ReminderSender>();
        services.AddHostedService(sp => sp.GetRequiredService<ReminderSender>());
        return services;
    }
}
