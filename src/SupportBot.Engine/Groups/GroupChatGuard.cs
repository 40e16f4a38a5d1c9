using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.Engine.Features;
using SupportBot.Engine.Flows;
using SupportBot.Engine.Messages;
using SupportBot.Engine.State;

namespace SupportBot.Engine.Groups;

/// <summary>
/// The bot in a group chat (a LINE group, a Teams channel): it answers only when addressed — the
/// crisis guard runs before this one, so a crisis is answered all the same — and once a day it adds a
/// note under its answer that personal matters belong in a one-to-one chat.
/// </summary>
public sealed class GroupChatGuard(IOnceStore once) : ITurnGuard
{
    public const string NoteKey = "notes.group";
    private static readonly TimeSpan NoteEvery = TimeSpan.FromDays(1);

    public int Order => 10;

    /// <summary>Chatter between the members that does not address the bot: nothing to say.</summary>
    public Task<bool> HandleAsync(FlowTurn turn, CancellationToken cancellationToken) =>
        Task.FromResult(!turn.Turn.Incoming.IsForBot);

    public async Task AfterTurnAsync(FlowTurn turn, CancellationToken cancellationToken)
    {
        var incoming = turn.Turn.Incoming;
        // Not under a crisis reply: "don't share personal matters here" would read as a rebuke.
        if (incoming.Conversation?.IsGroup != true || !incoming.IsForBot || turn.Turn.Replies.Count == 0 || turn.State.Crisis?.Last == turn.Now) return;
        if (await FirstTodayAsync($"{incoming.ChannelId}:{incoming.Conversation.Id}", cancellationToken)) turn.Say(NoteKey);
    }

    private async Task<bool> FirstTodayAsync(string groupId, CancellationToken ct)
    {
        try { return await once.TryClaimAsync("groupnote:" + groupId, NoteEvery, ct); }
        catch (Exception) when (!ct.IsCancellationRequested) { return false; }
    }
}

public sealed class GroupChatsFeature : IFeature
{
    public static void Add(IServiceCollection services, IConfiguration config) =>
        services.AddSingleton<ITurnGuard, GroupChatGuard>().AddMessageKeys(nameof(GroupChatGuard), [GroupChatGuard.NoteKey]);
}
