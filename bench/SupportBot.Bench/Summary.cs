using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace SupportBot.Bench;

/// <summary>Median table over result JSON lines (one line per run, as run.sh --out collects
/// them), grouped by label, script and concurrency. Medians because a shared machine makes single
/// runs noisy; min–max shows how noisy.</summary>
public static class Summary
{
    public static string Table(IReadOnlyList<string> files)
    {
        var runs = new List<JsonObject>();
        foreach (var file in files)
        {
            if (!File.Exists(file)) throw new UsageException($"--summarize: no file {file}");
            foreach (var line in File.ReadLines(file))
            {
                if (!line.TrimStart().StartsWith('{')) continue;
                if (JsonNode.Parse(line) is JsonObject o && o["turns_per_sec"] is not null) runs.Add(o);
            }
        }

        var sb = new StringBuilder();
        sb.AppendLine("| label | script | conv | runs | turns/s (median) | turns/s (min–max) | p50 ms | p90 ms | p99 ms | max ms | errors | target CPU % (main thread) | loadgen CPU % | watched CPU % | foreign CPU % | peak RSS MB (median / max) |");
        sb.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var groups = runs
            .GroupBy(r => (Label: (string?)r["label"] ?? "", Script: (string?)r["script"] ?? "", Conv: (int?)r["conversations"] ?? 0))
            .OrderBy(g => g.Key.Label, StringComparer.Ordinal).ThenBy(g => g.Key.Script, StringComparer.Ordinal).ThenBy(g => g.Key.Conv);
        foreach (var g in groups)
        {
            var rs = g.ToList();
            var tps = Values(rs, r => r["turns_per_sec"]);
            var rss = Values(rs, r => r["target"]?["peak_rss_mb"]);
            var watched = Values(rs, r => r["watched"] is JsonArray a && a.Count > 0
                ? a.Sum(w => (double?)w?["cpu_pct_of_one_core"] ?? 0) : null);
            sb.AppendLine(string.Join(" | ", new[]
            {
                "", g.Key.Label, g.Key.Script, g.Key.Conv.ToString(CultureInfo.InvariantCulture), rs.Count.ToString(CultureInfo.InvariantCulture),
                F(Median(tps)), tps.Count == 0 ? "" : $"{F(tps.Min())}–{F(tps.Max())}",
                F(Median(Values(rs, r => r["latency_ms"]?["p50"]))),
                F(Median(Values(rs, r => r["latency_ms"]?["p90"]))),
                F(Median(Values(rs, r => r["latency_ms"]?["p99"]))),
                F(Median(Values(rs, r => r["latency_ms"]?["max"]))),
                rs.Sum(r => (long?)r["errors"] ?? 0).ToString(CultureInfo.InvariantCulture),
                $"{F(Median(Values(rs, r => r["target"]?["cpu_pct_of_one_core"])), 0)} ({F(Median(Values(rs, r => r["target"]?["main_thread_cpu_pct"])), 0)})",
                F(Median(Values(rs, r => r["loadgen_cpu"]?["pct_of_one_core"])), 0),
                F(Median(watched), 0),
                F(Median(Values(rs, r => r["machine"]?["foreign_pct_of_one_core"])), 0),
                rss.Count == 0 ? "" : $"{F(Median(rss), 0)} / {F(rss.Max(), 0)}",
                "",
            }).Trim());
        }
        return sb.ToString().TrimEnd();
    }

    static List<double> Values(List<JsonObject> runs, Func<JsonObject, JsonNode?> pick) =>
        runs.Select(r => pick(r) is JsonValue v && v.TryGetValue<double>(out var d) ? d : (double?)null)
            .OfType<double>().ToList();

    static List<double> Values(List<JsonObject> runs, Func<JsonObject, double?> pick) =>
        runs.Select(pick).OfType<double>().ToList();

    public static double? Median(IReadOnlyCollection<double> xs)
    {
        if (xs.Count == 0) return null;
        var s = xs.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }

    static string F(double? x, int digits = 1) =>
        x is double v ? v.ToString("F" + digits, CultureInfo.InvariantCulture) : "";
}
