using SupportBot.Language.Intents;
using YamlDotNet.RepresentationModel;

namespace SupportBot.Engine.Understanding;

/// <summary>
/// One intent model per culture, trained at start-up from <c>locales/&lt;culture&gt;/intents.yaml</c>
/// (a mapping of intent name → example messages). A culture without examples uses ja-JP's model.
/// </summary>
public sealed class IntentRecognizer : IIntentRecognizer
{
    private readonly Dictionary<string, IntentModel> _models;

    public IntentRecognizer(IReadOnlyDictionary<string, IntentModel> models) =>
        _models = new Dictionary<string, IntentModel>(models, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<string> Cultures => _models.Keys;

    public IReadOnlyList<string> Intents(string culture) => Model(culture).Intents;

    public IReadOnlyList<IntentScore> Recognize(string text, string culture)
    {
        var scores = Model(culture).Recognize(text);
        // An English message in a Japanese conversation (a family member abroad, a worker who writes in English):
        // the English model reads it too, and its reading counts when it is sure (acted on without asking) and
        // surer than the Japanese one. Its examples are few, so a weak English reading of chatter (「I'd kill for a
        // soda」) is not taken. Romaji is Japanese and stays with the Japanese model, which reads it as kana.
        if (!culture.StartsWith("en", StringComparison.OrdinalIgnoreCase) && _models.TryGetValue(EnglishCulture, out var english)
            && LooksLatin(text) && english.Recognize(text) is [var top, ..] fromEnglish
            && top.Score >= IntentThresholds.Confident && top.Score > Top(scores))
            return fromEnglish;
        return scores;
    }

    private const string EnglishCulture = "en-US";

    private static double Top(IReadOnlyList<IntentScore> scores) => scores.Count > 0 ? scores[0].Score : 0;

    /// <summary>Written in Latin letters only (no kana or kanji): English, or Japanese in romaji.</summary>
    private static bool LooksLatin(string text)
    {
        var letters = 0;
        foreach (var c in text)
        {
            if (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z') letters++;
            else if (c is >= '\u3040' and <= '\u30ff' or >= '\u3400' and <= '\u9fff' or >= '\uff66' and <= '\uff9f') return false;
        }
        return letters >= 3;
    }

    private IntentModel Model(string culture) =>
        _models.TryGetValue(culture, out var model) ? model : _models[Messages.MessageCatalog.DefaultCulture];

    public static IntentRecognizer Load(string localesRoot)
    {
        var models = new Dictionary<string, IntentModel>(StringComparer.OrdinalIgnoreCase);
        foreach (var dir in Directory.GetDirectories(localesRoot))
        {
            if (File.Exists(Path.Combine(dir, "intents.yaml")))
                models[Path.GetFileName(dir)] = IntentModel.Train(ReadAllExamples(dir), IntentModelOptions.ForCulture(Path.GetFileName(dir)));
        }
        if (!models.ContainsKey(Messages.MessageCatalog.DefaultCulture))
            throw new InvalidDataException($"{localesRoot}: locales/{Messages.MessageCatalog.DefaultCulture}/intents.yaml is required");
        return new IntentRecognizer(models);
    }

    /// <summary>A culture folder's examples: intents.yaml, written with the flows, and intents.train.tsv, the
    /// train split of the independently written corpus (corpus/README.md), when there is one.</summary>
    public static IEnumerable<IntentExample> ReadAllExamples(string cultureDir)
    {
        var yaml = Path.Combine(cultureDir, "intents.yaml");
        var tsv = Path.Combine(cultureDir, "intents.train.tsv");
        var examples = File.Exists(yaml) ? ReadExamples(yaml) : [];
        return File.Exists(tsv) ? examples.Concat(TrainingTsv.Read(tsv).Select(r => new IntentExample(r.Label, r.Text))) : examples;
    }

    public static IEnumerable<IntentExample> ReadExamples(string file)
    {
        var yaml = new YamlStream();
        try
        {
            using var reader = new StreamReader(file);
            yaml.Load(reader);
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new InvalidDataException($"{file}: line {ex.Start.Line}: {ex.Message}", ex);
        }
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
            throw new InvalidDataException($"{file}: expected a mapping of intent names to lists of examples");
        foreach (var (key, value) in root.Children)
        {
            var intent = ((YamlScalarNode)key).Value!;
            if (value is not YamlSequenceNode examples) throw new InvalidDataException($"{file}: '{intent}' must be a list of examples");
            foreach (var example in examples.Children.OfType<YamlScalarNode>())
                if (!string.IsNullOrWhiteSpace(example.Value)) yield return new IntentExample(intent, example.Value);
        }
    }
}
