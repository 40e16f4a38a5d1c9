using SupportBot.Engine.Activities;
using SupportBot.Engine.Understanding;
using SupportBot.Language.Intents;

namespace SupportBot.Engine.Flows.Stages;

/// <summary>
/// Top-level routing by intent, for every message no flow took. Answer, don't quiz: the top intent is acted on
/// whenever it is likely enough, and a second question in the same message (「開所時間と駐車場は？」) gets its answer
/// too. Only when the top two are genuinely close does the bot ask which was meant — between those two, never
/// one option plus 「どちらでもない」. An answer given on a weaker reading offers the menu as a quick way to say it
/// was something else. Below the floor: the fallback (menu and phone number). Always handles the turn.
/// </summary>
public sealed class RouteStage(FlowRunner runner, IIntentRecognizer recognizer) : IFlowStage
{
    private FlowSet Flows => runner.Flows;

    public async Task<bool> TryHandleAsync(FlowTurn turn, CancellationToken cancellationToken)
    {
        await RouteAsync(turn, cancellationToken);
        return true;
    }

    private async Task RouteAsync(FlowTurn ft, CancellationToken ct)
    {
        var thresholds = runner.Thresholds;
        var ranked = ft.Intents.Where(i => Flows.ByIntent.ContainsKey(i.Name)).Take(2).ToList();
        var decision = IntentDecision.Decide(ranked, thresholds.ConfidentScore, thresholds.ClarifyScore, thresholds.CloseMargin);
        if (decision.Action == IntentAction.Fallback) { await runner.StartEventAsync(ft, FlowNames.Events.Fallback, ct); return; }
        var first = Flows.ByIntent[decision.Top!.Name];
        // After a crisis the bot does not lead into a flow that asks for personal details (a booking) unless the
        // message clearly asks for it: a reading not well ahead of a plain answer (「来週の月曜」 — the old booking's
        // date, or a question about closed days?) gets the answer, so an abandoned booking never restarts by itself.
        if (ft.State.Crisis is not null && first.Personal && ranked.Count > 1 && ranked[0].Score - ranked[1].Score < AfterCrisisMargin
            && Flows.ByIntent[ranked[1].Name] is var plain && FlowSet.IsAnswer(plain))
        {
            await runner.RunAnswerAsync(ft, plain, ct);
            return;
        }

        if (decision.Action == IntentAction.Clarify && Flows.ByIntent[decision.Second!.Name] != first)
        {
            // The answer goes to ClarifyStage on the next turn.
            ft.State.Clarifying = ranked.Select(c => c.Name).ToList();
            var question = ft.Say("common.clarify");
            question.InputHint = InputHints.ExpectingInput;
            question.SuggestedActions = new SuggestedActions
            {
                Actions = [.. ranked.Select(c => CardAction.ImBack(ft.Turn.Text("intent." + c.Name))), CardAction.ImBack(ft.Turn.Text("common.clarify_none"))],
            };
            return;
        }

        // A second question in the same message: answers first, then at most one flow that asks questions.
        if (SecondIntent(ft, first) is { } second && (FlowSet.IsAnswer(first) || FlowSet.IsAnswer(second)))
        {
            var (answer, then) = FlowSet.IsAnswer(first) ? (first, second) : (second, first);
            await runner.RunAnswerAsync(ft, answer, ct);
            if (FlowSet.IsAnswer(then)) { await runner.RunAnswerAsync(ft, then, ct); OfferMenu(ft); }
            else await runner.StartFlowAsync(ft, then, ct);
            return;
        }
        await runner.StartFlowAsync(ft, first, ct);
        if (!decision.Confident) OfferMenu(ft);
    }

    /// <summary>Another request in the same message: the confident intent of one of its sentences
    /// (「予約をキャンセルしたい。今日は何時まで？」), or, within one sentence, a second plain answer as confident as
    /// the first (「開所時間と駐車場を教えて」). Near readings of one request (find a meeting / join it) are not two.</summary>
    private FlowDefinition? SecondIntent(FlowTurn ft, FlowDefinition first)
    {
        // Within one sentence the second reading must also be at least half as strong as the first: 「ピアサポーターに
        // なりたい」 reads 0.9 as becoming one and 0.36 as what one is, which is one question, not two.
        var top = ft.Intents.FirstOrDefault()?.Score ?? 0;
        if (PlainAnswer(first) && ft.Intents.Skip(1).Take(1).Where(i => i.Score >= top / 2) is var near && Pick(near) is { } next && PlainAnswer(next)) return next;
        FlowDefinition? Pick(IEnumerable<IntentScore> scores) =>
            scores.Where(i => i.Score >= runner.Thresholds.ConfidentScore && Flows.ByIntent.TryGetValue(i.Name, out var f) && f != first)
                .Select(i => Flows.ByIntent[i.Name]).FirstOrDefault();
        static bool PlainAnswer(FlowDefinition f) => f.Steps.All(s => s.Ask is null);
        var sentences = Sentences(ft.Text);
        if (sentences.Count < 2) return null;
        foreach (var sentence in sentences)
            if (Pick(recognizer.Recognize(sentence, ft.Culture).Take(1)) is { } found) return found;
        return null;
    }

    /// <summary>How far ahead of a plain answer a personal flow must be to start while the conversation is in the crisis state.</summary>
    private const double AfterCrisisMargin = 0.15;

    // 。？！ (full-width) and their ASCII forms end a sentence.
    private static readonly char[] SentenceEnds = ['\u3002', '\uFF1F', '?', '\uFF01', '!', '\n'];

    private static List<string> Sentences(string text) =>
        [.. text.Split(SentenceEnds, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(s => s.Length >= 3)];

    /// <summary>After an answer on a weaker reading: the menu one tap away, in case it was something else.</summary>
    private static void OfferMenu(FlowTurn ft)
    {
        var last = ft.Turn.Replies.LastOrDefault(r => r.IsMessage);
        if (last is null || last.SuggestedActions is { Actions.Count: > 0 }) return;
        last.SuggestedActions = new SuggestedActions { Actions = [CardAction.ImBack(ft.Turn.Text("common.something_else"))] };
    }
}
