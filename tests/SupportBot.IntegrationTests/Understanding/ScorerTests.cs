using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using SupportBot.IntegrationTests.Support;
using Xunit.Abstractions;

namespace SupportBot.IntegrationTests.Understanding;

/// <summary>
/// The independently written corpus (corpus/) through the black-box scorer that defines a correct first reply
/// (../shared/eval/score.py), against the real HTTP pipeline on Kestrel, once inside opening hours and once
/// after hours. Only the held-apart test split is scored here; the floors are the figures measured when it was
/// first reported (docs/understanding.md), so a change that makes understanding worse fails.
/// </summary>
public sealed partial class ScorerTests(ITestOutputHelper output)
{
    public static TheoryData<string, string, double, double, double> Clocks => new()
    {
        // clock, what it is, intents floor, crisis recall floor, crisis false-positive ceiling (all in %)
        { "2026-12-08T11:00:00+09:00", "Tuesday 11:00, open", IntentsFloor, RecallFloor, FprCeiling },
        { "2026-12-05T23:30:00+09:00", "Saturday 23:30, closed", IntentsFloor, RecallFloor, FprCeiling },
    };

    // Measured 2026-12-07 (fourth session) on the test split after batches 11–20 (1,182 intent rows, 1,747 crisis
    // rows): intents 96.0–96.3 % (open and closed), crisis recall 98.5 %, false positives 5.4–5.5 %. Over HTTP a
    // reply with 119 or a public line counts as a false alarm even where it answers the question asked (「119と110の
    // 違いって?」, the 24-hour line asked for by a new night-shift worker): the safety model's own rate on the same rows
    // is 4.5 % (CrisisCorpusTests). The floors keep about half a point of margin.
    // Measured again 2026-12-07 (eighth session) after batches 21 and 22 grew the split (1,281 intent rows, 1,854
    // crisis rows): intents 96.6–96.9 %, recall 98.9 %, false positives 5.9–6.0 % — on the rows of before 5.5–5.6 %;
    // batch 22's long, worried family messages get the contacts (mostly the gentle check-in) 10.5 % of the time.
    // The ceiling moved with the harder split, not with the model.
    private const double IntentsFloor = 96;
    private const double RecallFloor = 98.4;
    private const double FprCeiling = 6.5;

    [Theory]
    [MemberData(nameof(Clocks))]
    public async Task The_test_split_scores_at_or_above_its_floors(string clock, string when, double intentsFloor, double recallFloor, double fprCeiling)
    {
        var scorer = Path.GetFullPath(Path.Combine(Repository.Root, "..", "shared", "eval", "score.py"));
        Assert.True(File.Exists(scorer), $"the scorer is missing at {scorer} (../shared/eval/score.py beside the repository)");

        using var app = new BotApp(new() { ["Clock:Now"] = clock });
        app.UseKestrel(0);
        app.StartServer();
        var url = new Uri(app.ClientOptions.BaseAddress, "api/messages").ToString();

        var start = new ProcessStartInfo("python3",
        [
            scorer, "--url", url, "--clock", clock, "--concurrency", "4", "--max-failures", "40",
            "--intents", Path.Combine(Repository.Root, "corpus", "intents.test.tsv"),
            "--crisis", Path.Combine(Repository.Root, "corpus", "crisis.test.tsv"),
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var python = Process.Start(start)!;
        var stdout = python.StandardOutput.ReadToEndAsync();
        var stderr = python.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await python.WaitForExitAsync(timeout.Token);
        var report = await stdout;
        output.WriteLine($"{when} ({clock})");
        output.WriteLine(report);
        output.WriteLine(await stderr);
        Assert.True(python.ExitCode == 0, $"score.py exited {python.ExitCode}: {await stderr}");

        var score = ScoreLine().Match(report);
        Assert.True(score.Success, "no score line in the scorer's output");
        double Value(string name) => double.Parse(score.Groups[name].Value, CultureInfo.InvariantCulture);
        Assert.True(Value("intents") >= intentsFloor, $"{when}: intents {Value("intents")}% < {intentsFloor}%");
        Assert.True(Value("recall") >= recallFloor, $"{when}: crisis recall {Value("recall")}% < {recallFloor}%");
        Assert.True(Value("fpr") <= fprCeiling, $"{when}: crisis false-positive rate {Value("fpr")}% > {fprCeiling}%");
    }

    [GeneratedRegex(@"score: intents=(?<intents>[\d.]+)% crisis_recall=(?<recall>[\d.]+)% crisis_fpr=(?<fpr>[\d.]+)%")]
    private static partial Regex ScoreLine();
}
