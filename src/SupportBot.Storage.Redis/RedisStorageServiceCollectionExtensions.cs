using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SupportBot.Engine.State;

namespace SupportBot.Storage.Redis;

public static class RedisStorageServiceCollectionExtensions
{
    /// <summary>
    /// Stores conversation state, transcripts and once-claims in Redis: one <see cref="RedisStore"/>
    /// singleton (one multiplexer per process) registered as <see cref="IConversationStore"/>,
    /// <see cref="ITranscriptStore"/> and <see cref="IOnceStore"/>, plus the "redis" health check.
    /// The key prefix comes from <see cref="StorageOptions"/> (section <c>Storage</c>) when bound.
    /// Call it instead of, not after, registering the memory store: the last registration wins.
    /// </summary>
    /// <param name="connectionString">Usually <c>ConnectionStrings:Redis</c>, e.g. <c>127.0.0.1:6379</c>.</param>
    public static IServiceCollection AddSupportBotRedis(this IServiceCollection services, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        // Parse now so a malformed connection string fails at start, not at the first message.
        _ = RedisConnection.Configure(connectionString);

        services.AddOptions<StorageOptions>();
        services.TryAddSingleton(provider =>
            new RedisStore(connectionString, provider.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton<IConversationStore>(provider => provider.GetRequiredService<RedisStore>());
        services.AddSingleton<ITranscriptStore>(provider => provider.GetRequiredService<RedisStore>());
        services.AddSingleton<IOnceStore>(provider => provider.GetRequiredService<RedisStore>());
        services.AddSingleton<IRecordLog>(provider => provider.GetRequiredService<RedisStore>());
        services.AddSingleton<IMeetupRoster>(provider => provider.GetRequiredService<RedisStore>());
        services.AddSingleton<IBookingLedger>(provider => provider.GetRequiredService<RedisStore>());
        services.AddSingleton<IReminderQueue>(provider => provider.GetRequiredService<RedisStore>());
        services.AddSingleton<IRecordEraser>(provider => provider.GetRequiredService<RedisStore>());
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
        return services;
    }
}
