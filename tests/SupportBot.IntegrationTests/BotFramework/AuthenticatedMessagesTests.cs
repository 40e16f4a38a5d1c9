using System.Net;
using System.Net.Http.Headers;
using SupportBot.Channels.Tests.BotFramework.Auth;
using SupportBot.IntegrationTests.Support;

namespace SupportBot.IntegrationTests.BotFramework;

/// <summary>/api/messages with app credentials: Bot Connector JWTs checked against a locally served metadata document.</summary>
public sealed class AuthenticatedMessagesTests : IAsyncLifetime
{
    private const string AppId = "11111111-2222-3333-4444-555555555555";
    private const string ServiceUrl = "http://127.0.0.1:1/";
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-24T14:00:00+09:00");
    private readonly LocalOpenIdServer _openId = new();
    private readonly TestKey _key = new("key-1");
    private BotApp _app = null!;

    public async Task InitializeAsync()
    {
        await _openId.InitializeAsync();
        _openId.ConnectorKeys = [_key];
        _app = new BotApp(new()
        {
            ["BotFramework:MicrosoftAppId"] = AppId,
            ["BotFramework:MicrosoftAppPassword"] = "not-used-for-expect-replies",
            ["BotFramework:OpenIdMetadataUrl"] = _openId.ConnectorMetadataUrl,
            ["Clock:Now"] = Now.ToString("O"),
        });
    }

    public async Task DisposeAsync()
    {
        _app.Dispose();
        await _openId.DisposeAsync();
    }

    private string Token(string audience = AppId, string issuer = "https://api.botframework.com", string serviceUrl = ServiceUrl, TimeSpan? age = null) =>
        _key.Mint(issuer, audience, Now - (age ?? TimeSpan.Zero) - TimeSpan.FromMinutes(1), Now - (age ?? TimeSpan.Zero) + TimeSpan.FromHours(1),
            new Dictionary<string, object> { ["serviceurl"] = serviceUrl });

    private async Task<HttpStatusCode> Post(string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = BotApp.Json(BotApp.Message("conv-auth", "メニュー", serviceUrl: ServiceUrl)) };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await _app.CreateClient().SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task A_valid_connector_token_is_accepted() => Assert.Equal(HttpStatusCode.OK, await Post(Token()));

    [Fact]
    public async Task A_missing_token_is_401() => Assert.Equal(HttpStatusCode.Unauthorized, await Post(null));

    [Fact]
    public async Task A_token_for_another_bot_is_refused() => Assert.Equal(HttpStatusCode.Forbidden, await Post(Token(audience: "another-bot")));

    [Fact]
    public async Task A_token_from_another_issuer_is_refused() => Assert.Equal(HttpStatusCode.Forbidden, await Post(Token(issuer: "https://evil.example")));

    [Fact]
    public async Task An_expired_token_is_refused() => Assert.Equal(HttpStatusCode.Forbidden, await Post(Token(age: TimeSpan.FromHours(2))));

    [Fact]
    public async Task A_token_for_another_service_url_is_refused() => Assert.Equal(HttpStatusCode.Forbidden, await Post(Token(serviceUrl: "https://other.example/")));
}
