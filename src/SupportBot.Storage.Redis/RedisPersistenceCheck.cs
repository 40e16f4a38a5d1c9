using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace SupportBot.Storage.Redis;

/// <summary>Section <c>Storage</c>: what the start-up check of Redis's persistence accepts.</summary>
public sealed class RedisPersistenceOptions
{
    /// <summary>
    /// In Production the bot refuses to start on a Redis that keeps nothing on disk (no AOF, no RDB
    /// snapshots): a restart of that Redis would lose every booking and reminder. True accepts such a
    /// Redis (a warning is still logged), e.g. when the data is replicated and the operator knows it.
    /// </summary>
    public bool AcceptRedisWithoutPersistence { get; set; }
}

/// <summary>What one primary reported: <c>CONFIG GET appendonly</c> and <c>CONFIG GET save</c>.</summary>
public sealed record RedisPersistence(bool AppendOnly, string Save)
{
    /// <summary>Whether a restart keeps the data: AOF on, or at least one RDB save rule.</summary>
    public bool Persists => AppendOnly || !string.IsNullOrWhiteSpace(Save);
}

/// <summary>
/// At start, connects the store and loads its scripts (<see cref="RedisStore.WarmUpAsync"/>), then reads the persistence settings of every Redis primary and warns when one keeps nothing on
/// disk; in Production it refuses to start unless <see cref="RedisPersistenceOptions.AcceptRedisWithoutPersistence"/>.
/// A Redis that cannot be reached or does not allow <c>CONFIG GET</c> (some managed services) only gets a
/// warning: the bot must start and answer crisis messages even while Redis is away.
/// </summary>
public sealed partial class RedisPersistenceCheck(RedisStore store, IOptions<RedisPersistenceOptions> options, IHostEnvironment environment,
    ILogger<RedisPersistenceCheck> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Connect the store and load its scripts before the first turn (a failure is only a slower first turn).
        try
        {
            await store.WarmUpAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            WarmUpFailed(log, error.GetType().Name);
        }
        IReadOnlyList<RedisPersistence> primaries;
        try
        {
            primaries = await store.ReadPersistenceAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            // The exception's type only: its message may carry the endpoint.
            Unreadable(log, error.GetType().Name);
            return;
        }
        var without = primaries.Count(p => !p.Persists);
        if (without == 0)
        {
            Persistent(log, primaries.Count, primaries.Count(p => p.AppendOnly));
            return;
        }
        if (environment.IsProduction() && !options.Value.AcceptRedisWithoutPersistence)
            throw new InvalidOperationException(
                $"{without} of {primaries.Count} Redis primaries keep nothing on disk (appendonly no, save \"\"): a Redis restart would lose every " +
                "booking. Turn on AOF (appendonly yes) or RDB snapshots (save), or set Storage:AcceptRedisWithoutPersistence=true to accept it.");
        NotPersistent(log, without, primaries.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning, Message = "Connecting to Redis and loading the scripts at start failed ({ErrorType}); the first turns will do it.")]
    private static partial void WarmUpFailed(ILogger logger, string errorType);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Redis persistence settings could not be read ({ErrorType}); bookings survive a Redis restart only with AOF or RDB snapshots.")]
    private static partial void Unreadable(ILogger logger, string errorType);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Redis persistence: {Primaries} primaries, {AppendOnly} with AOF, the others with RDB snapshots.")]
    private static partial void Persistent(ILogger logger, int primaries, int appendOnly);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "{Without} of {Primaries} Redis primaries keep nothing on disk (no AOF, no RDB): a Redis restart loses every booking.")]
    private static partial void NotPersistent(ILogger logger, int without, int primaries);
}
