using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace SupportBot.Channels.BotFramework.Auth;

/// <summary>
/// One OpenID metadata document and its signing keys. The <see cref="ConfigurationManager{T}"/> caches the
/// document and refreshes it on its own schedule (12 h). Keys roll over before that, so when a token names a key
/// we do not know, <see cref="RefetchAsync"/> fetches the document again at once, at most once per
/// <see cref="RefetchInterval"/> so that tokens with made-up key ids cannot make us hammer the key endpoint.
/// (The manager's own RequestRefresh updates in the background in IdentityModel 8, which would not help the
/// request in hand.)
/// </summary>
internal sealed class OpenIdMetadata
{
    internal static readonly TimeSpan RefetchInterval = TimeSpan.FromMinutes(5);

    private readonly string _address;
    private readonly IDocumentRetriever _retriever;
    private readonly TimeProvider _time;
    private readonly ConfigurationManager<OpenIdConnectConfiguration> _manager;
    private readonly SemaphoreSlim _refetchGate = new(1, 1);
    private DateTimeOffset _lastRefetch = DateTimeOffset.MinValue;
    private volatile OpenIdConnectConfiguration? _refetched;

    public OpenIdMetadata(string address, IDocumentRetriever retriever, TimeProvider time)
    {
        _address = address;
        _retriever = retriever;
        _time = time;
        _manager = new ConfigurationManager<OpenIdConnectConfiguration>(address, new OpenIdConnectConfigurationRetriever(), retriever);
    }

    public Task<OpenIdConnectConfiguration> GetAsync(CancellationToken cancel) => _manager.GetConfigurationAsync(cancel);

    /// <summary>The newest document fetched after a key miss, if any (newer than the manager's until its next refresh).</summary>
    public OpenIdConnectConfiguration? Refetched => _refetched;

    /// <summary>Fetches the document again unless that was done less than <see cref="RefetchInterval"/> ago; null when throttled.</summary>
    public async Task<OpenIdConnectConfiguration?> RefetchAsync(CancellationToken cancel)
    {
        await _refetchGate.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            var now = _time.GetUtcNow();
            if (now - _lastRefetch < RefetchInterval)
                return null;
            _lastRefetch = now;
            var fresh = await OpenIdConnectConfigurationRetriever.GetAsync(_address, _retriever, cancel).ConfigureAwait(false);
            _refetched = fresh;
            return fresh;
        }
        finally
        {
            _refetchGate.Release();
        }
    }
}
