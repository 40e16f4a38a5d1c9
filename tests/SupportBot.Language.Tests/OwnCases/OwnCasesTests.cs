using System.Globalization;
using SupportBot.Language.DateTimeRecognition;
using Xunit;

namespace SupportBot.Language.Tests.OwnCases;

/// <summary>
/// Our own cases (own-cases.tsv): 令和, colloquial days, month parts, kana and full-width input, things that are
/// not dates and vague wishes, each with the compact reading the booking flow uses.
/// </summary>
public sealed class OwnCasesTests
{
    public static TheoryData<string, string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string, string>();
        var path = Path.Combine(AppContext.BaseDirectory, "OwnCases", "own-cases.tsv");
        foreach (var line in File.ReadLines(path).Where(l => l.Length > 0 && !l.StartsWith('#')).Skip(1))
        {
            var cols = line.Split('\t');
            data.Add(cols[0], cols[1], cols[2], cols[3]);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reads_as_the_conventions_say(string reference, string input, string expected, string note)
    {
        var now = DateTimeOffset.Parse(reference, CultureInfo.InvariantCulture);
        var mentions = DateTimeRecognizer.Recognize(input, now);
        var resolved = BookingReading.Compact(mentions.Select(m => m.Reading));
        Assert.True(expected == resolved, $"{input} ({note}): expected {expected}, got {resolved}");
    }

    [Fact]
    public void A_kana_spelling_is_reported_as_typed_at_its_own_offsets()
    {
        var text = "では、らいしゅうのすいようびにお願いします";
        var m = Assert.Single(DateTimeRecognizer.Recognize(text, new DateTimeOffset(2026, 4, 8, 11, 0, 0, TimeSpan.FromHours(9))));
        Assert.Equal("らいしゅうのすいようび", m.Text);
        Assert.Equal(3, m.Start);
        Assert.Equal(3 + "らいしゅうのすいようび".Length - 1, m.End);
    }

    [Fact]
    public void Full_width_input_is_reported_width_folded_at_the_original_offsets()
    {
        var text = "予約は１２月３日でお願いします";
        var m = Assert.Single(DateTimeRecognizer.Recognize(text, new DateTimeOffset(2026, 4, 8, 11, 0, 0, TimeSpan.FromHours(9))));
        Assert.Equal("12月3日", m.Text);
        Assert.Equal(3, m.Start);
        Assert.Equal(7, m.End);
    }
}
