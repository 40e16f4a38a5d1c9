using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SupportBot.IntegrationTests.Support;

namespace SupportBot.IntegrationTests.Line;

/// <summary>
/// A local stand-in for the LINE Messaging API (and its data API) on a loopback Kestrel port. It
/// checks what the real API checks — the bearer token, at most 5 messages, text ≤ 5000 UTF-16 units,
/// quick reply ≤ 13 items, labels ≤ 20, altText on Flex, a UUID X-Line-Retry-Key on push (a reused key
/// → 409), reply tokens single use (reuse or unknown → 400 "Invalid reply token"), loading seconds —
/// records every call, and keeps every violation in <see cref="Violations"/>.
/// </summary>
public sealed class LineApiStandIn : LoopbackServer
{
    public const string AccessToken = "test-access-token";
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly ConcurrentDictionary<string, bool> _replyTokens = new();
    private readonly ConcurrentDictionary<string, bool> _retryKeys = new();

    public ConcurrentQueue<LineCall> Calls { get; } = new();
    public ConcurrentQueue<string> Violations { get; } = new();
    public ConcurrentDictionary<string, string> Languages { get; } = new();

    /// <summary>Reply tokens that expire (the API answers "Invalid reply token" even on first use).</summary>
    public ConcurrentDictionary<string, bool> ExpiredTokens { get; } = new();

    private LineApiStandIn() { }

    public static Task<LineApiStandIn> StartAsync() => StartAsync(new LineApiStandIn());

    /// <summary>A fresh reply token, as LINE puts in each webhook event.</summary>
    public string NewReplyToken()
    {
        var token = Guid.NewGuid().ToString("N");
        _replyTokens[token] = false;
        return token;
    }

    /// <summary>The messages delivered to <paramref name="to"/> (by reply to its tokens or by push), in order.</summary>
    public IReadOnlyList<JsonElement> MessagesTo(string to) =>
        Calls.Where(c => c.Accepted && (c.To == to)).SelectMany(c => c.Messages).ToList();

    public IReadOnlyList<LineCall> Of(string kind) => Calls.Where(c => c.Kind == kind).ToList();

    /// <summary>Waits until <paramref name="done"/> holds (checked on each call that arrives; a timeout, not a sleep).</summary>
    public async Task WaitUntilAsync(Func<LineApiStandIn, bool> done, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        while (!done(this))
        {
            try { await _arrived.WaitAsync(cts.Token); }
            catch (OperationCanceledException) { throw new TimeoutException($"The LINE stand-in did not see what the test waited for. Calls: {string.Join(" | ", Calls.Select(c => c.Kind + " " + c.Body))}"); }
        }
    }

    public Task WaitForMessagesAsync(string to, int count) => WaitUntilAsync(s => s.MessagesTo(to).Count >= count);

    private readonly ConcurrentDictionary<string, string> _replyTokenOwners = new();

    /// <summary>Binds a reply token to a chat, so replies are attributed to whom they went.</summary>
    public string NewReplyToken(string chatId)
    {
        var token = NewReplyToken();
        _replyTokenOwners[token] = chatId;
        return token;
    }

    protected override async Task HandleAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "";
        using var reader = new StreamReader(http.Request.Body);
        var bodyText = await reader.ReadToEndAsync();
        var status = 200;
        object? answer = new { };
        var call = new LineCall(http.Request.Method, path, bodyText, http.Request.Headers["X-Line-Retry-Key"].ToString(), http.Request.ContentType ?? "");
        try
        {
            if (http.Request.Headers.Authorization.ToString() != "Bearer " + AccessToken)
            {
                Violation(call, "missing or wrong bearer token");
                (status, answer) = (401, new { message = "Authentication failed" });
            }
            else if (path == "/v2/bot/message/reply")
            {
                call.Kind = "reply";
                var body = JsonDocument.Parse(bodyText).RootElement;
                var token = body.GetProperty("replyToken").GetString() ?? "";
                call.Messages = CheckMessages(call, body);
                if (!_replyTokens.TryGetValue(token, out var used) || used || ExpiredTokens.ContainsKey(token))
                    (status, answer) = (400, new { message = "Invalid reply token" });
                else
                {
                    _replyTokens[token] = true;
                    call.To = _replyTokenOwners.GetValueOrDefault(token);
                }
            }
            else if (path == "/v2/bot/message/push")
            {
                call.Kind = "push";
                var body = JsonDocument.Parse(bodyText).RootElement;
                call.To = body.GetProperty("to").GetString();
                call.Messages = CheckMessages(call, body);
                if (!Guid.TryParseExact(call.RetryKey, "D", out _)) Violation(call, "X-Line-Retry-Key is not a UUID");
                if (!_retryKeys.TryAdd(call.RetryKey, true)) (status, answer) = (409, new { message = "The retry key is already accepted" });
            }
            else if (path == "/v2/bot/chat/loading/start")
            {
                call.Kind = "loading";
                var body = JsonDocument.Parse(bodyText).RootElement;
                call.To = body.GetProperty("chatId").GetString();
                var seconds = body.TryGetProperty("loadingSeconds", out var s) ? s.GetInt32() : 20;
                if (seconds < 5 || seconds > 60 || seconds % 5 != 0) Violation(call, "loadingSeconds must be 5..60 in steps of 5");
                if (call.To is null || !call.To.StartsWith('U')) Violation(call, "loading animation only for user ids");
                status = 202;
            }
            else if (path.StartsWith("/v2/bot/profile/") && http.Request.Method == "GET")
            {
                call.Kind = "profile";
                var userId = path["/v2/bot/profile/".Length..];
                answer = new { userId, displayName = "テスト利用者", language = Languages.GetValueOrDefault(userId, "ja") };
            }
            else if (path == "/v2/bot/richmenu")
            {
                call.Kind = "richmenu.create";
                var body = JsonDocument.Parse(bodyText).RootElement;
                var size = body.GetProperty("size");
                if (size.GetProperty("width").GetInt32() != 2500 || size.GetProperty("height").GetInt32() is not (1686 or 843)) Violation(call, "rich menu size");
                var areas = body.GetProperty("areas");
                if (areas.GetArrayLength() is < 1 or > 20) Violation(call, "rich menu areas 1..20");
                if (body.GetProperty("chatBarText").GetString()!.Length > 14) Violation(call, "chatBarText > 14");
                foreach (var area in areas.EnumerateArray()) CheckAction(call, area.GetProperty("action"));
                answer = new { richMenuId = "richmenu-0001" };
            }
            else if (path.StartsWith("/v2/bot/richmenu/") && path.EndsWith("/content"))
            {
                call.Kind = "richmenu.image";
                if (call.ContentType is not ("image/png" or "image/jpeg")) Violation(call, "image content type");
                if (http.Request.ContentLength is null or > 1024 * 1024) Violation(call, "image larger than 1 MB");
            }
            else if (path.StartsWith("/v2/bot/user/all/richmenu/"))
            {
                call.Kind = "richmenu.default";
            }
            else
            {
                call.Kind = "unknown";
                (status, answer) = (404, new { message = "Not found" });
            }
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            Violation(call, "malformed request: " + ex.Message);
            (status, answer) = (400, new { message = "The request body has 1 error(s)" });
        }
        if (call.Violations.Count > 0 && status == 200) (status, answer) = (400, new { message = "The request body has errors", details = call.Violations });
        call.Status = status;
        Calls.Enqueue(call);
        _arrived.Release();
        http.Response.StatusCode = status;
        await http.Response.WriteAsJsonAsync(answer);
    }

    private List<JsonElement> CheckMessages(LineCall call, JsonElement body)
    {
        var messages = body.GetProperty("messages").EnumerateArray().Select(m => m.Clone()).ToList();
        if (messages.Count is < 1 or > 5) Violation(call, $"{messages.Count} messages (1..5 allowed)");
        for (var i = 0; i < messages.Count; i++)
        {
            var m = messages[i];
            switch (m.GetProperty("type").GetString())
            {
                case "text":
                    var text = m.GetProperty("text").GetString() ?? "";
                    if (text.Length is < 1 or > 5000) Violation(call, $"text of {text.Length} UTF-16 units");
                    break;
                case "flex":
                    if (!m.TryGetProperty("altText", out var alt) || alt.GetString() is not { Length: > 0 and <= 400 }) Violation(call, "flex altText missing or > 400");
                    var contents = m.GetProperty("contents");
                    var bubbles = contents.GetProperty("type").GetString() == "carousel" ? contents.GetProperty("contents").EnumerateArray().ToList() : [contents];
                    if (bubbles.Count > 12) Violation(call, "carousel > 12 bubbles");
                    foreach (var button in bubbles.SelectMany(b => b.GetProperty("body").GetProperty("contents").EnumerateArray()))
                        CheckAction(call, button.GetProperty("action"));
                    break;
                default:
                    Violation(call, "unexpected message type " + m.GetProperty("type").GetString());
                    break;
            }
            if (m.TryGetProperty("quickReply", out var quick))
            {
                if (i != messages.Count - 1) call.Notes.Add("quick reply on a message that is not the last");
                var items = quick.GetProperty("items").EnumerateArray().ToList();
                if (items.Count is < 1 or > 13) Violation(call, $"quick reply with {items.Count} items");
                foreach (var item in items)
                {
                    if (item.GetProperty("type").GetString() != "action") Violation(call, "quick reply item type");
                    CheckAction(call, item.GetProperty("action"));
                }
            }
        }
        return messages;
    }

    private void CheckAction(LineCall call, JsonElement action)
    {
        var type = action.GetProperty("type").GetString();
        var label = action.TryGetProperty("label", out var l) ? l.GetString() ?? "" : "";
        if (label.Length is < 1 or > 20) Violation(call, $"action label of {label.Length} characters");
        switch (type)
        {
            case "message":
                if (action.GetProperty("text").GetString() is not { Length: > 0 and <= 300 }) Violation(call, "message action text");
                break;
            case "postback":
                if (action.GetProperty("data").GetString() is not { Length: > 0 and <= 300 }) Violation(call, "postback data");
                break;
            case "uri":
                var uri = action.GetProperty("uri").GetString() ?? "";
                if (!(uri.StartsWith("tel:") || uri.StartsWith("https://") || uri.StartsWith("http://"))) Violation(call, "uri scheme");
                if (uri.StartsWith("tel:") && uri.Contains('-')) call.Notes.Add("tel uri with hyphens");
                break;
            case "datetimepicker":
                var mode = action.GetProperty("mode").GetString();
                if (mode is not ("date" or "time" or "datetime")) Violation(call, "datetimepicker mode");
                if (mode == "date")
                {
                    var min = DateOnly.ParseExact(action.GetProperty("min").GetString()!, "yyyy-MM-dd");
                    var max = DateOnly.ParseExact(action.GetProperty("max").GetString()!, "yyyy-MM-dd");
                    if (max <= min) Violation(call, "datetimepicker max must be after min");
                }
                break;
            default:
                Violation(call, "action type " + type);
                break;
        }
    }

    private void Violation(LineCall call, string what)
    {
        call.Violations.Add(what);
        Violations.Enqueue(call.Path + ": " + what);
    }
}

public sealed class LineCall(string method, string path, string body, string retryKey, string contentType)
{
    public string Method { get; } = method;
    public string Path { get; } = path;
    public string Body { get; } = body;
    public string RetryKey { get; } = retryKey;
    public string ContentType { get; } = contentType;
    public string Kind { get; set; } = "";
    public string? To { get; set; }
    public int Status { get; set; }
    public bool Accepted => Status is >= 200 and < 300;
    public List<JsonElement> Messages { get; set; } = [];
    public List<string> Violations { get; } = [];
    public List<string> Notes { get; } = [];
}
