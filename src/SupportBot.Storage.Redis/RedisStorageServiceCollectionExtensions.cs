using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SupportBot.Engine.State;

namespace SupportBot.Storage.Redis;

public static class RedisStorageServiceCollectionExtensions
{
    /// <summary>
    /// Every store contract (<see cref="StoreContracts.All"/>) in Redis: one <see cref="RedisStore"/>
    /// singleton (one multiplexer per process), plus the "redis" health check and the start-up check of
    /// Redis's persistence (<see cref="RedisPersistenceCheck"/>, <c>Storage:AcceptRedisWithoutPersistence</c>). The key prefix comes from
    /// <see cref="StorageOptions"/> (section <c>Storage</c>) when bound. The in-process counterpart is
    /// <c>AddSupportBotMemoryStore</c>; register one of the two.
    /// </summary>
    /// <param name="connectionString">Usually <c>ConnectionStrings:Redis</c>, e.g. <c>127.0.0.1:6379</c>.</param>
    public static IServiceCollection AddSupportBotRedis(this IServiceCollection services, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        // Parse now so a malformed connection string fails at start, not at the first message.
        _ = RedisConnection.Configure(connectionString);

        services.AddOptions<StorageOptions>();
        services.AddStoreContracts(provider => new RedisStore(connectionString, provider.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
        // At start: warn about (in Production refuse) a Redis that keeps nothing on disk.
        services.AddOptions<RedisPersistenceOptions>().BindConfiguration(StorageOptions.SectionName);
        services.AddHostedService<RedisPersistenceCheck>();
        return services;
    }
}
