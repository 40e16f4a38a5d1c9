using System.Text;

namespace SupportBot.Language.Intents;

/// <summary>
/// Character n-grams of a clause. Characters, not words: Japanese has no spaces, users misspell, and a
/// shared 予約 or かいさい is evidence whatever surrounds it. Single kana and Latin letters say nothing on
/// their own (particles, inflection), single kanji do (予, 約, 休).
/// </summary>
internal static class Grams
{
    private const char Edge = '\u0001';
    private const char Word = '\u0002';

    /// <summary>Something that counts grams (a dictionary of strings when training, feature ids when reading).</summary>
    public interface ISink
    {
        void Add(ReadOnlySpan<char> gram, double weight);
    }

    private readonly struct StringSink(Dictionary<string, double> counts) : ISink
    {
        public void Add(ReadOnlySpan<char> gram, double weight)
        {
            var key = gram.ToString();
            counts[key] = counts.GetValueOrDefault(key) + weight;
        }
    }

    public static void Count(string clause, double weight, int maxGram, Dictionary<string, double> counts)
    {
        var sink = new StringSink(counts);
        Count(clause, weight, maxGram, ref sink);
    }

    public static void Count<TSink>(string clause, double weight, int maxGram, ref TSink sink) where TSink : struct, ISink
    {
        var s = Clean(clause);
        if (s.Length == 0) return;
        Span<char> buffer = s.Length + 2 <= 256 ? stackalloc char[s.Length + 2] : new char[s.Length + 2];
        buffer[0] = Edge;
        s.AsSpan().CopyTo(buffer[1..]);
        buffer[^1] = Edge;
        ReadOnlySpan<char> padded = buffer;
        for (var n = 1; n <= maxGram; n++)
        {
            for (var i = 0; i + n <= padded.Length; i++)
            {
                if (n == 1 && !Telling(padded[i])) continue;
                if (n > 1 && n == padded.Length) continue; // the whole padded clause adds nothing its parts lack
                sink.Add(padded.Slice(i, n), weight);
            }
        }
        // Whole Latin words too: in English the word, not its trigrams, carries the meaning (peer, join, move).
        var start = -1;
        for (var i = 0; i <= s.Length; i++)
        {
            var letter = i < s.Length && char.IsAsciiLetterOrDigit(s[i]);
            if (letter && start < 0) start = i;
            else if (!letter && start >= 0)
            {
                if (i - start >= 2)
                {
                    var word = Word + s[start..i];
                    sink.Add(word, weight);
                }
                start = -1;
            }
        }
    }

    private static bool Telling(char c) =>
        c != Edge && !(c is >= '\u3041' and <= '\u309F') && !char.IsAsciiLetterOrDigit(c) && c != ' ' && c != 'ー';

    /// <summary>Keeps letters and digits (and the long-vowel mark); a space survives only between Latin words.</summary>
    private static string Clean(string clause)
    {
        var sb = new StringBuilder(clause.Length);
        foreach (var c in clause)
        {
            if (char.IsLetterOrDigit(c) || c == 'ー')
            {
                sb.Append(c);
            }
            else if (char.IsWhiteSpace(c) || c is '\'' or '-' or '_' or '/')
            {
                if (sb.Length > 0 && sb[^1] != ' ') sb.Append(' ');
            }
        }
        // Spaces between Japanese words are typing habit, not structure.
        for (var i = sb.Length - 1; i >= 0; i--)
        {
            if (sb[i] != ' ') continue;
            var left = i > 0 ? sb[i - 1] : ' ';
            var right = i + 1 < sb.Length ? sb[i + 1] : ' ';
            if (i == 0 || i == sb.Length - 1 || !(char.IsAscii(left) && char.IsAscii(right))) sb.Remove(i, 1);
        }
        return sb.ToString();
    }
}
