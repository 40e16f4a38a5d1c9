using System.Net;
using SupportBot.Channels.DirectLine;
using SupportBot.Web.Composition;

namespace SupportBot.Web.Endpoints;

/// <summary>The Direct Line 3.0 routes, mapped one to one onto <see cref="DirectLineService"/>.</summary>
internal static class DirectLineEndpoints
{
    public static void MapDirectLine(this IEndpointRouteBuilder app)
    {
        var dl = app.MapGroup("/v3/directline").RequireCors(SupportBotServices.CorsPolicy);

        dl.MapPost("/tokens/generate", async (HttpContext http, DirectLineService service, CancellationToken ct) =>
        {
            var body = await RequestBody.ReadAsync(http.Request, service.MaxBodyBytes, ct);
            if (body is null) return RequestBody.TooLarge();
            return service.GenerateToken(Auth(http), body, IsLoopback(http)).ToResult();
        }).RequireRateLimiting(SupportBotServices.TokenRatePolicy);
        dl.MapPost("/tokens/refresh", (HttpContext http, DirectLineService service) => service.Refresh(Auth(http)).ToResult());
        dl.MapPost("/conversations", async (HttpContext http, DirectLineService service, CancellationToken ct) =>
            (await service.StartConversationAsync(Auth(http), IsLoopback(http), ct)).ToResult())
            .RequireRateLimiting(SupportBotServices.TokenRatePolicy);
        dl.MapGet("/conversations/{id}", (string id, HttpContext http, DirectLineService service) =>
            service.Reconnect(id, Auth(http)).ToResult());
        dl.MapPost("/conversations/{id}/activities", async (string id, HttpContext http, DirectLineService service, CancellationToken ct) =>
        {
            var body = await RequestBody.ReadAsync(http.Request, service.MaxBodyBytes, ct);
            if (body is null) return RequestBody.TooLarge();
            return (await service.PostActivityAsync(id, Auth(http), body, IsLoopback(http), ct)).ToResult();
        });
        dl.MapGet("/conversations/{id}/activities", async (string id, string? watermark, HttpContext http, DirectLineService service, CancellationToken ct) =>
            (await service.GetActivitiesAsync(id, Auth(http), watermark, IsLoopback(http), ct)).ToResult());
    }

    private static string? Auth(HttpContext http) => http.Request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null;

    /// <summary>Development default: without a configured secret, only this machine may start conversations.</summary>
    private static bool IsLoopback(HttpContext http) =>
        http.Connection.RemoteIpAddress is { } ip ? IPAddress.IsLoopback(ip) : true; // the in-memory test server has no address
}
