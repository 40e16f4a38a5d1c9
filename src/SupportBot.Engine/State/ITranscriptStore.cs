namespace SupportBot.Engine.State;

/// <summary>
/// An append-only list of activities per conversation (the embedded Direct Line transcript).
/// Lives in the same store as the state so any instance can answer a poll.
/// </summary>
public interface ITranscriptStore
{
    /// <summary>Appends in order; returns the watermark after the last appended item (the list length).</summary>
    Task<long> AppendAsync(string conversationId, IReadOnlyList<string> activitiesJson, TimeSpan keepFor, CancellationToken cancellationToken = default);

    /// <summary>The items after <paramref name="watermark"/> (at most <paramref name="max"/>) and the new watermark.</summary>
    Task<TranscriptPage> ReadAsync(string conversationId, long watermark, int max = 100, CancellationToken cancellationToken = default);
}

public sealed record TranscriptPage(IReadOnlyList<string> ActivitiesJson, long Watermark);
