namespace SupportBot.Engine.State;

/// <summary>Key prefix and lifetimes of stored data (section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Prefix of every key, so several bots (or tests) can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "sb:";

    /// <summary>How long an idle conversation's state is kept (privacy: abandoned chats expire).</summary>
    public TimeSpan ConversationTtl { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a Direct Line transcript is kept after its last activity.</summary>
    public TimeSpan TranscriptTtl { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a conversation's lease lasts unless its turn renews it (it does, every third of this, while it
    /// runs): after an instance dies mid-turn, its conversations are free again within this time.
    /// </summary>
    public TimeSpan LeaseTtl { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a message waits, from its arrival, for an earlier turn of its conversation (in this instance or
    /// another) before it gets the polite busy reply instead (the crisis guard still answers a crisis in full).
    /// A plain turn takes milliseconds, so this is a hand-over in order for a quick second message, and it leaves
    /// a second of margin to the 2 s within which a person gets some answer.
    /// </summary>
    public TimeSpan LeaseWait { get; set; } = TimeSpan.FromSeconds(1);
}
