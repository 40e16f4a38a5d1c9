using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace SupportBot.Storage.Redis;

/// <summary>
/// A Lua script sent by its SHA1 (<c>EVALSHA</c>): one short command per call. A node that does not know
/// the script yet (first use, a restarted or promoted node, <c>SCRIPT FLUSH</c>) answers <c>NOSCRIPT</c>;
/// then the full text goes once with <c>EVAL</c>, which also caches it on that node. In a cluster every
/// call is routed by its KEYS, so a script must name every key it touches in KEYS, all in one hash slot.
/// </summary>
internal sealed class RedisScript(string text)
{
    public string Text { get; } = text;

    // SHA1 is what Redis names scripts by; not used for security.
    public byte[] Sha1 { get; } = SHA1.HashData(Encoding.UTF8.GetBytes(text));

    /// <param name="db">Where the EVALSHA goes: the database, or a batch (pipelined with other commands).</param>
    /// <param name="retry">Where the EVAL goes after NOSCRIPT: the database itself when <paramref name="db"/> is a batch (already sent by then).</param>
    public async Task<RedisResult> EvaluateAsync(IDatabaseAsync db, RedisKey[] keys, RedisValue[] args, IDatabaseAsync? retry = null)
    {
        try
        {
            return await db.ScriptEvaluateAsync(Sha1, keys, args).ConfigureAwait(false);
        }
        catch (RedisServerException error) when (error.Message.StartsWith("NOSCRIPT", StringComparison.Ordinal))
        {
            return await (retry ?? db).ScriptEvaluateAsync(Text, keys, args).ConfigureAwait(false);
        }
    }
}
