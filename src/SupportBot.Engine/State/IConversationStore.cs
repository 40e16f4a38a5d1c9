namespace SupportBot.Engine.State;

/// <summary>
/// Conversation state with a per-conversation lease. A turn costs two round trips:
/// <see cref="TryBeginAsync"/> (take the lease and load the state together) and
/// <see cref="CommitAsync"/> (compare-and-set the state and release the lease together).
/// The lease keeps two instances from running one conversation at once; the version check
/// catches the rare case where a lease expired under a slow turn.
/// </summary>
public interface IConversationStore
{
    /// <summary>Takes the lease and reads the state; null when another turn holds the lease.</summary>
    Task<TurnLease?> TryBeginAsync(string conversationKey, TimeSpan leaseFor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes <paramref name="stateJson"/> when the stored version still equals the lease's version
    /// (null deletes the state), then releases the lease. False on a version conflict, or when another
    /// turn holds the lease now (the lease token is the fencing token: a turn whose lease was taken over
    /// never writes): nothing was written.
    /// </summary>
    Task<bool> CommitAsync(TurnLease lease, string? stateJson, TimeSpan keepFor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Extends the lease to <paramref name="leaseFor"/> from now while the turn runs, so leases can be short
    /// (a dead instance's conversations free again soon). False when the lease is no longer this turn's.
    /// </summary>
    /// <remarks>Both stores implement it; the default is for test doubles that never renew.</remarks>
    Task<bool> RenewAsync(TurnLease lease, TimeSpan leaseFor, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("This conversation store cannot renew leases.");

    /// <summary>Releases the lease without writing (a failed turn).</summary>
    Task ReleaseAsync(TurnLease lease, CancellationToken cancellationToken = default);
}

/// <summary>A held lease with the state as loaded. <see cref="Version"/> is 0 when there was no state.</summary>
public sealed record TurnLease(string ConversationKey, string Token, string? StateJson, long Version);
