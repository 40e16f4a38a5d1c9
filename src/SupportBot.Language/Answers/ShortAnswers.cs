using System.Globalization;
using System.Text;

namespace SupportBot.Language.Answers;

/// <summary>A yes or a no, as people answer a question in chat.</summary>
public enum YesNo { Yes, No }

/// <summary>Conversation commands that interrupt whatever is going on.</summary>
public enum Command { Cancel, Help, Menu }

/// <summary>
/// Short answers people give to a question: はい/いいえ and their casual forms, the commands
/// (やめる, ヘルプ, 最初から) and "why do you ask?". Deterministic word lists over a folded form of
/// the text; a message counts only when it is essentially just that answer, so 「予約をキャンセルしたい」
/// is not the command キャンセル and 「はい、でも電話番号がわからない」 is still a yes.
/// </summary>
public static class ShortAnswers
{
    private static readonly string[] YesWords =
    [
        "はい", "はーい", "ハイ", "うん", "ええ", "そう", "そうです", "そうです", "お願いします", "おねがいします", "お願い", "おねがい",
        "大丈夫です", "大丈夫", "だいじょうぶ", "だいじょうぶです", "いいです", "いいですよ", "いいよ", "よい", "よいです", "よろしいです",
        "よろしく", "よろしくお願いします", "オッケー", "おっけー", "ok", "okay", "yes", "yeah", "yep", "sure", "了解", "りょうかい",
        "問題ないです", "問題ありません", "それで", "それでお願いします", "それでいいです", "その通り", "そのとおり", "合ってます", "あってます",
        "合っています", "あっています", "承知しました", "はいお願いします", "ぜひ", "是非", "ぜひお願いします", "続ける", "続けます", "つづける",
    ];

    private static readonly string[] NoWords =
    [
        "いいえ", "いや", "いえ", "ううん", "いいです結構です", "結構です", "けっこうです", "けっこう", "やめておきます", "やめときます",
        "やめておく", "遠慮します", "えんりょします", "ちがう", "違う", "ちがいます", "違います", "だめ", "ダメ", "だめです", "no", "nope",
        "いらない", "いらないです", "いりません", "不要です", "しない", "しません", "まだいい", "今はいい", "いまはいい", "今はいいです",
        "大丈夫です結構です", "また今度", "またこんど", "やめる", "やめます", "なし",
    ];

    private static readonly string[] CancelWords =
    [
        "やめる", "やめます", "やめたい", "やめて", "止める", "キャンセル", "きゃんせる", "キャンセルします", "キャンセルしたい", "中止", "中止します",
        "中止したい", "もういい", "もういいです", "もういいや", "終わり", "おわり", "終了", "しゅうりょう", "やっぱりやめる", "やっぱりやめます",
        "やめとく", "やめておく", "取り消し", "とりけし", "cancel", "stop", "quit", "exit",
    ];

    private static readonly string[] HelpWords = ["ヘルプ", "へるぷ", "help", "助けて使い方", "使い方", "つかいかた", "どう使うの", "使い方を教えて"];

    private static readonly string[] MenuWords =
    [
        "メニュー", "めにゅー", "menu", "最初から", "さいしょから", "はじめから", "始めから", "最初に戻る", "最初にもどる", "トップ", "top",
        "メニューに戻る", "メニューを見せて", "メインメニュー", "start over", "main menu",
        "ちがう質問をする", "違う質問をする", "ほかの質問", "something else", "back to the menu",
    ];

    private static readonly string[] WhyWords =
    [
        "なんで", "なぜ", "どうして", "何で", "なんのため", "何のため", "何に使う", "なにに使う", "何に使うの", "why", "理由",
    ];

    private static readonly HashSet<string> Yes = Fold(YesWords);
    private static readonly HashSet<string> No = Fold(NoWords);
    private static readonly HashSet<string> Cancel = Fold(CancelWords);
    private static readonly HashSet<string> Help = Fold(HelpWords);
    private static readonly HashSet<string> Menu = Fold(MenuWords);

    // Polite or casual endings that do not change the answer: 「はいです」「キャンセルでお願いします」.
    private static readonly string[] Endings = ["でお願いします", "でおねがいします", "お願いします", "おねがいします", "です", "ですね", "ね", "よ", "で", "してください", "して"];

    /// <summary>Yes or no when the whole message (or its first clause) is one; otherwise null.</summary>
    public static YesNo? ReadYesNo(string? text)
    {
        var clauses = Clauses(text);
        if (clauses.Count == 0) return null;
        foreach (var candidate in Candidates(clauses[0]))
        {
            // A no-word wins over a yes-word: 「いいです」 alone is yes, but 「いいです、結構です」 is no.
            if (No.Contains(candidate)) return YesNo.No;
            if (Yes.Contains(candidate)) return clauses.Skip(1).Any(c => Candidates(c).Any(No.Contains)) ? YesNo.No : YesNo.Yes;
        }
        return null;
    }

    /// <summary>A command when the message is essentially just that command.</summary>
    public static Command? ReadCommand(string? text)
    {
        var clauses = Clauses(text);
        if (clauses.Count is 0 or > 2) return null;
        foreach (var candidate in clauses.SelectMany(Candidates))
        {
            if (Cancel.Contains(candidate)) return Command.Cancel;
            if (Menu.Contains(candidate)) return Command.Menu;
            if (Help.Contains(candidate)) return Command.Help;
        }
        return null;
    }

    /// <summary>A button number typed instead of the button: 1, １, ①, 一, 2番, 三つ目.</summary>
    public static int? ReadChoiceNumber(string? text)
    {
        var folded = FoldOne(text ?? "").TrimEnd('番', 'つ', '目', 'で');
        if (folded.Length == 0 || folded.Length > 3) return null;
        if (int.TryParse(folded, out var n)) return n;
        if (folded.Length == 1 && "①②③④⑤⑥⑦⑧⑨⑩".IndexOf(folded[0]) is var c and >= 0) return c + 1;
        if (folded.Length == 1 && "一二三四五六七八九十".IndexOf(folded[0]) is var k and >= 0) return k + 1;
        return null;
    }

    /// <summary>True for "why do you ask?" questions: 「なんで電話番号がいるの？」「何に使うんですか」.</summary>
    public static bool IsWhyQuestion(string? text)
    {
        var folded = FoldOne(text ?? "");
        if (folded.Length == 0 || folded.Length > 40) return false;
        return WhyWords.Any(w => folded.Contains(FoldOne(w), StringComparison.Ordinal));
    }

    /// <summary>NFKC, lower case, without spaces, punctuation, symbols and emoji, long vowels collapsed.</summary>
    public static string FoldOne(string text)
    {
        var normalized = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var sb = new StringBuilder(normalized.Length);
        foreach (var rune in normalized.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.SpaceSeparator or UnicodeCategory.OtherPunctuation or UnicodeCategory.DashPunctuation
                or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
                or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherSymbol or UnicodeCategory.MathSymbol
                or UnicodeCategory.ModifierSymbol or UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark)
                continue;
            if (rune.Value is '〜' or '~' or 'ー' && sb.Length > 0 && sb[^1] is 'ー') continue;
            sb.Append(rune.ToString());
        }
        // Elongated endings: 「はーーい」→「はーい」, 「うんんん」 stays readable enough for the lists.
        return sb.ToString().Replace("ーー", "ー");
    }

    private static List<string> Clauses(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        return text.Normalize(NormalizationForm.FormKC)
            .Split(['、', '。', ',', '.', '!', '?', '！', '？', '\n', ' ', '　'], StringSplitOptions.RemoveEmptyEntries)
            .Select(FoldOne).Where(c => c.Length > 0).ToList();
    }

    private static IEnumerable<string> Candidates(string clause)
    {
        yield return clause;
        foreach (var ending in Endings)
            if (clause.Length > ending.Length && clause.EndsWith(ending, StringComparison.Ordinal))
                yield return clause[..^ending.Length];
    }

    private static HashSet<string> Fold(IEnumerable<string> words) => words.Select(FoldOne).ToHashSet(StringComparer.Ordinal);
}
