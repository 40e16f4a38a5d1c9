using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportBot.Engine.Activities;
using SupportBot.Engine.Bot;
using SupportBot.Engine.Flows.Stages;
using SupportBot.Engine.Understanding;

namespace SupportBot.Engine.Flows;

/// <summary>
/// Runs the flows of <c>dialogs/</c>. Every message goes first to the guards (crisis), then to the
/// <see cref="Stages"/> in priority order until one handles it: command (cancel / help / menu) → clarify
/// ("which one did you mean?") → resume ("shall we go on?") → why ("why do you ask?") → digression (an FAQ
/// answered in passing) → read / retry (the answer to the open question) → route (by intent: act, ask which
/// of two, or fall back to the menu and the phone number).
/// </summary>
public sealed class FlowEngine : IBot
{
    private readonly FlowRunner _runner;
    private readonly IIntentRecognizer _recognizer;
    private readonly ITurnGuard[] _guards;
    private readonly ITurnPreparer[] _preparers;

    public FlowEngine(
        FlowSet flows,
        IIntentRecognizer recognizer,
        IEnumerable<ITurnGuard> guards,
        IOptions<UnderstandingOptions> understanding,
        ILogger<FlowEngine>? log = null,
        IEnumerable<ITurnPreparer>? preparers = null)
    {
        _preparers = [.. preparers ?? []];
        _recognizer = recognizer;
        _guards = [.. guards.OrderBy(g => g.Order)];
        _runner = new FlowRunner(flows, understanding.Value, log);
        Stages = FlowStages.InOrder(_runner, recognizer);
    }

    /// <summary>Message keys the engine itself says (checked at start-up).</summary>
    public static readonly string[] MessageKeys =
    [
        "common.cancelled", "common.nothing_to_cancel", "common.resume_offer", "common.resume_declined", "common.give_up",
        "common.retry.generic", "common.clarify", "common.clarify_none", "common.something_else", "common.yes", "common.no", "common.personal_in_group",
    ];

    /// <summary>The stages a message goes through after the guards, in priority order.</summary>
    public IReadOnlyList<IFlowStage> Stages { get; }

    public async Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var incoming = turn.Incoming;
        foreach (var preparer in _preparers) await preparer.PrepareAsync(turn, cancellationToken);
        if (!incoming.IsMessage)
        {
            if (EventOf(incoming) is { } name) await _runner.StartEventAsync(new FlowTurn(turn, _recognizer, null), name, cancellationToken);
            return;
        }

        var ft = new FlowTurn(turn, _recognizer, MessageText(incoming));
        try
        {
            var open = ft.State.Stack.ToList();
            foreach (var guard in _guards)
                if (await guard.HandleAsync(ft, cancellationToken))
                {
                    ft.AnsweredBy = guard;
                    await _runner.LeftAfterGuardAsync(ft, open, cancellationToken);
                    return;
                }
            if (incoming.IsNonText) { await _runner.StartEventAsync(ft, FlowNames.Events.NonText, cancellationToken); return; }
            if (string.IsNullOrWhiteSpace(ft.Text)) { await _runner.StartEventAsync(ft, FlowNames.Events.Menu, cancellationToken); return; }
            await FlowStages.RunAsync(Stages, ft, cancellationToken);
        }
        finally
        {
            foreach (var guard in _guards) await guard.AfterTurnAsync(ft, cancellationToken);
        }
        turn.Trace("SupportBot.Understanding", new
        {
            intents = ft.Intents.Take(3),
            stack = turn.State.Stack.Select(f => $"{f.Flow}/{f.Step}"),
        });
    }

    /// <summary>
    /// The flow event of an activity that is not a message: someone opened the chat (welcome), added the
    /// bot (installed), or the bot was added to a group (joined).
    /// </summary>
    private static string? EventOf(Activity incoming)
    {
        if (incoming.Type == ActivityTypes.InstallationUpdate)
            return string.Equals(incoming.Action, "add", StringComparison.OrdinalIgnoreCase) ? FlowNames.Events.Installed : null;
        if (incoming.Type != ActivityTypes.ConversationUpdate || incoming.MembersAdded is not { Count: > 0 } added) return null;
        if (added.Any(m => m.Id != incoming.Recipient?.Id)) return FlowNames.Events.Welcome;
        return incoming.Conversation?.IsGroup == true ? FlowNames.Events.Joined : null;
    }

    /// <summary>
    /// A turn without state (the store is down): the guards answer first — a crisis message still gets its
    /// full reply — then a question whose answer needs no state. Returns false when neither answered.
    /// </summary>
    public async Task<bool> OnStatelessTurnAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (!turn.Incoming.IsMessage) return false;
        foreach (var preparer in _preparers) await preparer.PrepareAsync(turn, cancellationToken);
        var ft = new FlowTurn(turn, _recognizer, MessageText(turn.Incoming)) { HasState = false };
        foreach (var guard in _guards)
        {
            if (!await guard.HandleAsync(ft, cancellationToken)) continue;
            foreach (var g in _guards) await g.AfterTurnAsync(ft, cancellationToken);
            return true;
        }
        // Hours, closed days, access, application steps, the emergency line: answers that need no state are
        // given as usual; what needs state (a booking, a sign-up) gets the one polite sentence of the pipeline.
        if (_runner.StatelessAnswer(ft) is not { } answer) return false;
        await _runner.RunAnswerAsync(ft, answer, cancellationToken);
        return turn.Replies.Count > 0;
    }

    /// <summary>
    /// A message whose conversation is busy with an earlier turn: only the guards that answer then (the crisis
    /// guard) run, on a fresh state. False when none answered (the pipeline then says it is busy).
    /// </summary>
    public async Task<bool> OnBusyTurnAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (!turn.Incoming.IsMessage) return false;
        foreach (var preparer in _preparers) await preparer.PrepareAsync(turn, cancellationToken);
        var ft = new FlowTurn(turn, _recognizer, MessageText(turn.Incoming)) { HasState = false };
        var busyGuards = _guards.Where(g => g.AnswersWhenBusy).ToArray();
        foreach (var guard in busyGuards)
        {
            if (!await guard.HandleAsync(ft, cancellationToken)) continue;
            foreach (var g in busyGuards) await g.AfterTurnAsync(ft, cancellationToken);
            return true;
        }
        return false;
    }

    /// <summary>The text of a message, or of a button's value (postBack / messageBack carry it there).</summary>
    private static string? MessageText(Activity activity)
    {
        if (!string.IsNullOrWhiteSpace(activity.Text)) return activity.Text;
        return activity.Value is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;
    }
}
