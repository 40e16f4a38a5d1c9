using System.Text;
using YamlDotNet.RepresentationModel;

namespace SupportBot.Engine.Messages;

/// <summary>
/// Every sentence the bot says, by key, per culture, loaded from <c>locales/&lt;culture&gt;/*.yaml</c>.
/// A catalog file is a flat map <c>key: text</c>; a text may hold placeholders like
/// <c>{center.phone}</c> or <c>{slot}</c>. Lookup falls back from the requested culture to the
/// default culture (ja-JP), so a missing translation never leaves a resident without an answer;
/// the validation test makes sure no key is missing in the first place. The <c>{center.xxx}</c>
/// facts come from the configuration through <see cref="Center.CenterFacts"/>, worded per culture.
/// </summary>
public sealed class MessageCatalog
{
    public const string DefaultCulture = "ja-JP";

    private readonly Dictionary<string, Dictionary<string, CatalogEntry>> _cultures;
    private readonly IReadOnlyDictionary<string, string> _globals;
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _facts;

    public MessageCatalog(IReadOnlyDictionary<string, Dictionary<string, CatalogEntry>> cultures, IReadOnlyDictionary<string, string> globals)
        : this(cultures, globals, new Dictionary<string, IReadOnlyDictionary<string, string>>())
    {
    }

    private MessageCatalog(IReadOnlyDictionary<string, Dictionary<string, CatalogEntry>> cultures, IReadOnlyDictionary<string, string> globals,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> facts)
    {
        _cultures = cultures.ToDictionary(c => c.Key, c => c.Value, StringComparer.OrdinalIgnoreCase);
        _globals = globals;
        _facts = facts.ToDictionary(c => c.Key, c => c.Value, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// This catalog with the configured facts as <c>{center.xxx}</c> placeholders, worded in each culture by its
    /// format keys. A text that writes a fact out instead, or uses a fact the configuration lacks, is an error
    /// naming the file and key, so the app does not start with two versions of one fact.
    /// </summary>
    public MessageCatalog WithFacts(Center.CenterFacts facts)
    {
        var worded = Cultures.ToDictionary(c => c, c => facts.Placeholders(this, c), StringComparer.OrdinalIgnoreCase);
        var catalog = new MessageCatalog(_cultures, _globals, worded);
        var problems = facts.Problems(catalog);
        if (problems.Count > 0)
            throw new InvalidDataException("The catalogs and the configuration disagree on the center's facts:\n" + string.Join("\n", problems));
        return catalog;
    }

    public IReadOnlyCollection<string> Cultures => _cultures.Keys;

    public IReadOnlyDictionary<string, CatalogEntry> Entries(string culture) => _cultures[culture];

    /// <summary>The culture to answer in: the activity's locale if we have it (exact or by language), else ja-JP.</summary>
    public string ResolveCulture(string? locale)
    {
        if (!string.IsNullOrWhiteSpace(locale))
        {
            if (_cultures.ContainsKey(locale)) return _cultures.Keys.First(k => k.Equals(locale, StringComparison.OrdinalIgnoreCase));
            var language = locale.Split('-', '_')[0];
            var match = _cultures.Keys.FirstOrDefault(k => k.Split('-')[0].Equals(language, StringComparison.OrdinalIgnoreCase));
            if (match is not null) return match;
        }
        return DefaultCulture;
    }

    public bool Has(string key, string culture = DefaultCulture) =>
        _cultures.TryGetValue(culture, out var entries) && entries.ContainsKey(key);

    /// <summary>The text of <paramref name="key"/> with placeholders filled from <paramref name="args"/> and the center facts.</summary>
    public string Text(string culture, string key, IReadOnlyDictionary<string, string>? args = null)
    {
        if (!(_cultures.TryGetValue(culture, out var entries) && entries.TryGetValue(key, out var entry)))
        {
            if (!(_cultures.TryGetValue(DefaultCulture, out entries) && entries.TryGetValue(key, out entry)))
                throw new KeyNotFoundException($"Message key '{key}' is not in any catalog.");
            culture = DefaultCulture;
        }
        return Fill(entry.Text, args, _facts.GetValueOrDefault(culture));
    }

    private string Fill(string template, IReadOnlyDictionary<string, string>? args, IReadOnlyDictionary<string, string>? facts)
    {
        if (template.IndexOf('{') < 0) return template;
        var sb = new StringBuilder(template.Length + 32);
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf('{', i);
            if (open < 0) { sb.Append(template, i, template.Length - i); break; }
            var close = template.IndexOf('}', open + 1);
            if (close < 0) { sb.Append(template, i, template.Length - i); break; }
            sb.Append(template, i, open - i);
            var name = template.Substring(open + 1, close - open - 1);
            if (args is not null && args.TryGetValue(name, out var value)) sb.Append(value);
            else if (facts is not null && facts.TryGetValue(name, out var fact)) sb.Append(fact);
            else if (_globals.TryGetValue(name, out var global)) sb.Append(global);
            else throw new KeyNotFoundException($"Placeholder '{{{name}}}' has no value.");
            i = close + 1;
        }
        return sb.ToString();
    }

    /// <summary>Placeholder names used in a template, for start-up validation.</summary>
    public static IEnumerable<string> Placeholders(string template)
    {
        var i = 0;
        while ((i = template.IndexOf('{', i)) >= 0)
        {
            var close = template.IndexOf('}', i + 1);
            if (close < 0) yield break;
            yield return template.Substring(i + 1, close - i - 1);
            i = close + 1;
        }
    }

    /// <summary>Loads the catalogs of <paramref name="localesRoot"/> with the configured facts (see <see cref="WithFacts"/>).</summary>
    public static MessageCatalog Load(string localesRoot, Center.CenterFacts facts, Func<string, bool>? isCatalogFile = null) =>
        Load(localesRoot, new Dictionary<string, string>(), isCatalogFile).WithFacts(facts);

    /// <summary>Loads every <c>*.yaml</c> under each culture folder of <paramref name="localesRoot"/>.</summary>
    public static MessageCatalog Load(string localesRoot, IReadOnlyDictionary<string, string> globals, Func<string, bool>? isCatalogFile = null)
    {
        if (!Directory.Exists(localesRoot))
            throw new DirectoryNotFoundException($"The locales folder '{localesRoot}' does not exist (set Content:LocalesPath).");
        var cultures = new Dictionary<string, Dictionary<string, CatalogEntry>>(StringComparer.OrdinalIgnoreCase);
        foreach (var dir in Directory.GetDirectories(localesRoot).Order(StringComparer.Ordinal))
        {
            var culture = Path.GetFileName(dir);
            var entries = new Dictionary<string, CatalogEntry>(StringComparer.Ordinal);
            foreach (var file in Directory.GetFiles(dir, "*.yaml").Order(StringComparer.Ordinal))
            {
                if (isCatalogFile is not null && !isCatalogFile(Path.GetFileName(file))) continue;
                foreach (var (key, text) in ReadFlatMap(file))
                {
                    if (!entries.TryAdd(key, new CatalogEntry(text, file)))
                        throw new InvalidDataException($"{file}: key '{key}' is defined twice (also in {entries[key].File}).");
                }
            }
            cultures[culture] = entries;
        }
        return new MessageCatalog(cultures, globals);
    }

    /// <summary>Reads a flat <c>key: text</c> YAML mapping; anything else is an error naming the file.</summary>
    public static IEnumerable<(string Key, string Text)> ReadFlatMap(string file)
    {
        var yaml = new YamlStream();
        try
        {
            using var reader = new StreamReader(file, Encoding.UTF8);
            yaml.Load(reader);
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new InvalidDataException($"{file}: line {ex.Start.Line}: {ex.Message} (quote a text that holds ': ' or starts with a symbol)", ex);
        }
        if (yaml.Documents.Count == 0) yield break;
        if (yaml.Documents[0].RootNode is not YamlMappingNode map)
            throw new InvalidDataException($"{file}: expected a mapping of message keys to texts.");
        foreach (var (k, v) in map.Children)
        {
            var key = ((YamlScalarNode)k).Value ?? throw new InvalidDataException($"{file}: empty key.");
            if (v is not YamlScalarNode scalar)
                throw new InvalidDataException($"{file}: key '{key}' must be a text.");
            yield return (key, (scalar.Value ?? "").TrimEnd('\n'));
        }
    }
}

public sealed record CatalogEntry(string Text, string File);
