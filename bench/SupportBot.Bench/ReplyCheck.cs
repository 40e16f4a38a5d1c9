using System.Text;
using System.Text.Json;

namespace SupportBot.Bench;

/// <summary>Why a turn failed. <see cref="Kind"/> is a short stable key counted in
/// <c>error_kinds</c> (the same keys as the peer loadgen).</summary>
public sealed record TurnFailure(string Kind, string Detail);

/// <summary>Decides whether the bot's HTTP answer to one turn is a correct expectReplies answer.</summary>
public static class ReplyCheck
{
    /// <summary>Null when the answer is good. Checks: HTTP 200, a JSON body with a non-empty
    /// <c>activities</c> array, no error trace (the SDKs' <c>TurnError</c> trace), every reply in
    /// the same conversation, and, when <paramref name="checkText"/>, one message whose text
    /// contains one of the turn's expected strings.</summary>
    public static TurnFailure? Verify(int status, ReadOnlyMemory<byte> body, ScriptTurn turn, string conversationId, bool checkText)
    {
        if (status != 200) return new("http_status", $"HTTP {status}: {Snippet(body.Span)}");

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return new("bad_json", $"body is not JSON: {Snippet(body.Span)}");
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object
                || !doc.RootElement.TryGetProperty("activities", out var activities)
                || activities.ValueKind != JsonValueKind.Array
                || activities.GetArrayLength() == 0)
            {
                return new("no_activities", $"no activities in body: {Snippet(body.Span)}");
            }

            var texts = new List<string>();
            foreach (var a in activities.EnumerateArray())
            {
                if (a.ValueKind != JsonValueKind.Object) continue;
                var type = StringOf(a, "type");
                if (type == "trace" && (StringOf(a, "label") == "TurnError"
                    || (StringOf(a, "valueType") ?? "").Contains("error", StringComparison.OrdinalIgnoreCase)))
                {
                    return new("bot_turn_error", $"bot reported a turn error: {Snippet(a.GetRawText())}");
                }
                if (a.TryGetProperty("conversation", out var conv) && conv.ValueKind == JsonValueKind.Object
                    && conv.TryGetProperty("id", out var id) && !(id.ValueKind == JsonValueKind.String && id.GetString() == conversationId))
                {
                    return new("conversation_mismatch", $"reply for conversation {id.GetRawText()}, expected {conversationId}");
                }
                if (type == "message") texts.Add(StringOf(a, "text") ?? "");
            }

            if (checkText && turn.Expect.Count > 0)
            {
                var joined = string.Join('\n', texts);
                if (!turn.Expect.Any(e => joined.Contains(e, StringComparison.Ordinal)))
                {
                    return new("text_mismatch",
                        $"sent \"{turn.Text}\", expected a reply containing {JsonSerializer.Serialize(turn.Expect, Json.Relaxed)}, got {Snippet(JsonSerializer.Serialize(texts, Json.Relaxed))}");
                }
            }
            return null;
        }
    }

    static string? StringOf(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    static string Snippet(ReadOnlySpan<byte> body) => Snippet(Encoding.UTF8.GetString(body[..Math.Min(body.Length, 600)]));

    static string Snippet(string s) => s.Length <= 300 ? s : s[..300] + "…";
}
