namespace SupportBot.Engine.State;

/// <summary>Exactly-once guards (webhook dedupe, idempotent confirms): the first claim of a key wins until it expires.</summary>
public interface IOnceStore
{
    /// <summary>True for the first caller of <paramref name="key"/> within <paramref name="keepFor"/>; false for every later one.</summary>
    Task<bool> TryClaimAsync(string key, TimeSpan keepFor, CancellationToken cancellationToken = default);
}
