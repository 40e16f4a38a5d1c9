using System.Net;
using Microsoft.IdentityModel.Protocols;

namespace SupportBot.Channels.BotFramework.Auth;

/// <summary>
/// Fetches OpenID metadata and key documents through <see cref="IHttpClientFactory"/>, so the long-lived
/// configuration managers never pin one connection (and its DNS answer) forever. HTTPS is required except
/// for loopback addresses: a key set fetched over plain HTTP from the network could be swapped in transit.
/// </summary>
internal sealed class MetadataDocumentRetriever(IHttpClientFactory httpClients, string clientName) : IDocumentRetriever
{
    public async Task<string> GetDocumentAsync(string address, CancellationToken cancel)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri))
            throw new ArgumentException("Metadata address is not an absolute URL.", nameof(address));
        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri)))
            throw new InvalidOperationException($"Metadata must be fetched over HTTPS: {uri.GetLeftPart(UriPartial.Path)}");

        var client = httpClients.CreateClient(clientName);
        using var response = await client.GetAsync(uri, cancel).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new IOException($"Metadata request to {uri.GetLeftPart(UriPartial.Path)} answered {(int)response.StatusCode}.");
        return await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false);
    }

    internal static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var ip) && IPAddress.IsLoopback(ip));
}
