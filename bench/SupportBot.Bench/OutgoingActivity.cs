using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SupportBot.Bench;

/// <summary>Writes the user's message Activity as UTF-8 JSON, the shape a Direct Line / Emulator
/// client posts to <c>/api/messages</c>, with <c>deliveryMode: "expectReplies"</c> so the bot
/// answers in the HTTP body and never calls <c>serviceUrl</c>.</summary>
public sealed class OutgoingActivity(BenchOptions options, TimeProvider clock)
{
    // Japanese goes out as raw UTF-8 (as JSON.stringify does), not as \uXXXX escapes, so the
    // request bytes match what the peer's loadgen and real channels send.
    static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    public byte[] Build(string userId, string userName, string conversationId, string text)
    {
        var now = clock.GetUtcNow();
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("type", "message");
            w.WriteString("id", Guid.NewGuid().ToString("N"));
            w.WriteString("timestamp", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"));
            // The user's local time is Tokyo: what a resident's client would send.
            w.WriteString("localTimestamp", TimeZoneInfo.ConvertTime(now, Tokyo).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz"));
            w.WriteString("channelId", options.ChannelId);
            w.WriteString("serviceUrl", options.ServiceUrl);
            w.WriteString("deliveryMode", "expectReplies");
            w.WriteStartObject("from");
            w.WriteString("id", userId);
            w.WriteString("name", userName);
            w.WriteString("role", "user");
            w.WriteEndObject();
            w.WriteStartObject("recipient");
            w.WriteString("id", options.BotId);
            w.WriteString("name", "Bot");
            w.WriteString("role", "bot");
            w.WriteEndObject();
            w.WriteStartObject("conversation");
            w.WriteString("id", conversationId);
            w.WriteEndObject();
            w.WriteString("locale", options.Locale);
            w.WriteString("textFormat", "plain");
            w.WriteString("text", text);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
