namespace SupportBot.Language.Intents;

/// <summary>
/// Where <see cref="IntentModel"/> scores stop being trustworthy, chosen from the labelled evaluation
/// sets (docs/understanding.md, Intents, has the figures behind them).
/// </summary>
public static class IntentThresholds
{
    /// <summary>At or above: act on the top intent. Below (but at or above <see cref="Clarify"/>): ask which was meant.</summary>
    public const double Confident = 0.35;

    /// <summary>Below: the message matches no intent ("none"); fall back to the menu.</summary>
    public const double Clarify = 0.17;

    /// <summary>Below <see cref="Confident"/>, the top two intents are asked about only when their scores are this close.</summary>
    public const double CloseMargin = 0.03;
}
