namespace SupportBot.Language.Numbers;

/// <summary>
/// Reads Japanese numerals: kanji (二十三, 百二, 二千十八, 二〇一八), Arabic and full-width digits, and mixes (3万).
/// </summary>
/// <remarks>
/// A digit after a unit is added, not scaled: 二百五 = 205, 一万三 = 10003. That is the written reading
/// (and the Recognizers-Text one); the spoken shorthand 一万三 = 13,000 is ambiguous, so we do not guess it.
/// Kanji digits with no unit are positional: 二〇一八 = 2018, 一九九九 = 1999.
/// </remarks>
public static class JapaneseNumbers
{
    /// <summary>Characters that can appear in a kanji numeral (digits and units, 〇/零 included).</summary>
    public const string KanjiNumeralChars = "〇零一二三四五六七八九十百千万億兆壱弐参拾";

    /// <summary>A regex character class fragment for a numeral: Arabic/full-width digits or kanji numerals.</summary>
    public const string Pattern = "(?:[0-9０-９]+|[〇零一二三四五六七八九十百千万億兆]+)";

    public static bool IsNumeralChar(char c) => IsDigit(c) || KanjiNumeralChars.Contains(c);

    /// <summary>Parses the whole string as one numeral; false if any character is not part of a numeral.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        text = text.Trim();
        if (text.IsEmpty)
            return false;

        var hasUnit = false;
        foreach (var c in text)
        {
            if (!IsNumeralChar(c))
                return false;
            if (SmallUnit(c) > 0 || BigUnit(c) > 0)
                hasUnit = true;
        }

        if (!hasUnit)
            return TryPositional(text, out value);

        long total = 0, section = 0, pending = 0;
        var hasPending = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (IsDigit(c))
            {
                // A run of Arabic digits (3万, 1千) or positional kanji digits (二〇万) is one coefficient.
                var j = i;
                while (j < text.Length && IsDigit(text[j]))
                    j++;
                if (!TryPositional(text[i..j], out pending))
                    return false;
                hasPending = true;
                i = j;
                continue;
            }
            var small = SmallUnit(c);
            if (small > 0)
            {
                // 十 alone is 10; 零十 reads as 10 too (the zero is a placeholder).
                section += (hasPending && pending > 0 ? pending : 1) * small;
                pending = 0;
                hasPending = false;
            }
            else
            {
                var big = BigUnit(c);
                var coefficient = section + pending;
                if (coefficient == 0)
                    coefficient = 1;
                total += coefficient * big;
                section = 0;
                pending = 0;
                hasPending = false;
            }
            i++;
        }
        value = total + section + pending;
        return true;
    }

    /// <summary>Parses, or returns null.</summary>
    public static long? Parse(ReadOnlySpan<char> text) => TryParse(text, out var v) ? v : null;

    /// <summary>Parses a numeral that must fit an int (hours, days, years), or returns null.</summary>
    public static int? ParseInt(ReadOnlySpan<char> text) =>
        TryParse(text, out var v) && v <= int.MaxValue ? (int)v : null;

    private static bool TryPositional(ReadOnlySpan<char> digits, out long value)
    {
        value = 0;
        if (digits.Length > 18)
            return false;
        foreach (var c in digits)
        {
            var d = DigitValue(c);
            if (d < 0)
                return false;
            value = value * 10 + d;
        }
        return true;
    }

    private static bool IsDigit(char c) => DigitValue(c) >= 0;

    private static int DigitValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= '０' and <= '９' => c - '０',
        '〇' or '零' => 0,
        '一' or '壱' => 1,
        '二' or '弐' => 2,
        '三' or '参' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => -1,
    };

    private static long SmallUnit(char c) => c switch
    {
        '十' or '拾' => 10,
        '百' => 100,
        '千' => 1000,
        _ => 0,
    };

    private static long BigUnit(char c) => c switch
    {
        '万' => 10_000L,
        '億' => 100_000_000L,
        '兆' => 1_000_000_000_000L,
        _ => 0,
    };
}
