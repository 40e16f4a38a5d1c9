using System.Text.RegularExpressions;

namespace SupportBot.Engine.Messages;

/// <summary>
/// Readings (ruby, ふりがな) in catalog texts: <c>｜漢字《かんじ》</c> (the Aozora Bunko notation: a full-width bar
/// before the base, the reading in 《》). The plain catalog (ja-JP-x-easy) marks the few kanji it keeps this way.
/// A reply's text is the reading alone (kana: what LINE and any client can show, since LINE has no ruby); the
/// marked-up text travels beside it in <c>channelData.ruby</c>, so our Web Chat page can show the kanji with
/// their readings (docs/accessibility.md).
/// </summary>
public static partial class Ruby
{
    [GeneratedRegex("｜([^｜《》\n]+)《([^《》\n]+)》")]
    private static partial Regex Markup();

    /// <summary>True when <paramref name="text"/> holds at least one reading.</summary>
    public static bool HasMarkup(string? text) => text is not null && text.Contains('《') && Markup().IsMatch(text);

    /// <summary>The text with every marked kanji replaced by its reading: 「｜電話《でんわ》」 → 「でんわ」.</summary>
    public static string Reading(string text) => HasMarkup(text) ? Markup().Replace(text, "$2") : text;

    /// <summary>The text with the kanji and without readings: 「｜電話《でんわ》」 → 「電話」.</summary>
    public static string Base(string text) => HasMarkup(text) ? Markup().Replace(text, "$1") : text;

    /// <summary>The (base, reading) pairs and plain runs of a text, in order (reading null for a plain run).</summary>
    public static IEnumerable<(string Text, string? Reading)> Segments(string text)
    {
        var at = 0;
        foreach (Match m in Markup().Matches(text))
        {
            if (m.Index > at) yield return (text[at..m.Index], null);
            yield return (m.Groups[1].Value, m.Groups[2].Value);
            at = m.Index + m.Length;
        }
        if (at < text.Length) yield return (text[at..], null);
    }

    /// <summary>A bar or bracket of the notation left over without its pair (a typo in a catalog), or null.</summary>
    public static string? Malformed(string text)
    {
        var rest = Markup().Replace(text, "");
        return rest.IndexOfAny(['｜', '《', '》']) >= 0 ? rest : null;
    }
}
