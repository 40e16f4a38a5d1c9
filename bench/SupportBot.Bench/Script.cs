using System.Text.Json;
using System.Text.Json.Nodes;

namespace SupportBot.Bench;

/// <summary>One user message and what the bot must say back.</summary>
/// <param name="Text">The message text sent as the activity's <c>text</c>.</param>
/// <param name="Expect">Alternatives; the turn passes when any message reply's text contains one of
/// them. Empty means "any non-empty reply".</param>
public sealed record ScriptTurn(string Text, IReadOnlyList<string> Expect);

/// <summary>A load script: conversation templates, each a list of turns, taken round-robin by the
/// simulated users. The file format is the peer loadgen's, so one file drives both generators.</summary>
public sealed record Script(string Name, string? Description, IReadOnlyList<IReadOnlyList<ScriptTurn>> Conversations)
{
    /// <summary>Loads a script from a file path, or by name from a <c>scripts/NAME.json</c> folder
    /// next to the build (bench/scripts in the repo, or the copy in the output folder).</summary>
    public static Script Load(string nameOrPath)
    {
        var path = Resolve(nameOrPath)
            ?? throw new UsageException($"no script \"{nameOrPath}\": not a file, and no scripts/{nameOrPath}.json found ({string.Join(", ", KnownNames())} are)");
        try
        {
            return Parse(File.ReadAllText(path), Path.GetFileNameWithoutExtension(path));
        }
        catch (JsonException e)
        {
            throw new UsageException($"script {path}: not valid JSON: {e.Message}");
        }
    }

    public static Script Parse(string json, string fallbackName)
    {
        using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var root = doc.RootElement;
        var name = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : fallbackName;
        var description = root.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
        if (!root.TryGetProperty("conversations", out var convs) || convs.ValueKind != JsonValueKind.Array || convs.GetArrayLength() == 0)
        {
            throw new UsageException($"script \"{name}\" must have a non-empty \"conversations\" array");
        }

        var conversations = new List<IReadOnlyList<ScriptTurn>>();
        foreach (var conv in convs.EnumerateArray())
        {
            if (conv.ValueKind != JsonValueKind.Array || conv.GetArrayLength() == 0)
            {
                throw new UsageException($"script \"{name}\": every conversation must be a non-empty array of turns");
            }
            var turns = new List<ScriptTurn>();
            foreach (var t in conv.EnumerateArray())
            {
                if (t.ValueKind != JsonValueKind.Object || !t.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
                {
                    throw new UsageException($"script \"{name}\": every turn needs a \"text\" string");
                }
                turns.Add(new ScriptTurn(text.GetString()!, ReadExpect(name, t)));
            }
            conversations.Add(turns);
        }
        return new Script(name, description, conversations);
    }

    static IReadOnlyList<string> ReadExpect(string name, JsonElement turn)
    {
        if (!turn.TryGetProperty("expect", out var e)) return [];
        return e.ValueKind switch
        {
            JsonValueKind.Null => [],
            JsonValueKind.String => [e.GetString()!],
            JsonValueKind.Array when e.EnumerateArray().All(x => x.ValueKind == JsonValueKind.String) =>
                e.EnumerateArray().Select(x => x.GetString()!).ToList(),
            _ => throw new UsageException($"script \"{name}\": \"expect\" must be a string, an array of strings or null"),
        };
    }

    public int TurnCount => Conversations.Sum(c => c.Count);

    /// <summary>The script in its file format (what <c>--print-script</c> prints).</summary>
    public JsonObject ToJson() => new()
    {
        ["name"] = Name,
        ["description"] = Description,
        ["conversations"] = new JsonArray(Conversations.Select(c => (JsonNode)new JsonArray(c.Select(t => (JsonNode)new JsonObject
        {
            ["text"] = t.Text,
            ["expect"] = t.Expect.Count switch
            {
                0 => null,
                1 => JsonValue.Create(t.Expect[0]),
                _ => new JsonArray(t.Expect.Select(e => (JsonNode)JsonValue.Create(e)!).ToArray()),
            },
        }).ToArray())).ToArray()),
    };

    public static string? Resolve(string nameOrPath)
    {
        if (File.Exists(nameOrPath)) return Path.GetFullPath(nameOrPath);
        if (nameOrPath.Contains('/') || nameOrPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) return null;
        return ScriptFolders().Select(dir => Path.Combine(dir, nameOrPath + ".json")).FirstOrDefault(File.Exists);
    }

    static IEnumerable<string> KnownNames() =>
        ScriptFolders().SelectMany(dir => Directory.EnumerateFiles(dir, "*.json"))
            .Select(Path.GetFileNameWithoutExtension).OfType<string>().Distinct().Order(StringComparer.Ordinal);

    /// <summary>The repo's bench/scripts first (so a new or edited script needs no rebuild), then
    /// the copy in the output folder (a published build run elsewhere).</summary>
    static IEnumerable<string> ScriptFolders()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "bench", "scripts");
            if (Directory.Exists(candidate))
            {
                yield return candidate;
                break;
            }
        }
        var copied = Path.Combine(AppContext.BaseDirectory, "scripts");
        if (Directory.Exists(copied)) yield return copied;
    }
}
