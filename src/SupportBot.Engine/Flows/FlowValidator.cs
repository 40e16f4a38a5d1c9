using SupportBot.Engine.Flows.Actions;
using SupportBot.Engine.Flows.Stages;
using SupportBot.Engine.Messages;

namespace SupportBot.Engine.Flows;

/// <summary>
/// Start-up validation of every flow against the catalogs, the input kinds and the actions: unknown
/// action, input kind or message key; a key missing in one culture; a placeholder nobody supplies; a
/// transition to nowhere; an unreachable step; an intent without a label. Every problem names the
/// file and the key; the app refuses to start while any is left (a unit test runs the same check).
/// </summary>
public static class FlowValidator
{
    public static IReadOnlyList<string> Validate(FlowSet set, MessageCatalog catalog, IEnumerable<string> extraKeys)
    {
        var problems = new List<string>();
        var cultures = catalog.Cultures.ToList();

        void Key(string file, string where, string key, ISet<string> supplied)
        {
            foreach (var culture in cultures)
            {
                // Staff labels are said in the base culture; a plain-language variant need not have them.
                if (MessageCatalog.IsVariant(culture) && key.StartsWith(MessageCatalog.StaffPrefix, StringComparison.Ordinal)) continue;
                if (!catalog.Has(key, culture)) { problems.Add($"{file}: {where}: message key '{key}' is missing in locales/{culture}"); continue; }
                foreach (var name in MessageCatalog.Placeholders(catalog.Entries(culture)[key].Text))
                    if (!supplied.Contains(name) && !name.StartsWith("center.", StringComparison.Ordinal))
                        problems.Add($"{file}: {where}: placeholder '{{{name}}}' in '{key}' ({culture}) is not supplied by this flow");
            }
        }

        foreach (var e in FlowSet.EngineEvents)
        {
            var count = set.Flows.Values.Count(f => f.Events.Contains(e));
            if (count != 1) problems.Add($"dialogs: exactly one flow must have the event '{e}' (found {count})");
        }
        foreach (var group in set.Flows.Values.SelectMany(f => f.Intents.Select(i => (Intent: i, Flow: f))).GroupBy(x => x.Intent).Where(g => g.Count() > 1))
            problems.Add($"dialogs: intent '{group.Key}' starts more than one flow ({string.Join(", ", group.Select(x => x.Flow.Id))})");

        foreach (var flow in set.Flows.Values)
        {
            var file = Path.GetFileName(flow.File);
            foreach (var dup in flow.Steps.GroupBy(s => s.Id).Where(g => g.Count() > 1))
                problems.Add($"{file}: {flow.Id}: step id '{dup.Key}' is used twice");

            // What messages in this flow may use: stored answers, action outputs, and input-kind arguments.
            var supplied = new HashSet<string>(flow.Steps.Where(s => s.Store is not null).Select(s => s.Store!), StringComparer.Ordinal) { "max" };
            foreach (var step in flow.Steps)
                if (step.Action is not null && set.Actions.TryGetValue(step.Action, out var action))
                    supplied.UnionWith(action.Provides);

            foreach (var intent in flow.Intents) Key(file, $"{flow.Id}.triggers", "intent." + intent, supplied);
            if (flow.OnLeave is not null && !set.Actions.ContainsKey(flow.OnLeave))
                problems.Add($"{file}: {flow.Id}.on_leave: unknown action '{flow.OnLeave}' (known: {string.Join(", ", set.Actions.Keys.Order())})");

            foreach (var step in flow.Steps)
            {
                var where = $"{flow.Id}.{step.Id}";
                IFlowAction? action = null;
                if (step.Action is not null && !set.Actions.TryGetValue(step.Action, out action))
                    problems.Add($"{file}: {where}: unknown action '{step.Action}' (known: {string.Join(", ", set.Actions.Keys.Order())})");
                foreach (var key in step.Say) Key(file, where, key, supplied);
                foreach (var key in new[] { step.Ask, step.Retry, step.Why }.OfType<string>()) Key(file, where, key, supplied);
                if (step.Ask is not null)
                {
                    if (step.Expect is null) problems.Add($"{file}: {where}: a question needs 'expect'");
                    else if (!set.Inputs.ContainsKey(step.Expect))
                        problems.Add($"{file}: {where}: unknown input kind '{step.Expect}' (known: {string.Join(", ", set.Inputs.Keys.Order())})");
                    if (step.Expect == FlowNames.Kinds.Choice && step.Choices.Count == 0 && step.ChoicesFrom is null)
                        problems.Add($"{file}: {where}: a choice question needs 'choices' or 'choices_from'");
                    if (step.ChoicesFrom is { } from && !supplied.Contains(FlowTurn.ChoicesKey(from)))
                        problems.Add($"{file}: {where}: no action of this flow provides the choices '{from}' (it must list '{FlowTurn.ChoicesKey(from)}' in Provides)");
                }
                else if (step.Expect is not null || step.Choices.Count > 0) problems.Add($"{file}: {where}: 'expect'/'choices' without 'ask'");
                if (step.FromStart && (step.Ask is null || step.Store is null || step.ChoicesFrom is not null))
                    problems.Add($"{file}: {where}: 'from_start' needs a question with 'store' and choices known before the flow runs");
                foreach (var choice in step.Choices) Key(file, where, choice.Label, supplied);

                foreach (var (outcome, target) in step.On)
                {
                    if (!TargetExists(set, flow, target)) problems.Add($"{file}: {where}: 'on.{outcome}' goes to unknown '{target}'");
                    // A question's outcomes come from its input kind (plus its action's); a step that asks nothing has only its action's.
                    List<string>? possible = step.Ask is not null && step.Expect is not null && set.Inputs.TryGetValue(step.Expect, out var kind)
                        ? kind.Outcomes(step) is { } answers ? [.. answers, .. action?.Outcomes ?? []] : null
                        : action?.Outcomes.ToList();
                    if (possible is not null && !possible.Contains(outcome) && !(action?.Outcomes.Contains(outcome) ?? false))
                        problems.Add($"{file}: {where}: 'on.{outcome}' can never happen (possible: {string.Join(", ", possible)})");
                }
                if (step.Then is not null && !TargetExists(set, flow, step.Then)) problems.Add($"{file}: {where}: 'then' goes to unknown '{step.Then}'");
            }

            var reachable = Reachable(flow);
            foreach (var step in flow.Steps.Where(s => !reachable.Contains(s.Id)))
                problems.Add($"{file}: {flow.Id}.{step.Id}: unreachable step");
        }

        foreach (var key in extraKeys.Distinct())
            foreach (var culture in cultures.Where(c => !catalog.Has(key, c)))
                problems.Add($"locales/{culture}: message key '{key}' (used by the engine) is missing");
        return problems;
    }

    private static bool TargetExists(FlowSet set, FlowDefinition flow, string target) =>
        target == Targets.End || (Targets.IsFlow(target, out var id) ? set.Flows.ContainsKey(id) : flow.Step(target) is not null);

    private static HashSet<string> Reachable(FlowDefinition flow)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<StepDefinition>([flow.First]);
        while (queue.TryDequeue(out var step))
        {
            if (!seen.Add(step.Id)) continue;
            var targets = step.On.Values.ToList();
            // Without a 'then' the step falls through to the next one unless every outcome is covered by 'on'
            // (we cannot know that for actions and free input, so the fall-through counts as reachable).
            targets.Add(FlowRunner.Next(flow, step, null));
            foreach (var t in targets)
                if (flow.Step(t) is { } next) queue.Enqueue(next);
        }
        return seen;
    }
}
