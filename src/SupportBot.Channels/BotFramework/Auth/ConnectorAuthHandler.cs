using System.Net.Http.Headers;

namespace SupportBot.Channels.BotFramework.Auth;

/// <summary>
/// Adds <c>Authorization: Bearer {token}</c> to calls to the Bot Connector
/// (<c>{serviceUrl}/v3/conversations/{id}/activities/{replyToId}</c>). Put it on the HttpClient that sends replies:
/// <c>services.AddHttpClient(name).AddHttpMessageHandler&lt;ConnectorAuthHandler&gt;()</c>.
/// The token goes to whatever serviceUrl the activity named; that is safe because the inbound check tied that
/// serviceUrl to a Connector-signed token. With authentication off no header is added.
/// </summary>
public sealed class ConnectorAuthHandler(IConnectorTokenSource tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.Authorization is null)
        {
            var token = await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            if (token is not null)
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
