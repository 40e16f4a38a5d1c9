namespace SupportBot.Engine.Services.Callbacks;

/// <summary>Callback requests left after hours (section <c>Callbacks</c>).</summary>
public sealed class CallbackOptions
{
    public const string SectionName = "Callbacks";

    /// <summary>How long a request (name, phone, preferred time) is kept. Default 14 days.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(14);
}
