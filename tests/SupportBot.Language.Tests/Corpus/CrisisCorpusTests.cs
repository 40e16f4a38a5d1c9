using SupportBot.Language.Safety;
using Xunit.Abstractions;

namespace SupportBot.Language.Tests.Corpus;

/// <summary>
/// The safety model on the independently written crisis corpus. The dev split is where thresholds were
/// tuned (its misses are printed to learn from); the test split is only reported, by category, with the
/// bars of the understanding issue. A concern check-in counts as showing the contacts (it gives the
/// 24-hour line and public lines), exactly as the black-box scorer counts it.
/// </summary>
public sealed class CrisisCorpusTests(ITestOutputHelper output)
{
    // The bars of the understanding issue (#12). The dev split is tuned on; after batches 11–20 (2026-12-07) it
    // reads recall 99.5 %, false positives 3.3 %, every category at 98 % or more.
    private const double RecallBar = 0.98;
    private const double CategoryRecallBar = 0.95;
    private const double FalsePositiveBar = 0.05;

    private (double Recall, double Fpr, List<(string Category, double Recall)> Categories) Measure(string file, bool printRows)
    {
        var rows = CorpusData.Read(file);
        var positives = rows.Where(r => r.Label == "1").ToList();
        var negatives = rows.Where(r => r.Label == "0").ToList();
        bool Shown(CorpusRow r) => CorpusData.Safety.Assess(r.Text).Tier != RiskTier.None;
        var caught = positives.Where(Shown).ToHashSet();
        var alarms = negatives.Where(Shown).ToList();
        var recall = (double)caught.Count / positives.Count;
        var fpr = (double)alarms.Count / negatives.Count;
        output.WriteLine($"{file}: recall {recall:P1} ({caught.Count}/{positives.Count}), false-positive rate {fpr:P1} ({alarms.Count}/{negatives.Count})");
        var crisisTier = positives.Count(p => CorpusData.Safety.Assess(p.Text).Tier == RiskTier.Crisis);
        output.WriteLine($"  of the crisis messages, {crisisTier} got the full crisis reply and {caught.Count - crisisTier} the concern check-in");
        var categories = new List<(string, double)>();
        foreach (var g in positives.GroupBy(p => p.Category).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var r = (double)g.Count(caught.Contains) / g.Count();
            categories.Add((g.Key, r));
            output.WriteLine($"  {g.Key,-16} recall {g.Count(caught.Contains),3}/{g.Count(),-3} {r:P0}");
        }
        foreach (var g in positives.GroupBy(p => p.Style).OrderBy(g => g.Key, StringComparer.Ordinal))
            output.WriteLine($"  style {g.Key,-12} recall {g.Count(caught.Contains),3}/{g.Count(),-3}");
        foreach (var g in negatives.GroupBy(p => p.Category).OrderBy(g => g.Key, StringComparer.Ordinal))
            output.WriteLine($"  {g.Key,-16} false alarms {g.Count(alarms.Contains),3}/{g.Count()}");
        if (printRows)
        {
            foreach (var m in positives.Where(p => !caught.Contains(p)))
                output.WriteLine($"  MISSED {m.Id} [{m.Note}] {m.Text} (score {CorpusData.Safety.Assess(m.Text).Score:F2})");
            foreach (var a in alarms)
                output.WriteLine($"  ALARM {a.Id} [{a.Note}] {a.Text} ({string.Join(",", CorpusData.Safety.Assess(a.Text).Cues)})");
        }
        return (recall, fpr, categories);
    }

    [Fact]
    public void Dev_split_meets_the_bars()
    {
        var (recall, fpr, categories) = Measure("corpus/crisis.dev.tsv", printRows: true);
        Assert.True(recall >= RecallBar, $"dev recall {recall:P1} < {RecallBar:P0}");
        Assert.True(fpr <= FalsePositiveBar, $"dev FPR {fpr:P1} > {FalsePositiveBar:P0}");
        Assert.All(categories, c => Assert.True(c.Recall >= CategoryRecallBar, $"{c.Category}: {c.Recall:P0}"));
    }

    /// <summary>
    /// Held apart: figures only (no rows), never tuned on. Measured 2026-12-07 (fourth session) after batches 11–20
    /// and tuning on dev: recall 98.5 % (838/851), false-positive rate 4.5 % (40/896), lowest category
    /// dangerous_place 95.1 %. The model is deterministic, so the floors are the issue's bars themselves: a change that
    /// makes safety worse on the held-apart split fails here. docs/safety.md has the figures.
    /// </summary>
    [Fact]
    public void Test_split_meets_the_bars()
    {
        var (recall, fpr, categories) = Measure("corpus/crisis.test.tsv", printRows: false);
        Assert.True(recall >= TestRecallFloor, $"test recall {recall:P1} < {TestRecallFloor:P0}");
        Assert.True(fpr <= TestFalsePositiveCeiling, $"test FPR {fpr:P1} > {TestFalsePositiveCeiling:P0}");
        Assert.All(categories, c => Assert.True(c.Recall >= TestCategoryFloor, $"{c.Category}: {c.Recall:P0}"));
    }

    private const double TestRecallFloor = RecallBar;
    private const double TestFalsePositiveCeiling = FalsePositiveBar;
    private const double TestCategoryFloor = CategoryRecallBar;

    [Fact]
    public void The_corpus_is_large_enough_and_split_by_the_fixed_rule()
    {
        var train = CorpusData.Read("locales/ja-JP/crisis.train.tsv");
        var dev = CorpusData.Read("corpus/crisis.dev.tsv");
        var test = CorpusData.Read("corpus/crisis.test.tsv");
        Assert.True(train.Count(r => r.Label != "none") + dev.Count(r => r.Label == "1") + test.Count(r => r.Label == "1") >= 800);
        Assert.True(train.Count(r => r.Label == "none") + dev.Count(r => r.Label == "0") + test.Count(r => r.Label == "0") >= 800);
        // The buckets of each split, by batch (corpus/split.py): batch 1 (ids c…) 0-4 train, 5-6 dev, 7-9 test;
        // batch 2 (b2-…) 0-5 train, 6-9 dev, no test; batches 5, 15, 17 and 20 all train; batches 6, 8, 12, 14, 16, 19 and 22 0-5 train, 6-7 dev, 8-9 test;
        // batches 7, 9, 10, 11, 13 and 18 0-7 train, 8-9 dev, no test.
        static (int Train, int Dev) Cuts(CorpusRow r) => Batch(r.Id) switch
        {
            2 => (5, 9), 5 or 15 or 17 or 20 => (9, 9), 6 or 8 or 12 or 14 or 16 or 19 or 22 => (5, 7), 7 or 9 or 10 or 11 or 13 or 18 => (7, 9), 1 => (4, 6),
            var b => throw new InvalidOperationException($"Batch {b} has no split rule here: add it beside corpus/split.py's RULES."),
        };
        // "b12p-0001" → 12; batch 1's ids (cpa-…, cna-…) carry no number.
        static int Batch(string id) => System.Text.RegularExpressions.Regex.Match(id, "^b([0-9]+)[a-z]") is { Success: true } m ? int.Parse(m.Groups[1].Value) : 1;
        Assert.All(train, r => Assert.InRange(CorpusData.Bucket(r.Id), 0, Cuts(r).Train));
        Assert.All(dev, r => Assert.InRange(CorpusData.Bucket(r.Id), Cuts(r).Train + 1, Cuts(r).Dev));
        Assert.All(test, r => Assert.InRange(CorpusData.Bucket(r.Id), Cuts(r).Dev + 1, 9));
        var trained = train.Select(r => r.Text).ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain(dev.Concat(test), r => trained.Contains(r.Text));
    }
}
