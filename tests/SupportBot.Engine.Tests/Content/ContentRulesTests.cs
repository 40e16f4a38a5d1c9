using System.Text.RegularExpressions;
using SupportBot.Engine.Messages;
using SupportBot.Engine.Tests.Support;

namespace SupportBot.Engine.Tests.Content;

/// <summary>House rules checked on the real repository content.</summary>
public sealed class ContentRulesTests
{
    private static readonly string[] DataFiles = ["intents.yaml", "hotlines.yaml", "meetups.yaml"];

    private static MessageCatalog RealCatalog() =>
        MessageCatalog.Load(Repository.Path("locales"), new Dictionary<string, string>(), f => !DataFiles.Contains(f));

    [Fact]
    public void Every_catalog_key_exists_in_every_culture()
    {
        var catalog = RealCatalog();
        var cultures = catalog.Cultures.ToList();
        Assert.Contains("ja-JP", cultures);
        Assert.Contains("en-US", cultures);
        var problems = new List<string>();
        foreach (var culture in cultures)
            foreach (var other in cultures.Where(c => c != culture))
                foreach (var (key, entry) in catalog.Entries(culture))
                    // Staff labels (staff.*) are for staff, in the console's culture only: no other culture (nor the
                    // plain-language variant) needs them.
                    if (!key.StartsWith(MessageCatalog.StaffPrefix, StringComparison.Ordinal) && !catalog.Has(key, other))
                        problems.Add($"{entry.File}: '{key}' has no {other} text");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Both_cultures_use_the_same_placeholders_for_a_key()
    {
        var catalog = RealCatalog();
        var problems = new List<string>();
        foreach (var (key, ja) in catalog.Entries("ja-JP"))
        {
            // Date formats legitimately differ by culture (「11月」 vs "Nov").
            if (key.StartsWith("format.", StringComparison.Ordinal)) continue;
            if (!catalog.Entries("en-US").TryGetValue(key, out var en)) continue;
            var a = MessageCatalog.Placeholders(ja.Text).Order().ToList();
            var b = MessageCatalog.Placeholders(en.Text).Order().ToList();
            if (!a.SequenceEqual(b)) problems.Add($"'{key}': ja-JP {{{string.Join(",", a)}}} vs en-US {{{string.Join(",", b)}}}");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void No_japanese_string_literals_in_csharp_outside_the_language_project()
    {
        // User-facing sentences belong in locales/; only language understanding may hold Japanese.
        var japanese = new Regex("\"[^\"\\n]*[\\u3040-\\u30FF\\u4E00-\\u9FFF][^\"\\n]*\"");
        var offenders = Directory.EnumerateFiles(Repository.Path("src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("SupportBot.Language") && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => !x.line.TrimStart().StartsWith("//") && !x.line.TrimStart().StartsWith("///") && japanese.IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(Repository.Root, x.f)}:{x.i + 1}")
            .ToList();
        Assert.True(offenders.Count == 0, "Japanese literals in C#:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void No_ambient_clock_in_src()
    {
        var ambient = new Regex(@"DateTime(Offset)?\.(Now|UtcNow|Today)\b");
        var offenders = Directory.EnumerateFiles(Repository.Path("src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .Where(f => File.ReadLines(f).Any(l => !l.TrimStart().StartsWith("//") && ambient.IsMatch(l)))
            .Select(f => Path.GetRelativePath(Repository.Root, f)).ToList();
        Assert.True(offenders.Count == 0, "Read the injected TimeProvider instead:\n" + string.Join("\n", offenders));
    }
}
