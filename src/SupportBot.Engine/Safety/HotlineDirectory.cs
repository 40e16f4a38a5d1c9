using YamlDotNet.RepresentationModel;

namespace SupportBot.Engine.Safety;

/// <summary>A public helpline from <c>locales/&lt;culture&gt;/hotlines.yaml</c>.</summary>
public sealed record Hotline(string Id, string Name, string Number, string Hours, string Audience, string Source, DateOnly VerifiedOn);

/// <summary>A way to reach help without speaking (電話リレーサービス, NET119).</summary>
public sealed record TextOnlyService(string Id, string Name, string Detail, string Source, DateOnly VerifiedOn);

/// <summary>The helplines per culture, read once at start-up; every entry must name its source and when it was checked.</summary>
public sealed class HotlineDirectory(IReadOnlyDictionary<string, (IReadOnlyList<Hotline> Hotlines, IReadOnlyList<TextOnlyService> TextOnly)> cultures)
{
    public IReadOnlyList<Hotline> Hotlines(string culture) => Pick(culture).Hotlines;

    public IReadOnlyList<TextOnlyService> TextOnly(string culture) => Pick(culture).TextOnly;

    private (IReadOnlyList<Hotline> Hotlines, IReadOnlyList<TextOnlyService> TextOnly) Pick(string culture) =>
        cultures.TryGetValue(culture, out var entry) ? entry : cultures[Messages.MessageCatalog.DefaultCulture];

    public static HotlineDirectory Load(string localesRoot)
    {
        var cultures = new Dictionary<string, (IReadOnlyList<Hotline>, IReadOnlyList<TextOnlyService>)>(StringComparer.OrdinalIgnoreCase);
        foreach (var dir in Directory.GetDirectories(localesRoot))
        {
            var file = Path.Combine(dir, "hotlines.yaml");
            if (!File.Exists(file)) continue;
            var yaml = new YamlStream();
            using (var reader = new StreamReader(file)) yaml.Load(reader);
            var root = (YamlMappingNode)yaml.Documents[0].RootNode;
            var hotlines = Items(root, "hotlines", file).Select(m => new Hotline(
                Get(m, "id", file), Get(m, "name", file), Get(m, "number", file), Get(m, "hours", file),
                Get(m, "audience", file), Get(m, "source", file), DateOnly.Parse(Get(m, "verifiedOn", file)))).ToList();
            var textOnly = Items(root, "text_only", file).Select(m => new TextOnlyService(
                Get(m, "id", file), Get(m, "name", file), Get(m, "detail", file), Get(m, "source", file), DateOnly.Parse(Get(m, "verifiedOn", file)))).ToList();
            if (hotlines.Count == 0) throw new InvalidDataException($"{file}: no hotlines");
            cultures[Path.GetFileName(dir)] = (hotlines, textOnly);
        }
        if (!cultures.ContainsKey(Messages.MessageCatalog.DefaultCulture))
            throw new InvalidDataException($"{localesRoot}: locales/{Messages.MessageCatalog.DefaultCulture}/hotlines.yaml is required");
        return new HotlineDirectory(cultures);
    }

    private static IEnumerable<YamlMappingNode> Items(YamlMappingNode root, string key, string file) =>
        root.Children.TryGetValue(new YamlScalarNode(key), out var node)
            ? ((YamlSequenceNode)node).Children.Cast<YamlMappingNode>()
            : throw new InvalidDataException($"{file}: '{key}' is missing");

    private static string Get(YamlMappingNode map, string key, string file) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var v) && v is YamlScalarNode s && !string.IsNullOrWhiteSpace(s.Value)
            ? s.Value! : throw new InvalidDataException($"{file}: an entry has no '{key}'");
}
