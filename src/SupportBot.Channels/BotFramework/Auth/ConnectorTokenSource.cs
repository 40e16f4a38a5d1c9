using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;

namespace SupportBot.Channels.BotFramework.Auth;

/// <summary>The bearer token the bot presents to the Bot Connector service when it sends replies.</summary>
public interface IConnectorTokenSource
{
    /// <summary>The access token, or null when authentication is off (then no Authorization header is sent).</summary>
    Task<string?> GetTokenAsync(CancellationToken cancel = default);
}

/// <summary>
/// Client-credentials token from Entra ID for the scope <c>https://api.botframework.com/.default</c>
/// (spec, "Authenticate requests from your bot to the Bot Connector service"). MSAL keeps the token in its
/// in-memory app cache and renews it shortly before expiry, so this is cheap to call per request.
/// Register as a singleton: the cache lives in the one <see cref="IConfidentialClientApplication"/>.
/// </summary>
public sealed class ConnectorTokenSource : IConnectorTokenSource
{
    private readonly IConfidentialClientApplication? _app;
    private readonly string[] _scopes;
    private readonly ILogger _logger;

    public ConnectorTokenSource(IOptions<BotFrameworkOptions> options, IMsalHttpClientFactory httpClients, ILogger<ConnectorTokenSource>? logger = null)
    {
        var o = options.Value;
        _scopes = [o.OAuthScope];
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        if (!o.AuthenticationEnabled)
            return;

        _app = ConfidentialClientApplicationBuilder.Create(o.MicrosoftAppId)
            .WithClientSecret(o.MicrosoftAppPassword)
            // The authority is fixed by the protocol (botframework.com or the bot's tenant); discovering
            // its aliases would only add a network call at start.
            .WithAuthority(o.EffectiveAuthority)
            .WithInstanceDiscovery(false)
            .WithHttpClientFactory(httpClients)
            .Build();
    }

    public async Task<string?> GetTokenAsync(CancellationToken cancel = default)
    {
        if (_app is null)
            return null;
        try
        {
            var result = await _app.AcquireTokenForClient(_scopes).ExecuteAsync(cancel).ConfigureAwait(false);
            return result.AccessToken;
        }
        catch (MsalException ex)
        {
            // The error code (e.g. invalid_client) says what to fix; the message may echo request details.
            BotFrameworkAuthLog.TokenFailed(_logger, ex.ErrorCode);
            throw;
        }
    }
}

/// <summary>Hands MSAL clients from <see cref="IHttpClientFactory"/> (pooled handlers, proxy settings in one place).</summary>
internal sealed class MsalHttpClientAdapter(IHttpClientFactory httpClients) : IMsalHttpClientFactory
{
    internal const string ClientName = "BotFramework.Token";

    public HttpClient GetHttpClient() => httpClients.CreateClient(ClientName);
}
