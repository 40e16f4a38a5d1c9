using Microsoft.AspNetCore.Http;
using SupportBot.Web.Endpoints;

namespace SupportBot.IntegrationTests.Hosting;

/// <summary>
/// The raw body every channel reads (signatures are checked over these exact bytes): with a declared length and
/// without one (chunked), and refused (null) past the limit either way.
/// </summary>
public sealed class RequestBodyTests
{
    private static HttpRequest Request(byte[] body, long? declared)
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new Trickle(body);
        context.Request.ContentLength = declared;
        return context.Request;
    }

    private static byte[] Bytes(int n) => [.. Enumerable.Range(0, n).Select(i => (byte)(i * 7))];

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5_000)]
    [InlineData(40_000)] // more than one 16 KiB read
    public async Task The_exact_bytes_arrive_with_or_without_a_declared_length(int size)
    {
        var body = Bytes(size);
        Assert.Equal(body, await RequestBody.ReadAsync(Request(body, size), 64_000, default));
        Assert.Equal(body, await RequestBody.ReadAsync(Request(body, null), 64_000, default));
    }

    [Fact]
    public async Task Past_the_limit_is_refused_whether_the_length_is_declared_or_not()
    {
        var body = Bytes(2_001);
        Assert.Null(await RequestBody.ReadAsync(Request(body, body.Length), 2_000, default));
        Assert.Null(await RequestBody.ReadAsync(Request(body, null), 2_000, default));
        Assert.NotNull(await RequestBody.ReadAsync(Request(body, null), 2_001, default));
    }

    [Fact]
    public async Task A_body_shorter_than_declared_gives_what_arrived()
    {
        var body = Bytes(100);
        Assert.Equal(body, await RequestBody.ReadAsync(Request(body, 150), 2_000, default));
    }

    /// <summary>Hands out at most 1,000 bytes per read, like a socket, so the reading loops are exercised.</summary>
    private sealed class Trickle(byte[] bytes) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 1_000)], cancellationToken);
    }
}
