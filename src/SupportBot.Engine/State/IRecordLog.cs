namespace SupportBot.Engine.State;

/// <summary>
/// Time-ordered records kept for a retention period (crisis audit, callback requests): appended,
/// read by time range, and gone after their retention. One round trip per call.
/// </summary>
public interface IRecordLog
{
    /// <summary>Appends <paramref name="json"/> at <paramref name="at"/> to <paramref name="log"/>, dropping records older than <paramref name="retention"/>.</summary>
    Task AppendAsync(string log, DateTimeOffset at, string json, TimeSpan retention, CancellationToken cancellationToken = default);

    /// <summary>The records of <paramref name="log"/> from <paramref name="from"/> to <paramref name="to"/> (inclusive), oldest first.</summary>
    Task<IReadOnlyList<string>> ReadAsync(string log, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);
}
