using SupportBot.Language.Safety;
using Xunit.Abstractions;

namespace SupportBot.Language.Tests.Safety;

/// <summary>
/// The crisis detector against the labelled evaluation set (crisis-eval.tsv, written separately from
/// the lexicon): recall over every crisis message and the false-positive rate over the hard negatives,
/// with the bars the safety issue sets.
/// </summary>
public sealed class CrisisEvaluationTests(ITestOutputHelper output)
{
    private const double RecallBar = 0.98;
    private const double FalsePositiveBar = 0.10;

    private static IEnumerable<(string Text, string Expected, string Note)> Set() =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Safety", "crisis-eval.tsv")).Skip(1)
            .Where(l => l.Length > 0)
            .Select(l => l.Split('\t'))
            .Select(p => (p[0], p[1], p.Length > 2 ? p[2] : ""));

    [Fact]
    public void Recall_and_false_positive_rate_meet_the_bars()
    {
        var set = Set().ToList();
        var positives = set.Where(s => s.Expected != "none").ToList();
        var negatives = set.Where(s => s.Expected == "none").ToList();
        Assert.True(positives.Count + negatives.Count >= 250, "the evaluation set needs at least 250 messages");

        var missed = positives.Where(p => !CrisisDetector.Assess(p.Text).IsCrisis).ToList();
        var alarms = negatives.Where(n => CrisisDetector.Assess(n.Text).IsCrisis).ToList();
        var recall = 1 - (double)missed.Count / positives.Count;
        var fpr = (double)alarms.Count / negatives.Count;

        output.WriteLine($"crisis evaluation: {positives.Count} crisis messages, {negatives.Count} hard negatives");
        output.WriteLine($"recall {recall:P1} ({positives.Count - missed.Count}/{positives.Count}), false-positive rate {fpr:P1} ({alarms.Count}/{negatives.Count})");
        foreach (var group in positives.GroupBy(p => p.Expected).OrderBy(g => g.Key))
        {
            var caught = group.Count(p => CrisisDetector.Assess(p.Text).IsCrisis);
            var sameCategory = group.Count(p => CrisisDetector.Assess(p.Text).CategoryName == p.Expected);
            output.WriteLine($"  {group.Key,-18} caught {caught}/{group.Count()}, category right {sameCategory}/{group.Count()}");
        }
        foreach (var m in missed) output.WriteLine($"  MISSED: {m.Text} ({m.Note})");
        foreach (var a in alarms) output.WriteLine($"  FALSE ALARM: {a.Text} ({a.Note}) cues {string.Join(",", CrisisDetector.Assess(a.Text).Cues)}");

        Assert.True(recall >= RecallBar, $"recall {recall:P1} is below {RecallBar:P0}");
        Assert.True(fpr <= FalsePositiveBar, $"false-positive rate {fpr:P1} is above {FalsePositiveBar:P0}");
    }

    [Fact]
    public void Third_party_reports_are_recognized_as_about_someone_else()
    {
        var thirdParty = Set().Where(s => s.Note == "third party").ToList();
        Assert.NotEmpty(thirdParty);
        var wrong = thirdParty.Where(s => !CrisisDetector.Assess(s.Text).AboutSomeoneElse).Select(s => s.Text).ToList();
        Assert.True(wrong.Count <= thirdParty.Count / 10, "not seen as about someone else: " + string.Join(" / ", wrong));
    }
}
