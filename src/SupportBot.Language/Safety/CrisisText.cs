using System.Text;
using SupportBot.Language.Normalization;

namespace SupportBot.Language.Safety;

/// <summary>
/// The folding the crisis lexicon matches against: the shared normalizer (NFKC width, katakana →
/// hiragana, elongation collapsed, emoji stripped, Latin lower-cased), then what only crisis words
/// need: no spaces or punctuation (「死 に た い」), no long-vowel marks (しにたーい), small vowels
/// enlarged (しにたぃ), and slang spellings (タヒ, 氏ね) left for the lexicon to match as written.
/// </summary>
public static class CrisisText
{
    public static string Fold(string text)
    {
        var normalized = TextNormalizer.Fold(text, NormalizationOptions.ForMatching);
        var sb = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            if (char.IsWhiteSpace(c) || char.IsPunctuation(c) || char.IsSymbol(c) || c is 'ー' or '〜' or '~') continue;
            sb.Append(c switch { 'ぁ' => 'あ', 'ぃ' => 'い', 'ぅ' => 'う', 'ぇ' => 'え', 'ぉ' => 'お', _ => c });
        }
        return sb.ToString();
    }
}
