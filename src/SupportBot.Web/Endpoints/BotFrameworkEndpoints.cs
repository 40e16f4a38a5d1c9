using SupportBot.Channels.BotFramework;

namespace SupportBot.Web.Endpoints;

internal static class BotFrameworkEndpoints
{
    public static void MapBotFramework(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/messages", async (HttpRequest request, BotFrameworkChannel channel, CancellationToken ct) =>
        {
            var body = await RequestBody.ReadAsync(request, channel.MaxBodyBytes, ct);
            if (body is null) return RequestBody.TooLarge();
            var response = await channel.HandleAsync(body, request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null, ct,
                fromLoopback: request.HttpContext.Connection.RemoteIpAddress is not { } ip || System.Net.IPAddress.IsLoopback(ip)); // the in-memory test server has no address
            return response.ToResult();
        });
    }
}
