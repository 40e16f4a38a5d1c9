using System.Text;
using SupportBot.Language.Intents;
using SupportBot.Language.Normalization;
using Xunit;
using Xunit.Abstractions;

namespace SupportBot.Language.Tests.Intents;

/// <summary>
/// Accuracy on labelled messages written apart from the training examples. A message is right when its top
/// intent is the expected one and scores at least <see cref="IntentThresholds.Clarify"/> (it would be acted on
/// or offered); an expected "none" is right when the top score is below <see cref="IntentThresholds.Clarify"/>
/// (the bot falls back to the menu).
/// </summary>
public sealed class IntentEvaluationTests(ITestOutputHelper output)
{
    // The repository's own evaluation set, written together with the examples: a regression guard, not the
    // measure (corpus/ is, see docs/understanding.md). Since the independently written training batch 6 it
    // measured 93.5 % for ja-JP; with batch 8 in training it measures 92.5 % while the independent dev and
    // test splits went up (91.5 → 92.2 %, 91.9 → 92.9 %), so the floor follows the measure: 92 %.
    [Theory]
    [InlineData("ja-JP", 0.92, 300)]
    [InlineData("en-US", 0.90, 40)]
    public void Accuracy_meets_the_bar(string culture, double bar, int minimumRows)
    {
        var model = IntentData.Model(culture);
        var rows = IntentData.Eval(culture);
        Assert.True(rows.Count >= minimumRows, $"{culture}: only {rows.Count} labelled messages");

        var perIntent = new SortedDictionary<string, (int Right, int Total)>(StringComparer.Ordinal);
        var misses = new StringBuilder();
        var right = 0;
        var confident = 0;
        foreach (var (text, expected) in rows)
        {
            var scores = model.Recognize(text);
            var top = scores[0];
            var ok = expected == IntentModel.None
                ? top.Score < IntentThresholds.Clarify
                : top.Name == expected && top.Score >= IntentThresholds.Clarify;
            if (ok) right++;
            if (ok && expected != IntentModel.None && top.Score >= IntentThresholds.Confident) confident++;
            var (r, t) = perIntent.GetValueOrDefault(expected);
            perIntent[expected] = (r + (ok ? 1 : 0), t + 1);
            if (!ok) misses.AppendLine($"  miss: {text} → expected {expected}, got {string.Join(", ", scores.Take(3).Select(s => $"{s.Name} {s.Score:F2}"))}");
        }

        var accuracy = (double)right / rows.Count;
        output.WriteLine($"{culture}: {right}/{rows.Count} = {accuracy:P1} (bar {bar:P0}); in scope and confident: {confident}/{rows.Count(r => r.Expected != IntentModel.None)}");
        foreach (var (intent, (r, t)) in perIntent.OrderBy(p => (double)p.Value.Right / p.Value.Total).ThenBy(p => p.Key, StringComparer.Ordinal))
            output.WriteLine($"  {intent,-20} {r,3}/{t,-3} {(double)r / t:P0}");
        output.WriteLine(misses.ToString());
        Assert.True(accuracy >= bar, $"{culture}: accuracy {accuracy:P1} is below {bar:P0}\n{misses}");
    }

    [Theory]
    [InlineData("ja-JP")]
    [InlineData("en-US")]
    public void Evaluation_messages_are_not_training_examples(string culture)
    {
        // Compared after folding, so a copy that only differs in width or kana is caught too.
        static string Fold(string s) => new([.. TextNormalizer.Fold(s, NormalizationOptions.ForMatching).Where(char.IsLetterOrDigit)]);
        var training = IntentData.Examples(culture).Select(e => Fold(e.Text)).ToHashSet(StringComparer.Ordinal);
        var copies = IntentData.Eval(culture).Where(r => training.Contains(Fold(r.Text))).Select(r => r.Text).ToList();
        Assert.True(copies.Count == 0, "copied from training: " + string.Join(" / ", copies));
    }

    [Theory]
    [InlineData("ja-JP")]
    [InlineData("en-US")]
    public void Every_expected_intent_is_one_the_model_knows(string culture)
    {
        var known = IntentData.Model(culture).Intents.Append(IntentModel.None).ToHashSet(StringComparer.Ordinal);
        var unknown = IntentData.Eval(culture).Select(r => r.Expected).Where(e => !known.Contains(e)).Distinct().ToList();
        Assert.Empty(unknown);
    }

    [Fact]
    public void Both_locales_define_the_same_intents()
    {
        Assert.Equal(
            IntentData.Model("ja-JP").Intents.Order(StringComparer.Ordinal),
            IntentData.Model("en-US").Intents.Order(StringComparer.Ordinal));
    }
}
