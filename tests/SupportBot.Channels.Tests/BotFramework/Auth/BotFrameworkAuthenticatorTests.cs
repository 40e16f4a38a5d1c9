using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SupportBot.Channels.BotFramework.Auth;
using SupportBot.Engine.Activities;
using Microsoft.Extensions.Time.Testing;

namespace SupportBot.Channels.Tests.BotFramework.Auth;

public sealed class BotFrameworkAuthenticatorTests : IClassFixture<LocalOpenIdServer>
{
    private const string ConnectorIssuer = "https://api.botframework.com";
    private const string EmulatorIssuerV1 = "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/";
    private const string EmulatorIssuerV2 = "https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0";
    private const string ServiceUrl = "https://smba.trafficmanager.net/apac/";

    private static readonly TestKey ConnectorKey = new("connector-key-1", "webchat", "directline", "emulator");
    private static readonly TestKey EmulatorKey = new("entra-key-1");
    private static readonly TestKey Stranger = new("connector-key-1");

    // Far from the machine's real date, so a library that read the real clock would fail these tests.
    private static readonly DateTimeOffset Now = new(2031, 3, 3, 1, 2, 3, TimeSpan.Zero);

    private readonly LocalOpenIdServer _server;
    private readonly FakeTimeProvider _clock = new(Now);

    public BotFrameworkAuthenticatorTests(LocalOpenIdServer server)
    {
        _server = server;
        _server.ConnectorKeys = [ConnectorKey];
        _server.EmulatorKeys = [EmulatorKey];
    }

    private BotFrameworkAuthenticator Authenticator(string? appId = AuthTestHost.AppId, Action<Dictionary<string, string?>>? tweak = null)
    {
        var settings = AuthTestHost.Settings(_server, appId);
        tweak?.Invoke(settings);
        return AuthTestHost.Build(_clock, settings).GetRequiredService<BotFrameworkAuthenticator>();
    }

    private static Dictionary<string, object> ServiceUrlClaim(string url = ServiceUrl) => new() { ["serviceurl"] = url };

    private static string ConnectorToken(string audience = AuthTestHost.AppId, string issuer = ConnectorIssuer, TimeSpan? expiresIn = null, TimeSpan? validFrom = null, string serviceUrl = ServiceUrl) =>
        ConnectorKey.Mint(issuer, audience, Now + (validFrom ?? TimeSpan.FromMinutes(-1)), Now + (expiresIn ?? TimeSpan.FromHours(1)), ServiceUrlClaim(serviceUrl));

    [Fact]
    public async Task A_valid_connector_token_is_accepted()
    {
        var result = await Authenticator().AuthenticateAsync("Bearer " + ConnectorToken(), ServiceUrl, CancellationToken.None);

        Assert.True(result.Succeeded, result.Failure.ToString());
        Assert.Equal(BotCaller.Connector, result.Caller);
        Assert.Equal(200, result.StatusCode);
    }

    [Fact]
    public async Task The_activity_overload_checks_serviceUrl_and_channel()
    {
        var activity = new Activity { Type = "message", ServiceUrl = ServiceUrl, ChannelId = "webchat" };

        var result = await Authenticator().AuthenticateAsync("Bearer " + ConnectorToken(), activity, CancellationToken.None);

        Assert.True(result.Succeeded, result.Failure.ToString());
    }

    [Fact]
    public async Task The_scheme_name_is_case_insensitive()
    {
        var result = await Authenticator().AuthenticateAsync("bearer " + ConnectorToken(), ServiceUrl, CancellationToken.None);

        Assert.True(result.Succeeded, result.Failure.ToString());
    }

    [Fact]
    public async Task A_token_for_another_bot_is_rejected()
    {
        var result = await Authenticator().AuthenticateAsync("Bearer " + ConnectorToken(audience: "some-other-bot"), ServiceUrl, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal(BotAuthFailure.WrongAudience, result.Failure);
        Assert.Equal(403, result.StatusCode);
    }

    [Theory]
    [InlineData("https://api.botframework.com.evil.example")]
    [InlineData("https://sts.windows.net/00000000-0000-0000-0000-000000000000/")]
    [InlineData("")]
    public async Task A_token_from_an_untrusted_issuer_is_rejected(string issuer)
    {
        var result = await Authenticator().AuthenticateAsync("Bearer " + ConnectorToken(issuer: issuer), ServiceUrl, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal(BotAuthFailure.UntrustedIssuer, result.Failure);
        Assert.Equal(403, result.StatusCode);
    }

    [Theory]
    [InlineData(-4 * 60, true)]              // expired 4 min ago: inside the 5-minute skew
    [InlineData(-5 * 60 + 1, true)]          // just inside
    [InlineData(-5 * 60 - 1, false)]         // just beyond
    [InlineData(-60 * 60, false)]
    public async Task Expiry_allows_five_minutes_of_clock_skew(int expiresInSeconds, bool accepted)
    {
        var token = ConnectorKey.Mint(ConnectorIssuer, AuthTestHost.AppId, Now.AddHours(-2), Now.AddSeconds(expiresInSeconds), ServiceUrlClaim());

        var result = await Authenticator().AuthenticateAsync("Bearer " + token, ServiceUrl, CancellationToken.None);

        Assert.Equal(accepted, result.Succeeded);
        if (!accepted)
            Assert.Equal(BotAuthFailure.Expired, result.Failure);
    }

    [Theory]
    [InlineData(4 * 60, true)]               // valid from 4 min in the future: their clock is ahead, fine
    [InlineData(6 * 60, false)]
    public async Task Not_before_allows_five_minutes_of_clock_skew(int validFromSeconds, bool accepted)
    {
        var token = ConnectorToken(validFrom: TimeSpan.FromSeconds(validFromSeconds));

        var result = await Authenticator().AuthenticateAsync("Bearer " + token, ServiceUrl, CancellationToken.None);

        Assert.Equal(accepted, result.Succeeded);
        if (!accepted)
            Assert.Equal(BotAuthFailure.NotYetValid, result.Failure);
    }

    [Fact]
    public async Task The_clock_is_the_injected_one()
    {
        var authenticator = Authenticator();
        var token = ConnectorToken(expiresIn: TimeSpan.FromMinutes(10));
        Assert.True((await authenticator.AuthenticateAsync("Bearer " + token, ServiceUrl, CancellationToken.None)).Succeeded);

        _clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));   // 10 min lifetime + 5 min skew, and a second

        var later = await authenticator.AuthenticateAsync("Bearer " + token, ServiceUrl, CancellationToken.None);
        Assert.Equal(BotAuthFailure.Expired, later.Failure);
    }

    [Fact]
    public async Task A_token_signed_by_another_key_with_a_published_kid_is_rejected()
    {
        var forged = Stranger.Mint(ConnectorIssuer, AuthTestHost.AppId, Now.AddMinutes(-1), Now.AddHours(1), ServiceUrlClaim());

        var result = await Authenticator().AuthenticateAsync("Bearer " + forged, ServiceUrl, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal(BotAuthFailure.BadSignature, result.Failure);
        Assert.Equal(403, result.StatusCode);
    }

    [Fact]
    public async Task A_token_naming_an_unpublished_key_is_rejected()
    {
        var forged = Stranger.Mint(ConnectorIssuer, AuthTestHost.AppId, Now.AddMinutes(-1), Now.AddHours(1), ServiceUrlClaim(), asKid: "not-published");

        var result = await Authenticator().AuthenticateAsync("Bearer " + forged, ServiceUrl, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal(BotAuthFailure.UnknownSigningKey, result.Failure);
    }

    [Fact]
    public async Task An_unsigned_token_is_rejected()
    {
        var unsigned = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = ConnectorIssuer,
            Audience = AuthTestHost.AppId,
            NotBefore = Now.AddMinutes(-1).UtcDateTime,
            Expires = Now.AddHours(1).UtcDateTime,
            Claims = ServiceUrlClaim(),
        });

        var result = await Authenticator().AuthenticateAsync("Bearer " + unsigned, ServiceUrl, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal(403, result.StatusCode);
    }

    [Theory]
    [InlineData(null, BotAuthFailure.MissingHeader, 401)]
    [InlineData("", BotAuthFailure.MissingHeader, 401)]
    [InlineData("   ", BotAuthFailure.MissingHeader, 401)]
    [InlineData("Basic dXNlcjpwYXNz", BotAuthFailure.WrongScheme, 401)]
    [InlineData("Bearer", BotAuthFailure.WrongScheme, 401)]
    [InlineData("Bearer not.a.jwt", BotAuthFailure.MalformedToken, 403)]
    [InlineData("Bearer garbage", BotAuthFailure.MalformedToken, 403)]
    public async Task A_missing_or_unusable_header_is_rejected(string? header, BotAuthFailure failure, int status)
    {
        var result = await Authenticator().AuthenticateAsync(header, ServiceUrl, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal(failure, result.Failure);
        Assert.Equal(status, result.StatusCode);
    }

    [Fact]
    public async Task A_bare_token_without_scheme_is_rejected()
    {
        var result = await Authenticator().AuthenticateAsync(ConnectorToken(), ServiceUrl, CancellationToken.None);

        Assert.Equal(BotAuthFailure.WrongScheme, result.Failure);
    }

    [Theory]
    [InlineData("https://attacker.example/")]
    [InlineData("https://smba.trafficmanager.net/emea/")]
    [InlineData(null)]
    [InlineData("")]
    public async Task A_serviceUrl_other_than_the_tokens_is_rejected(string? activityServiceUrl)
    {
        var result = await Authenticator().AuthenticateAsync("Bearer " + ConnectorToken(), activityServiceUrl, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal(BotAuthFailure.ServiceUrlMismatch, result.Failure);
        Assert.Equal(403, result.StatusCode);
    }

    [Fact]
    public async Task A_connector_token_without_serviceurl_claim_is_rejected()
    {
        var token = ConnectorKey.Mint(ConnectorIssuer, AuthTestHost.AppId, Now.AddMinutes(-1), Now.AddHours(1));

        var result = await Authenticator().AuthenticateAsync("Bearer " + token, ServiceUrl, CancellationToken.None);

        Assert.Equal(BotAuthFailure.ServiceUrlMismatch, result.Failure);
    }

    [Fact]
    public async Task A_channel_the_signing_key_does_not_endorse_is_rejected()
    {
        var result = await Authenticator().AuthenticateAsync("Bearer " + ConnectorToken(), ServiceUrl, "msteams", CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal(BotAuthFailure.ChannelNotEndorsed, result.Failure);
        Assert.Equal(403, result.StatusCode);
    }

    [Theory]
    [InlineData(EmulatorIssuerV1, "appid")]
    [InlineData(EmulatorIssuerV2, "azp")]
    public async Task An_emulator_token_obtained_with_our_credentials_is_accepted(string issuer, string clientClaim)
    {
        var token = EmulatorKey.Mint(issuer, AuthTestHost.AppId, Now.AddMinutes(-1), Now.AddHours(1), new Dictionary<string, object> { [clientClaim] = AuthTestHost.AppId });

        // The Emulator's serviceUrl is its own local callback; its tokens carry no serviceurl claim.
        var result = await Authenticator().AuthenticateAsync("Bearer " + token, "http://localhost:54321", "emulator", CancellationToken.None);

        Assert.True(result.Succeeded, result.Failure.ToString());
        Assert.Equal(BotCaller.Emulator, result.Caller);
    }

    [Theory]
    [InlineData("appid", "someone-elses-app")]
    [InlineData("azp", "someone-elses-app")]
    [InlineData("ver", "1.0")]               // neither appid nor azp
    public async Task An_emulator_token_obtained_by_another_app_is_rejected(string claim, string value)
    {
        var token = EmulatorKey.Mint(EmulatorIssuerV1, AuthTestHost.AppId, Now.AddMinutes(-1), Now.AddHours(1), new Dictionary<string, object> { [claim] = value });

        var result = await Authenticator().AuthenticateAsync("Bearer " + token, "http://localhost:54321", CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal(BotAuthFailure.AppIdMismatch, result.Failure);
    }

    [Fact]
    public async Task Connector_keys_do_not_vouch_for_emulator_issuers()
    {
        // Same kid as a published Entra key would be needed to pass; the Connector key's kid is not in the Entra set.
        var token = ConnectorKey.Mint(EmulatorIssuerV1, AuthTestHost.AppId, Now.AddMinutes(-1), Now.AddHours(1), new Dictionary<string, object> { ["appid"] = AuthTestHost.AppId });

        var result = await Authenticator().AuthenticateAsync("Bearer " + token, ServiceUrl, CancellationToken.None);

        Assert.Equal(BotAuthFailure.UnknownSigningKey, result.Failure);
    }

    [Fact]
    public async Task Emulator_keys_do_not_vouch_for_the_connector_issuer()
    {
        var token = EmulatorKey.Mint(ConnectorIssuer, AuthTestHost.AppId, Now.AddMinutes(-1), Now.AddHours(1), ServiceUrlClaim());

        var result = await Authenticator().AuthenticateAsync("Bearer " + token, ServiceUrl, CancellationToken.None);

        Assert.Equal(BotAuthFailure.UnknownSigningKey, result.Failure);
    }

    [Fact]
    public async Task A_single_tenant_bot_accepts_emulator_tokens_from_its_tenant_only_when_configured()
    {
        const string tenant = "5b7c0f0e-1111-4222-8333-944455556666";
        var token = EmulatorKey.Mint($"https://login.microsoftonline.com/{tenant}/v2.0", AuthTestHost.AppId, Now.AddMinutes(-1), Now.AddHours(1), new Dictionary<string, object> { ["azp"] = AuthTestHost.AppId });

        var multiTenant = await Authenticator().AuthenticateAsync("Bearer " + token, (string?)null, CancellationToken.None);
        var singleTenant = await Authenticator(tweak: s => s["BotFramework:MicrosoftAppTenantId"] = tenant).AuthenticateAsync("Bearer " + token, (string?)null, CancellationToken.None);

        Assert.Equal(BotAuthFailure.UntrustedIssuer, multiTenant.Failure);
        Assert.True(singleTenant.Succeeded, singleTenant.Failure.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Without_an_app_id_authentication_is_off(string? appId)
    {
        var authenticator = Authenticator(appId);

        var noHeader = await authenticator.AuthenticateAsync(null, ServiceUrl, CancellationToken.None);
        var junkHeader = await authenticator.AuthenticateAsync("Bearer junk", "https://anything.example/", CancellationToken.None);

        Assert.False(authenticator.Enabled);
        Assert.True(noHeader.Succeeded);
        Assert.Equal(BotCaller.Anonymous, noHeader.Caller);
        Assert.True(junkHeader.Succeeded);
    }

    [Fact]
    public async Task Unreachable_signing_keys_answer_503()
    {
        var authenticator = Authenticator(tweak: s => s["BotFramework:OpenIdMetadataUrl"] = _server.BaseUrl + "/no-such-document");

        var result = await authenticator.AuthenticateAsync("Bearer " + ConnectorToken(), ServiceUrl, CancellationToken.None);

        Assert.Equal(BotAuthFailure.MetadataUnavailable, result.Failure);
        Assert.Equal(503, result.StatusCode);
    }

    [Fact]
    public async Task Metadata_over_plain_http_is_refused_off_loopback()
    {
        // Fails before any request is made: a key set fetched over plain HTTP could be swapped in transit.
        var authenticator = Authenticator(tweak: s => s["BotFramework:OpenIdMetadataUrl"] = "http://login.botframework.invalid/v1/.well-known/openidconfiguration");

        var result = await authenticator.AuthenticateAsync("Bearer " + ConnectorToken(), ServiceUrl, CancellationToken.None);

        Assert.Equal(BotAuthFailure.MetadataUnavailable, result.Failure);
    }
}
