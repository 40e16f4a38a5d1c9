using SupportBot.Language.Intents;

namespace SupportBot.Language.Safety;

/// <summary>The crisis classifier's training set: the labelled crisis rows and ordinary messages (read by the caller).</summary>
public static class SafetyExamples
{
    // Distress words: an intent example that has one (「今つらいので誰かと話したい」) is not taught as an ordinary
    // message; the rest of 「今すぐ誰かと話したい」 is (its flow gives the numbers by itself).
    private static readonly string[] DistressWords = ["つら", "辛", "眠れ", "不安", "苦し", "しんど", "😢"];

    /// <summary>The crisis rows plus every intent example without a distress word as an ordinary message.</summary>
    public static IEnumerable<SafetyExample> With(IEnumerable<SafetyExample> crises, IEnumerable<IntentExample> intents) =>
        crises.Concat(intents.Where(e => !DistressWords.Any(w => e.Text.Contains(w, StringComparison.Ordinal)))
            .Select(e => new SafetyExample(e.Text, CrisisClassifier.NoneLabel)));
}
