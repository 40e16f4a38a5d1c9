using System.Security.Cryptography;
using System.Text;

namespace SupportBot.Channels.Line;

/// <summary>
/// The webhook signature (https://developers.line.biz/en/reference/messaging-api/#signature-validation):
/// Base64 of HMAC-SHA256 over the raw request body, keyed with the channel secret. It is checked on
/// the exact bytes received, before any parsing: re-serialised JSON differs (escapes of emoji and
/// Japanese), and nothing unverified may be acted on.
/// </summary>
public static class LineSignature
{
    public static string Compute(string channelSecret, ReadOnlySpan<byte> body) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(channelSecret), body));

    /// <summary>True when <paramref name="signature"/> is the body's signature (compared in constant time).</summary>
    public static bool IsValid(string channelSecret, ReadOnlySpan<byte> body, string? signature)
    {
        if (string.IsNullOrEmpty(channelSecret) || string.IsNullOrWhiteSpace(signature)) return false;
        Span<byte> presented = stackalloc byte[64];
        if (!Convert.TryFromBase64String(signature.Trim(), presented, out var written) || written != 32) return false;
        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(channelSecret), body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, presented[..written]);
    }
}
