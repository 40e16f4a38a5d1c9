using SupportBot.Channels.Line;

namespace SupportBot.Web.Endpoints;

internal static class LineEndpoints
{
    /// <summary><c>POST /api/line</c>: the LINE webhook (see docs/line.md). 404 while no channel secret is configured.</summary>
    public static void MapLine(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/line", async (HttpRequest request, LineChannel channel, CancellationToken ct) =>
        {
            if (!channel.Enabled) return Results.NotFound();
            var body = await RequestBody.ReadAsync(request, channel.MaxBodyBytes, ct);
            if (body is null) return RequestBody.TooLarge();
            return channel.Accept(body, request.Headers["X-Line-Signature"].ToString()).ToResult();
        });
    }
}
