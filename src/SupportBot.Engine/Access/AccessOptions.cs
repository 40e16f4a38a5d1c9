namespace SupportBot.Engine.Access;

/// <summary>Plain language and contacts without a voice call (section <c>Access</c>, docs/accessibility.md).</summary>
public sealed class AccessOptions
{
    public const string SectionName = "Access";

    /// <summary>
    /// Channels on which a person's choice of plain or standard Japanese is kept by user id beyond the conversation
    /// (on LINE a 1:1 chat lasts for years, its state only <c>Storage:ConversationTtl</c>). Default: <c>line</c>.
    /// </summary>
    public List<string> RememberOnChannels { get; set; } = ["line"];

    /// <summary>How long that choice is kept after it was last made. Default 180 days; erased with the person's data.</summary>
    public TimeSpan PreferenceTtl { get; set; } = TimeSpan.FromDays(180);
}
