using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SupportBot.Channels.Tests.BotFramework.Auth;

/// <summary>
/// A real Kestrel on 127.0.0.1 (port chosen by the OS) serving two OpenID metadata documents and their key sets,
/// shaped like login.botframework.com (Connector) and login.microsoftonline.com (Emulator).
/// </summary>
public sealed class LocalOpenIdServer : IAsyncLifetime
{
    private WebApplication? _app;
    private int _connectorKeyRequests;

    internal List<TestKey> ConnectorKeys { get; set; } = [];
    internal List<TestKey> EmulatorKeys { get; set; } = [];

    public string BaseUrl { get; private set; } = "";

    /// <summary>While true the Connector key set answers 500, as during an outage.</summary>
    public bool ConnectorKeysDown { get; set; }
    public string ConnectorMetadataUrl => $"{BaseUrl}/v1/.well-known/openidconfiguration";
    public string EmulatorMetadataUrl => $"{BaseUrl}/botframework.com/v2.0/.well-known/openid-configuration";
    public int ConnectorKeyRequests => Volatile.Read(ref _connectorKeyRequests);

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();

        _app.MapGet("/v1/.well-known/openidconfiguration", () => Results.Json(Metadata("https://api.botframework.com", $"{BaseUrl}/v1/.well-known/keys")));
        _app.MapGet("/v1/.well-known/keys", () =>
        {
            Interlocked.Increment(ref _connectorKeyRequests);
            if (ConnectorKeysDown)
                return Results.StatusCode(500);
            return Results.Json(new { keys = ConnectorKeys.Select(k => k.Jwk).ToArray() });
        });
        _app.MapGet("/botframework.com/v2.0/.well-known/openid-configuration", () => Results.Json(Metadata("https://login.microsoftonline.com/{tenantid}/v2.0", $"{BaseUrl}/common/discovery/v2.0/keys")));
        _app.MapGet("/common/discovery/v2.0/keys", () => Results.Json(new { keys = EmulatorKeys.Select(k => k.Jwk).ToArray() }));

        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        BaseUrl = address.TrimEnd('/');
    }

    private static Dictionary<string, object> Metadata(string issuer, string jwksUri) => new()
    {
        ["issuer"] = issuer,
        ["authorization_endpoint"] = "https://invalid.example/authorize",
        ["jwks_uri"] = jwksUri,
        ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        ["token_endpoint_auth_methods_supported"] = new[] { "private_key_jwt" },
    };

    public async Task DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
    }
}
