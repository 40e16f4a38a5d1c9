using System.Net;
using System.Text;
using Microsoft.Identity.Client;

namespace SupportBot.Channels.Tests.BotFramework.Auth;

/// <summary>
/// Stands in for Entra ID's token endpoint inside MSAL's HTTP pipeline (MSAL requires an https authority, so the
/// supported way to test it offline is <c>WithHttpClientFactory</c>). Records every request MSAL makes.
/// </summary>
internal sealed class TokenEndpointStub : HttpMessageHandler, IMsalHttpClientFactory
{
    private readonly HttpClient _client;
    private int _issued;

    public TokenEndpointStub() => _client = new HttpClient(this, disposeHandler: false);

    public List<(HttpMethod Method, Uri Uri, Dictionary<string, string> Form)> Requests { get; } = [];
    public HttpStatusCode? FailWith { get; set; }

    public HttpClient GetHttpClient() => _client;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var form = body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(kv => Uri.UnescapeDataString(kv[0].Replace('+', ' ')), kv => kv.Length > 1 ? Uri.UnescapeDataString(kv[1].Replace('+', ' ')) : "");
        lock (Requests)
            Requests.Add((request.Method, request.RequestUri!, form));

        if (request.Method != HttpMethod.Post || !request.RequestUri!.AbsolutePath.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal))
            return new HttpResponseMessage(HttpStatusCode.NotFound);
        if (FailWith is { } status)
            return Json(status, """{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided.","error_codes":[7000215]}""");

        var n = Interlocked.Increment(ref _issued);
        return Json(HttpStatusCode.OK, $$"""{"token_type":"Bearer","expires_in":3600,"ext_expires_in":3600,"access_token":"connector-token-{{n}}"}""");
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
}

/// <summary>Plays the Bot Connector: records what the bot's reply client sends.</summary>
internal sealed class ConnectorStub : HttpMessageHandler
{
    public List<(Uri Uri, string? Authorization)> Requests { get; } = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (Requests)
            Requests.Add((request.RequestUri!, request.Headers.Authorization?.ToString()));
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"id":"reply-1"}""") });
    }
}
