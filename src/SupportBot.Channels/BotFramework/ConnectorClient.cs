using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using SupportBot.Engine.Activities;

namespace SupportBot.Channels.BotFramework;

/// <summary>
/// Sends replies to a channel's Connector service:
/// <c>POST {serviceUrl}/v3/conversations/{conversationId}/activities/{replyToId}</c>
/// (Bot Framework REST API, "Reply to activity"). The HttpClient carries the outbound token when
/// app credentials are configured.
/// </summary>
public sealed class ConnectorClient(HttpClient http, IOptions<BotFrameworkEndpointOptions> options)
{
    public bool MayPostTo(string? serviceUrl, bool authenticated)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri)) return false;
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) return false;
        return authenticated || options.Value.AllowAnyServiceUrlWithoutAuth || uri.IsLoopback;
    }

    public async Task SendAsync(Activity reply, CancellationToken cancellationToken)
    {
        var conversationId = Uri.EscapeDataString(reply.Conversation?.Id ?? "");
        var path = $"v3/conversations/{conversationId}/activities";
        if (!string.IsNullOrEmpty(reply.ReplyToId)) path += "/" + Uri.EscapeDataString(reply.ReplyToId);
        var url = new Uri(new Uri(reply.ServiceUrl!.TrimEnd('/') + "/"), path);
        using var content = new StringContent(ActivityJson.Serialize(reply), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        using var response = await http.PostAsync(url, content, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
