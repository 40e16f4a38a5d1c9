using YamlDotNet.RepresentationModel;

namespace SupportBot.Engine.Flows;

/// <summary>Reads <c>dialogs/*.yaml</c>. Every error names the file and the place.</summary>
public static class FlowLoader
{
    public static IReadOnlyList<FlowDefinition> LoadFolder(string folder)
    {
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"The dialogs folder '{folder}' does not exist (set Content:DialogsPath).");
        return Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal).Select(LoadFile).ToList();
    }

    public static FlowDefinition LoadFile(string file)
    {
        var yaml = new YamlStream();
        try
        {
            using var reader = new StreamReader(file);
            yaml.Load(reader);
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new FlowException(file, $"line {ex.Start.Line}: {ex.Message}");
        }
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
            throw new FlowException(file, "a flow file must be a mapping with id, triggers and steps");
        return Parse(root, file);
    }

    private static FlowDefinition Parse(YamlMappingNode root, string file)
    {
        Known(root, file, "flow", "id", "triggers", "steps", "digressions", "max_attempts", "on_leave", "personal");
        var id = Scalar(root, "id", file) ?? throw new FlowException(file, "missing 'id'");
        var intents = new List<string>();
        var events = new List<string>();
        if (Child(root, "triggers") is YamlMappingNode triggers)
        {
            Known(triggers, file, $"{id}.triggers", "intents", "events");
            intents.AddRange(List(triggers, "intents", file));
            events.AddRange(List(triggers, "events", file));
        }
        if (Child(root, "steps") is not YamlSequenceNode steps || steps.Children.Count == 0)
            throw new FlowException(file, $"flow '{id}' needs a non-empty 'steps' list");
        return new FlowDefinition
        {
            Id = id,
            File = file,
            Intents = intents,
            Events = events,
            AllowsDigressions = Scalar(root, "digressions", file) is not "false",
            MaxAttempts = int.TryParse(Scalar(root, "max_attempts", file), out var max) ? max : 3,
            OnLeave = Scalar(root, "on_leave", file),
            Personal = Scalar(root, "personal", file) is "true",
            Steps = steps.Children.Select((s, i) => ParseStep(s, file, id, i)).ToList(),
        };
    }

    private static StepDefinition ParseStep(YamlNode node, string file, string flow, int index)
    {
        if (node is not YamlMappingNode map) throw new FlowException(file, $"{flow}: step {index + 1} must be a mapping");
        var id = Scalar(map, "id", file) ?? throw new FlowException(file, $"{flow}: step {index + 1} has no 'id'");
        var where = $"{flow}.{id}";
        Known(map, file, where, "id", "action", "say", "ask", "expect", "retry", "why", "store", "from_start", "max_length", "soft", "choices", "choices_from", "on", "then");
        var say = Child(map, "say") switch
        {
            null => [],
            YamlScalarNode s => [s.Value!],
            YamlSequenceNode seq => seq.Children.Select(c => ((YamlScalarNode)c).Value!).ToList(),
            _ => throw new FlowException(file, $"{where}: 'say' must be a key or a list of keys"),
        };
        var choices = new List<ChoiceDefinition>();
        if (Child(map, "choices") is YamlSequenceNode choiceNodes)
        {
            foreach (var c in choiceNodes.Children)
            {
                if (c is not YamlMappingNode cm) throw new FlowException(file, $"{where}: each choice is a mapping with value and label");
                Known(cm, file, $"{where}.choices", "value", "label", "intents");
                choices.Add(new ChoiceDefinition
                {
                    Value = Scalar(cm, "value", file) ?? throw new FlowException(file, $"{where}: a choice has no 'value'"),
                    Label = Scalar(cm, "label", file) ?? throw new FlowException(file, $"{where}: a choice has no 'label'"),
                    Intents = List(cm, "intents", file),
                });
            }
        }
        var on = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Child(map, "on") is YamlMappingNode onMap)
            foreach (var (k, v) in onMap.Children) on[((YamlScalarNode)k).Value!] = ((YamlScalarNode)v).Value!;
        return new StepDefinition
        {
            Id = id,
            Action = Scalar(map, "action", file),
            Say = say,
            Ask = Scalar(map, "ask", file),
            Expect = Scalar(map, "expect", file),
            Retry = Scalar(map, "retry", file),
            Why = Scalar(map, "why", file),
            Store = Scalar(map, "store", file),
            MaxLength = int.TryParse(Scalar(map, "max_length", file), out var max) ? max : null,
            Soft = Scalar(map, "soft", file) is "true",
            FromStart = Scalar(map, "from_start", file) is "true",
            Choices = choices,
            ChoicesFrom = Scalar(map, "choices_from", file),
            On = on,
            Then = Scalar(map, "then", file),
        };
    }

    private static void Known(YamlMappingNode map, string file, string where, params string[] keys)
    {
        foreach (var key in map.Children.Keys.Select(k => ((YamlScalarNode)k).Value))
            if (!keys.Contains(key)) throw new FlowException(file, $"{where}: unknown field '{key}' (known: {string.Join(", ", keys)})");
    }

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    private static string? Scalar(YamlMappingNode map, string key, string file) => Child(map, key) switch
    {
        null => null,
        YamlScalarNode s => s.Value,
        _ => throw new FlowException(file, $"'{key}' must be a single value"),
    };

    private static List<string> List(YamlMappingNode map, string key, string file) => Child(map, key) switch
    {
        null => [],
        YamlScalarNode s => [s.Value!],
        YamlSequenceNode seq => seq.Children.Select(c => ((YamlScalarNode)c).Value!).ToList(),
        _ => throw new FlowException(file, $"'{key}' must be a list"),
    };
}

/// <summary>A flow or catalog error found at load or validation time, naming the file.</summary>
public sealed class FlowException(string file, string message) : Exception($"{file}: {message}")
{
    public string File { get; } = file;
}
