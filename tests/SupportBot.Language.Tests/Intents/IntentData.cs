using SupportBot.Language.Intents;
using YamlDotNet.Serialization;

namespace SupportBot.Language.Tests.Intents;

/// <summary>The examples of locales/*/intents.yaml and the labelled evaluation sets, read as the engine would.</summary>
internal static class IntentData
{
    private static readonly string Root = FindRoot();
    private static readonly Dictionary<string, IntentModel> Models = [];

    public static string RepositoryRoot => Root;

    /// <summary>intents.yaml and, where there is one, intents.train.tsv (the corpus's train split), as the engine reads them.</summary>
    public static IReadOnlyList<IntentExample> Examples(string culture)
    {
        var yaml = new DeserializerBuilder().Build()
            .Deserialize<Dictionary<string, List<string>>>(File.ReadAllText(Path.Combine(Root, "locales", culture, "intents.yaml")));
        var tsv = Path.Combine(Root, "locales", culture, "intents.train.tsv");
        var corpus = File.Exists(tsv) ? Tsv(tsv).Select(c => new IntentExample(c[1], c[2])) : [];
        return [.. yaml.SelectMany(kv => kv.Value.Select(text => new IntentExample(kv.Key, text))), .. corpus];
    }

    /// <summary>The rows of a corpus TSV ('#' comments and the header skipped), as cells.</summary>
    public static IEnumerable<string[]> Tsv(string path) =>
        File.ReadLines(path).Where(l => l.Length > 0 && !l.StartsWith('#')).Skip(1).Select(l => l.Split('\t'));

    /// <summary>One trained model per culture for the whole test run (training is deterministic).</summary>
    public static IntentModel Model(string culture)
    {
        lock (Models)
        {
            if (!Models.TryGetValue(culture, out var model))
                Models[culture] = model = IntentModel.Train(Examples(culture), IntentModelOptions.ForCulture(culture));
            return model;
        }
    }

    /// <summary>Rows of Intents/eval.&lt;culture&gt;.tsv: text, expected intent (or "none").</summary>
    public static IReadOnlyList<(string Text, string Expected)> Eval(string culture) =>
        [.. File.ReadAllLines(Path.Combine(Root, "tests", "SupportBot.Language.Tests", "Intents", $"eval.{culture}.tsv"))
            .Skip(1)
            .Where(line => line.Length > 0)
            .Select(line => line.Split('\t'))
            .Select(cells => (cells[0], cells[1]))];

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SupportBot.sln"))) return dir.FullName;
        throw new InvalidOperationException("SupportBot.sln not found above " + AppContext.BaseDirectory);
    }
}
