using System.Text;

namespace SupportBot.Language.Safety;

/// <summary>
/// Which of many patterns could match a text, found without running them: for each pattern, a few literal
/// strings one of which every match must contain (「に」 for 「(死|し)に(たい|たく)」, 「自殺」 or 「じさつ」 for
/// 「(自殺|じさつ)(したい|…)」). A pattern none of whose literals is in the text cannot match and is skipped.
/// Most messages hold no cue at all, and running a hundred compiled regexes over each of them was most of what
/// the lexicon cost per message. The literals are derived from the patterns themselves, so the lexicon stays
/// the one place cues are written; a pattern whose syntax the derivation does not know always runs.
/// </summary>
internal sealed class LiteralPrefilter
{
    // Most strings a part's exact set keeps (joining parts multiplies them), and most literals a condition keeps.
    private const int MaxSet = 24;
    private const int MaxRequired = 512;

    private readonly bool[] _alwaysRun;
    private readonly Dictionary<char, (string Literal, int[] Patterns)[]> _byFirstChar;

    public LiteralPrefilter(IReadOnlyList<string> patterns)
    {
        _alwaysRun = new bool[patterns.Count];
        var users = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var p = 0; p < patterns.Count; p++)
        {
            var required = RequiredLiterals(patterns[p]);
            if (required is null) { _alwaysRun[p] = true; continue; }
            foreach (var literal in required)
            {
                if (!users.TryGetValue(literal, out var list)) users[literal] = list = [];
                list.Add(p);
            }
        }
        _byFirstChar = users.GroupBy(u => u.Key[0])
            .ToDictionary(g => g.Key, g => g.Select(u => (u.Key, u.Value.ToArray())).ToArray());
    }

    /// <summary>How many patterns have no literal condition and run on every text.</summary>
    public int AlwaysRun => _alwaysRun.Count(a => a);

    /// <summary>Marks in <paramref name="candidates"/> (one per pattern) the patterns that could match <paramref name="text"/>.</summary>
    public void Candidates(string text, Span<bool> candidates)
    {
        _alwaysRun.CopyTo(candidates);
        for (var i = 0; i < text.Length; i++)
        {
            if (!_byFirstChar.TryGetValue(text[i], out var literals)) continue;
            foreach (var (literal, patterns) in literals)
            {
                if (literal.Length > 1 && string.CompareOrdinal(text, i, literal, 0, literal.Length) != 0) continue;
                foreach (var p in patterns) candidates[p] = true;
            }
        }
    }

    /// <summary>
    /// Literals one of which every match of <paramref name="pattern"/> contains, or null when none can be
    /// derived (a construct this reader does not know, or a part that can match without any fixed text).
    /// </summary>
    internal static string[]? RequiredLiterals(string pattern)
    {
        try
        {
            var parser = new Parser(pattern);
            var node = parser.ParseAlternation();
            if (!parser.AtEnd) return null;
            return node.Required is { Count: > 0 } r && !r.Contains("") ? [.. r] : null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>What is known about a part of a pattern: every string it can match (when few), and literals one of which each match contains.</summary>
    private sealed record Facts(HashSet<string>? Exact, HashSet<string>? Required)
    {
        public static readonly Facts Empty = new([""], null);
        public static readonly Facts Unknown = new(null, null);

        public static Facts Of(HashSet<string> exact) =>
            new(exact, exact.Contains("") ? null : exact);
    }

    /// <summary>The more selective of two literal conditions: longer shortest literal, then fewer literals.</summary>
    private static HashSet<string>? Better(HashSet<string>? a, HashSet<string>? b)
    {
        if (a is null || a.Contains("")) return b is null || b.Contains("") ? null : b;
        if (b is null || b.Contains("")) return a;
        var la = a.Min(s => s.Length);
        var lb = b.Min(s => s.Length);
        if (la != lb) return la > lb ? a : b;
        return a.Count <= b.Count ? a : b;
    }

    private static HashSet<string>? Product(HashSet<string> left, HashSet<string> right)
    {
        if ((long)left.Count * right.Count > MaxSet) return null;
        var product = new HashSet<string>(StringComparer.Ordinal);
        foreach (var l in left)
            foreach (var r in right)
                product.Add(l + r);
        return product;
    }

    /// <summary>A reader of the regex subset the lexicon uses; anything else throws <see cref="NotSupportedException"/>.</summary>
    private sealed class Parser(string pattern)
    {
        private int _i;

        public bool AtEnd => _i >= pattern.Length;

        public Facts ParseAlternation()
        {
            var branches = new List<Facts> { ParseConcatenation() };
            while (!AtEnd && pattern[_i] == '|')
            {
                _i++;
                branches.Add(ParseConcatenation());
            }
            if (branches.Count == 1) return branches[0];

            HashSet<string>? exact = new(StringComparer.Ordinal);
            HashSet<string>? required = new(StringComparer.Ordinal);
            foreach (var b in branches)
            {
                if (exact is not null && b.Exact is not null && exact.Count + b.Exact.Count <= MaxSet) exact.UnionWith(b.Exact);
                else exact = null;
                if (required is not null && b.Required is not null && !b.Required.Contains("") && required.Count + b.Required.Count <= MaxRequired) required.UnionWith(b.Required);
                else required = null;
            }
            return new Facts(exact, required);
        }

        private Facts ParseConcatenation()
        {
            var parts = new List<Facts>();
            while (!AtEnd && pattern[_i] is not ('|' or ')'))
                parts.Add(ParseQuantified());
            if (parts.Count == 0) return Facts.Empty;

            // The whole concatenation's strings, when every part's are known and few.
            HashSet<string>? exact = [""];
            foreach (var p in parts)
                exact = exact is not null && p.Exact is not null ? Product(exact, p.Exact) : null;

            // Otherwise the best of: each part's own condition, and each run of parts with known strings joined.
            HashSet<string>? required = exact is null || exact.Contains("") ? null : exact;
            HashSet<string>? run = null;
            foreach (var p in parts)
            {
                required = Better(required, p.Required);
                run = p.Exact is null ? null : Product(run ?? [""], p.Exact) ?? new HashSet<string>(p.Exact, StringComparer.Ordinal);
                required = Better(required, run);
            }
            return new Facts(exact, required);
        }

        private Facts ParseQuantified()
        {
            var atom = ParseAtom();
            if (AtEnd) return atom;
            int min, max;
            switch (pattern[_i])
            {
                case '?': min = 0; max = 1; _i++; break;
                case '*': min = 0; max = int.MaxValue; _i++; break;
                case '+': min = 1; max = int.MaxValue; _i++; break;
                case '{' when TryReadCount(out min, out max): break;
                default: return atom;
            }
            if (!AtEnd && pattern[_i] is '?' or '+') _i++; // lazy or possessive: the same strings
            if (min == 1 && max == 1) return atom;
            if (min == 0 && max == 1)
                return atom.Exact is { } e && e.Count < MaxSet ? new Facts([.. e, ""], null) : Facts.Unknown;
            return min == 0 ? Facts.Unknown : new Facts(null, atom.Required);
        }

        private bool TryReadCount(out int min, out int max)
        {
            min = max = 0;
            var close = pattern.IndexOf('}', _i);
            if (close < 0) return false;
            var body = pattern[(_i + 1)..close];
            var comma = body.IndexOf(',');
            if (comma < 0)
            {
                if (!int.TryParse(body, out min)) return false;
                max = min;
            }
            else
            {
                if (!int.TryParse(body[..comma], out min)) return false;
                var upper = body[(comma + 1)..];
                if (upper.Length == 0) max = int.MaxValue;
                else if (!int.TryParse(upper, out max)) return false;
            }
            _i = close + 1;
            return true;
        }

        private Facts ParseAtom()
        {
            var c = pattern[_i];
            switch (c)
            {
                case '(':
                    return ParseGroup();
                case '[':
                    return ParseClass();
                case '.':
                    _i++;
                    return Facts.Unknown;
                case '^' or '$':
                    _i++;
                    return Facts.Empty;
                case '\\':
                    return ParseEscape();
                case '*' or '+' or '?' or '{' or ')' or '|':
                    throw new NotSupportedException();
                default:
                    _i++;
                    return Facts.Of([c.ToString()]);
            }
        }

        private Facts ParseGroup()
        {
            _i++; // (
            var lookaround = false;
            if (!AtEnd && pattern[_i] == '?')
            {
                var rest = pattern.AsSpan(_i);
                if (rest.StartsWith("?:")) _i += 2;
                else if (rest.StartsWith("?=") || rest.StartsWith("?!")) { _i += 2; lookaround = true; }
                else if (rest.StartsWith("?<=") || rest.StartsWith("?<!")) { _i += 3; lookaround = true; }
                else if (rest.StartsWith("?<") || rest.StartsWith("?'"))
                {
                    var close = pattern.IndexOf(rest[1] == '<' ? '>' : '\'', _i + 2);
                    if (close < 0) throw new NotSupportedException();
                    _i = close + 1;
                }
                else throw new NotSupportedException(); // inline options, conditionals, atomic groups
            }
            var inner = ParseAlternation();
            if (AtEnd || pattern[_i] != ')') throw new NotSupportedException();
            _i++;
            // A lookaround matches no text of its own.
            return lookaround ? Facts.Empty : inner;
        }

        private Facts ParseClass()
        {
            var close = _i + 1;
            if (close < pattern.Length && pattern[close] == '^') return SkipClass(Facts.Unknown);
            if (close < pattern.Length && pattern[close] == ']') close++;
            var chars = new HashSet<string>(StringComparer.Ordinal);
            for (; close < pattern.Length && pattern[close] != ']'; close++)
            {
                var ch = pattern[close];
                if (ch == '\\') return SkipClass(Facts.Unknown);
                if (ch == '-' && close + 1 < pattern.Length && pattern[close + 1] != ']' && chars.Count > 0) return SkipClass(Facts.Unknown);
                chars.Add(ch.ToString());
            }
            if (close >= pattern.Length) throw new NotSupportedException();
            _i = close + 1;
            return chars.Count is > 0 and <= MaxSet ? Facts.Of(chars) : Facts.Unknown;
        }

        private Facts SkipClass(Facts facts)
        {
            var j = _i + 1;
            if (j < pattern.Length && pattern[j] == '^') j++;
            if (j < pattern.Length && pattern[j] == ']') j++;
            for (; j < pattern.Length && pattern[j] != ']'; j++)
                if (pattern[j] == '\\') j++;
            if (j >= pattern.Length) throw new NotSupportedException();
            _i = j + 1;
            return facts;
        }

        private Facts ParseEscape()
        {
            if (_i + 1 >= pattern.Length) throw new NotSupportedException();
            var e = pattern[_i + 1];
            _i += 2;
            if (e is 'b' or 'B' or 'A' or 'z' or 'Z' or 'G') return Facts.Empty;
            if (e == 'u' && _i + 4 <= pattern.Length && int.TryParse(pattern.AsSpan(_i, 4), System.Globalization.NumberStyles.HexNumber, null, out var code))
            {
                _i += 4;
                return Facts.Of([((char)code).ToString()]);
            }
            // \. \( \\ …: the character itself. Letters and digits are classes, back-references or more.
            if (!char.IsAsciiLetterOrDigit(e)) return Facts.Of([e.ToString()]);
            if (e is 'd' or 'D' or 's' or 'S' or 'w' or 'W') return Facts.Unknown;
            throw new NotSupportedException();
        }
    }
}
