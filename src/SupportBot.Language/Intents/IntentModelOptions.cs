namespace SupportBot.Language.Intents;

/// <summary>How <see cref="IntentModel"/> weighs the parts of a message. The defaults are the ones evaluated.</summary>
public sealed record IntentModelOptions
{
    /// <summary>Weight of a clause the user sets aside (「予約はまだいい」) when another clause says what they want.</summary>
    public double DismissedWeight { get; init; } = 0.2;

    /// <summary>Intents that are small talk: a clause that is only small talk weighs <see cref="LightWeight"/>
    /// next to a clause with a request (「こんにちは、明日って開いてますか」 is about today, not a greeting).</summary>
    public IReadOnlySet<string> LightIntents { get; init; } = new HashSet<string>(StringComparer.Ordinal) { "greeting", "thanks", "goodbye" };

    public double LightWeight { get; init; } = 0.3;

    /// <summary>Share of the best single example, the second best and the intent's centroid in an intent's score.</summary>
    public double NearestWeight { get; init; } = 0.6;
    public double SecondWeight { get; init; } = 0.2;
    public double CentroidWeight { get; init; } = 0.2;

    /// <summary>Weight of a gram no example has, relative to the rarest known gram: words the model never saw
    /// dilute a match, but a typo should not sink it.</summary>
    public double UnknownGramWeight { get; init; } = 0.75;

    /// <summary>Share of the trained classifier's probability in a score; the rest is the similarity to examples.
    /// The classifier tells near intents apart (予約の確認 vs 予約の変更); the similarity says whether the message
    /// is like anything the examples say at all.</summary>
    public double ClassifierWeight { get; init; } = 0.5;

    /// <summary>Passes over the examples when training the classifier, its learning rate and its L2 penalty.</summary>
    public int Epochs { get; init; } = 50;
    public double LearningRate { get; init; } = 0.8;
    public double Regularization { get; init; } = 1e-4;

    /// <summary>Read romaji as hiragana (「eigyou jikan」 → えいぎょうじかん) before matching: on for Japanese models.</summary>
    public bool ReadRomaji { get; init; }

    /// <summary>Longest character n-gram counted.</summary>
    public int MaxGram { get; init; } = 3;

    public static IntentModelOptions Default { get; } = new();

    /// <summary>The options a culture's model is trained with: Japanese models also read romaji.</summary>
    public static IntentModelOptions ForCulture(string culture) =>
        culture.StartsWith("ja", StringComparison.OrdinalIgnoreCase) ? Default with { ReadRomaji = true } : Default;
}
