using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace SupportBot.IntegrationTests.Support;

/// <summary>
/// The real app over the real HTTP pipeline (in-memory server), with per-test settings and
/// optional service overrides. Each instance gets its own storage key prefix.
/// </summary>
public sealed class BotApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    public BotApp(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, string? environment = null)
    {
        _settings = new Dictionary<string, string?>
        {
            ["Storage:KeyPrefix"] = "test:" + Guid.NewGuid().ToString("N")[..8] + ":",
            // Tests send many messages from one user and start many conversations from one address; the limits
            // have their own tests (Limits/RateLimitTests), which set them low.
            ["Limits:MessagesPerMinute"] = "10000",
            ["Limits:TokensPerMinutePerAddress"] = "10000",
        };
        foreach (var (k, v) in settings ?? []) _settings[k] = v;
        _services = services;
        Environment = environment ?? "Development";
    }

    public string Environment { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        // UseSetting makes the values visible while Program builds its services; the in-memory
        // collection makes them win over appsettings.json afterwards.
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(_settings));
        if (_services is not null) builder.ConfigureTestServices(_services);
    }

    public static StringContent Json(object body) =>
        new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    /// <summary>A message activity as the Emulator or a channel would send it.</summary>
    public static Dictionary<string, object?> Message(string conversationId, string text, string? deliveryMode = "expectReplies", string channelId = "directline", string? serviceUrl = "http://127.0.0.1:1", string locale = "ja-JP") => new()
    {
        ["type"] = "message",
        ["id"] = Guid.NewGuid().ToString("N"),
        ["channelId"] = channelId,
        ["serviceUrl"] = serviceUrl,
        ["deliveryMode"] = deliveryMode,
        ["from"] = new { id = "user-1", name = "User" },
        ["recipient"] = new { id = "bot", name = "Bot" },
        ["conversation"] = new { id = conversationId },
        ["locale"] = locale,
        ["text"] = text,
    };

    public static async Task<JsonElement> ReadJson(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);
}
