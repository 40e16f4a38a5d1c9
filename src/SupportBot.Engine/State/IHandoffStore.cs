namespace SupportBot.Engine.State;

/// <summary>Where a hand-off is: waiting for a staff member, held by one, or given up on by nobody taking it in time.</summary>
public enum HandoffStatus { Waiting, Active, Unanswered }

/// <summary>
/// A conversation handed from the bot to a person (docs/staff.md, "Live hand-off"). <see cref="Key"/> is the
/// conversation's store key; the rest says how to reach the resident and who holds it. No message text.
/// </summary>
public sealed record Handoff(
    string Key,
    string ChannelId,
    string ConversationId,
    string UserId,
    string? ServiceUrl,
    string Culture,
    HandoffStatus Status,
    DateTimeOffset Requested,
    string? TakenBy = null,
    string? TakenByName = null,
    DateTimeOffset? Taken = null,
    bool Crisis = false);

/// <summary>
/// Open hand-offs and the turns said since consent (kept only while the hand-off lasts: closing one deletes its
/// transcript in the same step). Taking one is atomic, so two staff members on two instances cannot both hold it.
/// Everything expires after <c>keepFor</c> in case a hand-off is abandoned.
/// </summary>
public interface IHandoffStore
{
    /// <summary>Opens a waiting hand-off; false (nothing written) when the conversation has one already.</summary>
    Task<bool> OpenAsync(Handoff handoff, TimeSpan keepFor, CancellationToken cancellationToken = default);

    Task<Handoff?> GetHandoffAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Every open hand-off, oldest request first.</summary>
    Task<IReadOnlyList<Handoff>> ListOpenAsync(CancellationToken cancellationToken = default);

    /// <summary>A waiting hand-off becomes the staff member's; null (nothing changed) when it is not waiting.</summary>
    Task<Handoff?> TakeAsync(string key, string staff, string staffName, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Sets the status of an open hand-off if it is <paramref name="from"/>; the changed record, or null.</summary>
    Task<Handoff?> MoveAsync(string key, HandoffStatus from, HandoffStatus to, CancellationToken cancellationToken = default);

    /// <summary>Flags an open hand-off red (the crisis guard answered in it).</summary>
    Task MarkCrisisAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Appends one line (JSON) to an open hand-off's transcript; false when there is no open hand-off.</summary>
    Task<bool> AppendLineAsync(string key, string lineJson, CancellationToken cancellationToken = default);

    /// <summary>The transcript since consent, oldest first.</summary>
    Task<IReadOnlyList<string>> LinesAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Deletes the hand-off and its transcript; returns the record it deleted, or null when there was none.</summary>
    Task<Handoff?> CloseAsync(string key, CancellationToken cancellationToken = default);
}
