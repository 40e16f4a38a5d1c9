using System.Net;
using System.Text;
using System.Text.Json;
using SupportBot.Channels.Line;
using SupportBot.IntegrationTests.Support;

namespace SupportBot.IntegrationTests.Line;

/// <summary>The LINE webhook through the real HTTP pipeline against the LINE API stand-in.</summary>
public sealed class LineWebhookTests
{
    [Fact]
    public async Task A_signed_text_with_japanese_and_emoji_is_answered_by_reply_within_the_limits()
    {
        await using var line = await LineHook.StartAsync();
        var user = LineHook.NewUserId();
        // Hand-written bytes (emoji left unescaped, odd spacing): the signature must be over exactly these.
        var json = $$$"""{"destination":"{{{LineHook.BotUserId}}}","events":[ {"type":"message","mode":"active","timestamp":1764300000000,"source":{"type":"user","userId":"{{{user}}}"},"webhookEventId":"{{{LineHook.NewEventId()}}}","deliveryContext":{"isRedelivery":false},"replyToken":"{{{line.Api.NewReplyToken(user)}}}","message":{"id":"1","type":"text","text":"開所時間は？😊"}} ]}""";
        var response = await line.PostAsync(Encoding.UTF8.GetBytes(json));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        await line.Api.WaitForMessagesAsync(user, 1);
        Assert.Contains(line.TextsTo(user), t => t.Contains("10:00"));
        Assert.Single(line.Api.Of("reply"));
        Assert.Empty(line.Api.Of("push"));
        Assert.Empty(line.Api.Violations);
    }

    [Fact]
    public async Task A_bad_or_missing_signature_is_401_and_nothing_is_sent()
    {
        await using var line = await LineHook.StartAsync();
        var user = LineHook.NewUserId();
        var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { destination = LineHook.BotUserId, events = new[] { line.Text(user, "こんにちは") } }));

        Assert.Equal(HttpStatusCode.Unauthorized, (await line.PostAsync(bytes, sign: false)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await line.PostAsync(bytes, signature: LineSignature.Compute("another-secret", bytes))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await line.PostAsync(bytes, signature: "not base64 !!")).StatusCode);
        // One byte changed after signing (a re-serialisation would do the same).
        var signature = LineSignature.Compute(LineHook.Secret, bytes);
        var tampered = (byte[])bytes.Clone();
        tampered[^3] ^= 1;
        Assert.Equal(HttpStatusCode.Unauthorized, (await line.PostAsync(tampered, signature)).StatusCode);

        // A valid request afterwards is the only one answered: the rejected ones left no trace.
        var other = LineHook.NewUserId();
        Assert.Equal(HttpStatusCode.OK, (await line.PostEventsAsync(line.Text(other, "こんにちは"))).StatusCode);
        await line.Api.WaitForMessagesAsync(other, 1);
        Assert.Empty(line.Api.MessagesTo(user));
        Assert.Single(line.Api.Calls, c => c.Kind is "reply" or "push");
    }

    [Fact]
    public async Task Malformed_json_with_a_valid_signature_is_400_too_large_is_413_and_the_verify_ping_is_200()
    {
        await using var line = await LineHook.StartAsync(new() { ["Line:MaxBodyBytes"] = "2048" });
        Assert.Equal(HttpStatusCode.BadRequest, (await line.PostAsync(Encoding.UTF8.GetBytes("{\"events\":[{"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await line.PostAsync(Encoding.UTF8.GetBytes("[1,2,3]"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await line.PostAsync(Encoding.UTF8.GetBytes("{\"events\":\"no\"}"))).StatusCode);

        var big = Encoding.UTF8.GetBytes("{\"events\":[],\"pad\":\"" + new string('あ', 1000) + "\"}");
        Assert.True(big.Length > 2048);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await line.PostAsync(big)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await line.PostAsync(Encoding.UTF8.GetBytes("{\"events\":[]}"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await line.PostAsync(Encoding.UTF8.GetBytes("{\"destination\":\"Uxxx\",\"events\":[]}"))).StatusCode);
        Assert.Empty(line.Api.Calls);
    }

    [Fact]
    public async Task Without_a_channel_secret_the_webhook_is_404_and_the_bot_still_runs()
    {
        using var app = new BotApp();
        var client = app.CreateClient();
        var response = await client.PostAsync("/api/line", new StringContent("{\"events\":[]}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task A_redelivered_event_gets_no_second_reply()
    {
        await using var line = await LineHook.StartAsync();
        var user = LineHook.NewUserId();
        var id = LineHook.NewEventId();
        await line.PostEventsAsync(line.Text(user, "開所時間は？", eventId: id));
        await line.Api.WaitForMessagesAsync(user, 1);
        var first = line.Api.MessagesTo(user).Count;

        // LINE redelivers the same event (same webhookEventId, isRedelivery true), then a new one follows in the same request.
        await line.PostEventsAsync(line.Text(user, "開所時間は？", eventId: id, redelivery: true), line.Text(user, "ありがとう"));
        await line.Api.WaitUntilAsync(s => line.TextsTo(user).Any(t => t.Contains("どういたしまして")));
        Assert.Equal(first + 1, line.Api.MessagesTo(user).Count);
        Assert.Equal(2, line.Api.Of("reply").Count);
        Assert.Empty(line.Api.Violations);
    }

    [Fact]
    public async Task A_used_reply_token_falls_back_to_push_with_a_retry_key_and_is_counted()
    {
        await using var line = await LineHook.StartAsync();
        var user = LineHook.NewUserId();
        var token = line.Api.NewReplyToken(user);
        await line.PostEventsAsync(line.Text(user, "開所時間は？", replyToken: token));
        await line.Api.WaitForMessagesAsync(user, 1);

        // A second event carrying the same (now used) token: the reply API refuses it, the bot pushes.
        // A third event in the same request (handled after it) marks when the push has been counted.
        var metrics = (LineMetrics)line.App.Services.GetService(typeof(LineMetrics))!;
        var before = metrics.PushTotal;
        await line.PostEventsAsync(line.Text(user, "ありがとう", replyToken: token), line.Text(user, "開所時間は？"));
        await line.Api.WaitUntilAsync(s => s.Of("reply").Count(c => c.Accepted) == 2);
        var push = Assert.Single(line.Api.Of("push"));
        Assert.Equal(user, push.To);
        Assert.True(Guid.TryParseExact(push.RetryKey, "D", out _));
        Assert.Contains(line.Api.Of("reply"), c => c.Status == 400);
        Assert.Contains(push.Messages, m => m.GetProperty("text").GetString()!.Contains("どういたしまして"));
        Assert.Equal(before + push.Messages.Count, metrics.PushTotal);
        Assert.Empty(line.Api.Violations);
    }

    [Fact]
    public async Task An_expired_reply_token_is_not_used_and_the_reply_goes_by_push()
    {
        await using var line = await LineHook.StartAsync(new() { ["Line:ReplyTokenBudget"] = "00:00:00" });
        var user = LineHook.NewUserId();
        await line.PostEventsAsync(line.Text(user, "開所時間は？"));
        await line.Api.WaitForMessagesAsync(user, 1);
        Assert.Empty(line.Api.Of("reply"));
        Assert.NotEmpty(line.Api.Of("push"));
        Assert.Empty(line.Api.Violations);
    }

    [Fact]
    public async Task Follow_gets_the_welcome_the_privacy_note_and_the_menu_as_quick_reply()
    {
        await using var line = await LineHook.StartAsync(new() { ["Clock:Now"] = "2026-11-24T14:00:00+09:00" }); // a Tuesday, open
        var user = LineHook.NewUserId();
        await line.PostEventsAsync(line.Simple("follow", user));
        await line.Api.WaitForMessagesAsync(user, 3);
        var messages = line.Api.MessagesTo(user);
        var texts = line.TextsTo(user);
        Assert.StartsWith("こんにちは", texts[0]);
        Assert.Contains("ブロックすると", texts[1]);
        Assert.Contains("ご用件をお選びください", texts[2]);
        var items = messages[^1].GetProperty("quickReply").GetProperty("items").EnumerateArray().Select(i => i.GetProperty("action").GetProperty("label").GetString()).ToList();
        Assert.Equal(["よくある質問", "相談の予約", "ピアサポート", "緊急の連絡先", "スタッフと話す", "やさしい にほんご"], items);
        Assert.Empty(line.Api.Violations);
    }

    [Fact]
    public async Task Following_at_two_in_the_morning_says_good_evening_when_the_office_opens_and_the_24_hour_line()
    {
        await using var line = await LineHook.StartAsync(new() { ["Clock:Now"] = "2026-11-28T02:00:00+09:00" }); // a Saturday night
        var user = LineHook.NewUserId();
        await line.PostEventsAsync(line.Simple("follow", user));
        await line.Api.WaitForMessagesAsync(user, 4);
        var texts = line.TextsTo(user);
        Assert.StartsWith("こんばんは。", texts[0]);
        var afterHours = Assert.Single(texts, t => t.Contains("次の開所は11月30日（月）10:00"));
        Assert.Contains("24時間つながる 0465-71-0189", afterHours);
        Assert.Contains("ご用件をお選びください", texts[^1]);
        Assert.Empty(line.Api.Violations);
    }

    [Theory]
    [InlineData("sticker")]
    [InlineData("image")]
    [InlineData("audio")]
    [InlineData("video")]
    [InlineData("location")]
    [InlineData("file")]
    public async Task A_sticker_or_media_gets_a_kind_request_for_text_and_the_menu(string type)
    {
        await using var line = await LineHook.StartAsync();
        var user = LineHook.NewUserId();
        await line.PostEventsAsync(line.Media(user, type));
        await line.Api.WaitForMessagesAsync(user, 2);
        var texts = line.TextsTo(user);
        Assert.Contains("文字で送っていただく", texts[0]);
        Assert.Contains("ご用件をお選びください", texts[^1]);
        Assert.True(line.Api.MessagesTo(user)[^1].TryGetProperty("quickReply", out _));
        Assert.Empty(line.Api.Violations);
    }

    [Fact]
    public async Task Unknown_events_are_ignored_and_the_next_event_is_still_handled()
    {
        await using var line = await LineHook.StartAsync();
        var user = LineHook.NewUserId();
        var response = await line.PostEventsAsync(
            new { type = "beacon", mode = "active", timestamp = 1, source = LineHook.Source(user), webhookEventId = LineHook.NewEventId(), replyToken = line.Api.NewReplyToken(user), beacon = new { hwid = "d41d8cd98f", type = "enter" } },
            new { type = "somethingNew", mode = "active", timestamp = 1, source = LineHook.Source(user), webhookEventId = LineHook.NewEventId(), extra = new[] { 1, 2 } },
            line.Text(user, "ありがとう"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await line.Api.WaitForMessagesAsync(user, 1);
        Assert.Single(line.Api.Calls, c => c.Kind is "reply" or "push");
        Assert.Contains("どういたしまして", line.TextsTo(user)[0]);
    }

    [Fact]
    public async Task A_postback_carries_its_data_and_a_date_picked_in_the_picker()
    {
        await using var line = await LineHook.StartAsync();
        var user = LineHook.NewUserId();
        // A rich-menu or button postback whose data is a message the bot understands.
        await line.PostEventsAsync(line.Postback(user, "開所時間は？"));
        await line.Api.WaitForMessagesAsync(user, 1);
        Assert.Contains(line.TextsTo(user), t => t.Contains("10:00"));

        // A datetime picker's params.date is read like a typed date (here: no date question is open, so it is routed normally).
        var before = line.Api.MessagesTo(user).Count;
        await line.PostEventsAsync(line.Postback(user, "supportbot:datepicker", new { date = "2026-12-03" }));
        await line.Api.WaitForMessagesAsync(user, before + 1);
        Assert.Empty(line.Api.Violations);
    }

    [Fact]
    public async Task In_a_group_the_bot_answers_only_when_mentioned_or_named_and_adds_the_group_note()
    {
        await using var line = await LineHook.StartAsync();
        var group = "C" + Guid.NewGuid().ToString("N");
        var alice = LineHook.NewUserId();
        var source = LineHook.GroupSource(group, alice);

        await line.PostEventsAsync(
            line.Text(alice, "明日のお昼どうする？", source: source),
            line.Media(alice, "sticker") is var _ ? line.Text(alice, "開所時間は？", source: source) : null!,
            line.Text(alice, "@スマイル 開所時間は？", source: source,
                mention: new { mentionees = new[] { new { index = 0, length = 5, type = "user", userId = LineHook.BotUserId, isSelf = true } } }));
        await line.Api.WaitForMessagesAsync(group, 1);
        // Only the mention got an answer (one reply call), with the group note at the end.
        var replies = line.Api.Calls.Where(c => c.Kind is "reply" or "push").ToList();
        Assert.Single(replies);
        var texts = line.TextsTo(group);
        Assert.Contains(texts, t => t.Contains("10:00"));
        Assert.Contains("1対1のトーク", texts[^1]);
        Assert.Empty(line.Api.MessagesTo(alice));
        Assert.Empty(line.Api.Of("loading"));

        // Writing the bot's name also addresses it; the group note is not repeated the same day.
        await line.PostEventsAsync(line.Text(alice, "スマイル、ありがとう", source: source));
        await line.Api.WaitUntilAsync(s => line.TextsTo(group).Any(t => t.Contains("どういたしまして")));
        Assert.DoesNotContain("1対1のトーク", line.TextsTo(group)[^1]);
        Assert.Empty(line.Api.Violations);
    }

    [Fact]
    public async Task In_a_group_nothing_that_asks_for_personal_details_starts_and_the_person_is_sent_to_a_one_to_one_chat()
    {
        await using var line = await LineHook.StartAsync();
        var group = "C" + Guid.NewGuid().ToString("N");
        var alice = LineHook.NewUserId();
        var source = LineHook.GroupSource(group, alice);

        await line.PostEventsAsync(line.Text(alice, "スマイル、相談の予約をしたいです", source: source));
        await line.Api.WaitForMessagesAsync(group, 1);
        var texts = line.TextsTo(group);
        Assert.Contains(texts, t => t.Contains("グループではお受けしていません"));
        Assert.DoesNotContain(texts, t => t.Contains("ご予約ですね"));

        // The next message in the group is not taken as an answer to a booking question.
        await line.PostEventsAsync(line.Text(alice, "スマイル、今すぐ誰かと話したい", source: source));
        await line.Api.WaitUntilAsync(s => line.TextsTo(group).Count > texts.Count);
        Assert.DoesNotContain(line.TextsTo(group), t => t.Contains("電話番号を教えて"));
        Assert.Empty(line.Api.Violations);
    }

    [Fact]
    public async Task Join_says_how_the_bot_behaves_in_a_group()
    {
        await using var line = await LineHook.StartAsync();
        var group = "C" + Guid.NewGuid().ToString("N");
        await line.PostEventsAsync(line.Simple("join", "", source: new { type = "group", groupId = group }));
        await line.Api.WaitForMessagesAsync(group, 1);
        Assert.Contains("メンション", line.TextsTo(group)[0]);
    }

    [Fact]
    public async Task A_slow_turn_in_a_one_to_one_chat_shows_the_loading_animation()
    {
        await using var line = await LineHook.StartAsync(new() { ["Line:LoadingAfter"] = "00:00:00" });
        var user = LineHook.NewUserId();
        await line.PostEventsAsync(line.Text(user, "開所時間は？"));
        await line.Api.WaitForMessagesAsync(user, 1);
        var loading = Assert.Single(line.Api.Of("loading"));
        Assert.Equal(user, loading.To);
        Assert.Empty(line.Api.Violations);
    }

    [Fact]
    public async Task The_profile_language_picks_the_catalog()
    {
        await using var line = await LineHook.StartAsync();
        var user = LineHook.NewUserId();
        line.Api.Languages[user] = "en";
        await line.PostEventsAsync(line.Simple("follow", user));
        await line.Api.WaitForMessagesAsync(user, 3);
        Assert.Contains("If you block this account", line.TextsTo(user)[1]);
        // Cached: a second event asks the profile API no more.
        await line.PostEventsAsync(line.Text(user, "thanks"));
        await line.Api.WaitForMessagesAsync(user, 4);
        Assert.Single(line.Api.Of("profile"));
    }

    [Fact]
    public async Task Events_acknowledged_before_a_graceful_shutdown_are_still_answered()
    {
        await using var api = await LineApiStandIn.StartAsync();
        var app = new BotApp(new()
        {
            ["Line:ChannelSecret"] = LineHook.Secret,
            ["Line:ChannelAccessToken"] = LineApiStandIn.AccessToken,
            ["Line:ApiBaseUrl"] = api.BaseUrl,
        });
        var line = new LineHook { Api = api, App = app, Client = app.CreateClient() };
        var users = Enumerable.Range(0, 5).Select(_ => LineHook.NewUserId()).ToList();
        foreach (var user in users)
            Assert.Equal(HttpStatusCode.OK, (await line.PostEventsAsync(line.Text(user, "開所時間は？"))).StatusCode);

        // Stop at once: the host's shutdown drains the queue before it returns.
        await app.DisposeAsync();
        Assert.All(users, u => Assert.NotEmpty(api.MessagesTo(u)));
        Assert.Empty(api.Violations);
    }

    [Fact]
    public async Task A_proactive_message_to_a_line_user_is_pushed_and_counted()
    {
        await using var line = await LineHook.StartAsync();
        var user = LineHook.NewUserId();
        var messenger = (SupportBot.Engine.Outbox.IOutbox)line.App.Services.GetService(typeof(SupportBot.Engine.Outbox.IOutbox))!;
        var sent = await messenger.SendAsync(new SupportBot.Engine.Services.ConversationReference("line", user, user, null),
            new SupportBot.Engine.Activities.Activity { Type = "message", Text = "キャンセル待ちの順番が来ました。", Locale = "ja-JP" }, CancellationToken.None);
        Assert.True(sent);
        var push = Assert.Single(line.Api.Of("push"));
        Assert.Equal(user, push.To);
        Assert.Equal("キャンセル待ちの順番が来ました。", line.TextsTo(user).Single());
        Assert.Empty(line.Api.Violations);
    }

    [Fact]
    public async Task A_crisis_message_in_a_group_is_answered_even_without_a_mention()
    {
        await using var line = await LineHook.StartAsync();
        var group = "C" + Guid.NewGuid().ToString("N");
        var source = LineHook.GroupSource(group, LineHook.NewUserId());
        await line.PostEventsAsync(line.Text("", "もう死にたい", source: source));
        await line.Api.WaitForMessagesAsync(group, 4);
        Assert.StartsWith("つらい気持ちを話してくれて", line.TextsTo(group)[0]);
        Assert.Contains(line.TextsTo(group), t => t.Contains("よりそいホットライン"));
        Assert.DoesNotContain(line.TextsTo(group), t => t.Contains("1対1のトーク"));
        Assert.Empty(line.Api.Violations);
    }

    [Fact]
    public async Task Several_events_of_one_user_in_one_request_are_answered_in_order()
    {
        await using var line = await LineHook.StartAsync();
        var user = LineHook.NewUserId();
        await line.PostEventsAsync(line.Text(user, "開所時間は？"), line.Text(user, "ありがとう"), line.Text(user, "緊急の連絡先"));
        await line.Api.WaitUntilAsync(s => s.Of("reply").Count(c => c.Accepted) == 3);
        var replies = line.Api.Of("reply").Select(c => string.Join(" ", c.Messages.Select(m => m.GetProperty("text").GetString()))).ToList();
        Assert.Contains("10:00", replies[0]);
        Assert.Contains("どういたしまして", replies[1]);
        Assert.Contains("0465-71-0189", replies[2]);
        Assert.Empty(line.Api.Violations);
    }
}
