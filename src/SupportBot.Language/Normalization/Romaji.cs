using System.Text;

namespace SupportBot.Language.Normalization;

/// <summary>
/// Reads Japanese typed in Latin letters (「mou shinitai」「eigyou jikan」) as hiragana, so a message typed
/// without the IME meets the same words as one typed with it. Hepburn and kunrei spellings, doubled
/// consonants (kitte → きって), n before a consonant or at the end (ん), and macrons (ō → おう) are read.
/// A run of Latin words is converted only when most of its words read as romaji: English stays English.
/// Works on folded text (lower case, NFKC).
/// </summary>
public static class Romaji
{
    private static readonly Dictionary<string, string> Syllables = Build();
    private static readonly int Longest = Syllables.Keys.Max(k => k.Length);

    private static Dictionary<string, string> Build()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["a"] = "あ", ["i"] = "い", ["u"] = "う", ["e"] = "え", ["o"] = "お",
            ["shi"] = "し", ["chi"] = "ち", ["tsu"] = "つ", ["fu"] = "ふ", ["ji"] = "じ",
            ["sha"] = "しゃ", ["shu"] = "しゅ", ["sho"] = "しょ", ["she"] = "しぇ",
            ["cha"] = "ちゃ", ["chu"] = "ちゅ", ["cho"] = "ちょ", ["che"] = "ちぇ",
            ["ja"] = "じゃ", ["ju"] = "じゅ", ["jo"] = "じょ", ["je"] = "じぇ",
            ["fa"] = "ふぁ", ["fi"] = "ふぃ", ["fe"] = "ふぇ", ["fo"] = "ふぉ",
            ["wa"] = "わ", ["wo"] = "を", ["ya"] = "や", ["yu"] = "ゆ", ["yo"] = "よ",
            ["xtsu"] = "っ", ["xtu"] = "っ", ["ltu"] = "っ", ["di"] = "ぢ", ["du"] = "づ", ["dzu"] = "づ",
            ["ti"] = "ち", ["tu"] = "つ", ["si"] = "し", ["zi"] = "じ", ["hu"] = "ふ",
        };
        var rows = new (string Consonant, string Kana)[]
        {
            ("k", "かきくけこ"), ("s", "さしすせそ"), ("t", "たちつてと"), ("n", "なにぬねの"), ("h", "はひふへほ"),
            ("m", "まみむめも"), ("r", "らりるれろ"), ("g", "がぎぐげご"), ("z", "ざじずぜぞ"), ("d", "だぢづでど"),
            ("b", "ばびぶべぼ"), ("p", "ぱぴぷぺぽ"),
        };
        const string vowels = "aiueo";
        foreach (var (c, kana) in rows)
        {
            for (var v = 0; v < 5; v++) map.TryAdd(c + vowels[v], kana[v].ToString());
            // Contracted sounds: kya, sya, nyu, …
            var i = kana[1].ToString();
            map.TryAdd(c + "ya", i + "ゃ");
            map.TryAdd(c + "yu", i + "ゅ");
            map.TryAdd(c + "yo", i + "ょ");
        }
        return map;
    }

    /// <summary>The text with its romaji runs in hiragana, or the text unchanged when it has none.</summary>
    public static string Convert(string folded)
    {
        var hasLatin = false;
        foreach (var c in folded) if (c is >= 'a' and <= 'z') { hasLatin = true; break; }
        if (!hasLatin) return folded;

        // Words: maximal runs of Latin letters (with macrons).
        var words = new List<(int Start, int End, string? Kana)>();
        for (var i = 0; i < folded.Length;)
        {
            if (!IsLatin(folded[i])) { i++; continue; }
            var start = i;
            while (i < folded.Length && IsLatin(folded[i])) i++;
            words.Add((start, i, Read(folded[start..i])));
        }
        // Mostly romaji: a run of English words where some happen to read (to, no, hope, wake) stays English.
        // Short words (i, to, no) read either way, so only words of three letters or more decide.
        var telling = words.Where(w => w.End - w.Start >= 3).ToList();
        var readable = telling.Count(w => w.Kana is not null);
        if (readable == 0 || readable * 10 < telling.Count * 7) return folded;

        var sb = new StringBuilder(folded.Length);
        var at = 0;
        foreach (var (start, end, kana) in words)
        {
            sb.Append(folded, at, start - at);
            sb.Append(kana ?? folded[start..end]);
            at = end;
        }
        sb.Append(folded, at, folded.Length - at);
        // Spaces between words that became kana are typing habit, not structure.
        return JoinKanaWords(sb.ToString());
    }

    /// <summary>One word as hiragana, or null when some part of it is not romaji.</summary>
    public static string? Read(string word)
    {
        var w = Expand(word);
        var sb = new StringBuilder(w.Length);
        for (var i = 0; i < w.Length;)
        {
            var c = w[i];
            // A doubled consonant is a small っ (kitte, matte); "tch" too (matcha).
            if (i + 1 < w.Length && c == w[i + 1] && c is not ('a' or 'i' or 'u' or 'e' or 'o' or 'n'))
            { sb.Append('っ'); i++; continue; }
            if (c == 't' && i + 2 < w.Length && w[i + 1] == 'c' && w[i + 2] == 'h') { sb.Append('っ'); i++; continue; }
            // n: ん before a consonant (other than y), at the end, or written nn / n'.
            if (c == 'n')
            {
                if (i + 1 == w.Length) { sb.Append('ん'); i++; continue; }
                var next = w[i + 1];
                if (next == 'n') { sb.Append('ん'); i += (i + 2 < w.Length && IsVowel(w[i + 2])) ? 1 : 2; continue; }
                if (next == '\'') { sb.Append('ん'); i += 2; continue; }
                if (!IsVowel(next) && next != 'y') { sb.Append('ん'); i++; continue; }
            }
            var matched = false;
            for (var len = Math.Min(Longest, w.Length - i); len >= 1; len--)
            {
                if (!Syllables.TryGetValue(w.Substring(i, len), out var kana)) continue;
                sb.Append(kana);
                i += len;
                matched = true;
                break;
            }
            if (!matched) return null;
        }
        return sb.ToString();
    }

    private static string Expand(string word)
    {
        if (!word.Any(c => c > 'z')) return word;
        var sb = new StringBuilder(word.Length + 2);
        foreach (var c in word)
            sb.Append(c switch { 'ā' or 'â' => "aa", 'ī' or 'î' => "ii", 'ū' or 'û' => "uu", 'ē' or 'ê' => "ee", 'ō' or 'ô' => "ou", _ => c.ToString() });
        return sb.ToString();
    }

    private static string JoinKanaWords(string s)
    {
        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == ' ' && sb.Length > 0 && IsHiragana(sb[^1]) && i + 1 < s.Length && IsHiragana(s[i + 1])) continue;
            sb.Append(s[i]);
        }
        return sb.ToString();
    }

    private static bool IsLatin(char c) => c is >= 'a' and <= 'z' or '\'' or 'ā' or 'ī' or 'ū' or 'ē' or 'ō' or 'â' or 'î' or 'û' or 'ê' or 'ô';
    private static bool IsVowel(char c) => c is 'a' or 'i' or 'u' or 'e' or 'o';
    private static bool IsHiragana(char c) => c is >= '\u3041' and <= '\u309F';
}
