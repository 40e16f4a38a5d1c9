using System.Text;
using YamlDotNet.RepresentationModel;

namespace SupportBot.Engine.Messages;

/// <summary>
/// Every sentence the bot says, by key, per culture, loaded from <c>locales/&lt;culture&gt;/*.yaml</c>.
/// A catalog file is a flat map <c>key: text</c>; a text may hold placeholders like
/// <c>{center.phone}</c> or <c>{slot}</c>. Lookup falls back from the requested culture to the
/// default culture (ja-JP), so a missing translation never leaves a resident without an answer;
/// the validation test makes sure no key is missing in the first place. A <em>variant</em> of a culture
/// (<c>ja-JP-x-easy</c>, plain Japanese: <see cref="PlainSuffix"/>) falls back to nothing: it must hold every
/// key its base culture has (except the staff's <c>staff.*</c> labels), or the catalog does not load. The <c>{center.xxx}</c>
/// facts come from the configuration through <see cref="Center.CenterFacts"/>, worded per culture.
/// </summary>
public sealed class MessageCatalog
{
    public const string DefaultCulture = "ja-JP";

    /// <summary>The private-use subtag of the plain-language variant of a culture: <c>ja-JP</c> → <c>ja-JP-x-easy</c>.</summary>
    public const string PlainSuffix = "-x-easy";

    /// <summary>Keys only staff read (the staff console): not required in a variant.</summary>
    public const string StaffPrefix = "staff.";

    /// <summary>True for a variant culture (a private-use subtag, e.g. <c>ja-JP-x-easy</c>).</summary>
    public static bool IsVariant(string culture) => culture.Contains("-x-", StringComparison.OrdinalIgnoreCase);

    /// <summary>The culture a variant belongs to (<c>ja-JP-x-easy</c> → <c>ja-JP</c>); a culture without variant is its own base.</summary>
    public static string BaseOf(string culture)
    {
        var at = culture.IndexOf("-x-", StringComparison.OrdinalIgnoreCase);
        return at < 0 ? culture : culture[..at];
    }

    /// <summary>
    /// The plain-language culture for <paramref name="culture"/>: its own <c>-x-easy</c> variant, else the default
    /// culture's (a person who asks for やさしい にほんご gets plain Japanese), else <paramref name="culture"/> itself.
    /// </summary>
    public string PlainCulture(string culture)
    {
        foreach (var candidate in new[] { BaseOf(culture) + PlainSuffix, DefaultCulture + PlainSuffix })
            if (_cultures.ContainsKey(candidate)) return _cultures.Keys.First(k => k.Equals(candidate, StringComparison.OrdinalIgnoreCase));
        return culture;
    }

    /// <summary>The standard culture for <paramref name="culture"/>: its base, when the catalog has it.</summary>
    public string StandardCulture(string culture) =>
        _cultures.Keys.FirstOrDefault(k => k.Equals(BaseOf(culture), StringComparison.OrdinalIgnoreCase)) ?? culture;

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
            // By language, a standard culture: 「ja」 is ja-JP, never its plain variant.
            var match = _cultures.Keys.FirstOrDefault(k => !IsVariant(k) && k.Split('-')[0].Equals(language, StringComparison.OrdinalIgnoreCase));
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
            // A variant has every key (checked at load); a staff label is said in the base culture.
            var fallback = IsVariant(culture) && _cultures.ContainsKey(BaseOf(culture)) ? BaseOf(culture) : DefaultCulture;
            if (IsVariant(culture) && !key.StartsWith(StaffPrefix, StringComparison.Ordinal))
                throw new KeyNotFoundException($"Message key '{key}' is not in locales/{culture} (a variant falls back to nothing).");
            culture = fallback;
            if (!(_cultures.TryGetValue(culture, out entries) && entries.TryGetValue(key, out entry)))
                throw new KeyNotFoundException($"Message key '{key}' is not in any catalog.");
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
        var problems = VariantProblems(cultures);
        if (problems.Count > 0)
            throw new InvalidDataException("A plain-language catalog does not match its base culture:\n" + string.Join("\n", problems));
        return new MessageCatalog(cultures, globals);
    }

    /// <summary>
    /// Every key of a variant's base culture (except <c>staff.*</c>) missing in the variant, every key of the variant its
    /// base lacks, and every broken reading (<see cref="Ruby"/>): the parity a variant needs, since it falls back to nothing.
    /// </summary>
    public static IReadOnlyList<string> VariantProblems(IReadOnlyDictionary<string, Dictionary<string, CatalogEntry>> cultures)
    {
        var problems = new List<string>();
        foreach (var (culture, entries) in cultures.Where(c => IsVariant(c.Key)).OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var baseName = BaseOf(culture);
            if (!cultures.TryGetValue(baseName, out var baseEntries)) { problems.Add($"locales/{culture}: no base culture locales/{baseName}"); continue; }
            foreach (var (key, entry) in baseEntries.OrderBy(e => e.Key, StringComparer.Ordinal))
                if (!key.StartsWith(StaffPrefix, StringComparison.Ordinal) && !entries.ContainsKey(key))
                    problems.Add($"locales/{culture}: '{key}' is missing (locales/{baseName}/{Path.GetFileName(entry.File)} has it)");
            foreach (var (key, entry) in entries.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                if (!baseEntries.ContainsKey(key)) problems.Add($"locales/{culture}/{Path.GetFileName(entry.File)}: '{key}' is not a key of locales/{baseName}");
                if (Ruby.Malformed(entry.Text) is { } rest) problems.Add($"locales/{culture}/{Path.GetFileName(entry.File)}: '{key}' has a broken reading (write a bar, the kanji, then the reading in double angle brackets): {rest}");
            }
        }
        return problems;
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
