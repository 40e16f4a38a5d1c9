using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.Channels.Line;
using SupportBot.Engine.Activities;
using SupportBot.Engine.Bot;
using SupportBot.Engine.Center;
using SupportBot.Engine.Services;
using SupportBot.Engine.State.Memory;
using SupportBot.Engine.Turns;

namespace SupportBot.Channels.Tests.Line;

/// <summary>
/// The LINE channel only translates: each webhook event becomes the Activity the engine expects, and what
/// to say about it is left to the engine. A recording bot stands in for the engine; the LINE API is a stub
/// handler that answers every call with 200 and a profile in Japanese.
/// </summary>
public sealed class LineChannelTests : IAsyncDisposable
{
    private const string BotUserId = "Ubot0000000000000000000000000000";
    private readonly RecordingBot _bot = new();
    private readonly ServiceProvider _services;
    private readonly LineChannel _channel;

    public LineChannelTests()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Line:ChannelSecret"] = "secret",
            ["Line:ChannelAccessToken"] = "token",
            ["Line:BotUserId"] = BotUserId,
            ["Line:BotNames:0"] = "スマイル",
            ["Line:ApiBaseUrl"] = "http://line.test",
            ["Line:DataApiBaseUrl"] = "http://line.test",
            ["Content:LocalesPath"] = Path.Combine(RepositoryRoot(), "locales"),
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSupportBotMemoryStore();
        CenterFeature.Add(services, config);
        TurnsFeature.Add(services, config);
        PersonalDataFeature.Add(services, config);
        services.AddSingleton<IPersonalDataEraser>(new RecordingEraser(_erased));
        LineFeature.Add(services, config);
        services.AddHttpClient<LineApiClient>().ConfigurePrimaryHttpMessageHandler(() => new StubLineApi());
        services.AddSingleton<IBot>(_bot);
        _services = services.BuildServiceProvider();
        _channel = _services.GetRequiredService<LineChannel>();
    }

    private readonly List<ConversationReference> _erased = [];

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    [Fact]
    public async Task A_text_message_in_a_one_to_one_chat_is_a_message_for_the_bot()
    {
        var incoming = Assert.Single(await RunAsync(Event("message", User("U1"), message: new { id = "m1", type = "text", text = "開所時間は？" })));
        Assert.Equal(ActivityTypes.Message, incoming.Type);
        Assert.Equal("開所時間は？", incoming.Text);
        Assert.Equal("line", incoming.ChannelId);
        Assert.Equal("U1", incoming.Conversation!.Id);
        Assert.False(incoming.Conversation.IsGroup);
        Assert.True(incoming.IsForBot);
        Assert.Equal("ja-JP", incoming.Locale);
    }

    [Fact]
    public async Task In_a_group_a_mention_becomes_a_mention_entity_and_leaves_the_text()
    {
        var mention = new { mentionees = new[] { new { index = 0, length = 5, type = "user", userId = BotUserId, isSelf = true } } };
        var incoming = Assert.Single(await RunAsync(Event("message", Group("C1", "U1"), message: new { id = "m1", type = "text", text = "@スマイル 開所時間は？", mention })));
        Assert.True(incoming.Conversation!.IsGroup);
        Assert.Equal("開所時間は？", incoming.Text);
        Assert.True(incoming.IsForBot);
    }

    [Fact]
    public async Task In_a_group_the_bots_name_addresses_it_and_other_chatter_does_not()
    {
        var named = Assert.Single(await RunAsync(Event("message", Group("C1", "U1"), message: new { id = "m1", type = "text", text = "スマイル、ありがとう" })));
        Assert.Equal("ありがとう", named.Text);
        Assert.True(named.IsForBot);

        // Chatter still reaches the engine (its crisis guard reads every message) but is not for the bot.
        var chatter = Assert.Single(await RunAsync(Event("message", Group("C1", "U1"), message: new { id = "m2", type = "text", text = "明日のお昼どうする？" })));
        Assert.Equal("明日のお昼どうする？", chatter.Text);
        Assert.False(chatter.IsForBot);
    }

    [Theory]
    [InlineData("sticker")]
    [InlineData("image")]
    [InlineData("location")]
    public async Task A_sticker_or_media_is_a_message_without_text_carrying_an_attachment(string type)
    {
        var incoming = Assert.Single(await RunAsync(Event("message", User("U1"), message: new { id = "m1", type })));
        Assert.True(incoming.IsNonText);
        Assert.Equal("application/vnd.line." + type, Assert.Single(incoming.Attachments!).ContentType);
    }

    [Fact]
    public async Task Follow_is_an_installation_and_join_adds_the_bot_to_a_group()
    {
        var follow = Assert.Single(await RunAsync(Event("follow", User("U1"))));
        Assert.Equal(ActivityTypes.InstallationUpdate, follow.Type);
        Assert.Equal("add", follow.Action);

        var join = Assert.Single(await RunAsync(Event("join", new { type = "group", groupId = "C1" })));
        Assert.Equal(ActivityTypes.ConversationUpdate, join.Type);
        Assert.True(join.Conversation!.IsGroup);
        Assert.Equal(BotUserId, Assert.Single(join.MembersAdded!).Id);
        Assert.Equal(BotUserId, join.Recipient!.Id);
    }

    [Fact]
    public async Task Unfollow_runs_no_turn_and_erases_the_person_through_the_engine()
    {
        Assert.Empty(await RunAsync(Event("unfollow", User("U9"))));
        var who = Assert.Single(_erased);
        Assert.Equal(new ConversationReference("line", "U9", "U9", null), who);
    }

    private async Task<List<Activity>> RunAsync(object ev)
    {
        _bot.Seen.Clear();
        var body = JsonSerializer.SerializeToUtf8Bytes(new { destination = BotUserId, events = new[] { ev } });
        await _channel.ProcessAsync(LineWebhook.Parse(body), DateTimeOffset.UtcNow, CancellationToken.None);
        return [.. _bot.Seen];
    }

    private static object User(string id) => new { type = "user", userId = id };

    private static object Group(string groupId, string userId) => new { type = "group", groupId, userId };

    private static object Event(string type, object source, object? message = null) => message is null
        ? new { type, mode = "active", timestamp = 1_700_000_000_000, source, webhookEventId = Guid.NewGuid().ToString("N"), replyToken = "r" }
        : new { type, mode = "active", timestamp = 1_700_000_000_000, source, webhookEventId = Guid.NewGuid().ToString("N"), replyToken = "r", message };

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SupportBot.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("SupportBot.sln not found above the test folder");
    }

    private sealed class RecordingBot : IBot
    {
        public List<Activity> Seen { get; } = [];

        public Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken)
        {
            Seen.Add(turn.Incoming);
            return Task.CompletedTask;
        }

        public Task<bool> OnStatelessTurnAsync(TurnContext turn, CancellationToken cancellationToken)
        {
            Seen.Add(turn.Incoming);
            return Task.FromResult(true);
        }
    }

    private sealed class RecordingEraser(List<ConversationReference> erased) : IPersonalDataEraser
    {
        public Task<int> EraseAsync(ConversationReference who, CancellationToken cancellationToken)
        {
            erased.Add(who);
            return Task.FromResult(1);
        }
    }

    /// <summary>Answers every Messaging API call with 200 (a profile says the language is Japanese).</summary>
    private sealed class StubLineApi : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(request.RequestUri!.AbsolutePath.Contains("/profile/") ? """{"language":"ja"}""" : "{}", Encoding.UTF8, "application/json"),
            });
    }
}
