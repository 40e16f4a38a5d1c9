using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SupportBot.Channels.Tests.BotFramework.Auth;

/// <summary>An RSA key minted in the test, published as a JWK and used to sign test tokens.</summary>
internal sealed class TestKey(string kid, params string[] endorsements)
{
    private readonly RSA _rsa = RSA.Create(2048);

    public string Kid { get; } = kid;
    public string[] Endorsements { get; } = endorsements;

    public object Jwk
    {
        get
        {
            var p = _rsa.ExportParameters(includePrivateParameters: false);
            var jwk = new Dictionary<string, object>
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["kid"] = Kid,
                ["n"] = Base64UrlEncoder.Encode(p.Modulus!),
                ["e"] = Base64UrlEncoder.Encode(p.Exponent!),
            };
            if (Endorsements.Length > 0)
                jwk["endorsements"] = Endorsements;
            return jwk;
        }
    }

    /// <summary>Signs a token whose header says <paramref name="asKid"/> (default: this key's own id).</summary>
    public string Mint(string issuer, string audience, DateTimeOffset notBefore, DateTimeOffset expires, IDictionary<string, object>? claims = null, string? asKid = null)
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = notBefore.UtcDateTime,
            NotBefore = notBefore.UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = claims ?? new Dictionary<string, object>(),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(_rsa) { KeyId = asKid ?? Kid }, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }
}
