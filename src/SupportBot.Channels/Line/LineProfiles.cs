using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace SupportBot.Channels.Line;

/// <summary>
/// A user's language from the profile API (<c>GET /v2/bot/profile/{userId}</c>), cached per user for
/// <see cref="LineOptions.ProfileCacheFor"/>. Only the language is kept, never the name or picture.
/// Unknown or unreachable → null (the catalog then answers in ja-JP).
/// </summary>
public sealed class LineProfiles(LineApiClient api, TimeProvider clock, IOptions<LineOptions> options)
{
    private readonly ConcurrentDictionary<string, (string? Language, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    public async Task<string?> LanguageAsync(string userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(userId, out var hit) && hit.Until > now) return hit.Language;
        string? language = null;
        try { language = await api.GetLanguageAsync(userId, cancellationToken); }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException) { }
        _cache[userId] = (language, now + options.Value.ProfileCacheFor);
        if (_cache.Count > 100_000) foreach (var old in _cache.Where(e => e.Value.Until <= now).Select(e => e.Key).ToList()) _cache.TryRemove(old, out _);
        return language;
    }

    /// <summary>Forgets the user (unfollow).</summary>
    public void Forget(string userId) => _cache.TryRemove(userId, out _);

    /// <summary>A LINE language code as a locale the catalog resolves: ja → ja-JP, en → en-US, zh-Hant etc. pass through.</summary>
    public static string? ToLocale(string? language) => language switch
    {
        null or "" => null,
        "ja" => "ja-JP",
        "en" => "en-US",
        _ => language,
    };
}
