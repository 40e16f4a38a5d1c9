namespace SupportBot.Web.Composition;

/// <summary>The chat page at <c>GET /</c> (section <c>WebChat</c>).</summary>
public sealed class WebChatOptions
{
    public const string SectionName = "WebChat";

    /// <summary>URL of the official Web Chat bundle (botframework-webchat).</summary>
    public string ScriptUrl { get; set; } = "https://cdn.botframework.com/botframework-webchat/latest/webchat.js";

    /// <summary>
    /// Optional folder served at <c>/webchat/</c>, for sites without CDN access: put the npm
    /// package's <c>dist/</c> there and set ScriptUrl to <c>/webchat/webchat.js</c>.
    /// </summary>
    public string? LocalScriptFolder { get; set; }

    /// <summary>Culture of the Web Chat UI.</summary>
    public string Locale { get; set; } = "ja-JP";
}
