using StackExchange.Redis;

namespace SupportBot.Storage.Tests;

/// <summary>
/// The Redis the tests run against, from SUPPORTBOT_TEST_REDIS (e.g. 127.0.0.1:6390). Missing or
/// unreachable is a failure, never a skip: a green run must mean the Redis store was tested.
/// </summary>
public sealed class RedisFixture : IAsyncLifetime
{
    public const string Variable = "SUPPORTBOT_TEST_REDIS";

    private const string HowToRun =
        "Run the storage tests with a Redis on loopback: `bash tests/SupportBot.Storage.Tests/with-redis.sh` " +
        "starts a throwaway redis-server and runs them, or start one yourself " +
        "(`redis-server --port 6390 --bind 127.0.0.1 --save '' --appendonly no --daemonize yes`) and " +
        "`export " + Variable + "=127.0.0.1:6390` before `dotnet test tests/SupportBot.Storage.Tests`.";

    private ConnectionMultiplexer? _admin;

    public string ConnectionString { get; } = Environment.GetEnvironmentVariable(Variable) ?? "";

    /// <summary>A direct connection for the tests' own checks (TTLs, forced expiry).</summary>
    public IDatabase Db => (_admin ?? throw new InvalidOperationException("Redis fixture not initialised.")).GetDatabase();

    public async Task InitializeAsync()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
            throw new InvalidOperationException($"{Variable} is not set, so the Redis store cannot be tested. {HowToRun}");
        try
        {
            var options = ConfigurationOptions.Parse(ConnectionString);
            options.ConnectTimeout = 3000;
            options.ResolveDns = true;
            _admin = await ConnectionMultiplexer.ConnectAsync(options);
            await _admin.GetDatabase().PingAsync();
        }
        catch (Exception error)
        {
            throw new InvalidOperationException($"Redis at {Variable}={ConnectionString} is unreachable ({error.Message}). {HowToRun}", error);
        }
    }

    public async Task DisposeAsync()
    {
        if (_admin is not null) await _admin.CloseAsync();
        _admin?.Dispose();
    }
}
