using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportBot.Channels.BotFramework.Auth;
using SupportBot.Engine.Activities;
using SupportBot.Engine.Turns;

namespace SupportBot.Channels.BotFramework;

/// <summary>
/// The Bot Framework endpoint (<c>POST /api/messages</c>): the protocol of the Emulator and of Azure
/// Bot Service channels. With <c>deliveryMode: expectReplies</c> the turn's replies go back in the
/// HTTP body; otherwise the request is acknowledged at once and the replies are POSTed to the
/// activity's <c>serviceUrl</c> (Connector API).
/// </summary>
public sealed class BotFrameworkChannel(
    TurnPipeline pipeline,
    BotFrameworkAuthenticator authenticator,
    ConnectorClient connector,
    TurnQueue queue,
    IOptions<BotFrameworkEndpointOptions> options,
    IHostEnvironment environment,
    ILogger<BotFrameworkChannel> log)
{
    private readonly ConversationOrder _order = new();

    public int MaxBodyBytes => options.Value.MaxBodyBytes;

    /// <summary>The ingress name this endpoint files its conversations under (<see cref="Activity.Ingress"/>).</summary>
    public const string Ingress = "botframework";

    /// <param name="fromLoopback">Whether the request came from this machine (an anonymous endpoint in Production serves only that).</param>
    public async Task<ChannelResponse> HandleAsync(ReadOnlyMemory<byte> body, string? authorization, CancellationToken cancellationToken, bool fromLoopback = true)
    {
        Activity? activity;
        try
        {
            activity = ActivityJson.Deserialize(body.Span);
        }
        catch (JsonException)
        {
            return ChannelResponse.Error(400, "BadSyntax", "The body is not a valid Activity JSON document.");
        }
        if (activity is null || string.IsNullOrEmpty(activity.Type))
            return ChannelResponse.Error(400, "BadArgument", "An Activity needs a 'type'.");
        // Two people without a conversation id must never share one conversation (and its answers).
        if (string.IsNullOrWhiteSpace(activity.Conversation?.Id) || string.IsNullOrWhiteSpace(activity.From?.Id))
            return ChannelResponse.Error(400, "BadArgument", "An Activity needs 'conversation.id' and 'from.id'.");
        // In Production an endpoint without app credentials runs only when allowed, and then serves this machine.
        if (!authenticator.Enabled && environment.IsProduction() && !fromLoopback)
            return ChannelResponse.Error(401, "Unauthorized", "Without app credentials this endpoint serves only this machine.");

        // The serviceurl claim must match the body's serviceUrl, so the token is checked after parsing.
        var auth = await authenticator.AuthenticateAsync(authorization, activity, cancellationToken);
        if (!auth.Succeeded)
            return ChannelResponse.Error(auth.StatusCode, "Unauthorized", "The request is not authorized.");

        activity.ChannelId ??= "emulator";
        activity.Ingress = Ingress;

        if (string.Equals(activity.DeliveryMode, DeliveryModes.ExpectReplies, StringComparison.OrdinalIgnoreCase))
        {
            var replies = await pipeline.RunAsync(activity, cancellationToken);
            return new ChannelResponse(200, ExpectedReplies(replies));
        }

        if (!connector.MayPostTo(activity.ServiceUrl, authenticator.Enabled))
            return ChannelResponse.Error(400, "BadArgument", "The activity's serviceUrl is missing or not allowed.");

        // The turn's place among the conversation's turns is taken now, on arrival, so its replies reach the
        // channel after those of every earlier message.
        var place = _order.Enter(TurnPipeline.ConversationKey(activity));
        if (!queue.TryEnqueue(ct => place.RunAsync(c => RunAndPostAsync(activity, c), ct)))
        {
            place.Abandon();
            return ChannelResponse.Error(503, "Busy", "The bot is busy; please retry.");
        }
        return new ChannelResponse(202);
    }

    private async Task RunAndPostAsync(Activity activity, CancellationToken cancellationToken)
    {
        // The Emulator and Teams show a typing indicator while the turn runs; it is posted beside the turn and
        // awaited before the replies, so it never arrives after them.
        var typing = activity.IsMessage ? TryPostAsync(Typing(activity), cancellationToken) : Task.CompletedTask;
        var replies = await pipeline.RunAsync(activity, cancellationToken);
        await typing;
        foreach (var reply in replies)
        {
            try
            {
                await connector.SendAsync(reply, cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                BotFrameworkLog.ReplyFailed(log, activity.ChannelId ?? "", ex.GetType().Name);
            }
        }
    }

    private async Task TryPostAsync(Activity reply, CancellationToken cancellationToken)
    {
        try { await connector.SendAsync(reply, cancellationToken); }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { BotFrameworkLog.ReplyFailed(log, reply.ChannelId ?? "", ex.GetType().Name); }
    }

    private static Activity Typing(Activity incoming)
    {
        var typing = incoming.CreateReply();
        typing.Type = ActivityTypes.Typing;
        typing.Text = null;
        return typing;
    }

    // Serialized straight to a string (the serializer's pooled buffer), not through a growing MemoryStream and a copy:
    // this body is written on every expectReplies turn.
    private static string ExpectedReplies(IReadOnlyList<Activity> replies) =>
        JsonSerializer.Serialize(new ExpectedRepliesBody(replies), ActivityJson.Options);

    /// <summary>The body of an <c>expectReplies</c> answer: <c>{"activities":[...]}</c>.</summary>
    private sealed record ExpectedRepliesBody(IReadOnlyList<Activity> Activities);
}

/// <summary>Limits of the Bot Framework endpoint (section <c>BotFramework</c>, shared with the auth settings).</summary>
public sealed class BotFrameworkEndpointOptions
{
    public const string SectionName = "BotFramework";

    /// <summary>Largest accepted request body; larger → 413. Large enough that a very long message arrives and gets
    /// the polite "too long" reply (<c>Limits:MaxTextLength</c>) instead of a bare error.</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Without app credentials nobody proves who sent an activity, so by default replies are POSTed
    /// only to loopback serviceUrls (the Emulator). Set true to allow any host without auth.
    /// </summary>
    public bool AllowAnyServiceUrlWithoutAuth { get; set; }

    /// <summary>
    /// Production refuses to start with an anonymous endpoint (no <c>MicrosoftAppId</c>) unless this is set;
    /// then it serves only requests from this machine (a local Emulator, a reverse proxy's health check).
    /// </summary>
    public bool AllowAnonymous { get; set; }

}
