using System.Text.Json;
using System.Text.Json.Nodes;

namespace SupportBot.Engine.Activities;

/// <summary>
/// A hint on a question telling channels what kind of answer it wants, so they can offer a native
/// control (LINE: a date-picker quick reply) next to typed input. Carried in the reply's
/// <c>channelData</c> as <c>{"expects":"date","min":"2026-12-01","max":"2027-02-28"}</c> (dates
/// yyyy-MM-dd, Asia/Tokyo; min/max optional), which channels that do not know it simply ignore.
/// </summary>
public sealed record InputExpectation(string Kind, DateOnly? Min = null, DateOnly? Max = null)
{
    public const string Date = "date";
    public const string DateTime = "datetime";
    public const string Time = "time";

    /// <summary>Marks <paramref name="question"/> as expecting this input (other channelData fields are kept).</summary>
    public void ApplyTo(Activity question)
    {
        var data = question.ChannelData is { ValueKind: JsonValueKind.Object } existing ? JsonNode.Parse(existing.GetRawText())!.AsObject() : new JsonObject();
        data["expects"] = Kind;
        if (Min is { } min) data["min"] = min.ToString("yyyy-MM-dd");
        if (Max is { } max) data["max"] = max.ToString("yyyy-MM-dd");
        question.ChannelData = JsonSerializer.SerializeToElement(data);
    }

    /// <summary>The expectation on <paramref name="activity"/>, or null.</summary>
    public static InputExpectation? Of(Activity activity)
    {
        if (activity.ChannelData is not { ValueKind: JsonValueKind.Object } data) return null;
        if (!data.TryGetProperty("expects", out var kind) || kind.ValueKind != JsonValueKind.String) return null;
        return new InputExpectation(kind.GetString()!, ReadDate(data, "min"), ReadDate(data, "max"));
    }

    private static DateOnly? ReadDate(JsonElement data, string name) =>
        data.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && DateOnly.TryParseExact(v.GetString(), "yyyy-MM-dd", out var d) ? d : null;
}
