using SupportBot.Engine.Flows;
using SupportBot.Engine.Flows.Actions;

namespace SupportBot.Engine.Access;

/// <summary>
/// <c>access.no_voice</c>: whether this conversation needs contacts without a voice call (the person said they
/// cannot phone, now or earlier). Provides <c>{no_voice_list}</c> (the public text routes). Outcomes <c>yes</c>, <c>no</c>.
/// </summary>
public sealed class NoVoiceAction(NoVoiceContacts contacts) : IFlowAction
{
    public string Name => "access.no_voice";
    public IReadOnlyCollection<string> Provides => [NoVoiceContacts.ListArg];
    public IReadOnlyCollection<string> Outcomes => ["yes", "no"];

    public Task<string?> RunAsync(FlowTurn turn, CancellationToken cancellationToken)
    {
        if (!NoVoiceContacts.Needed(turn)) return Task.FromResult<string?>("no");
        turn.Args[NoVoiceContacts.ListArg] = contacts.List(turn);
        return Task.FromResult<string?>("yes");
    }
}
