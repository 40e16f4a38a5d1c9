using Xunit;
using Xunit.Abstractions;

namespace SupportBot.Language.Tests.Conformance;

public sealed class ConformanceTests(ITestOutputHelper output)
{
    /// <summary>
    /// Floors per file (in-scope pass rate, exceptions excluded). DateTimeModel's must beat upstream's own
    /// 559/578 (96.7%) and is held at our 97.5% aim; the others are set just under what we reached so a
    /// regression fails.
    /// </summary>
    private static readonly Dictionary<string, double> Floors = new()
    {
        ["DateTimeModel.json"] = 0.975,
        ["DateExtractor.json"] = 0.80,
        ["DateParser.json"] = 0.65,
        ["TimeExtractor.json"] = 0.64,
        ["TimeParser.json"] = 0.78,
        ["DatePeriodExtractor.json"] = 0.70,
        ["DatePeriodParser.json"] = 0.69,
        ["TimePeriodExtractor.json"] = 0.85,
        ["TimePeriodParser.json"] = 0.80,
        ["DateTimeExtractor.json"] = 0.81,
        ["DateTimeParser.json"] = 0.75,
        ["DateTimePeriodExtractor.json"] = 0.70,
        ["DateTimePeriodParser.json"] = 0.68,
        ["MergedExtractor.json"] = 0.58,
        ["MergedParser.json"] = 0.66,
    };

    [Fact]
    public void Specs_pass_at_or_above_their_floors()
    {
        var (figures, failures) = SpecRunner.RunAll();
        var report = SpecRunner.Report(figures, failures);
        output.WriteLine(report);
        WriteReport(report);

        foreach (var f in figures)
        {
            var floor = Floors.GetValueOrDefault(f.File, 0);
            Assert.True(f.Rate >= floor, $"{f.File}: {f.Passed}/{f.Denominator} = {f.Rate:P1} is below the floor {floor:P1}");
        }
    }

    [Fact]
    public void Every_exception_names_a_real_in_scope_case_and_gives_a_reason()
    {
        var scopes = SpecRunner.Scopes();
        foreach (var ((file, index), reason) in SpecRunner.Exceptions())
        {
            Assert.Equal("in-scope", scopes.GetValueOrDefault((file, index)));
            Assert.False(string.IsNullOrWhiteSpace(reason));
        }
    }

    private static void WriteReport(string report)
    {
        // Next to the test project's sources, so the figures are committed with the code that produced them.
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SupportBot.Language.Tests.csproj")))
            dir = dir.Parent;
        if (dir is not null)
            File.WriteAllText(Path.Combine(dir.FullName, "conformance-report.md"), report);
    }
}
