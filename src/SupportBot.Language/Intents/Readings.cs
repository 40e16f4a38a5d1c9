namespace SupportBot.Language.Intents;

/// <summary>
/// Kana readings of the words this domain turns on, so 「よやくしたい」 typed without conversion meets the
/// examples written 「予約したい」. Only words whose reading is unambiguous here; the rest stay as written
/// and are matched by their characters. Applied to examples and messages alike, after folding.
/// </summary>
internal sealed class Readings
{
    /// <summary>The words intents turn on.</summary>
    public static readonly Readings Intents = new(
    [
        ("予約", "よやく"), ("変更", "へんこう"), ("確認", "かくにん"), ("取り消し", "とりけし"), ("取消", "とりけし"), ("取り消", "とりけ"),
        ("時間", "じかん"), ("何時", "なんじ"), ("開所", "かいしょ"), ("休所", "きゅうしょ"), ("営業", "えいぎょう"), ("受付", "うけつけ"),
        ("休み", "やすみ"), ("土曜", "どよう"), ("日曜", "にちよう"), ("祝日", "しゅくじつ"), ("今日", "きょう"), ("明日", "あした"),
        ("本日", "ほんじつ"), ("場所", "ばしょ"), ("住所", "じゅうしょ"), ("行き方", "いきかた"), ("駐車場", "ちゅうしゃじょう"), ("駅", "えき"),
        ("電話", "でんわ"), ("番号", "ばんごう"), ("連絡先", "れんらくさき"), ("連絡", "れんらく"), ("問い合わせ", "といあわせ"), ("問合せ", "といあわせ"),
        ("申請", "しんせい"), ("手続き", "てつづき"), ("手続", "てつづき"), ("流れ", "ながれ"), ("利用", "りよう"), ("対象", "たいしょう"),
        ("相談", "そうだん"), ("面談", "めんだん"), ("参加", "さんか"), ("定例会", "ていれいかい"), ("交流会", "こうりゅうかい"), ("家族会", "かぞくかい"),
        ("緊急", "きんきゅう"), ("使い方", "つかいかた"), ("最初", "さいしょ"), ("始め", "はじめ"), ("初め", "はじめ"), ("中止", "ちゅうし"),
        ("同じ", "おなじ"), ("病気", "びょうき"), ("経験", "けいけん"), ("話", "はな"), ("教え", "おしえ"), ("今すぐ", "いますぐ"),
        ("今", "いま"), ("誰", "だれ"), ("何", "なに"), ("養成", "ようせい"), ("研修", "けんしゅう"), ("挨拶", "あいさつ"), ("場合", "ばあい"),
        ("有難う", "ありがとう"), ("御座い", "ござい"), ("宜しく", "よろしく"), ("お願い", "おねがい"), ("願い", "ねがい"), ("分か", "わか"),
        ("出来", "でき"), ("下さい", "ください"), ("事業", "じぎょう"), ("支援", "しえん"), ("申し込", "もうしこ"), ("申込", "もうしこみ"),
        ("夜中", "よなか"), ("深夜", "しんや"), ("夜間", "やかん"), ("休日", "きゅうじつ"), ("平日", "へいじつ"), ("週末", "しゅうまつ"),
        // Words residents type in kana as often as in kanji (hiragana-only messages meet the kanji examples).
        ("来週", "らいしゅう"), ("今週", "こんしゅう"), ("午後", "ごご"), ("午前", "ごぜん"), ("行け", "いけ"), ("行き", "いき"), ("行っ", "いっ"),
        ("開い", "あい"), ("開いて", "あいて"), ("閉ま", "しま"), ("土日", "どにち"), ("曜日", "ようび"), ("月曜", "げつよう"), ("火曜", "かよう"),
        ("水曜", "すいよう"), ("木曜", "もくよう"), ("金曜", "きんよう"), ("夜", "よる"), ("朝", "あさ"), ("昼", "ひる"), ("休憩", "きゅうけい"),
        ("年末年始", "ねんまつねんし"), ("年末", "ねんまつ"), ("正月", "しょうがつ"), ("家族", "かぞく"), ("障害", "しょうがい"), ("障がい", "しょうがい"),
        ("手帳", "てちょう"), ("精神", "せいしん"), ("知的", "ちてき"), ("身体", "しんたい"), ("地図", "ちず"), ("車", "くるま"), ("電車", "でんしゃ"),
        ("駐車", "ちゅうしゃ"), ("計画", "けいかく"), ("作っ", "つくっ"), ("作成", "さくせい"), ("仕事", "しごと"), ("日程", "にってい"), ("都合", "つごう"),
        ("空い", "あい"), ("集まり", "あつまり"), ("仲間", "なかま"), ("当事者", "とうじしゃ"), ("病院", "びょういん"), ("退院", "たいいん"),
        ("入院", "にゅういん"), ("一人暮らし", "ひとりぐらし"), ("受給者証", "じゅきゅうしゃしょう"), ("福祉", "ふくし"), ("市役所", "しやくしょ"),
        ("番", "ばん"), ("何時まで", "なんじまで"), ("何時から", "なんじから"), ("住ん", "すん"), ("近く", "ちかく"), ("予定", "よてい"), ("取り", "とり"),
        ("取っ", "とっ"), ("止め", "やめ"), ("辞め", "やめ"), ("急ぎ", "いそぎ"), ("急い", "いそい"), ("夕方", "ゆうがた"), ("毎月", "まいつき"),
    ]);

    // Words by their first character, longest first: a position looks only at the words that can start there.
    private readonly Dictionary<char, (string Word, string Kana)[]> _byFirst;

    /// <param name="words">Word → reading; longer words win where they overlap.</param>
    public Readings(IEnumerable<(string Word, string Kana)> words) =>
        _byFirst = words.OrderByDescending(w => w.Word.Length).ThenBy(w => w.Word, StringComparer.Ordinal)
            .GroupBy(w => w.Word[0]).ToDictionary(g => g.Key, g => g.ToArray());

    public string Apply(string folded)
    {
        // Quick exit: only text with kanji can change.
        var any = false;
        foreach (var c in folded) if (c >= '\u4E00' && c <= '\u9FFF') { any = true; break; }
        if (!any) return folded;

        var sb = new System.Text.StringBuilder(folded.Length + 8);
        for (var i = 0; i < folded.Length;)
        {
            var matched = false;
            if (_byFirst.TryGetValue(folded[i], out var candidates))
                foreach (var (word, kana) in candidates)
                {
                    if (string.CompareOrdinal(folded, i, word, 0, word.Length) != 0) continue;
                    sb.Append(kana);
                    i += word.Length;
                    matched = true;
                    break;
                }
            if (!matched) sb.Append(folded[i++]);
        }
        return sb.ToString();
    }
}
