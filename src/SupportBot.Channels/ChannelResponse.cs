namespace SupportBot.Channels;

/// <summary>What a channel wants the HTTP layer to answer: a status code and an optional JSON body.</summary>
public sealed record ChannelResponse(int StatusCode, string? Json = null)
{
    public static ChannelResponse Error(int statusCode, string code, string message) =>
        new(statusCode, System.Text.Json.JsonSerializer.Serialize(new { error = new { code, message } }));
}
