namespace SupportBot.Channels.BotFramework;

/// <summary>Decides whether a request to <c>/api/messages</c> comes from a channel we trust.</summary>
public interface IInboundAuthenticator
{
    /// <summary>True when authentication is switched on (an app id is configured).</summary>
    bool IsEnabled { get; }

    Task<bool> IsAuthorizedAsync(string? authorizationHeader, string? serviceUrl, CancellationToken cancellationToken);
}
