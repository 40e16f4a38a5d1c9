using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.Engine.Bot;
using SupportBot.Engine.Flows;
using SupportBot.IntegrationTests.Support;

namespace SupportBot.IntegrationTests.BotFramework;

public sealed class MessagesEndpointTests
{
    [Fact]
    public async Task ExpectReplies_returns_the_turns_replies_with_every_wire_field()
    {
        using var app = new BotApp();
        var client = app.CreateClient();
        var request = BotApp.Message("conv-expect", "メニュー😊");

        var response = await client.PostAsync("/api/messages", BotApp.Json(request));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await BotApp.ReadJson(response);
        var activities = body.GetProperty("activities").EnumerateArray().ToList();
        Assert.Single(activities);
        foreach (var a in activities)
        {
            Assert.Equal("message", a.GetProperty("type").GetString());
            Assert.False(string.IsNullOrEmpty(a.GetProperty("id").GetString()));
            Assert.True(a.GetProperty("timestamp").TryGetDateTimeOffset(out _));
            Assert.Equal("bot", a.GetProperty("from").GetProperty("id").GetString());
            Assert.Equal("user-1", a.GetProperty("recipient").GetProperty("id").GetString());
            Assert.Equal("conv-expect", a.GetProperty("conversation").GetProperty("id").GetString());
            Assert.Equal(request["id"], a.GetProperty("replyToId").GetString());
            Assert.Equal("ja-JP", a.GetProperty("locale").GetString());
        }
        Assert.Equal("ご用件をお選びください。文字で書いていただいても大丈夫です。", activities[0].GetProperty("text").GetString());
        var buttons = activities[0].GetProperty("suggestedActions").GetProperty("actions").EnumerateArray().Select(b => b.GetProperty("title").GetString()).ToList();
        Assert.Equal(["よくある質問", "相談の予約", "ピアサポート", "緊急の連絡先", "スタッフと話す", "やさしい にほんご"], buttons);
        // Japanese stays readable on the wire (no \u escapes).
        Assert.Contains("よくある質問", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task English_locale_gets_the_english_catalog()
    {
        using var app = new BotApp();
        var response = await app.CreateClient().PostAsync("/api/messages", BotApp.Json(BotApp.Message("conv-en", "menu", locale: "en-US")));
        var body = await BotApp.ReadJson(response);
        var first = body.GetProperty("activities")[0];
        Assert.StartsWith("Please choose", first.GetProperty("text").GetString());
        Assert.Equal("en-US", first.GetProperty("locale").GetString());
    }

    [Fact]
    public async Task Malformed_json_is_a_400_with_a_json_error()
    {
        using var app = new BotApp();
        var response = await app.CreateClient().PostAsync("/api/messages", new StringContent("{\"type\":\"message\",", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await BotApp.ReadJson(response);
        Assert.Equal("BadSyntax", body.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Activity_without_a_type_is_a_400()
    {
        using var app = new BotApp();
        var response = await app.CreateClient().PostAsync("/api/messages", BotApp.Json(new { text = "hi" }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Body_over_the_limit_is_a_413()
    {
        using var app = new BotApp(new() { ["BotFramework:MaxBodyBytes"] = "1024" });
        var request = BotApp.Message("conv-big", new string('あ', 2000));
        var response = await app.CreateClient().PostAsync("/api/messages", BotApp.Json(request));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_fields_and_missing_optional_fields_are_fine()
    {
        using var app = new BotApp();
        var json = """{"type":"message","text":"はい","deliveryMode":"expectReplies","from":{"id":"u-min"},"conversation":{"id":"c-min","x-extra":1},"somethingNew":{"a":[1,2]}}""";
        var response = await app.CreateClient().PostAsync("/api/messages", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await BotApp.ReadJson(response);
        Assert.NotEmpty(body.GetProperty("activities").EnumerateArray());
    }

    [Fact]
    public async Task A_failing_turn_yields_the_apology_and_the_conversation_goes_on()
    {
        using var app = new BotApp(services: s => s.AddSingleton<IBot>(sp => new ExplodingBot(ActivatorUtilities.CreateInstance<FlowEngine>(sp))));
        var client = app.CreateClient();

        var boom = await BotApp.ReadJson(await client.PostAsync("/api/messages", BotApp.Json(BotApp.Message("conv-boom", "boom"))));
        var apology = Assert.Single(boom.GetProperty("activities").EnumerateArray());
        Assert.Contains("申し訳ありません", apology.GetProperty("text").GetString());
        Assert.Contains("0465-71-0189", apology.GetProperty("text").GetString());

        var next = await client.PostAsync("/api/messages", BotApp.Json(BotApp.Message("conv-boom", "メニュー")));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        var body = await BotApp.ReadJson(next);
        Assert.Equal(6, Assert.Single(body.GetProperty("activities").EnumerateArray()).GetProperty("suggestedActions").GetProperty("actions").GetArrayLength()); // the menu, with スタッフと話す and the switch to plain Japanese
    }

    [Fact]
    public async Task Emulator_turns_carry_a_trace_activity()
    {
        using var app = new BotApp();
        var response = await app.CreateClient().PostAsync("/api/messages", BotApp.Json(BotApp.Message("conv-emu", "こんにちは", channelId: "emulator")));
        var body = await BotApp.ReadJson(response);
        Assert.Contains(body.GetProperty("activities").EnumerateArray(), a => a.GetProperty("type").GetString() == "trace");
    }

    private sealed class ExplodingBot(IBot inner) : IBot
    {
        public Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken) =>
            turn.Incoming.Text == "boom" ? throw new InvalidOperationException("test failure") : inner.OnTurnAsync(turn, cancellationToken);
    }
}
