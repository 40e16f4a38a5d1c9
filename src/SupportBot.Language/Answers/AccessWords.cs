namespace SupportBot.Language.Answers;

/// <summary>The register the person asks for: plain Japanese (やさしい日本語) or the standard one.</summary>
public enum Register { Plain, Standard }

/// <summary>
/// Words about access: the switch to plain Japanese and back (commands: the whole message is the phrase, as
/// with <see cref="ShortAnswers.ReadCommand"/>), and cues that the person cannot make a voice call
/// (「電話できない」「耳がきこえない」「声が出ない」). Word lists over <see cref="ShortAnswers.FoldOne"/>.
/// </summary>
public static class AccessWords
{
    private static readonly string[] PlainWords =
    [
        "やさしいにほんご", "やさしい日本語", "優しい日本語", "易しい日本語", "やさしいことば", "やさしい言葉", "かんたんなにほんご",
        "簡単な日本語", "ひらがなで", "ひらがな", "むずかしい", "難しい", "むずかしいです", "難しいです", "むずかしくてわからない",
        "難しくてわからない", "ことばがむずかしい", "言葉が難しい", "plainjapanese", "easyjapanese",
    ];

    private static readonly string[] StandardWords =
    [
        "ふつうのにほんご", "普通の日本語", "ふつうの日本語", "ふつうにもどす", "普通に戻す", "ふつうのことば", "普通の言葉",
        "standardjapanese",
    ];

    // Contained anywhere in the folded message: the person cannot (or can hardly) make a voice call.
    private static readonly string[] CannotPhoneCues =
    [
        "電話できない", "電話ができない", "でんわできない", "でんわができない", "電話はできない", "でんわはできない", "電話は無理",
        "電話はむり", "でんわはむり", "電話がむり", "電話が無理", "電話が怖い", "電話がこわい", "でんわがこわい", "電話はこわい", "電話は怖い",
        "電話が苦手", "でんわがにがて", "電話が使えない", "電話がつかえない", "でんわがつかえない", "電話をかけられない", "電話かけられない",
        "でんわかけられない", "耳がきこえない", "耳が聞こえない", "みみがきこえない", "耳が聴こえない", "耳がきこえにくい", "耳が聞こえにくい",
        "きこえない", "聞こえない", "聴こえない", "難聴", "聴覚障害", "聴覚障がい", "ろう者", "ろうしゃ", "声が出ない", "声がでない",
        "こえがでない", "声が出せない", "声がだせない", "こえがだせない", "話せない", "はなせない", "しゃべれない", "喋れない", "声を出せない",
        "電話できません", "電話ができません", "でんわできません", "でんわができません", "電話はできません", "電話をかけられません",
        "きこえません", "聞こえません", "聴こえません", "声が出ません", "声がでません", "こえがでません", "声が出せません", "話せません",
        "はなせません", "しゃべれません", "喋れません", "cantcall", "cannotcall", "cantphone", "deaf", "cantspeak", "cannotspeak",
    ];

    private static readonly HashSet<string> Plain = [.. PlainWords.Select(ShortAnswers.FoldOne)];
    private static readonly HashSet<string> Standard = [.. StandardWords.Select(ShortAnswers.FoldOne)];
    private static readonly string[] Cues = [.. CannotPhoneCues.Select(ShortAnswers.FoldOne).Distinct()];
    private static readonly string[] Endings = ["でおねがいします", "でお願いします", "にして", "にしてください", "でおねがい", "でお願い", "で", "にする", "にかえる", "に変える", "にもどして", "に戻して"];

    /// <summary>The register asked for when the whole message is the switch phrase (「やさしい にほんご」「むずかしい」「ふつうの にほんご」), else null.</summary>
    public static Register? ReadRegister(string? text)
    {
        var folded = ShortAnswers.FoldOne(text ?? "");
        if (folded.Length is 0 or > 24) return null;
        foreach (var candidate in Candidates(folded))
        {
            if (Plain.Contains(candidate)) return Register.Plain;
            if (Standard.Contains(candidate)) return Register.Standard;
        }
        return null;
    }

    /// <summary>True when the message says the person cannot make a voice call (deaf, no voice, the phone is too hard).</summary>
    public static bool CannotPhone(string? text)
    {
        var folded = ShortAnswers.FoldOne(text ?? "");
        return folded.Length > 0 && Cues.Any(c => folded.Contains(c, StringComparison.Ordinal));
    }

    private static IEnumerable<string> Candidates(string folded)
    {
        yield return folded;
        foreach (var ending in Endings)
            if (folded.Length > ending.Length && folded.EndsWith(ending, StringComparison.Ordinal))
                yield return folded[..^ending.Length];
    }
}
