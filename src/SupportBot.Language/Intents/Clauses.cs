namespace SupportBot.Language.Intents;

/// <summary>A piece of a message between punctuation or a contrast word, and whether the user waved it away.</summary>
internal readonly record struct Clause(string Text, bool Dismissed);

/// <summary>
/// Splits a folded message (see <see cref="IntentModel"/>: NFKC, hiragana, lower case) into clauses and marks the
/// ones the user dismisses, so that 「予約はまだいい、時間だけ知りたい」 is about the hours, not about booking.
/// Works on the folded form, so katakana and full-width spellings need no entries of their own.
/// </summary>
internal static class Clauses
{
    // A clause ends after these words: what comes before them is contrasted with what follows.
    private static readonly string[] Breaks =
    [
        "けれども", "けれど", "けど", "ので", "ではなくて", "じゃなくて", "ではなく", "じゃなく", "じゃなしに", "よりも", "より",
        " but ", " instead of ", " rather than ",
    ];

    // A clause holding one of these is set aside by the user: "X is fine for now / not X / X aside".
    private static readonly string[] Dismissals =
    [
        "まだいい", "はいい", "はもういい", "いらない", "いらん", "いりません", "不要", "は大丈夫", "はだいじょうぶ", "は結構", "はけっこう",
        "じゃなく", "ではなく", "じゃなしに", "より", "はわかる", "はわかって", "はわかった", "はわかりました", "は分かる", "は分かって",
        "は分かった", "は分かりました", "は知って", "はしって", "はあとで", "は後で", "は今度", "はこんど", "は別に", "はべつに",
        "はおいといて", "は置いといて", "はさておき", "はともかく", "とかじゃ", "は聞いた", "はきいた",
        "don't need", "do not need", "no need", "not about", "never mind", "forget about", "forget the", "instead of", "rather than",
        "already know", "i know the", "don't want to book", "not now",
    ];

    private static bool IsStop(char c) => c is ',' or '.' or '!' or '?' or ';' or ':' or '\n' or '\r' or '\t' or '(' or ')' or '「' or '」';

    public static List<Clause> Split(string folded)
    {
        var pieces = new List<string>();
        var start = 0;
        for (var i = 0; i < folded.Length; i++)
        {
            if (IsStop(folded[i]))
            {
                Add(pieces, folded, start, i);
                start = i + 1;
                continue;
            }
            foreach (var b in Breaks)
            {
                if (string.CompareOrdinal(folded, i, b, 0, b.Length) != 0) continue;
                // Split after the word, keeping it with the clause it contrasts away from.
                var end = i + b.Length;
                Add(pieces, folded, start, end);
                start = end;
                i = end - 1;
                break;
            }
        }
        Add(pieces, folded, start, folded.Length);

        var clauses = new List<Clause>(pieces.Count);
        foreach (var p in pieces)
            clauses.Add(new Clause(p, IsDismissed(p)));
        return clauses;
    }

    private static bool IsDismissed(string clause)
    {
        foreach (var d in Dismissals)
            if (clause.Contains(d, StringComparison.Ordinal)) return true;
        return false;
    }

    private static void Add(List<string> pieces, string text, int start, int end)
    {
        var piece = text[start..end].Trim();
        if (piece.Length > 0) pieces.Add(piece);
    }
}
