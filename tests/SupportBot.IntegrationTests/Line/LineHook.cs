using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SupportBot.Channels.Line;
using SupportBot.IntegrationTests.Support;

namespace SupportBot.IntegrationTests.Line;

/// <summary>The bot app wired to a LINE stand-in, and webhook requests signed over their exact bytes.</summary>
public sealed class LineHook : IAsyncDisposable
{
    public const string Secret = "test-channel-secret-0123456789ab";
    public const string BotUserId = "Ubot00000000000000000000000000000";

    public required LineApiStandIn Api { get; init; }
    public required BotApp App { get; init; }
    public required HttpClient Client { get; init; }

    public static async Task<LineHook> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var api = await LineApiStandIn.StartAsync();
        var all = new Dictionary<string, string?>
        {
            ["Line:ChannelSecret"] = Secret,
            ["Line:ChannelAccessToken"] = LineApiStandIn.AccessToken,
            ["Line:ApiBaseUrl"] = api.BaseUrl,
            ["Line:DataApiBaseUrl"] = api.BaseUrl,
            ["Line:BotNames:0"] = "スマイル",
        };
        foreach (var (k, v) in settings ?? []) all[k] = v;
        var app = new BotApp(all);
        return new LineHook { Api = api, App = app, Client = app.CreateClient() };
    }

    /// <summary>POSTs <paramref name="bytes"/> as they are, with the signature of exactly these bytes (or the one given).</summary>
    public Task<HttpResponseMessage> PostAsync(byte[] bytes, string? signature = null, bool sign = true)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/line") { Content = content };
        if (sign) request.Headers.TryAddWithoutValidation("X-Line-Signature", signature ?? LineSignature.Compute(Secret, bytes));
        return Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostEventsAsync(params object[] events) =>
        PostAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { destination = BotUserId, events })));

    public static object Source(string userId) => new { type = "user", userId };

    public static object GroupSource(string groupId, string userId) => new { type = "group", groupId, userId };

    public object Text(string userId, string text, string? eventId = null, bool redelivery = false, object? source = null, object? mention = null, string? replyToken = null) =>
        Event("message", userId, source, eventId, redelivery, replyToken ?? Api.NewReplyToken(ChatOf(source, userId)),
            ("message", mention is null
                ? new { id = NewEventId(), type = "text", quoteToken = "q", text }
                : new { id = NewEventId(), type = "text", quoteToken = "q", text, mention }));

    public object Media(string userId, string type) =>
        Event("message", userId, null, null, false, Api.NewReplyToken(userId),
            ("message", new { id = NewEventId(), type, stickerId = "52002734", packageId = "11537" }));

    public object Simple(string type, string userId, bool withToken = true, object? source = null) =>
        Event(type, userId, source, null, false, withToken ? Api.NewReplyToken(ChatOf(source, userId)) : null);

    public object Postback(string userId, string data, object? @params = null) =>
        Event("postback", userId, null, null, false, Api.NewReplyToken(userId),
            ("postback", @params is null ? new { data } : new { data, @params }));

    /// <summary>A webhook event as LINE sends it: the common envelope, then what its type carries.</summary>
    private static Dictionary<string, object?> Event(string type, string userId, object? source, string? eventId, bool redelivery, string? replyToken,
        params (string Name, object Value)[] body)
    {
        var e = new Dictionary<string, object?>
        {
            ["type"] = type,
            ["mode"] = "active",
            ["timestamp"] = 1764300000000,
            ["source"] = source ?? Source(userId),
            ["webhookEventId"] = eventId ?? NewEventId(),
            ["deliveryContext"] = new { isRedelivery = redelivery },
            ["replyToken"] = replyToken,
        };
        foreach (var (name, value) in body) e[name] = value;
        return e;
    }

    private static string ChatOf(object? source, string userId) =>
        source is null ? userId : JsonSerializer.SerializeToElement(source) is var s && s.TryGetProperty("groupId", out var g) ? g.GetString()! : userId;

    public static string NewEventId() => "01" + Guid.NewGuid().ToString("N")[..24].ToUpperInvariant();

    public static string NewUserId() => "U" + Guid.NewGuid().ToString("N");

    public IReadOnlyList<string> TextsTo(string to) =>
        Api.MessagesTo(to).Where(m => m.GetProperty("type").GetString() == "text").Select(m => m.GetProperty("text").GetString()!).ToList();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
        await Api.DisposeAsync();
    }
}
