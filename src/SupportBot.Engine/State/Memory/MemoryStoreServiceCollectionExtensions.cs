using Microsoft.Extensions.DependencyInjection;

namespace SupportBot.Engine.State.Memory;

public static class MemoryStoreServiceCollectionExtensions
{
    /// <summary>
    /// Every store contract in this process's memory (one instance only; state is gone on restart): the
    /// default when no Redis is configured, and for tests. The Redis counterpart is <c>AddSupportBotRedis</c>.
    /// </summary>
    public static IServiceCollection AddSupportBotMemoryStore(this IServiceCollection services) =>
        services.AddStoreContracts<MemoryStore>().AddStoreContracts<MemoryBookingLedger>().AddStoreContracts<MemoryStaffStore>();
}
