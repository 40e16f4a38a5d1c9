using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace SupportBot.Channels.Line;

/// <summary>What a send came to.</summary>
public enum LineSendOutcome
{
    Sent,

    /// <summary>The reply token had expired or was used (400 "Invalid reply token"): send by push instead.</summary>
    InvalidReplyToken,

    Failed,
}

/// <summary>
/// The calls the bot makes to the Messaging API (https://developers.line.biz/en/reference/messaging-api/),
/// against <see cref="LineOptions.ApiBaseUrl"/> / <see cref="LineOptions.DataApiBaseUrl"/> so a local
/// stand-in can take their place. Every call carries the channel access token as a bearer token.
/// </summary>
public sealed class LineApiClient(HttpClient http, IOptions<LineOptions> options)
{
    private readonly LineOptions _options = options.Value;

    /// <summary><c>POST /v2/bot/message/reply</c>: up to 5 messages with a single-use reply token.</summary>
    public async Task<LineSendOutcome> ReplyAsync(string replyToken, IReadOnlyList<JsonObject> messages, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["replyToken"] = replyToken, ["messages"] = Array(messages) };
        using var response = await SendAsync(HttpMethod.Post, Api("/v2/bot/message/reply"), body, null, cancellationToken);
        if (response.IsSuccessStatusCode) return LineSendOutcome.Sent;
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (text.Contains("reply token", StringComparison.OrdinalIgnoreCase)) return LineSendOutcome.InvalidReplyToken;
        }
        return LineSendOutcome.Failed;
    }

    /// <summary>
    /// <c>POST /v2/bot/message/push</c> with <c>X-Line-Retry-Key</c> (https://developers.line.biz/en/docs/messaging-api/retrying-api-request/):
    /// one key per push, reused for its retries after a 5xx or a timeout, so a retry never delivers twice;
    /// 409 means an earlier try with the key was accepted.
    /// </summary>
    public async Task<LineSendOutcome> PushAsync(string to, IReadOnlyList<JsonObject> messages, CancellationToken cancellationToken)
    {
        var retryKey = Guid.NewGuid().ToString("D");
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var body = new JsonObject { ["to"] = to, ["messages"] = Array(messages) };
                using var response = await SendAsync(HttpMethod.Post, Api("/v2/bot/message/push"), body, retryKey, cancellationToken);
                if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.Conflict) return LineSendOutcome.Sent;
                if ((int)response.StatusCode < 500 || attempt >= 3) return LineSendOutcome.Failed;
            }
            catch (Exception ex) when ((ex is HttpRequestException or TaskCanceledException) && !cancellationToken.IsCancellationRequested && attempt < 3) { }
            await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken);
        }
    }

    /// <summary><c>POST /v2/bot/chat/loading/start</c>: the "typing" animation in a 1:1 chat (5–60 s, a multiple of 5).</summary>
    public async Task StartLoadingAsync(string userId, int seconds, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["chatId"] = userId, ["loadingSeconds"] = Math.Clamp(seconds / 5 * 5, 5, 60) };
        using var _ = await SendAsync(HttpMethod.Post, Api("/v2/bot/chat/loading/start"), body, null, cancellationToken);
    }

    /// <summary><c>GET /v2/bot/profile/{userId}</c>: the user's language (e.g. <c>ja</c>, <c>en</c>), or null.</summary>
    public async Task<string?> GetLanguageAsync(string userId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, Api("/v2/bot/profile/" + Uri.EscapeDataString(userId)), null, null, cancellationToken);
        if (!response.IsSuccessStatusCode) return null;
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken));
        return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("language", out var language) && language.ValueKind == JsonValueKind.String
            ? language.GetString() : null;
    }

    /// <summary><c>POST /v2/bot/richmenu</c>: creates a rich menu, returns its id.</summary>
    public async Task<string> CreateRichMenuAsync(JsonNode definition, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, Api("/v2/bot/richmenu"), definition, null, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"Creating the rich menu failed: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("richMenuId").GetString()!;
    }

    /// <summary><c>POST {data}/v2/bot/richmenu/{id}/content</c>: the menu's image (PNG or JPEG, e.g. 2500×1686).</summary>
    public async Task UploadRichMenuImageAsync(string richMenuId, byte[] image, string contentType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Data($"/v2/bot/richmenu/{Uri.EscapeDataString(richMenuId)}/content"))
        {
            Content = new ByteArrayContent(image),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ChannelAccessToken);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"Uploading the rich menu image failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
    }

    /// <summary><c>POST /v2/bot/user/all/richmenu/{id}</c>: makes the menu every user's default.</summary>
    public async Task SetDefaultRichMenuAsync(string richMenuId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, Api($"/v2/bot/user/all/richmenu/{Uri.EscapeDataString(richMenuId)}"), null, null, cancellationToken);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"Setting the default rich menu failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri uri, JsonNode? body, string? retryKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ChannelAccessToken);
        if (retryKey is not null) request.Headers.Add("X-Line-Retry-Key", retryKey);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(JsonOut), Encoding.UTF8, "application/json");
        return await http.SendAsync(request, cancellationToken);
    }

    private static readonly JsonSerializerOptions JsonOut = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static JsonArray Array(IReadOnlyList<JsonObject> messages) => new([.. messages.Select(m => m.DeepClone())]);

    private Uri Api(string path) => new(_options.ApiBaseUrl.TrimEnd('/') + path);

    private Uri Data(string path) => new(_options.DataApiBaseUrl.TrimEnd('/') + path);
}
