using System.Text;
using SupportBot.Language.Intents;
using SupportBot.Language.Normalization;

namespace SupportBot.Language.Safety;

/// <summary>
/// The folding the crisis lexicon matches against: the shared normalizer (NFKC width, katakana →
/// hiragana, elongation collapsed, emoji stripped, Latin lower-cased), romaji read as kana
/// (「shinitai」 → しにたい), then what only crisis words need: no spaces or punctuation (「死 に た い」),
/// no long-vowel marks (しにたーい), small vowels enlarged (しにたぃ), a 4 read as し before kana (4ね,
/// 4にたい), and slang spellings (タヒ, 氏ね) left for the lexicon to match as written.
/// </summary>
public static class CrisisText
{
    // Emoji that stand for a word in crisis messages (「💊全部いく」); the normalizer strips the rest.
    private static readonly (string Emoji, string Word)[] EmojiWords =
        [("💊", "薬"), ("🔪", "包丁"), ("🪢", "ロープ"), ("🔥", "火"), ("🩸", "血"), ("🚬", "たばこ"), ("🧯", "火")];

    public static string Fold(string text)
    {
        foreach (var (emoji, word) in EmojiWords)
            if (text.Contains(emoji, StringComparison.Ordinal)) text = text.Replace(emoji, word, StringComparison.Ordinal);
        var normalized = Romaji.Convert(TextNormalizer.Fold(text, NormalizationOptions.ForMatching));
        var sb = new StringBuilder(normalized.Length);
        for (var i = 0; i < normalized.Length; i++)
        {
            var c = normalized[i];
            if (char.IsWhiteSpace(c) || char.IsPunctuation(c) || char.IsSymbol(c) || c is 'ー' or '〜' or '~') continue;
            // Small vowels after a kana of the same vowel only stretch it (いなくなりたぁぁい, しにたぃ is handled below).
            if (c is 'ぁ' or 'ぃ' or 'ぅ' or 'ぇ' && sb.Length > 0 && VowelOf(sb[^1]) == (char)(c + 1)) continue;
            if (c == '4' && i + 1 < normalized.Length && normalized[i + 1] is 'に' or 'ね' or 'ん' or 'の' or 'ぬ' or 'な'
                && (i == 0 || !char.IsDigit(normalized[i - 1]))) { sb.Append('し'); continue; }
            sb.Append(c switch { 'ぁ' => 'あ', 'ぃ' => 'い', 'ぅ' => 'う', 'ぇ' => 'え', 'ぉ' => 'お', _ => c });
        }
        return sb.ToString();
    }

    /// <summary>
    /// What the crisis classifier sees: <see cref="Fold"/>, then the kanji of the words crises turn on read as
    /// kana (死 → し, 薬 → くすり), so 「しにたい」 typed without conversion meets 「死にたい」, and a vowel that
    /// only stretches the one before it dropped (しにたあい → しにたい).
    /// </summary>
    public static string ForModel(string text) => ForFolded(Fold(text));

    /// <summary><see cref="ForModel"/> of text already folded by <see cref="Fold"/>.</summary>
    public static string ForFolded(string folded)
    {
        var read = Words.Apply(folded);
        var sb = new StringBuilder(read.Length);
        foreach (var c in read)
        {
            if (sb.Length > 0 && IsPlainVowel(c) && VowelOf(sb[^1]) == c) continue;
            sb.Append(c);
        }
        return sb.ToString();
    }

    private static bool IsPlainVowel(char c) => c is 'あ' or 'い' or 'う' or 'え';

    private static char VowelOf(char kana)
    {
        const string a = "あかさたなはまやらわがざだばぱ", i = "いきしちにひみりぎじぢびぴ", u = "うくすつぬふむゆるぐずづぶぷ", e = "えけせてねへめれげぜでべぺ";
        if (a.Contains(kana)) return 'あ';
        if (i.Contains(kana)) return 'い';
        if (u.Contains(kana)) return 'う';
        if (e.Contains(kana)) return 'え';
        return '\0';
    }

    // Readings of the words crisis messages turn on. Only the words, not every kanji: the rest stay as written.
    private static readonly Readings Words = new(
    [
        ("死", "し"), ("氏", "し"), ("殺", "ころ"), ("自殺", "じさつ"), ("消え", "きえ"), ("消し", "けし"), ("生き", "いき"), ("生まれ", "うまれ"),
        ("首", "くび"), ("吊", "つ"), ("飛び降り", "とびおり"), ("飛び込", "とびこ"), ("飛びこ", "とびこ"), ("落ち", "おち"), ("薬", "くすり"),
        ("飲", "の"), ("錠", "じょう"), ("眠剤", "みんざい"), ("睡眠薬", "すいみんやく"), ("切", "き"), ("血", "ち"), ("手首", "てくび"), ("腕", "うで"),
        ("傷", "きず"), ("刃", "は"), ("剃刀", "かみそり"), ("火", "ひ"), ("煙", "けむり"), ("燃", "も"), ("倒れ", "たおれ"), ("息", "いき"),
        ("呼吸", "こきゅう"), ("意識", "いしき"), ("救急車", "きゅうきゅうしゃ"), ("助け", "たすけ"), ("助", "たす"), ("殴", "なぐ"), ("蹴", "け"),
        ("叩", "たた"), ("暴力", "ぼうりょく"), ("虐待", "ぎゃくたい"), ("怖", "こわ"), ("辛", "つら"), ("苦し", "くるし"), ("疲れ", "つかれ"),
        ("限界", "げんかい"), ("無理", "むり"), ("終わり", "おわり"), ("終わら", "おわら"), ("終わ", "おわ"), ("最後", "さいご"), ("遺書", "いしょ"),
        ("今まで", "いままで"), ("線路", "せんろ"), ("電車", "でんしゃ"), ("踏切", "ふみきり"), ("屋上", "おくじょう"), ("橋", "はし"), ("海", "うみ"),
        ("崖", "がけ"), ("楽", "らく"), ("目", "め"), ("覚め", "さめ"), ("朝", "あさ"), ("明日", "あした"), ("眠", "ねむ"), ("寝", "ね"),
        ("居なく", "いなく"), ("全部", "ぜんぶ"), ("一気", "いっき"), ("大量", "たいりょう"), ("今", "いま"), ("私", "わたし"), ("僕", "ぼく"),
        ("俺", "おれ"), ("自分", "じぶん"), ("意味", "いみ"), ("人生", "じんせい"), ("全て", "すべて"), ("何もかも", "なにもかも"), ("嫌", "いや"),
        ("痛", "いた"), ("刺", "さ"), ("包丁", "ほうちょう"), ("死ね", "しね"), ("逝", "い"), ("先立", "さきだ"), ("迷惑", "めいわく"),
        ("猫", "ねこ"), ("犬", "いぬ"), ("頼", "たの"), ("願", "ねが"), ("家族", "かぞく"), ("息子", "むすこ"), ("娘", "むすめ"), ("母", "はは"),
        ("父", "ちち"), ("夫", "おっと"), ("妻", "つま"), ("苦", "くる"), ("泣", "な"), ("止まら", "とまら"), ("止め", "とめ"), ("止", "と"),
    ]);
}
