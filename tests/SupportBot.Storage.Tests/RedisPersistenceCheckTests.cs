using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportBot.Engine.State;
using SupportBot.Storage.Redis;

namespace SupportBot.Storage.Tests;

/// <summary>
/// The start-up check of Redis's persistence, on the real test Redis (started without AOF and without RDB
/// snapshots). One test changes its <c>save</c> setting for a moment and puts it back; the tests of this
/// class run one after another, and no other test reads that setting.
/// </summary>
public sealed class RedisPersistenceCheckTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private async Task<(Exception? Error, List<(LogLevel Level, int Id)> Logged)> StartAsync(string environment, bool accept, string? connectionString = null)
    {
        await using var store = new RedisStore(connectionString ?? redis.ConnectionString, new StorageOptions());
        var log = new ListLogger();
        var check = new RedisPersistenceCheck(store, Options.Create(new RedisPersistenceOptions { AcceptRedisWithoutPersistence = accept }),
            new Environment(environment), log);
        var error = await Record.ExceptionAsync(() => check.StartAsync(CancellationToken.None));
        return (error, log.Entries);
    }

    [Fact]
    public async Task A_redis_without_persistence_is_refused_in_production_and_a_warning_elsewhere_or_when_accepted()
    {
        var persistence = await new RedisStore(redis.ConnectionString, new StorageOptions()).ReadPersistenceAsync();
        Assert.All(persistence, p => Assert.False(p.Persists));

        var (refused, _) = await StartAsync("Production", accept: false);
        Assert.IsType<InvalidOperationException>(refused);
        Assert.Contains("Storage:AcceptRedisWithoutPersistence", refused.Message);

        var (error, logged) = await StartAsync("Development", accept: false);
        Assert.Null(error);
        Assert.Equal([(LogLevel.Warning, 1103)], logged);

        (error, logged) = await StartAsync("Production", accept: true);
        Assert.Null(error);
        Assert.Equal([(LogLevel.Warning, 1103)], logged);
    }

    [Fact]
    public async Task A_redis_with_rdb_snapshots_passes_in_production()
    {
        var server = redis.Admin.GetServer(redis.Admin.GetEndPoints()[0]);
        await server.ConfigSetAsync("save", "3600 1");
        try
        {
            var (error, logged) = await StartAsync("Production", accept: false);
            Assert.Null(error);
            Assert.Equal([(LogLevel.Information, 1102)], logged);
        }
        finally
        {
            await server.ConfigSetAsync("save", "");
        }
    }

    [Fact]
    public async Task An_unreachable_redis_is_a_warning_not_a_refusal_so_the_bot_still_starts()
    {
        var (error, logged) = await StartAsync("Production", accept: false, "127.0.0.1:1,connectTimeout=500");
        Assert.Null(error);
        Assert.Equal([(LogLevel.Warning, 1104), (LogLevel.Warning, 1101)], logged);
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "tests";
        public string ContentRootPath { get; set; } = "";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    private sealed class ListLogger : ILogger<RedisPersistenceCheck>
    {
        public List<(LogLevel Level, int Id)> Entries { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, eventId.Id));
    }
}
