using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Identity.Client;
using SupportBot.Channels.BotFramework.Auth;

namespace SupportBot.Channels.Tests.BotFramework.Auth;

public sealed class ConnectorTokenTests
{
    private const string ReplyUrl = "https://smba.trafficmanager.net/apac/v3/conversations/conv-1/activities/act-1";

    private readonly TokenEndpointStub _entra = new();
    private readonly ConnectorStub _connector = new();

    private ServiceProvider Services(string? appId = AuthTestHost.AppId, Action<Dictionary<string, string?>>? tweak = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["BotFramework:MicrosoftAppId"] = appId,
            ["BotFramework:MicrosoftAppPassword"] = AuthTestHost.AppPassword,
        };
        tweak?.Invoke(settings);
        return AuthTestHost.Build(TimeProvider.System, settings, services =>
        {
            services.AddSingleton<IMsalHttpClientFactory>(_entra);
            services.AddHttpClient("BotFramework.Connector")
                .ConfigurePrimaryHttpMessageHandler(() => _connector)
                .AddHttpMessageHandler<ConnectorAuthHandler>();
        });
    }

    private static Task<HttpResponseMessage> Reply(IServiceProvider services) =>
        services.GetRequiredService<IHttpClientFactory>().CreateClient("BotFramework.Connector")
            .PostAsJsonAsync(ReplyUrl, new { type = "message", text = "hello" });

    [Fact]
    public async Task Replies_carry_a_client_credentials_token_which_is_cached()
    {
        using var services = Services();

        var first = await Reply(services);
        var second = await Reply(services);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(["Bearer connector-token-1", "Bearer connector-token-1"], _connector.Requests.Select(r => r.Authorization));

        // One request to Entra ID in all: no discovery calls, and the second reply used MSAL's cache.
        var (method, uri, form) = Assert.Single(_entra.Requests);
        Assert.Equal(HttpMethod.Post, method);
        Assert.Equal("https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token", uri.GetLeftPart(UriPartial.Path));
        Assert.Equal("client_credentials", form["grant_type"]);
        Assert.Equal(AuthTestHost.AppId, form["client_id"]);
        Assert.Equal(AuthTestHost.AppPassword, form["client_secret"]);
        Assert.Equal("https://api.botframework.com/.default", form["scope"]);
    }

    [Fact]
    public async Task A_single_tenant_bot_asks_its_own_tenant()
    {
        using var services = Services(tweak: s => s["BotFramework:MicrosoftAppTenantId"] = "5b7c0f0e-1111-4222-8333-944455556666");

        var token = await services.GetRequiredService<IConnectorTokenSource>().GetTokenAsync();

        Assert.Equal("connector-token-1", token);
        Assert.Equal("https://login.microsoftonline.com/5b7c0f0e-1111-4222-8333-944455556666/oauth2/v2.0/token", Assert.Single(_entra.Requests).Uri.GetLeftPart(UriPartial.Path));
    }

    [Fact]
    public async Task Without_an_app_id_no_token_is_requested_and_no_header_sent()
    {
        using var services = Services(appId: "");

        var response = await Reply(services);
        var token = await services.GetRequiredService<IConnectorTokenSource>().GetTokenAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(token);
        Assert.Null(Assert.Single(_connector.Requests).Authorization);
        Assert.Empty(_entra.Requests);
    }

    [Fact]
    public async Task A_rejected_secret_surfaces_as_an_MSAL_error_and_nothing_is_sent()
    {
        _entra.FailWith = HttpStatusCode.Unauthorized;
        using var services = Services();

        var error = await Assert.ThrowsAsync<MsalServiceException>(() => Reply(services));

        Assert.Equal("invalid_client", error.ErrorCode);
        Assert.Empty(_connector.Requests);
    }

    [Fact]
    public async Task An_explicit_Authorization_header_is_left_alone()
    {
        using var services = Services();
        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient("BotFramework.Connector");
        using var request = new HttpRequestMessage(HttpMethod.Get, ReplyUrl);
        request.Headers.Authorization = new("Bearer", "caller-chosen");

        await client.SendAsync(request);

        Assert.Equal("Bearer caller-chosen", Assert.Single(_connector.Requests).Authorization);
        Assert.Empty(_entra.Requests);
    }
}
