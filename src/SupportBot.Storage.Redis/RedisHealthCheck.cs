using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SupportBot.Storage.Redis;

/// <summary>Reports Redis as unhealthy when a PING fails or times out (registered as "redis").</summary>
public sealed class RedisHealthCheck(RedisStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await store.PingAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"PING {latency.TotalMilliseconds:0.#} ms");
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The exception's type is enough for an operator; its message may carry the endpoint.
            return HealthCheckResult.Unhealthy(error.GetType().Name);
        }
    }
}
