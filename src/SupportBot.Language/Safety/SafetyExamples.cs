using SupportBot.Language.Intents;

namespace SupportBot.Language.Safety;

/// <summary>The crisis classifier's training set: the labelled crisis rows and ordinary messages.</summary>
public static class SafetyExamples
{
    // Distress words: an intent example that has one (「今つらいので誰かと話したい」) is not taught as an ordinary
    // message; the rest of 「今すぐ誰かと話したい」 is (its flow gives the numbers by itself).
    private static readonly string[] DistressWords = ["つら", "辛", "眠れ", "不安", "苦し", "しんど", "😢"];

    /// <summary>Rows of a training TSV: id, label (a crisis category or none), utterance, note; '#' lines are comments, the first row the header.</summary>
    public static IEnumerable<SafetyExample> Read(string file)
    {
        var header = true;
        foreach (var line in File.ReadLines(file))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (header) { header = false; continue; }
            var cells = line.Split('\t');
            if (cells.Length < 3) throw new InvalidDataException($"{file}: expected id, label, utterance: {cells[0]}");
            yield return new SafetyExample(cells[2], cells[1]);
        }
    }

    /// <summary>The crisis rows plus every intent example without a distress word as an ordinary message.</summary>
    public static IEnumerable<SafetyExample> With(IEnumerable<SafetyExample> crises, IEnumerable<IntentExample> intents) =>
        crises.Concat(intents.Where(e => !DistressWords.Any(w => e.Text.Contains(w, StringComparison.Ordinal)))
            .Select(e => new SafetyExample(e.Text, CrisisClassifier.NoneLabel)));
}
