using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportBot.Engine.Activities;
using SupportBot.Engine.Messages;
using SupportBot.Engine.Services;
using SupportBot.Engine.State;
using SupportBot.Engine.Turns;

namespace SupportBot.Channels.Line;

/// <summary>
/// The LINE Messaging API webhook (<c>POST /api/line</c>, https://developers.line.biz/en/reference/messaging-api/#webhooks).
/// The signature is checked over the exact bytes before anything is parsed; the request is answered at
/// once (LINE waits about 2 s) and its events are handled afterwards, in order, on the shared work queue
/// (drained on a graceful shutdown). The channel only translates: each event becomes an Activity
/// (a message, a non-text message with an attachment, follow → installationUpdate, join → the bot
/// added to a group; a group message that names or mentions the bot carries a mention entity) and runs
/// through the same <see cref="TurnPipeline"/> as every channel; what to say about it is the engine's
/// business. The replies are mapped to LINE messages and sent by reply token, else by push.
/// </summary>
public sealed class LineChannel(
    TurnPipeline pipeline,
    TurnQueue queue,
    IOnceStore once,
    LineReplyMapper mapper,
    LineDelivery delivery,
    LineProfiles profiles,
    PersonalData personalData,
    TimeProvider clock,
    IOptions<LineOptions> options,
    ILogger<LineChannel> log)
{
    public const string ChannelId = "line";
    private readonly LineOptions _options = options.Value;

    public bool Enabled => _options.Enabled;
    public int MaxBodyBytes => _options.MaxBodyBytes;

    /// <summary>Verifies and accepts a webhook; the events run after the response.</summary>
    public ChannelResponse Accept(ReadOnlyMemory<byte> body, string? signature)
    {
        if (!Enabled) return new ChannelResponse(404);
        // Verify the exact bytes first: nothing of an unsigned body is read or acted on.
        if (!LineSignature.IsValid(_options.ChannelSecret, body.Span, signature))
        {
            LineLog.Rejected(log, "bad or missing signature");
            return ChannelResponse.Error(401, "Unauthorized", "The X-Line-Signature does not match the body.");
        }
        LineWebhook webhook;
        try { webhook = LineWebhook.Parse(body.Span); }
        catch (JsonException)
        {
            LineLog.Rejected(log, "malformed JSON");
            return ChannelResponse.Error(400, "BadSyntax", "The body is not a LINE webhook JSON document.");
        }
        // {"events":[]} is the console's "Verify" button.
        if (webhook.Events!.Count == 0) return new ChannelResponse(200, "{}");

        var received = clock.GetUtcNow();
        if (!queue.TryEnqueue(ct => ProcessAsync(webhook, received, ct)))
        {
            LineLog.QueueFull(log);
            return ChannelResponse.Error(503, "Busy", "The bot is busy; please retry.");
        }
        return new ChannelResponse(200, "{}");
    }

    /// <summary>The events of one webhook, one after the other (LINE's order per user is kept).</summary>
    public async Task ProcessAsync(LineWebhook webhook, DateTimeOffset received, CancellationToken cancellationToken)
    {
        foreach (var ev in webhook.Events ?? [])
        {
            try { await HandleEventAsync(ev, webhook.Destination, received, cancellationToken); }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested) { LineLog.EventFailed(log, ex, ev.Type ?? "", ex.GetType().Name); }
        }
    }

    private async Task HandleEventAsync(LineEvent ev, string? destination, DateTimeOffset received, CancellationToken ct)
    {
        // In standby mode another channel (e.g. a chat module) owns the chat: stay silent.
        if (ev.Mode == "standby") return;
        if (ev.Source?.ChatId is not { Length: > 0 } chatId) { LineLog.Ignored(log, ev.Type ?? "unknown"); return; }
        if (!await FirstTimeAsync(ev, ct)) { LineLog.Duplicate(log); return; }

        var bot = new ChannelAccount { Id = _options.BotUserId is { Length: > 0 } configured ? configured : destination ?? "bot", Role = "bot" };
        switch (ev.Type)
        {
            case "message" when ev.Message?.Type == "text":
                var text = ev.Message.Text ?? "";
                var addressed = ev.Source.IsUser ? null : Addressed(ev.Message, text, bot.Id!);
                var message = Message(ev, chatId, bot, addressed ?? text, null);
                if (addressed is not null) message.AddMentionOf(bot);
                await RunTurnAsync(ev, chatId, received, message, ct);
                return;
            case "message":
                // Stickers, photos, voice, places, files: the bot reads only text; the engine says so.
                var media = Message(ev, chatId, bot, null, null);
                media.Attachments = [new Attachment { ContentType = "application/vnd.line." + ev.Message?.Type }];
                await RunTurnAsync(ev, chatId, received, media, ct);
                return;
            case "postback":
                await RunTurnAsync(ev, chatId, received, Postback(ev, chatId, bot), ct);
                return;
            case "follow":
                var added = Base(ev, chatId, bot, ActivityTypes.InstallationUpdate);
                added.Action = "add";
                await RunTurnAsync(ev, chatId, received, added, ct);
                return;
            case "join":
                // Added to a group or room: the bot itself is the member added.
                var joined = Base(ev, chatId, bot, ActivityTypes.ConversationUpdate);
                joined.MembersAdded = [new ChannelAccount { Id = bot.Id, Role = "bot" }];
                await RunTurnAsync(ev, chatId, received, joined, ct);
                return;
            case "unfollow":
                profiles.Forget(ev.Source.UserId ?? chatId);
                var userId = ev.Source.UserId ?? chatId;
                await personalData.EraseAsync(new ConversationReference(ChannelId, userId, userId, null), ct);
                return;
            default:
                LineLog.Ignored(log, ev.Type ?? "unknown");
                return;
        }
    }

    /// <summary>
    /// False for a redelivered event we already took. When the store is down the event is handled anyway:
    /// a possible duplicate beats a lost crisis reply.
    /// </summary>
    private async Task<bool> FirstTimeAsync(LineEvent ev, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(ev.WebhookEventId)) return true;
        try { return await once.TryClaimAsync("line:event:" + ev.WebhookEventId, _options.DedupeFor, ct); }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            LineLog.DedupeUnavailable(log, ex.GetType().Name);
            return true;
        }
    }

    /// <summary>
    /// In a group or room the bot answers only when addressed: a mention of the bot, or one of its
    /// names in the text. Returns the text without the mention, or null when not addressed.
    /// </summary>
    private string? Addressed(LineMessage message, string text, string botId)
    {
        var mentionees = message.Mention?.Mentionees ?? [];
        var self = mentionees.FirstOrDefault(m => m.IsSelf || (m.UserId is { Length: > 0 } id && id == botId));
        if (self is not null)
        {
            if (self.Index >= 0 && self.Length > 0 && self.Index + self.Length <= text.Length)
                text = text.Remove(self.Index, self.Length);
            return text.Trim();
        }
        foreach (var name in _options.BotNames.Where(n => !string.IsNullOrWhiteSpace(n)))
        {
            var at = text.IndexOf(name, StringComparison.OrdinalIgnoreCase);
            if (at >= 0) return text.Remove(at, name.Length).Trim().TrimStart('@', '＠', '、', ',', ' ').Trim();
        }
        return null;
    }

    private async Task RunTurnAsync(LineEvent ev, string chatId, DateTimeOffset received, Activity incoming, CancellationToken ct)
    {
        incoming.Locale = await CultureAsync(ev, ct);

        using var turnDone = new CancellationTokenSource();
        var loading = ev.Source!.IsUser && incoming.IsMessage ? ShowLoadingLaterAsync(chatId, turnDone.Token) : Task.CompletedTask;
        IReadOnlyList<Activity> replies;
        try { replies = await pipeline.RunAsync(incoming, ct); }
        finally
        {
            turnDone.Cancel();
            await loading;
        }

        // Button labels in the replies' culture (plain Japanese after a switch: 「でんわ（…）」).
        var messages = mapper.Map(replies, replies.FirstOrDefault(r => r.Locale is not null)?.Locale ?? incoming.Locale);
        if (messages.Count == 0) return;
        await delivery.SendAsync(chatId, ReplyToken(ev, received), messages, ct);
    }

    /// <summary>The reply token while it is fresh: LINE's tokens last about a minute and are single use.</summary>
    private string? ReplyToken(LineEvent ev, DateTimeOffset received) =>
        ev.ReplyToken is { Length: > 0 } token && clock.GetUtcNow() - received < _options.ReplyTokenBudget ? token : null;

    /// <summary>The loading animation once the turn takes longer than a moment (1:1 chats only; LINE offers it nowhere else).</summary>
    private async Task ShowLoadingLaterAsync(string userId, CancellationToken turnDone)
    {
        try
        {
            if (_options.LoadingAfter > TimeSpan.Zero) await Task.Delay(_options.LoadingAfter, clock, turnDone);
        }
        catch (OperationCanceledException) { return; }
        await delivery.ShowLoadingAsync(userId, 20);
    }

    private async Task<string?> CultureAsync(LineEvent ev, CancellationToken ct) =>
        ev.Source?.IsUser == true && ev.Source.UserId is { Length: > 0 } userId
            ? LineProfiles.ToLocale(await profiles.LanguageAsync(userId, ct)) ?? MessageCatalog.DefaultCulture
            : MessageCatalog.DefaultCulture;

    private Activity Base(LineEvent ev, string chatId, ChannelAccount bot, string type) => new()
    {
        Type = type,
        Id = ev.Message?.Id ?? ev.WebhookEventId ?? Guid.NewGuid().ToString("N"),
        Timestamp = ev.Timestamp > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(ev.Timestamp) : clock.GetUtcNow(),
        ChannelId = ChannelId,
        Ingress = ChannelId,
        Conversation = new ConversationAccount { Id = chatId, IsGroup = !ev.Source!.IsUser, ConversationType = ev.Source.Type ?? "user" },
        From = new ChannelAccount { Id = ev.Source.UserId ?? chatId, Role = "user" },
        Recipient = bot,
    };

    private Activity Message(LineEvent ev, string chatId, ChannelAccount bot, string? text, JsonElement? value)
    {
        var activity = Base(ev, chatId, bot, ActivityTypes.Message);
        activity.Text = text;
        activity.Value = value;
        activity.ChannelData = JsonSerializer.SerializeToElement(new JsonObject
        {
            ["line"] = new JsonObject { ["eventType"] = ev.Type, ["messageType"] = ev.Message?.Type, ["sourceType"] = ev.Source?.Type ?? "user" },
        });
        return activity;
    }

    /// <summary>
    /// A postback: <c>data</c> as the message value (the flows read a button's value as its text), and a
    /// datetime picker's <c>params.date</c> / <c>time</c> / <c>datetime</c> as the text itself, so the
    /// date recognizer reads the picked date like a typed one; all of it also in channelData.line.
    /// </summary>
    private Activity Postback(LineEvent ev, string chatId, ChannelAccount bot)
    {
        var data = ev.Postback?.Data;
        var picked = ev.Postback?.Params is { } p ? p.GetValueOrDefault("datetime") ?? p.GetValueOrDefault("date") ?? p.GetValueOrDefault("time") : null;
        var activity = Base(ev, chatId, bot, ActivityTypes.Message);
        activity.Text = picked;
        activity.Value = data is null ? null : JsonSerializer.SerializeToElement(data);
        var line = new JsonObject { ["eventType"] = "postback", ["sourceType"] = ev.Source?.Type ?? "user", ["postbackData"] = data };
        if (ev.Postback?.Params is { Count: > 0 } ps) line["params"] = new JsonObject([.. ps.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))]);
        activity.ChannelData = JsonSerializer.SerializeToElement(new JsonObject { ["line"] = line });
        return activity;
    }
}
