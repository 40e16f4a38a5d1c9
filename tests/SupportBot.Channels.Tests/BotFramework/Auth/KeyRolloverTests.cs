using Microsoft.Extensions.DependencyInjection;
using SupportBot.Channels.BotFramework.Auth;
using Microsoft.Extensions.Time.Testing;

namespace SupportBot.Channels.Tests.BotFramework.Auth;

/// <summary>Own server: these tests change the published keys.</summary>
public sealed class KeyRolloverTests : IClassFixture<LocalOpenIdServer>
{
    private const string ServiceUrl = "https://webchat.botframework.com/";
    private static readonly DateTimeOffset Start = new(2031, 3, 3, 9, 0, 0, TimeSpan.Zero);

    private readonly LocalOpenIdServer _server;
    private readonly FakeTimeProvider _clock = new(Start);

    public KeyRolloverTests(LocalOpenIdServer server) => _server = server;

    private string Token(TestKey key) => key.Mint(
        "https://api.botframework.com", AuthTestHost.AppId, _clock.GetUtcNow().AddMinutes(-1), _clock.GetUtcNow().AddHours(1),
        new Dictionary<string, object> { ["serviceurl"] = ServiceUrl });

    [Fact]
    public async Task A_newly_published_key_is_picked_up_at_once_but_refetching_is_throttled()
    {
        var first = new TestKey("roll-1");
        var second = new TestKey("roll-2");
        var third = new TestKey("roll-3");
        _server.ConnectorKeys = [first];
        var authenticator = AuthTestHost.Build(_clock, AuthTestHost.Settings(_server)).GetRequiredService<BotFrameworkAuthenticator>();

        Assert.True((await authenticator.AuthenticateAsync("Bearer " + Token(first), ServiceUrl, CancellationToken.None)).Succeeded);
        var fetchesAfterFirst = _server.ConnectorKeyRequests;

        // The Connector rolls its key: the cached key set does not know roll-2, so it is fetched again right away.
        _server.ConnectorKeys = [first, second];
        var afterRollover = await authenticator.AuthenticateAsync("Bearer " + Token(second), ServiceUrl, CancellationToken.None);
        Assert.True(afterRollover.Succeeded, afterRollover.Failure.ToString());
        Assert.Equal(fetchesAfterFirst + 1, _server.ConnectorKeyRequests);

        // Another unknown key within five minutes: no new fetch, so made-up key ids cannot flood the key endpoint.
        _server.ConnectorKeys = [second, third];
        var throttled = await authenticator.AuthenticateAsync("Bearer " + Token(third), ServiceUrl, CancellationToken.None);
        Assert.Equal(BotAuthFailure.UnknownSigningKey, throttled.Failure);
        Assert.Equal(fetchesAfterFirst + 1, _server.ConnectorKeyRequests);

        // roll-2 stays usable from the refetched set.
        Assert.True((await authenticator.AuthenticateAsync("Bearer " + Token(second), ServiceUrl, CancellationToken.None)).Succeeded);

        _clock.Advance(TimeSpan.FromMinutes(5));
        var later = await authenticator.AuthenticateAsync("Bearer " + Token(third), ServiceUrl, CancellationToken.None);
        Assert.True(later.Succeeded, later.Failure.ToString());
        Assert.Equal(fetchesAfterFirst + 2, _server.ConnectorKeyRequests);
    }

    [Fact]
    public async Task An_outage_of_the_key_endpoint_answers_503_and_recovers_on_the_next_request()
    {
        var key = new TestKey("outage-1");
        _server.ConnectorKeys = [key];
        _server.ConnectorKeysDown = true;
        var authenticator = AuthTestHost.Build(_clock, AuthTestHost.Settings(_server)).GetRequiredService<BotFrameworkAuthenticator>();

        var during = await authenticator.AuthenticateAsync("Bearer " + Token(key), ServiceUrl, CancellationToken.None);
        _server.ConnectorKeysDown = false;
        var after = await authenticator.AuthenticateAsync("Bearer " + Token(key), ServiceUrl, CancellationToken.None);

        Assert.Equal(BotAuthFailure.MetadataUnavailable, during.Failure);
        Assert.Equal(503, during.StatusCode);
        Assert.True(after.Succeeded, after.Failure.ToString());
    }
}
