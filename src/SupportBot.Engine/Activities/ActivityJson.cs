using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportBot.Engine.Activities;

/// <summary>The JSON settings of the wire protocol: camelCase, nulls left out, Japanese kept readable.</summary>
public static class ActivityJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // Activities are JSON payloads, not HTML: keep Japanese as-is instead of \uXXXX escapes.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public static string Serialize(Activity activity) => JsonSerializer.Serialize(activity, Options);

    public static Activity? Deserialize(ReadOnlySpan<byte> utf8) => JsonSerializer.Deserialize<Activity>(utf8, Options);

    public static Activity? Deserialize(string json) => JsonSerializer.Deserialize<Activity>(json, Options);
}
