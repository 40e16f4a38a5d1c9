using SupportBot.Language.Intents;

namespace SupportBot.Language.Safety;

/// <summary>The crisis classifier's training set: the labelled crisis rows and ordinary messages.</summary>
public static class SafetyExamples
{
    // Intent examples that are themselves about distress or urgency (「今つらいので誰かと話したい」) are not
    // taught as ordinary messages.
    private static readonly HashSet<string> NotOrdinary = new(StringComparer.Ordinal) { "contact.now", "emergency.contacts" };

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

    /// <summary>The crisis rows plus every intent example (but distress-like ones) as an ordinary message.</summary>
    public static IEnumerable<SafetyExample> With(IEnumerable<SafetyExample> crises, IEnumerable<IntentExample> intents) =>
        crises.Concat(intents.Where(e => !NotOrdinary.Contains(e.Intent)).Select(e => new SafetyExample(e.Text, CrisisClassifier.NoneLabel)));
}
