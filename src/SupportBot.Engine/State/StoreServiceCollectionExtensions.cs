using Microsoft.Extensions.DependencyInjection;

namespace SupportBot.Engine.State;

/// <summary>
/// The store contracts, listed once. A store implementation registers through
/// <see cref="AddStoreContracts{TStore}"/>, which maps every contract it implements to its one instance;
/// <see cref="Missing"/> names any contract left without an implementation (checked at start-up).
/// </summary>
public static class StoreContracts
{
    public static readonly Type[] All =
    [
        typeof(IConversationStore), typeof(ITranscriptStore), typeof(IOnceStore), typeof(IRecordLog), typeof(IRecordEraser),
        typeof(IMeetupRoster), typeof(IBookingLedger), typeof(IReminderQueue), typeof(IStaffAccountStore), typeof(ISignalBus), typeof(IHandoffStore),
    ];

    /// <summary>Registers <typeparamref name="TStore"/> (one instance per process) as each store contract it implements.</summary>
    public static IServiceCollection AddStoreContracts<TStore>(this IServiceCollection services, Func<IServiceProvider, TStore>? create = null)
        where TStore : class
    {
        if (create is null) services.AddSingleton<TStore>();
        else services.AddSingleton(create);
        foreach (var contract in All.Where(c => c.IsAssignableFrom(typeof(TStore))))
            services.AddSingleton(contract, sp => sp.GetRequiredService<TStore>());
        return services;
    }

    /// <summary>The contracts no registered store implements.</summary>
    public static IEnumerable<Type> Missing(IServiceCollection services) =>
        All.Where(c => !services.Any(d => d.ServiceType == c));
}
