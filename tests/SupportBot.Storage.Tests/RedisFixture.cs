using StackExchange.Redis;

namespace SupportBot.Storage.Tests;

/// <summary>
/// A Redis the tests run against, named by an environment variable. Missing or unreachable is a failure,
/// never a skip: a green run must mean the Redis store was tested.
/// </summary>
public abstract class RedisFixtureBase : IAsyncLifetime
{
    private const string HowToRun =
        "Run the tests with ./scripts/test.sh (it starts a throwaway Redis and a three-master Redis Cluster on loopback and sets " +
        "SUPPORTBOT_TEST_REDIS and SUPPORTBOT_TEST_REDIS_CLUSTER), or by hand: `. scripts/lib/test-redis.sh; start_test_redis; " +
        "start_test_cluster` then `dotnet test tests/SupportBot.Storage.Tests` in that shell, and `stop_test_redis` afterwards.";

    private ConnectionMultiplexer? _admin;

    protected RedisFixtureBase(string variable)
    {
        VariableName = variable;
        ConnectionString = Environment.GetEnvironmentVariable(variable) ?? "";
    }

    public string VariableName { get; }

    public string ConnectionString { get; }

    /// <summary>A direct connection for the tests' own checks (TTLs, forced expiry, slots).</summary>
    public IConnectionMultiplexer Admin => _admin ?? throw new InvalidOperationException("Redis fixture not initialised.");

    public IDatabase Db => Admin.GetDatabase();

    public async Task InitializeAsync()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
            throw new InvalidOperationException($"{VariableName} is not set, so the Redis store cannot be tested. {HowToRun}");
        try
        {
            var options = ConfigurationOptions.Parse(ConnectionString);
            options.ConnectTimeout = 3000;
            options.AllowAdmin = true;
            _admin = await ConnectionMultiplexer.ConnectAsync(options);
            await _admin.GetDatabase().PingAsync();
        }
        catch (Exception error)
        {
            throw new InvalidOperationException($"Redis at {VariableName}={ConnectionString} is unreachable ({error.Message}). {HowToRun}", error);
        }
        await CheckAsync(_admin);
    }

    /// <summary>Fails when the server is not what the variable promises.</summary>
    protected virtual Task CheckAsync(ConnectionMultiplexer admin) => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_admin is not null) await _admin.CloseAsync();
        _admin?.Dispose();
    }
}

/// <summary>One redis-server, from SUPPORTBOT_TEST_REDIS (e.g. 127.0.0.1:6390).</summary>
public sealed class RedisFixture() : RedisFixtureBase(Variable)
{
    public const string Variable = "SUPPORTBOT_TEST_REDIS";
}

/// <summary>
/// A Redis Cluster of at least three masters, from SUPPORTBOT_TEST_REDIS_CLUSTER (seed nodes, e.g.
/// 127.0.0.1:7001,127.0.0.1:7002,127.0.0.1:7003). A single server here is a failure: the cluster tests
/// must run on a cluster.
/// </summary>
public sealed class RedisClusterFixture() : RedisFixtureBase(Variable)
{
    public const string Variable = "SUPPORTBOT_TEST_REDIS_CLUSTER";

    /// <summary>A node started in cluster mode but not joined (SUPPORTBOT_TEST_REDIS_CLUSTER_SPARE), for the failover test.</summary>
    public string Spare { get; } = Environment.GetEnvironmentVariable("SUPPORTBOT_TEST_REDIS_CLUSTER_SPARE") ?? "";

    protected override async Task CheckAsync(ConnectionMultiplexer admin)
    {
        var masters = admin.GetServers().Where(s => s.ServerType == ServerType.Cluster && !s.IsReplica).ToList();
        if (masters.Count < 3)
            throw new InvalidOperationException($"{Variable}={ConnectionString} is not a Redis Cluster of three masters (found {masters.Count}).");
        var info = (string?)await masters[0].ExecuteAsync("CLUSTER", "INFO");
        if (info is null || !info.Contains("cluster_state:ok", StringComparison.Ordinal))
            throw new InvalidOperationException($"The cluster at {Variable}={ConnectionString} is not in cluster_state:ok.");
    }
}
