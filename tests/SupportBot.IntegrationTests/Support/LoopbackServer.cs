using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SupportBot.IntegrationTests.Support;

/// <summary>A real Kestrel server on a free loopback port answering every request with <see cref="HandleAsync"/> (the base of the test stand-ins).</summary>
public abstract class LoopbackServer : IAsyncDisposable
{
    private WebApplication? _app;

    public string BaseUrl { get; private set; } = "";

    protected abstract Task HandleAsync(HttpContext http);

    protected static async Task<T> StartAsync<T>(T server) where T : LoopbackServer
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server._app = app;
        server.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
