namespace SupportBot.Language.Normalization;

/// <summary>What <see cref="TextNormalizer"/> folds besides NFKC width folding, which is always done.</summary>
public sealed record NormalizationOptions
{
    /// <summary>Fold katakana to hiragana (カ → か). Off for date/time (it matches kanji and both kana spellings),
    /// on for intent and crisis matching where spelling variants should meet.</summary>
    public bool FoldKatakana { get; init; }

    /// <summary>Collapse elongation: runs of ー, 〜, っ, !, ? become one, and a kana repeated three or more times
    /// is kept twice (すごーーーい → すごーい, まじかーーー!!! → まじかー!, えええええ → ええ).</summary>
    public bool CollapseElongation { get; init; } = true;

    /// <summary>Drop emoji, variation selectors and joiners; they carry no words to match.</summary>
    public bool StripEmoji { get; init; } = true;

    /// <summary>Lower-case Latin letters (PM → pm).</summary>
    public bool LowercaseLatin { get; init; }

    /// <summary>Fold Japanese punctuation to ASCII (、→ , and 。→ .) keeping one character each.</summary>
    public bool FoldPunctuation { get; init; } = true;

    /// <summary>Defaults for date/time recognition: width folding, dashes and waves, emoji stripped, no kana folding,
    /// no elongation collapse (a run like 1111 or 〇〇 must survive).</summary>
    public static NormalizationOptions ForDateTime { get; } = new() { CollapseElongation = false };

    /// <summary>Defaults for intent and crisis matching: everything folded.</summary>
    public static NormalizationOptions ForMatching { get; } = new() { FoldKatakana = true, LowercaseLatin = true };
}
