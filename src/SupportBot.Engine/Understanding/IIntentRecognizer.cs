using SupportBot.Language.Intents;

namespace SupportBot.Engine.Understanding;

/// <summary>Ranks the intents of a message in a culture, best first.</summary>
public interface IIntentRecognizer
{
    IReadOnlyList<IntentScore> Recognize(string text, string culture);
}

/// <summary>Thresholds of intent routing (section <c>Understanding</c>).</summary>
public sealed class UnderstandingOptions
{
    public const string SectionName = "Understanding";

    /// <summary>At or above: act on the top intent.</summary>
    public double ConfidentScore { get; set; } = IntentThresholds.Confident;

    /// <summary>At or above (but below confident): ask which of the top two was meant. Below: the fallback.</summary>
    public double ClarifyScore { get; set; } = IntentThresholds.Clarify;

    /// <summary>Below confident, the top two are asked about only when they are this close; otherwise the top is answered.</summary>
    public double CloseMargin { get; set; } = IntentThresholds.CloseMargin;
}
