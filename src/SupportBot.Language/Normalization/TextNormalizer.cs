using System.Globalization;
using System.Text;

namespace SupportBot.Language.Normalization;

/// <summary>
/// Folds the many ways users type the same Japanese text (full/half width, dash and wave variants,
/// long vowels, elongation, emoji) into one form, keeping a map back to the original positions.
/// </summary>
public static class TextNormalizer
{
    public static NormalizedText Normalize(string text, NormalizationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= new NormalizationOptions();
        var sb = new StringBuilder(text.Length);
        var starts = new List<int>(text.Length);
        var ends = new List<int>(text.Length);

        var i = 0;
        while (i < text.Length)
        {
            // A unit is one code point plus the combining marks that NFKC may fold into it (ｶﾞ → ガ).
            var unitStart = i;
            i += char.IsSurrogatePair(text, i) ? 2 : 1;
            while (i < text.Length && IsCombining(text[i]))
                i++;
            var unit = text[unitStart..i];

            if (options.StripEmoji && IsEmoji(unit))
                continue;

            string folded;
            try { folded = unit.Normalize(NormalizationForm.FormKC); }
            catch (ArgumentException) { folded = unit; } // a lone surrogate: keep as typed

            foreach (var c0 in folded)
            {
                var c = FoldChar(c0, sb.Length > 0 ? sb[^1] : '\0', options);
                if (c == '\0')
                    continue;
                if (options.CollapseElongation && ShouldCollapse(sb, c))
                {
                    ends[^1] = i; // the dropped repeat still belongs to the kept character
                    continue;
                }
                sb.Append(c);
                starts.Add(unitStart);
                ends.Add(i);
            }
        }

        return new NormalizedText(text, sb.ToString(), starts.ToArray(), ends.ToArray());
    }

    /// <summary>Normalizes and returns only the text (for callers that do not report positions).</summary>
    public static string Fold(string text, NormalizationOptions? options = null) => Normalize(text, options).Text;

    /// <summary>Katakana → hiragana, leaving ー and characters outside the katakana block alone.</summary>
    public static string KatakanaToHiragana(string text)
    {
        var chars = text.ToCharArray();
        for (var k = 0; k < chars.Length; k++)
            chars[k] = KatakanaToHiragana(chars[k]);
        return new string(chars);
    }

    private static char KatakanaToHiragana(char c) =>
        c is >= '\u30A1' and <= '\u30F6' ? (char)(c - 0x60) : c;

    private static char FoldChar(char c, char previous, NormalizationOptions options)
    {
        switch (c)
        {
            // Dashes: after kana they are a long-vowel mark typed with the wrong key, elsewhere a hyphen.
            case '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' or '\u2500'
                or '\uFE63' or '\u30FC' or '\uFF70':
                return IsKana(previous) || previous == '\u30FC' ? '\u30FC' : '-';
            // Waves and tildes: one range/elongation sign.
            case '\u301C' or '\u3030' or '\u223C' or '\u223E' or '\u2053' or '\u02DC' or '\uFF5E':
                return '~';
            case '\u3001' when options.FoldPunctuation: return ',';
            case '\u3002' when options.FoldPunctuation: return '.';
            case '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\uFE0E' or '\uFE0F': return '\0';
        }
        if (options.FoldKatakana)
            c = KatakanaToHiragana(c);
        if (options.LowercaseLatin && c is >= 'A' and <= 'Z')
            c = (char)(c + 32);
        return c;
    }

    private static bool ShouldCollapse(StringBuilder sb, char c)
    {
        if (sb.Length == 0 || sb[^1] != c)
            return false;
        if (c is '\u30FC' or '~' or 'っ' or 'ッ' or '!' or '?' or '\u2026' or 'ｗ' or 'w')
            return true;
        // A kana said three times or more is elongation (ああああ → あ… keeps two: ああ is a word).
        return IsKana(c) && sb.Length >= 2 && sb[^2] == c;
    }

    internal static bool IsKana(char c) => c is >= '\u3041' and <= '\u3096' or >= '\u30A1' and <= '\u30FA';

    private static bool IsCombining(char c) =>
        c is '\u3099' or '\u309A' or '\uFF9E' or '\uFF9F' or '\uFE0E' or '\uFE0F'
        || (c is >= '\u0300' and <= '\u036F');

    private static bool IsEmoji(string unit)
    {
        int cp = unit[0];
        if (char.IsHighSurrogate(unit[0]) && unit.Length >= 2 && char.IsLowSurrogate(unit[1]))
            cp = char.ConvertToUtf32(unit[0], unit[1]);
        return cp is >= 0x1F000 and <= 0x1FAFF   // pictographs, emoticons, transport, supplemental
            or >= 0x2600 and <= 0x27BF           // misc symbols, dingbats (☀ ✨ ❤)
            or >= 0x2B00 and <= 0x2BFF           // arrows and stars (⭐)
            or >= 0xE0020 and <= 0xE007F         // tag sequences (flags)
            or 0xFE0F or 0xFE0E or 0x200D or 0x20E3;
    }
}
