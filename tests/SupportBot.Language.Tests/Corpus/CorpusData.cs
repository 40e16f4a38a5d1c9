using System.Security.Cryptography;
using System.Text;
using SupportBot.Language.Safety;
using SupportBot.Language.Tests.Intents;

namespace SupportBot.Language.Tests.Corpus;

/// <summary>One row of a corpus file: id, label (is_crisis 1/0 or an intent label), text, category|style note.</summary>
internal sealed record CorpusRow(string Id, string Label, string Text, string Note)
{
    public string Category => Note.Split('|')[0];
    public string Style => Note.Contains('|') ? Note.Split('|')[1] : Note;
}

/// <summary>
/// The independently written corpus (corpus/README.md): dev and test splits in corpus/, train splits in
/// locales/ja-JP/. One safety model for the whole run, trained exactly as the app trains it.
/// </summary>
internal static class CorpusData
{
    private static readonly Lazy<SafetyModel> Model = new(() =>
    {
        var crises = IntentData.Tsv(Path.Combine(IntentData.RepositoryRoot, "locales", "ja-JP", "crisis.train.tsv")).Select(c => new SafetyExample(c[2], c[1]));
        var ordinary = IntentData.Examples("ja-JP").Concat(IntentData.Examples("en-US"));
        return new SafetyModel(CrisisClassifier.Train(SafetyExamples.With(crises, ordinary)));
    });

    public static SafetyModel Safety => Model.Value;

    public static IReadOnlyList<CorpusRow> Read(string file) =>
        [.. IntentData.Tsv(Path.Combine(IntentData.RepositoryRoot, file)).Select(c => new CorpusRow(c[0], c[1], c[2], c.Length > 3 ? c[3] : ""))];

    /// <summary>The fixed split rule of corpus/split.py: md5 of the id, mod 10.</summary>
    public static int Bucket(string id) => (int)(new System.Numerics.BigInteger(MD5.HashData(Encoding.UTF8.GetBytes(id)), isUnsigned: true, isBigEndian: true) % 10);
}
