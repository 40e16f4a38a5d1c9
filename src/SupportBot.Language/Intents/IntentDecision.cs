namespace SupportBot.Language.Intents;

/// <summary>What to do with a message's ranked intents.</summary>
public enum IntentAction { Fallback, Act, Clarify }

/// <summary>The routing decision: act on <see cref="Top"/>, ask between <see cref="Top"/> and <see cref="Second"/>, or fall back.</summary>
public readonly record struct IntentDecision(IntentAction Action, IntentScore? Top, IntentScore? Second, bool Confident)
{
    /// <summary>
    /// Answer, don't quiz: act on the top intent whenever it reaches <paramref name="clarify"/>; ask only when it is
    /// below <paramref name="confident"/> and the second is within <paramref name="closeMargin"/> of it.
    /// <paramref name="ranked"/> holds only intents that can be acted on, best first.
    /// </summary>
    public static IntentDecision Decide(IReadOnlyList<IntentScore> ranked, double confident, double clarify, double closeMargin)
    {
        if (ranked.Count == 0 || ranked[0].Score < clarify) return new(IntentAction.Fallback, null, null, false);
        var top = ranked[0];
        var isConfident = top.Score >= confident;
        if (!isConfident && ranked.Count > 1 && ranked[1].Score >= clarify && top.Score - ranked[1].Score < closeMargin)
            return new(IntentAction.Clarify, top, ranked[1], false);
        return new(IntentAction.Act, top, null, isConfident);
    }

    /// <summary>With the evaluated thresholds of <see cref="IntentThresholds"/>.</summary>
    public static IntentDecision Decide(IReadOnlyList<IntentScore> ranked) =>
        Decide(ranked, IntentThresholds.Confident, IntentThresholds.Clarify, IntentThresholds.CloseMargin);
}
