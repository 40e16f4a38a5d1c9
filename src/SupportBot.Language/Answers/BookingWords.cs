namespace SupportBot.Language.Answers;

/// <summary>A part of a booking the person wants to correct.</summary>
public enum BookingField { Phone, Name, Needs, Topic, Who }

/// <summary>
/// Words of the booking conversation that are not dates: "as early as possible" (なるべく早く) and
/// corrections (「電話番号まちがえた」「名前を直したい」). Word lists over the folded text, like <see cref="ShortAnswers"/>.
/// </summary>
public static class BookingWords
{
    private static readonly string[] SoonWords =
    [
        "なるべく早く", "なるべくはやく", "できるだけ早く", "できるだけはやく", "出来るだけ早く", "早めに", "はやめに", "早いほう", "早い方", "はやいほう",
        "一番早い", "いちばん早い", "いちばんはやい", "最短", "最速", "すぐ", "至急", "急ぎ", "いそぎ", "早く", "はやく", "いつでも", "何時でも",
        "いつでもいい", "空いているところ", "空いてるところ", "あいてるところ", "空いている日", "空いてる日", "おまかせ", "お任せ", "どこでも",
        "asap", "as soon as possible", "soonest", "earliest", "any time", "anytime", "whenever", "first available",
    ];

    private static readonly string[] FixWords =
    [
        "まちがえ", "間違え", "間違い", "まちがい", "違", "ちが", "変え", "かえ", "変更", "訂正", "直し", "なおし", "直す", "なおす", "修正",
        "wrong", "change", "fix", "mistake", "correct",
    ];

    private static readonly (BookingField Field, string[] Words)[] Fields =
    [
        (BookingField.Phone, ["電話番号", "電話", "でんわ", "番号", "ばんごう", "phone", "number"]),
        (BookingField.Name, ["名前", "なまえ", "ニックネーム", "にっくねーむ", "氏名", "name", "nickname"]),
        (BookingField.Needs, ["配慮", "はいりょ", "車いす", "車椅子", "手話", "筆談", "同行", "needs", "wheelchair", "interpreter"]),
        (BookingField.Topic, ["相談内容", "内容", "ないよう", "相談したいこと", "topic"]),
        (BookingField.Who, ["誰が", "だれが", "本人", "家族", "支援者", "who"]),
    ];

    private static readonly string[] NothingWords =
    [
        "なし", "特になし", "とくになし", "特にない", "とくにない", "特にないです", "とくにないです", "ないです", "特にありませんです", "なしです", "なしで", "ありません", "特にありません", "とくにありません",
        "大丈夫です", "だいじょうぶです", "いいえ", "nothing", "none", "no", "nothing special", "skip",
    ];

    private static readonly HashSet<string> Nothing = NothingWords.Select(ShortAnswers.FoldOne).ToHashSet();

    /// <summary>True for "nothing to add" (「特になし」「ないです」) at an optional question.</summary>
    public static bool IsNothing(string? text) => Nothing.Contains(ShortAnswers.FoldOne(text ?? ""));

    private static readonly (string Who, string[] Words)[] WhoWords =
    [
        ("supporter", ["ケアマネ", "ケアマネージャー", "相談員", "支援員", "支援者", "ヘルパー", "ワーカー", "ソーシャルワーカー", "病院", "学校", "先生", "施設",
            "事業所", "役所", "市役所", "保健師", "看護師", "関係機関", "職員", "利用者さん", "担当", "supporter", "agency", "care manager", "social worker"]),
        ("family", ["家族", "母", "父", "お母さん", "お父さん", "親", "両親", "息子", "娘", "子ども", "子供", "こども", "夫", "妻", "主人", "嫁", "兄", "姉",
            "弟", "妹", "祖父", "祖母", "おじいちゃん", "おばあちゃん", "孫", "family", "mother", "father", "son", "daughter", "husband", "wife", "parent", "child"]),
        ("self", ["本人", "自分", "私", "わたし", "僕", "ぼく", "俺", "おれ", "うち", "myself", "me", "i am"]),
    ];

    /// <summary>
    /// Who the consultation is about, from everyday words: 「母のことです」 → <c>family</c>, 「ケアマネです」 →
    /// <c>supporter</c>, 「自分です」 → <c>self</c>; null when none (or it is unclear).
    /// </summary>
    public static string? ReadWho(string? text)
    {
        var folded = ShortAnswers.FoldOne(text ?? "");
        if (folded.Length is 0 or > 40) return null;
        // A supporter or family word wins over 私 (「私は娘です」 is family, 「私はケアマネです」 a supporter).
        foreach (var (who, words) in WhoWords)
            if (words.Any(w => folded.Contains(ShortAnswers.FoldOne(w), StringComparison.Ordinal))) return who;
        return null;
    }

    private static readonly string[] Soon = SoonWords.Select(ShortAnswers.FoldOne).ToArray();
    private static readonly string[] Fix = FixWords.Select(ShortAnswers.FoldOne).ToArray();

    /// <summary>True for a wish to come as early as possible (or any time): 「なるべく早く」「いつでもいいです」.</summary>
    public static bool IsAsSoonAsPossible(string? text)
    {
        var folded = ShortAnswers.FoldOne(text ?? "");
        return folded.Length is > 0 and <= 40 && Soon.Any(w => folded.Contains(w, StringComparison.Ordinal));
    }

    /// <summary>The part the person says was wrong or wants changed (「電話番号まちがえた」), or null.</summary>
    public static BookingField? ReadCorrection(string? text)
    {
        var folded = ShortAnswers.FoldOne(text ?? "");
        if (folded.Length is 0 or > 40 || !Fix.Any(w => folded.Contains(w, StringComparison.Ordinal))) return null;
        foreach (var (field, words) in Fields)
            if (words.Any(w => folded.Contains(ShortAnswers.FoldOne(w), StringComparison.Ordinal))) return field;
        return null;
    }
}
