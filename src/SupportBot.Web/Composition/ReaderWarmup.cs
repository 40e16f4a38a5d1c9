using SupportBot.Engine.Safety;
using SupportBot.Engine.Understanding;

namespace SupportBot.Web.Composition;

/// <summary>
/// Reads a spread of the training examples once at start-up, before the first request: the lexicon builds and
/// compiles its regexes on first use and the readers start on the JIT's slow first tier, so without this the
/// first residents after a start (and a load balancer's first turns to a new instance) paid for both.
/// </summary>
internal static class ReaderWarmup
{
    /// <summary>Reads crisis and ordinary examples with the safety model; how many texts it read.</summary>
    public static int Safety(string localesRoot, ICrisisDetector safety, int perSource = 60)
    {
        var read = 0;
        foreach (var (text, _) in Texts(localesRoot, perSource, crises: true))
        {
            safety.Assess(text);
            read++;
        }
        return read;
    }

    /// <summary>Reads ordinary examples with each culture's intent model; how many texts it read.</summary>
    public static int Intents(string localesRoot, IIntentRecognizer intents, int perSource = 60)
    {
        var read = 0;
        foreach (var (text, culture) in Texts(localesRoot, perSource, crises: false))
        {
            intents.Recognize(text, culture);
            read++;
        }
        return read;
    }

    private static IEnumerable<(string Text, string Culture)> Texts(string localesRoot, int perSource, bool crises)
    {
        foreach (var dir in Directory.GetDirectories(localesRoot).Order(StringComparer.Ordinal))
        {
            var culture = Path.GetFileName(dir);
            var training = Path.Combine(dir, SafetyDetector.TrainingFile);
            if (crises && File.Exists(training))
                foreach (var text in Spread(TrainingTsv.Read(training).Select(r => r.Text), perSource)) yield return (text, culture);
            foreach (var text in Spread(IntentRecognizer.ReadAllExamples(dir).Select(e => e.Text), perSource)) yield return (text, culture);
        }
    }

    // Every k-th text, not the first few: the files are grouped by label, and every kind of message should be read.
    private static IEnumerable<string> Spread(IEnumerable<string> texts, int count)
    {
        var all = texts.ToList();
        var step = Math.Max(1, all.Count / Math.Max(1, count));
        for (var i = 0; i < all.Count; i += step) yield return all[i];
    }
}
