using StackExchange.Redis;

namespace SupportBot.Storage.Redis;

/// <summary>
/// The one <see cref="ConnectionMultiplexer"/> of a <see cref="RedisStore"/>, connected on first use
/// with <see cref="ConnectionMultiplexer.ConnectAsync(ConfigurationOptions, TextWriter)"/> so that
/// building the service container never blocks on the network.
/// </summary>
internal sealed class RedisConnection : IAsyncDisposable
{
    private readonly ConfigurationOptions _configuration;
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private ConnectionMultiplexer? _multiplexer;
    private bool _disposed;

    public RedisConnection(string connectionString)
    {
        _configuration = Configure(connectionString);
        // The connect timeout bounds the first connection; the async timeout bounds a command (the
        // library checks it on its heartbeat, once a second, hence the extra second).
        OperationTimeout = TimeSpan.FromMilliseconds(_configuration.AsyncTimeout + 1000);
        ConnectWait = TimeSpan.FromMilliseconds(_configuration.ConnectTimeout + 1000);
    }

    public TimeSpan OperationTimeout { get; }

    /// <summary>The parsed connection string with our defaults (clone it before changing it).</summary>
    public ConfigurationOptions Configuration => _configuration;

    private TimeSpan ConnectWait { get; }

    /// <summary>
    /// Our defaults unless the connection string sets them: fail fast instead of hanging (the
    /// crisis guard must keep answering when Redis is down), keep reconnecting in the background.
    /// </summary>
    internal static ConfigurationOptions Configure(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var options = ConfigurationOptions.Parse(connectionString);
        bool Has(string name) => connectionString.Contains(name + "=", StringComparison.OrdinalIgnoreCase);

        // Keep the multiplexer even when the first connect fails: calls then throw
        // RedisConnectionException at once, and the connection is retried in the background.
        if (!Has("abortConnect")) options.AbortOnConnectFail = false;
        if (!Has("connectTimeout")) options.ConnectTimeout = 2000;
        if (!Has("syncTimeout")) options.SyncTimeout = 2000;
        if (!Has("asyncTimeout")) options.AsyncTimeout = 2000;
        if (!Has("connectRetry")) options.ConnectRetry = 1;
        // While disconnected, fail a command at once instead of queueing it until the timeout (the
        // library's default backlog): a turn must apologise quickly, not wait for Redis to return.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        return options;
    }

    public async Task<IDatabase> GetDatabaseAsync(CancellationToken cancellationToken) =>
        (await GetMultiplexerAsync(cancellationToken).ConfigureAwait(false)).GetDatabase();

    /// <summary>The connected multiplexer (pub/sub needs its subscriber, not a database).</summary>
    public async Task<ConnectionMultiplexer> GetMultiplexerAsync(CancellationToken cancellationToken)
    {
        var multiplexer = Volatile.Read(ref _multiplexer);
        if (multiplexer is not null) return multiplexer;

        await _connecting.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_multiplexer is null)
            {
                // With AbortOnConnectFail=false this returns after ConnectTimeout even when Redis is
                // unreachable; the bound is a guard in case the library waits longer than promised.
                // A failure leaves _multiplexer null, so the next call tries again.
                var pending = ConnectionMultiplexer.ConnectAsync(_configuration.Clone());
                try
                {
                    var connected = await pending.WaitAsync(ConnectWait, cancellationToken).ConfigureAwait(false);
                    IsCluster = connected.GetServers().Any(server => server.ServerType == ServerType.Cluster);
                    Volatile.Write(ref _multiplexer, connected);
                }
                catch (Exception) when (!pending.IsCompleted)
                {
                    // Do not leak a multiplexer that arrives after we stopped waiting for it.
                    _ = pending.ContinueWith(late => late.Result.Dispose(), CancellationToken.None,
                        TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
                    throw;
                }
            }
            return _multiplexer!;
        }
        finally
        {
            _connecting.Release();
        }
    }

    /// <summary>
    /// Whether the connection found a Redis Cluster (known once connected). On a single Redis, keys of different
    /// hash slots may share one script; on a cluster they may not.
    /// </summary>
    public bool IsCluster { get; private set; }

    /// <summary>The multiplexer, connected on first use (null before).</summary>
    public IConnectionMultiplexer? Current => Volatile.Read(ref _multiplexer);

    public async ValueTask DisposeAsync()
    {
        await _connecting.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed) return;
            _disposed = true;
            if (_multiplexer is not null)
            {
                await _multiplexer.CloseAsync(allowCommandsToComplete: true).ConfigureAwait(false);
                _multiplexer.Dispose();
            }
        }
        finally
        {
            _connecting.Release();
        }
    }

    /// <summary>Synchronous disposal for containers that do not dispose asynchronously: no waiting on tasks.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Interlocked.Exchange(ref _multiplexer, null)?.Dispose();
    }
}
