namespace SupportBot.Engine.Safety;

/// <summary>Crisis handling (section <c>Safety</c>).</summary>
public sealed class SafetyOptions
{
    public const string SectionName = "Safety";

    /// <summary>How long crisis audit records are kept. Default 1 year.</summary>
    public TimeSpan AuditRetention { get; set; } = TimeSpan.FromDays(365);

    /// <summary>How long a conversation stays in the crisis state (contacts on every reply) after the last crisis message. Default 1 day.</summary>
    public TimeSpan CrisisStateFor { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Ids (locales/*/hotlines.yaml) of the public lines a concern check-in offers besides the 24-hour line.</summary>
    public List<string> ConcernHotlines { get; set; } = ["yorisoi", "inochi_no_denwa"];
}
