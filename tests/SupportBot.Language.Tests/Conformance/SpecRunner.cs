using System.Globalization;
using System.Text;
using System.Text.Json;
using SupportBot.Language.DateTimeRecognition;

namespace SupportBot.Language.Tests.Conformance;

/// <summary>One spec case's outcome.</summary>
public sealed record CaseOutcome(string File, int Index, string Input, bool Passed, string Detail);

/// <summary>Per-file figures.</summary>
public sealed record FileFigures(string File, int InScope, int Excepted, int Passed, int Active, int ActivePassed)
{
    public int Denominator => InScope - Excepted;
    public double Rate => Denominator == 0 ? 1 : (double)Passed / Denominator;
    public double ActiveRate => Active == 0 ? 1 : (double)ActivePassed / Active;
}

/// <summary>
/// Runs the Recognizers-Text Japanese DateTime specs against our recognizer the way upstream's .NET
/// data-driven tests compare them (count, text, type, offsets, then resolution key by key).
/// </summary>
public static class SpecRunner
{
    public static readonly string[] Files =
    [
        "DateTimeModel.json", "DateExtractor.json", "DateParser.json", "TimeExtractor.json", "TimeParser.json",
        "DatePeriodExtractor.json", "DatePeriodParser.json", "TimePeriodExtractor.json", "TimePeriodParser.json",
        "DateTimeExtractor.json", "DateTimeParser.json", "DateTimePeriodExtractor.json", "DateTimePeriodParser.json",
        "MergedExtractor.json", "MergedParser.json", "HolidayExtractor.json", "HolidayParser.json",
    ];

    // Parser and extractor cases without a reference never depend on it (README); any fixed day will do.
    private static readonly DateTime DefaultReference = new(2016, 11, 7);

    public static string DataDir => Path.Combine(AppContext.BaseDirectory, "Conformance", "recognizers-text-ja");

    public static Dictionary<(string File, int Index), string> Scopes()
    {
        var map = new Dictionary<(string, int), string>();
        foreach (var line in File.ReadLines(Path.Combine(DataDir, "cases-index.tsv")).Skip(1))
        {
            var cols = line.Split('\t');
            map[(cols[0], int.Parse(cols[1], CultureInfo.InvariantCulture))] = cols[7];
        }
        return map;
    }

    public static Dictionary<(string File, int Index), string> Exceptions()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Conformance", "exceptions.tsv");
        var map = new Dictionary<(string, int), string>();
        foreach (var line in File.ReadLines(path).Where(l => l.Length > 0 && !l.StartsWith('#')).Skip(1))
        {
            var cols = line.Split('\t');
            map[(cols[0], int.Parse(cols[1], CultureInfo.InvariantCulture))] = cols[3];
        }
        return map;
    }

    public static List<CaseOutcome> Run(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(DataDir, file)));
        var outcomes = new List<CaseOutcome>();
        var index = 0;
        foreach (var spec in doc.RootElement.EnumerateArray())
        {
            var input = spec.GetProperty("Input").GetString() ?? "";
            var reference = DefaultReference;
            if (spec.TryGetProperty("Context", out var ctx) && ctx.TryGetProperty("ReferenceDateTime", out var r))
                reference = DateTime.Parse(r.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.None);
            string detail;
            bool passed;
            try
            {
                var actual = DateTimeRecognizer.Recognize(input, reference);
                var expected = spec.GetProperty("Results");
                var ignoreResolution = spec.TryGetProperty("IgnoreResolution", out var ir) && ir.GetString() == "true";
                (passed, detail) = file.Contains("Model", StringComparison.Ordinal) || file == "MergedParser.json"
                    ? CompareModel(expected, actual, file == "MergedParser.json")
                    : CompareExtractorOrParser(expected, actual, file.Contains("Parser", StringComparison.Ordinal) && !ignoreResolution);
            }
            catch (Exception ex)
            {
                passed = false;
                detail = "exception: " + ex.Message;
            }
            outcomes.Add(new CaseOutcome(file, index++, input, passed, detail));
        }
        return outcomes;
    }

    private static string Describe(IReadOnlyList<DateTimeMention> actual) =>
        string.Join(" ; ", actual.Select(a => $"[{a.Text}] {a.Start}-{a.End} {a.TypeName} :: " +
            string.Join(" | ", a.Resolution.Values.Select(v => string.Join(",", v.Select(kv => $"{kv.Key}={kv.Value}"))))));

    private static bool SameText(string expected, string actual) =>
        string.Equals(expected.Normalize(NormalizationForm.FormKC).Replace('、', ','), actual, StringComparison.OrdinalIgnoreCase);

    private static (bool, string) CompareModel(JsonElement expected, IReadOnlyList<DateTimeMention> actual, bool merged)
    {
        var exp = expected.EnumerateArray().ToList();
        if (exp.Count != actual.Count) return (false, $"count {actual.Count} != {exp.Count}: {Describe(actual)}");
        for (var i = 0; i < exp.Count; i++)
        {
            var e = exp[i];
            var a = actual[i];
            var start = e.GetProperty("Start").GetInt32();
            var end = merged ? start + e.GetProperty("Length").GetInt32() - 1 : e.GetProperty("End").GetInt32();
            var type = e.GetProperty(merged ? "Type" : "TypeName").GetString();
            if (!SameText(e.GetProperty("Text").GetString()!, a.Text) || a.Start != start || a.End != end || a.TypeName != type)
                return (false, $"span/type: {Describe(actual)}");
            var values = (merged ? e.GetProperty("Value") : e.GetProperty("Resolution")).GetProperty("values").EnumerateArray().ToList();
            if (values.Count != a.Resolution.Values.Count) return (false, $"values count: {Describe(actual)}");
            for (var k = 0; k < values.Count; k++)
            {
                var ev = values[k].EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString());
                var av = a.Resolution.Values[k];
                if (ev.Count != av.Count || ev.Any(kv => !av.TryGetValue(kv.Key, out var v) || v != kv.Value))
                    return (false, $"values: {Describe(actual)}");
            }
        }
        return (true, "");
    }

    private static (bool, string) CompareExtractorOrParser(JsonElement expected, IReadOnlyList<DateTimeMention> actual, bool parser)
    {
        var exp = expected.EnumerateArray().ToList();
        if (exp.Count != actual.Count) return (false, $"count {actual.Count} != {exp.Count}: {Describe(actual)}");
        for (var i = 0; i < exp.Count; i++)
        {
            var e = exp[i];
            var a = actual[i];
            var type = e.GetProperty("Type").GetString();
            if (!SameText(e.GetProperty("Text").GetString()!, a.Text) || a.Start != e.GetProperty("Start").GetInt32()
                || a.End - a.Start + 1 != e.GetProperty("Length").GetInt32() || "datetimeV2." + type != a.TypeName)
                return (false, $"span/type: {Describe(actual)}");
            if (!parser) continue;
            var value = e.GetProperty("Value");
            var timex = value.EnumerateObject().FirstOrDefault(p => p.Name.Equals("timex", StringComparison.OrdinalIgnoreCase)).Value;
            var (aTimex, past, future, mod) = ParserView(a);
            if (timex.ValueKind == JsonValueKind.String && timex.GetString() != aTimex) return (false, $"timex {aTimex}: {Describe(actual)}");
            var eMod = value.TryGetProperty("Mod", out var md) ? md.GetString() : null;
            if (eMod is not null && eMod != mod) return (false, $"mod: {Describe(actual)}");
            if (!SameResolution(value, "FutureResolution", future) || !SameResolution(value, "PastResolution", past))
                return (false, $"resolution: {Describe(actual)}");
        }
        return (true, "");
    }

    private static bool SameResolution(JsonElement value, string name, Dictionary<string, string> actual)
    {
        if (!value.TryGetProperty(name, out var res)) return true;
        var e = res.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString());
        return e.Count == actual.Count && e.All(kv => actual.TryGetValue(kv.Key, out var v) && v == kv.Value);
    }

    /// <summary>The parser-file view of a model result: the first reading's timex, with past and future values.</summary>
    private static (string Timex, Dictionary<string, string> Past, Dictionary<string, string> Future, string? Mod) ParserView(DateTimeMention a)
    {
        var first = a.Resolution.Values[0];
        var group = a.Resolution.Values.Where(v => v["timex"] == first["timex"]).ToList();
        var past = Flat(group[0], a.TypeName);
        var future = Flat(group[^1], a.TypeName);
        return (first["timex"], past, future, first.TryGetValue("Mod", out var m) ? m : null);
    }

    private static Dictionary<string, string> Flat(IReadOnlyDictionary<string, string> v, string typeName)
    {
        var d = new Dictionary<string, string>();
        var kind = typeName["datetimeV2.".Length..];
        if (v.TryGetValue("value", out var value) && value != "not resolved")
            d[kind switch { "date" => "date", "time" => "time", _ => "dateTime" }] = value;
        var (s, e) = kind switch
        {
            "daterange" => ("startDate", "endDate"),
            "timerange" => ("startTime", "endTime"),
            _ => ("startDateTime", "endDateTime"),
        };
        if (v.TryGetValue("start", out var sv)) d[s] = sv;
        if (v.TryGetValue("end", out var ev)) d[e] = ev;
        return d;
    }

    /// <summary>Runs every file and computes the figures (in-scope minus documented exceptions; all run-by-.NET).</summary>
    public static (List<FileFigures> Figures, List<CaseOutcome> Failures) RunAll()
    {
        var scopes = Scopes();
        var exceptions = Exceptions();
        var figures = new List<FileFigures>();
        var failures = new List<CaseOutcome>();
        foreach (var file in Files)
        {
            var outcomes = Run(file);
            int inScope = 0, excepted = 0, passed = 0, active = 0, activePassed = 0;
            foreach (var o in outcomes)
            {
                var scope = scopes.GetValueOrDefault((file, o.Index), "");
                if (scope == "not-supported-dotnet") continue;
                active++;
                if (o.Passed) activePassed++;
                if (scope != "in-scope") continue;
                inScope++;
                if (exceptions.ContainsKey((file, o.Index))) { excepted++; continue; }
                if (o.Passed) passed++;
                else failures.Add(o);
            }
            figures.Add(new FileFigures(file, inScope, excepted, passed, active, activePassed));
        }
        return (figures, failures);
    }

    public static string Report(List<FileFigures> figures, List<CaseOutcome> failures)
    {
        var sb = new StringBuilder();
        sb.AppendLine("# Recognizers-Text Japanese DateTime conformance");
        sb.AppendLine();
        sb.AppendLine("Generated by `ConformanceTests` (do not edit). In scope = run by upstream .NET, has a result, booking types only,");
        sb.AppendLine("not past-only (see `recognizers-text-ja/README.md`). Documented exceptions (`exceptions.tsv`) are left out of the");
        sb.AppendLine("in-scope denominator. \"All\" = every case upstream .NET runs, exceptions counted as failures.");
        sb.AppendLine();
        sb.AppendLine("| file | in scope | exceptions | passed | rate | all run | all passed | all rate |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var f in figures)
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {f.File} | {f.InScope} | {f.Excepted} | {f.Passed} | {f.Rate:P1} | {f.Active} | {f.ActivePassed} | {f.ActiveRate:P1} |");
        sb.AppendLine();
        sb.AppendLine("## In-scope failures");
        sb.AppendLine();
        foreach (var o in failures)
            sb.AppendLine(CultureInfo.InvariantCulture, $"- {o.File} #{o.Index} `{o.Input}` — {o.Detail.Replace("|", "\\|", StringComparison.Ordinal)}");
        return sb.ToString();
    }
}
