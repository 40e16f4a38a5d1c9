using System.Text.RegularExpressions;

namespace SupportBot.Web.Composition;

/// <summary>The chat page at <c>GET /</c> (section <c>WebChat</c>).</summary>
public sealed partial class WebChatOptions
{
    public const string SectionName = "WebChat";

    /// <summary>Version of the Web Chat copy shipped in <c>wwwroot/webchat/</c> (its README says how to update it).</summary>
    public const string ShippedVersion = "4.18.1";

    /// <summary>
    /// Where the page finds the shipped copy. Relative, like the page's other requests, so the page also works
    /// behind a reverse proxy that serves the bot under a sub-path. The version is in the path: a new version is a
    /// new URL, which is what lets the file be cached for a year.
    /// </summary>
    public const string ShippedScriptUrl = "webchat/" + ShippedVersion + "/webchat-minimal.js";

    /// <summary>
    /// sha384 of the shipped file; WebChatBundleTests fails when the file and this value part, so an update
    /// cannot forget it.
    /// </summary>
    public const string ShippedIntegrity = "sha384-B+EROxozLv5yht/aeq2/nueeoE5Ej8bl0IQ4aSAiANFA1w/LD7/tO6OFgmJsi1wO";

    /// <summary>URL of the Web Chat bundle (botframework-webchat). Default the copy this server ships.</summary>
    public string ScriptUrl { get; set; } = ShippedScriptUrl;

    /// <summary>
    /// Subresource integrity of <see cref="ScriptUrl"/> (<c>sha384-…</c>). Empty: the shipped copy's hash when
    /// ScriptUrl is the shipped copy, otherwise none (refused in Production for a URL on another host).
    /// </summary>
    public string ScriptIntegrity { get; set; } = "";

    /// <summary>
    /// Optional folder served at <c>/webchat/</c>, for another build than the shipped one: put the npm
    /// package's <c>dist/</c> there and set ScriptUrl to <c>webchat/webchat.js</c> (and ScriptIntegrity).
    /// </summary>
    public string? LocalScriptFolder { get; set; }

    /// <summary>Culture of the Web Chat UI.</summary>
    public string Locale { get; set; } = "ja-JP";

    /// <summary>The integrity the page's &lt;script&gt; carries, or null for none.</summary>
    public string? Integrity()
    {
        if (!string.IsNullOrWhiteSpace(ScriptIntegrity)) return ScriptIntegrity.Trim();
        return IsShipped ? ShippedIntegrity : null;
    }

    private bool IsShipped => ScriptUrl.Trim().TrimStart('/') == ShippedScriptUrl;

    /// <summary>
    /// An absolute or scheme-relative URL: what an operator's CDN setting looks like. (An absolute URL of this very
    /// host counts too; the page's own copy is named by a relative URL.)
    /// </summary>
    public bool IsOtherHost =>
        ScriptUrl.Trim().StartsWith("//", StringComparison.Ordinal)
        || (Uri.TryCreate(ScriptUrl.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps));

    /// <summary>A moving build (<c>…/latest/…</c>): no hash can pin it, and an unpinned one changes under the page.</summary>
    public bool IsMovingVersion => LatestSegment().IsMatch(ScriptUrl);

    /// <summary>
    /// The problems of this setting: each stops Production from starting and is a warning elsewhere, except a
    /// malformed integrity (<c>RefuseEverywhere</c>), because a browser silently ignores integrity metadata it
    /// cannot read and would run the script unchecked.
    /// </summary>
    public IEnumerable<(bool RefuseEverywhere, string Message)> Problems()
    {
        var integrity = Integrity();
        if (!string.IsNullOrWhiteSpace(ScriptIntegrity) && !ScriptIntegrity.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).All(IntegrityToken().IsMatch))
            yield return (true, $"WebChat:ScriptIntegrity must be one or more 'sha256-|sha384-|sha512-<base64>' values (got '{ScriptIntegrity}').");
        if (IsMovingVersion)
            yield return (false, $"WebChat:ScriptUrl '{ScriptUrl}' names a moving 'latest' build: the page changes without notice and no integrity hash can pin it. "
                + $"Remove the ScriptUrl setting to serve the shipped copy ({ShippedVersion}), or name a fixed version and set WebChat:ScriptIntegrity.");
        else if (IsOtherHost && integrity is null)
            yield return (false, $"WebChat:ScriptUrl '{ScriptUrl}' is on another host and WebChat:ScriptIntegrity is empty: the page would run whatever that host serves. "
                + "Set WebChat:ScriptIntegrity to the file's sha384 (docs/configuration.md#web-chat), or remove ScriptUrl to serve the shipped copy.");
    }

    [GeneratedRegex(@"(^|/)latest(/|$)", RegexOptions.IgnoreCase)]
    private static partial Regex LatestSegment();

    [GeneratedRegex(@"^sha(256|384|512)-[A-Za-z0-9+/]+={0,2}$")]
    private static partial Regex IntegrityToken();
}
