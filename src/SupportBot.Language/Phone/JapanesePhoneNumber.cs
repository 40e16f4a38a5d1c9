using System.Text;

namespace SupportBot.Language.Phone;

/// <summary>
/// Reads a Japanese phone number as people type it: 090-1234-5678, 0465-71-0189, (0465)71-0189,
/// full-width digits, without hyphens, with spaces, +81 90…. Returns the digits in the national
/// form and a display form with hyphens. Only shapes that can be real numbers are accepted:
/// mobile/IP/free-dial 0[5789]0 + 8 digits, 0120 + 6 digits, fixed lines 0 + 9 digits.
/// </summary>
public static class JapanesePhoneNumber
{
    public sealed record Result(string Digits, string Display);

    public static Result? Read(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var folded = text.Normalize(NormalizationForm.FormKC);
        var digits = new StringBuilder();
        var sawPlus = false;
        foreach (var c in folded)
        {
            if (char.IsAsciiDigit(c)) digits.Append(c);
            else if (c == '+' && digits.Length == 0) sawPlus = true;
            else if (c is '-' or ' ' or '(' or ')' or '‐' or '−' or 'ー' or '―' or '–' or '—') continue;
            else if (digits.Length > 0 && !char.IsAsciiDigit(c)) break; // stop at the first word after the number
        }
        var d = digits.ToString();
        if (sawPlus || d.StartsWith("81", StringComparison.Ordinal) && d.Length is 11 or 12) d = "0" + d[2..];
        if (d.Length < 10 || d.Length > 11 || d[0] != '0') return null;

        if (d.Length == 11)
        {
            // 070/080/090 mobile, 050 IP, 020 pager/M2M, 060 (reserved) left out on purpose.
            if (d[1] is '5' or '7' or '8' or '9' && d[2] == '0') return new Result(d, $"{d[..3]}-{d[3..7]}-{d[7..]}");
            if (d.StartsWith("0800", StringComparison.Ordinal)) return new Result(d, $"{d[..4]}-{d[4..7]}-{d[7..]}");
            return null;
        }
        if (d.StartsWith("0120", StringComparison.Ordinal) || d.StartsWith("0570", StringComparison.Ordinal))
            return new Result(d, $"{d[..4]}-{d[4..7]}-{d[7..]}");
        if (d[1] == '0') return null; // 00x are carrier prefixes, not numbers
        // Fixed line: area code of 2–5 digits; we cannot know the split without the full table, so
        // keep the digits as typed when they had hyphens, else use the common 4-2-4 split.
        var typed = TypedGrouping(folded);
        return new Result(d, typed ?? $"{d[..4]}-{d[4..6]}-{d[6..]}");
    }

    private static string? TypedGrouping(string text)
    {
        var groups = text.Split(['-', '‐', '−', 'ー', '―', '–', '—', ' ', '(', ')'], StringSplitOptions.RemoveEmptyEntries)
            .Select(g => new string(g.Where(char.IsAsciiDigit).ToArray())).Where(g => g.Length > 0).ToList();
        return groups.Count == 3 && string.Concat(groups).Length == 10 ? string.Join("-", groups) : null;
    }
}
