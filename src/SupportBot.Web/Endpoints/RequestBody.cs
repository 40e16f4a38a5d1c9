namespace SupportBot.Web.Endpoints;

/// <summary>Reads a request body as raw bytes, up to a limit (signatures and JSON parsing need the exact bytes).</summary>
internal static class RequestBody
{
    /// <summary>The body, or null when it is larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes) return null;
        using var buffer = new MemoryStream(request.ContentLength is > 0 and var n ? (int)n : 1024);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    public static IResult TooLarge() => Results.Json(new { error = new { code = "TooLarge", message = "The request body is too large." } }, statusCode: 413);

    public static IResult ToResult(this SupportBot.Channels.ChannelResponse response) =>
        response.Json is null ? Results.StatusCode(response.StatusCode) : Results.Content(response.Json, "application/json; charset=utf-8", System.Text.Encoding.UTF8, response.StatusCode);
}
