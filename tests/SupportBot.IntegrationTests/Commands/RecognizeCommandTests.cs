using SupportBot.Engine.Safety;
using System.Text.Json;
using SupportBot.Engine.Understanding;
using SupportBot.Web.Commands;
using SupportBot.Web.Composition;
using Xunit;
using Microsoft.Extensions.Time.Testing;

namespace SupportBot.IntegrationTests.Commands;

/// <summary>The <c>recognize</c> command over real locales (copied next to the app) and the real models.</summary>
public sealed class RecognizeCommandTests
{
    private static List<JsonElement> Run(string input, TimeProvider? clock = null)
    {
        var output = new StringWriter();
        var code = clock is null
            ? RecognizeCommand.Run(new StringReader(input), output)
            : RecognizeCommand.Run(new StringReader(input), output, IntentRecognizer.Load(SupportBot.Engine.Content.ContentOptions.Resolve("locales")),
                SafetyDetector.Load(SupportBot.Engine.Content.ContentOptions.Resolve("locales")), clock);
        Assert.Equal(0, code);
        return output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
    }

    [Fact]
    public void Writes_one_line_per_input_with_every_field()
    {
        var lines = Run("""
            {"text": "あしたの2時に予約したいです", "now": "2026-04-08T11:00:00+09:00"}
            {"text": "来週の火曜か水曜の午後", "now": "2026-04-08T11:00:00+09:00"}
            {"text": "なるべく早くお願いします", "now": "2026-04-08T11:00:00+09:00"}
            """);
        Assert.Equal(3, lines.Count);

        var first = lines[0];
        Assert.Equal("あしたの2時に予約したいです", first.GetProperty("text").GetString());
        Assert.Equal("あしたの2時に予約したいです", first.GetProperty("normalized").GetString());
        var dt = Assert.Single(first.GetProperty("dateTimes").EnumerateArray());
        Assert.Equal("あしたの2時", dt.GetProperty("text").GetString());
        Assert.Equal(0, dt.GetProperty("start").GetInt32());
        Assert.Equal(5, dt.GetProperty("end").GetInt32());
        Assert.Equal("datetimeV2.datetime", dt.GetProperty("typeName").GetString());
        var values = dt.GetProperty("resolution").GetProperty("values").EnumerateArray().ToList();
        Assert.Contains(values, v => v.GetProperty("value").GetString() == "2026-04-09 14:00:00");
        Assert.Equal("datetime=2026-04-09T14:00", first.GetProperty("resolved").GetString());
        var intents = first.GetProperty("intents").EnumerateArray().ToList();
        Assert.Equal(3, intents.Count);
        Assert.Equal("booking.new", intents[0].GetProperty("name").GetString());
        var scores = intents.Select(i => i.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
        Assert.False(first.GetProperty("crisis").GetBoolean());

        Assert.Equal("date=2026-04-14;timerange=12:00-24:00|date=2026-04-15;timerange=12:00-24:00", lines[1].GetProperty("resolved").GetString());
        Assert.Equal(2, lines[1].GetProperty("dateTimes").GetArrayLength());
        Assert.Equal("none", lines[2].GetProperty("resolved").GetString());
        Assert.Equal(0, lines[2].GetProperty("dateTimes").GetArrayLength());
    }

    [Fact]
    public void The_safety_tier_is_shown()
    {
        var lines = Run("""
            {"text": "生きるのをやめたい"}
            {"text": "疲れた"}
            {"text": "開所時間は何時までですか"}
            """);
        Assert.Equal(["crisis", "concern", "none"], lines.Select(l => l.GetProperty("tier").GetString()));
        Assert.Equal([true, false, false], lines.Select(l => l.GetProperty("crisis").GetBoolean()));
        // Which cue decided, by id: a category and at least one cue for a crisis or concern, nothing otherwise.
        Assert.Equal("suicidal_ideation", lines[0].GetProperty("category").GetString());
        Assert.NotEmpty(lines[0].GetProperty("cues").EnumerateArray());
        Assert.NotEmpty(lines[1].GetProperty("cues").EnumerateArray());
        Assert.False(lines[2].TryGetProperty("cues", out _));
    }

    [Fact]
    public void A_bad_line_gets_an_error_line_and_the_run_goes_on()
    {
        var lines = Run("""
            this is not json
            {"now": "2026-04-08T11:00:00+09:00"}
            {"text": "明日", "now": "yesterday-ish"}
            {"text": "死にたい", "now": "2026-04-08T11:00:00+09:00"}
            """);
        Assert.Equal(4, lines.Count);
        Assert.True(lines[0].TryGetProperty("error", out _));
        Assert.Contains("text", lines[1].GetProperty("error").GetString());
        Assert.Contains("now", lines[2].GetProperty("error").GetString());
        Assert.True(lines[3].GetProperty("crisis").GetBoolean());
        Assert.False(lines[3].TryGetProperty("error", out _));
    }

    [Fact]
    public void Without_now_the_clock_is_used_in_Japan_time_and_a_bare_now_is_Japan_time()
    {
        // 2026-04-08 23:30 UTC is already 2026-04-09 08:30 in Tokyo.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 4, 8, 23, 30, 0, TimeSpan.Zero));
        var lines = Run("""
            {"text": "明日"}
            {"text": "明日", "now": "2026-04-08T23:30:00"}
            """, clock);
        Assert.Equal("date=2026-04-10", lines[0].GetProperty("resolved").GetString());
        Assert.Equal("date=2026-04-09", lines[1].GetProperty("resolved").GetString());
    }
}
