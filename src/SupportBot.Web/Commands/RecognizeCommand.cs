using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using SupportBot.Engine.Messages;
using SupportBot.Engine.Safety;
using SupportBot.Engine.Understanding;
using SupportBot.Language.DateTimeRecognition;
using SupportBot.Language.Normalization;
using SupportBot.Web.Composition;

namespace SupportBot.Web.Commands;

/// <summary>
/// <c>recognize</c>: JSON lines in, JSON lines out, so staff and test sets can see what the bot understands.
/// In: <c>{"text": "...", "now": "2026-04-08T11:00:00+09:00"}</c> (now optional: the current time; without an
/// offset it is Japan time). Out, one line per input: the text, its normalized form, the date/time results in
/// the Recognizers-Text model shape, the compact reading, the top 3 intents (ja-JP) and the crisis flag.
/// A line that is not valid JSON gives a line with an "error" field and the run goes on.
/// </summary>
internal static class RecognizeCommand
{
    private const int TopIntents = 3;
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    // Japanese stays readable in the output (no \uXXXX escapes); the JSON is still valid.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The process entry: UTF-8 both ways, output flushed per line only when someone is typing.</summary>
    public static int RunConsole()
    {
        Console.InputEncoding = new UTF8Encoding(false);
        using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16)
        {
            AutoFlush = !Console.IsInputRedirected,
        };
        return Run(Console.In, stdout);
    }

    /// <summary>Reads until the end of <paramref name="input"/>, with the intents and the clock of the app.</summary>
    public static int Run(TextReader input, TextWriter output)
    {
        var locales = new SupportBot.Engine.Content.ContentOptions().LocalesFolder;
        return Run(input, output, IntentRecognizer.Load(locales), SafetyDetector.Load(locales), TimeProvider.System);
    }

    public static int Run(TextReader input, TextWriter output, IIntentRecognizer intents, ICrisisDetector crisis, TimeProvider clock)
    {
        var buffer = new MemoryStream();
        using var json = new Utf8JsonWriter(buffer, WriterOptions);
        while (input.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            buffer.SetLength(0);
            json.Reset();
            var (text, now, error) = Parse(line, clock);
            if (error is not null) WriteError(json, error);
            else WriteResult(json, text!, now, intents, crisis);
            json.Flush();
            output.WriteLine(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        }
        output.Flush();
        return 0;
    }

    private static (string? Text, DateTimeOffset Now, string? Error) Parse(string line, TimeProvider clock)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(line); }
        catch (JsonException ex) { return (null, default, "not valid JSON: " + ex.Message); }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (null, default, "expected an object like {\"text\": \"...\"}");
            if (!root.TryGetProperty("text", out var t) || t.ValueKind != JsonValueKind.String)
                return (null, default, "\"text\" (a string) is required");
            var now = clock.GetUtcNow();
            if (root.TryGetProperty("now", out var n) && n.ValueKind != JsonValueKind.Null)
            {
                if (n.ValueKind != JsonValueKind.String || ParseNow(n.GetString()!) is not { } parsed)
                    return (null, default, "\"now\" must be an ISO 8601 date-time such as 2026-04-08T11:00:00+09:00");
                now = parsed;
            }
            return (t.GetString()!, now, null);
        }
    }

    /// <summary>An ISO date-time; one without an offset is Japan time.</summary>
    private static DateTimeOffset? ParseNow(string s)
    {
        if (!DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var local)) return null;
        if (local.Kind == DateTimeKind.Unspecified)
            return new DateTimeOffset(local, Tokyo.GetUtcOffset(local));
        return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset) ? withOffset : null;
    }

    private static void WriteError(Utf8JsonWriter json, string error)
    {
        json.WriteStartObject();
        json.WriteString("error", error);
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, string text, DateTimeOffset now, IIntentRecognizer intents, ICrisisDetector crisis)
    {
        var normalized = TextNormalizer.Normalize(text, NormalizationOptions.ForDateTime);
        var mentions = DateTimeRecognizer.Recognize(normalized, TimeZoneInfo.ConvertTime(now, Tokyo).DateTime);

        json.WriteStartObject();
        json.WriteString("text", text);
        json.WriteString("normalized", normalized.Text);
        json.WriteStartArray("dateTimes");
        foreach (var m in mentions)
        {
            json.WriteStartObject();
            json.WriteString("text", m.Text);
            json.WriteNumber("start", m.Start);
            json.WriteNumber("end", m.End);
            json.WriteString("typeName", m.TypeName);
            json.WriteStartObject("resolution");
            json.WriteStartArray("values");
            foreach (var value in m.Resolution.Values)
            {
                json.WriteStartObject();
                foreach (var (k, v) in value) json.WriteString(k, v);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteString("resolved", BookingReading.Compact(mentions.Select(m => m.Reading)));
        json.WriteStartArray("intents");
        foreach (var s in intents.Recognize(text, MessageCatalog.DefaultCulture).Take(TopIntents))
        {
            json.WriteStartObject();
            json.WriteString("name", s.Name);
            json.WriteNumber("score", Math.Round(s.Score, 4));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        var safety = crisis.Assess(text);
        json.WriteBoolean("crisis", safety.IsCrisis);
        json.WriteString("tier", safety.Tier);
        // The cue ids say which lexicon rule or model reading decided (never the text): what an engineer needs
        // to trace a wrong tier.
        if (safety.IsCrisis || safety.IsConcern)
        {
            json.WriteString("category", safety.Category);
            json.WriteStartArray("cues");
            foreach (var cue in safety.Cues) json.WriteStringValue(cue);
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }
}
