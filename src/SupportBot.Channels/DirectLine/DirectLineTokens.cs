using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace SupportBot.Channels.DirectLine;

/// <summary>
/// Conversation tokens: <c>dl1.{payload}.{signature}</c>, base64url, HMAC-SHA256 over
/// <c>dl1.{payload}</c>. The payload binds the conversation and the user id, so a client can act
/// only as that user in that conversation, and any instance holding the key can check it without
/// a store read.
/// </summary>
public sealed class DirectLineTokens
{
    private const string Prefix = "dl1.";
    private readonly byte[] _key;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _lifetime;

    public DirectLineTokens(IOptions<DirectLineOptions> options, TimeProvider clock)
    {
        var o = options.Value;
        _clock = clock;
        _lifetime = o.TokenLifetime;
        _key = !string.IsNullOrEmpty(o.TokenSigningKey) ? SHA256.HashData(Encoding.UTF8.GetBytes(o.TokenSigningKey))
            : !string.IsNullOrEmpty(o.Secret) ? SHA256.HashData(Encoding.UTF8.GetBytes("directline-token:" + o.Secret))
            : RandomNumberGenerator.GetBytes(32);
    }

    public int ExpiresInSeconds => (int)_lifetime.TotalSeconds;

    /// <summary>A token for the conversation and user; <paramref name="locale"/> (optional) is the locale the page asked for
    /// (e.g. <c>ja-JP-x-easy</c>, plain Japanese), stamped on the conversation's activities.</summary>
    public string Issue(string conversationId, string userId, string? locale = null)
    {
        var expires = _clock.GetUtcNow().Add(_lifetime).ToUnixTimeSeconds();
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new TokenPayload(conversationId, userId, expires, locale), PayloadJson));
        return Prefix + payload + "." + Base64Url(Sign(Prefix + payload));
    }

    /// <summary>The bound conversation and user, or null when the token is malformed, forged or expired.</summary>
    public TokenPayload? Validate(string? token)
    {
        if (token is null || !token.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var dot = token.LastIndexOf('.');
        if (dot <= Prefix.Length) return null;
        var signed = token[..dot];
        byte[] signature, payloadBytes;
        try
        {
            signature = FromBase64Url(token[(dot + 1)..]);
            payloadBytes = FromBase64Url(signed[Prefix.Length..]);
        }
        catch (FormatException) { return null; }
        if (!CryptographicOperations.FixedTimeEquals(signature, Sign(signed))) return null;
        TokenPayload? payload;
        try { payload = JsonSerializer.Deserialize<TokenPayload>(payloadBytes); }
        catch (JsonException) { return null; }
        if (payload is null || payload.Exp < _clock.GetUtcNow().ToUnixTimeSeconds()) return null;
        return payload;
    }

    private byte[] Sign(string text) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(text));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
    }

    private static readonly JsonSerializerOptions PayloadJson = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public sealed record TokenPayload(string Conv, string User, long Exp, string? Loc = null);
}
