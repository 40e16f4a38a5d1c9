using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.Channels.Line;
using SupportBot.Engine.Activities;

namespace SupportBot.IntegrationTests.Line;

/// <summary>The reply mapper and delivery at and beyond LINE's limits, sent to the stand-in that enforces them.</summary>
public sealed class LineReplyLimitTests
{
    private static Activity Reply(string text, params CardAction[] actions) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        SuggestedActions = actions.Length == 0 ? null : new SuggestedActions { Actions = [.. actions] },
    };

    private static async Task SendAsync(LineHook line, string user, IReadOnlyList<Activity> replies)
    {
        var mapper = line.App.Services.GetRequiredService<LineReplyMapper>();
        var delivery = line.App.Services.GetRequiredService<LineDelivery>();
        await delivery.SendAsync(user, line.Api.NewReplyToken(user), mapper.Map(replies, "ja-JP"), CancellationToken.None);
    }

    [Fact]
    public async Task Eight_short_messages_are_merged_into_one_reply_of_at_most_five()
    {
        await using var line = await LineHook.StartAsync();
        var user = LineHook.NewUserId();
        await SendAsync(line, user, Enumerable.Range(1, 8).Select(i => Reply($"{i}番目のお知らせです。")).ToList());
        var reply = Assert.Single(line.Api.Of("reply"));
        Assert.True(reply.Messages.Count <= 5);
        var all = string.Join("\n", line.TextsTo(user));
        for (var i = 1; i <= 8; i++) Assert.Contains($"{i}番目", all);
        Assert.Empty(line.Api.Of("push"));
        Assert.Empty(line.Api.Violations);
    }

    [Fact]
    public async Task Messages_that_cannot_be_merged_go_five_by_reply_and_the_rest_by_push_in_order()
    {
        await using var line = await LineHook.StartAsync();
        var user = LineHook.NewUserId();
        var replies = Enumerable.Range(1, 7).Select(i => Reply(i + new string('あ', 3000))).ToList();
        await SendAsync(line, user, replies);
        Assert.Equal(5, Assert.Single(line.Api.Of("reply")).Messages.Count);
        Assert.Equal(2, Assert.Single(line.Api.Of("push")).Messages.Count);
        Assert.Equal(Enumerable.Range(1, 7).Select(i => i.ToString()), line.TextsTo(user).Select(t => t[..1]));
        Assert.Empty(line.Api.Violations);
    }

    [Fact]
    public async Task A_text_over_5000_units_is_split_at_a_line_end_and_emoji_are_never_cut()
    {
        await using var line = await LineHook.StartAsync();
        var user = LineHook.NewUserId();
        var lines = Enumerable.Range(0, 400).Select(i => $"{i:000} お知らせ😊です。").ToList();
        var text = string.Join("\n", lines);
        Assert.True(text.Length > 5000);
        await SendAsync(line, user, [Reply(text)]);
        var parts = line.TextsTo(user);
        Assert.True(parts.Count >= 2);
        Assert.All(parts, p => Assert.True(p.Length <= 5000));
        Assert.All(parts, p => Assert.EndsWith("です。", p));
        Assert.Equal(text.Replace("\n", ""), string.Concat(parts).Replace("\n", ""));
        Assert.Empty(line.Api.Violations);

        // No line break or sentence end at all: cut at the limit, not inside a surrogate pair.
        var emoji = string.Concat(Enumerable.Repeat("😊", 3000));
        var pieces = LineReplyMapper.SplitText(emoji, 5000).ToList();
        Assert.All(pieces, p => Assert.False(char.IsHighSurrogate(p[^1])));
        Assert.Equal(emoji, string.Concat(pieces));
    }

    [Fact]
    public async Task Long_labels_are_shortened_with_the_full_wording_kept_as_the_sent_text()
    {
        await using var line = await LineHook.StartAsync();
        var user = LineHook.NewUserId();
        var longTitle = "障害福祉サービスの利用を始めるまでの流れについて";
        await SendAsync(line, user, [Reply("どれにしますか？", CardAction.ImBack(longTitle), CardAction.ImBack("はい😊"))]);
        var items = line.Api.MessagesTo(user)[^1].GetProperty("quickReply").GetProperty("items").EnumerateArray().Select(i => i.GetProperty("action")).ToList();
        Assert.Equal(2, items.Count);
        Assert.True(items[0].GetProperty("label").GetString()!.Length <= 20);
        Assert.EndsWith("…", items[0].GetProperty("label").GetString());
        Assert.Equal(longTitle, items[0].GetProperty("text").GetString());
        Assert.Equal("はい😊", items[1].GetProperty("label").GetString());
        Assert.Empty(line.Api.Violations);
    }

    [Fact]
    public async Task Many_choices_become_a_flex_carousel_with_a_plain_alt_text_and_other_buttons_stay_quick_replies()
    {
        await using var line = await LineHook.StartAsync();
        var user = LineHook.NewUserId();
        var slots = Enumerable.Range(1, 20).Select(i => CardAction.ImBack($"12月{i}日（木）10:00〜11:00の枠でお願いします")).ToList();
        var actions = slots.Append(CardAction.Call("電話する", "0465-71-0189")).ToArray();
        await SendAsync(line, user, [Reply("ご希望の時間を選んでください。", actions)]);
        var messages = line.Api.MessagesTo(user);
        var flex = messages.Single(m => m.GetProperty("type").GetString() == "flex");
        var alt = flex.GetProperty("altText").GetString()!;
        Assert.StartsWith("ご希望の時間を選んでください。", alt);
        Assert.True(alt.Length <= 400);
        Assert.Equal("carousel", flex.GetProperty("contents").GetProperty("type").GetString());
        var buttons = flex.GetProperty("contents").GetProperty("contents").EnumerateArray().SelectMany(b => b.GetProperty("body").GetProperty("contents").EnumerateArray()).ToList();
        Assert.Equal(20, buttons.Count);
        var quick = messages[^1].GetProperty("quickReply").GetProperty("items").EnumerateArray().Select(i => i.GetProperty("action")).ToList();
        Assert.Equal("tel:0465710189", Assert.Single(quick).GetProperty("uri").GetString());
        Assert.Empty(line.Api.Violations);
    }

    [Fact]
    public async Task More_than_13_quick_replies_are_cut_to_13()
    {
        await using var line = await LineHook.StartAsync(new() { ["Line:FlexAbove"] = "100" });
        var user = LineHook.NewUserId();
        await SendAsync(line, user, [Reply("選んでください。", [.. Enumerable.Range(1, 16).Select(i => CardAction.ImBack($"選択肢{i}"))])]);
        Assert.Equal(13, line.Api.MessagesTo(user)[^1].GetProperty("quickReply").GetProperty("items").GetArrayLength());
        Assert.Empty(line.Api.Violations);
    }

    [Fact]
    public async Task A_date_question_gets_a_date_picker_with_min_and_max_next_to_typed_input()
    {
        await using var line = await LineHook.StartAsync(new() { ["Clock:Now"] = "2026-11-24T22:30:00+09:00" });
        var user = LineHook.NewUserId();
        var question = Reply("ご希望の日にちを教えてください。", CardAction.ImBack("やめる"));
        new InputExpectation(InputExpectation.Date).ApplyTo(question);
        var bounded = Reply("いつがよいですか？");
        new InputExpectation(InputExpectation.Date, new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 25)).ApplyTo(bounded);

        await SendAsync(line, user, [question]);
        var items = line.Api.MessagesTo(user)[^1].GetProperty("quickReply").GetProperty("items").EnumerateArray().Select(i => i.GetProperty("action")).ToList();
        var picker = items[0];
        Assert.Equal("datetimepicker", picker.GetProperty("type").GetString());
        Assert.Equal("date", picker.GetProperty("mode").GetString());
        // Today in Asia/Tokyo (22:30 on the 24th), and 90 days ahead by default.
        Assert.Equal("2026-11-24", picker.GetProperty("min").GetString());
        Assert.Equal("2027-02-22", picker.GetProperty("max").GetString());
        Assert.Equal("日付を選ぶ", picker.GetProperty("label").GetString());
        Assert.Equal("やめる", items[1].GetProperty("text").GetString());

        await SendAsync(line, user, [bounded]);
        var second = line.Api.MessagesTo(user)[^1].GetProperty("quickReply").GetProperty("items")[0].GetProperty("action");
        Assert.Equal("2026-12-01", second.GetProperty("min").GetString());
        Assert.Equal("2026-12-25", second.GetProperty("max").GetString());
        Assert.Empty(line.Api.Violations);
    }

    [Fact]
    public void The_expectation_hint_keeps_other_channel_data_and_reads_back()
    {
        var question = new Activity { Type = ActivityTypes.Message, ChannelData = JsonSerializer.SerializeToElement(new { clientActivityID = "x" }) };
        new InputExpectation(InputExpectation.Date, new DateOnly(2026, 12, 1)).ApplyTo(question);
        Assert.Equal("x", question.ChannelData!.Value.GetProperty("clientActivityID").GetString());
        Assert.Equal(new InputExpectation(InputExpectation.Date, new DateOnly(2026, 12, 1)), InputExpectation.Of(question));
        Assert.Null(InputExpectation.Of(new Activity { ChannelData = JsonSerializer.SerializeToElement(new { a = 1 }) }));
    }

    [Fact]
    public void The_signature_is_base64_hmac_sha256_of_the_exact_bytes()
    {
        // Reference value computed independently: printf '%s' '{"events":[]}' | openssl dgst -sha256 -hmac 'secret' -binary | base64
        var bytes = System.Text.Encoding.UTF8.GetBytes("{\"events\":[]}");
        Assert.Equal(Expected, LineSignature.Compute("secret", bytes));
        Assert.True(LineSignature.IsValid("secret", bytes, Expected));
        Assert.False(LineSignature.IsValid("secret", bytes, Expected[..^2] + "A="));
        Assert.False(LineSignature.IsValid("", bytes, Expected));
        Assert.False(LineSignature.IsValid("secret", bytes, null));
    }

    private const string Expected = "pkK1lVPJPiJ+wPLziRD79xIxohl8AImYM8AEeM7IbzQ=";
}
