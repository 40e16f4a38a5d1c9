using SupportBot.Engine.Understanding;
using SupportBot.Language.Intents;
using SupportBot.Language.Safety;

namespace SupportBot.Engine.Safety;

/// <summary>
/// The engine's view of <see cref="SafetyModel"/> (lexicon, trained classifier and concern cues in
/// SupportBot.Language/Safety). The classifier is trained at start-up from
/// <c>locales/ja-JP/crisis.train.tsv</c> (the train split of the independently written corpus) with every
/// intent example as an ordinary message; training is deterministic and takes about two seconds on a 2-core
/// machine (start-up runs it beside the intent models).
/// </summary>
public sealed class SafetyDetector(SafetyModel model) : ICrisisDetector
{
    public const string TrainingFile = "crisis.train.tsv";

    public CrisisSignal Assess(string text)
    {
        var a = model.Assess(text);
        return a.Tier switch
        {
            RiskTier.Crisis => new CrisisSignal(true, a.CategoryName, a.Immediate, a.AboutSomeoneElse, a.Category == CrisisCategory.Violence, a.Cues),
            RiskTier.Concern => CrisisSignal.Concern(a.Cues),
            _ => CrisisSignal.None,
        };
    }

    public static SafetyDetector Load(string localesRoot)
    {
        var crises = new List<SafetyExample>();
        var ordinary = new List<IntentExample>();
        foreach (var dir in Directory.GetDirectories(localesRoot).Order(StringComparer.Ordinal))
        {
            var train = Path.Combine(dir, TrainingFile);
            if (File.Exists(train)) crises.AddRange(TrainingTsv.Read(train).Select(r => new SafetyExample(r.Text, r.Label)));
            ordinary.AddRange(IntentRecognizer.ReadAllExamples(dir));
        }
        if (crises.Count == 0) throw new InvalidDataException($"{localesRoot}: no crisis training examples (locales/*/{TrainingFile})");
        return new SafetyDetector(new SafetyModel(CrisisClassifier.Train(SafetyExamples.With(crises, ordinary))));
    }
}
