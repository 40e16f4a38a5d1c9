namespace SupportBot.Channels.BotFramework;

/// <summary>Used when no app id is configured (local development and the Emulator without credentials).</summary>
public sealed class NoAuthentication : IInboundAuthenticator
{
    public bool IsEnabled => false;
    public Task<bool> IsAuthorizedAsync(string? authorizationHeader, string? serviceUrl, CancellationToken cancellationToken) => Task.FromResult(true);
}
