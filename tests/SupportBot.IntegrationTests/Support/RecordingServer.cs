using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace SupportBot.IntegrationTests.Support;

/// <summary>A real Kestrel server on a loopback port that records every request it gets (a stand-in Connector service).</summary>
public sealed class RecordingServer : LoopbackServer
{
    private readonly SemaphoreSlim _arrived = new(0);

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>How long to hold the answer to a request (a slow Connector); recorded on arrival all the same.</summary>
    public Func<RecordedRequest, TimeSpan>? Delay { get; set; }

    private RecordingServer() { }

    public static Task<RecordingServer> StartAsync() => StartAsync(new RecordingServer());

    protected override async Task HandleAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync();
        var request = new RecordedRequest(http.Request.Method, http.Request.Path + http.Request.QueryString, http.Request.Headers.Authorization.ToString(), body);
        Requests.Enqueue(request);
        _arrived.Release();
        if (Delay?.Invoke(request) is { } delay && delay > TimeSpan.Zero) await Task.Delay(delay);
        http.Response.StatusCode = 200;
        await http.Response.WriteAsJsonAsync(new { id = Guid.NewGuid().ToString("N") });
    }

    /// <summary>Waits until <paramref name="count"/> requests in all have arrived (bounded by a timeout, not a sleep).</summary>
    public Task WaitForAsync(int count, TimeSpan timeout) => WaitForAsync(requests => requests.Count >= count, timeout);

    /// <summary>Waits until what has arrived satisfies <paramref name="done"/> (bounded by a timeout, not a sleep).</summary>
    public async Task WaitForAsync(Func<IReadOnlyCollection<RecordedRequest>, bool> done, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!done(Requests)) await _arrived.WaitAsync(cts.Token);
    }
}

public sealed record RecordedRequest(string Method, string PathAndQuery, string Authorization, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();
}
