using SupportBot.Language.Normalization;

namespace SupportBot.Language.Answers;

/// <summary>
/// Whether a message asks about nights, weekends, holidays or urgency (「土日に連絡したいときは」「夜中でも電話できる？」):
/// such a question gets the 24-hour line with its answer, whatever the clock says now.
/// </summary>
public static class AfterHoursWords
{
    private static readonly string[] Words =
    [
        "夜", "よる", "よなか", "深夜", "しんや", "やかん", "休日", "きゅうじつ", "休み", "やすみ", "土日", "どにち", "土曜", "どよう", "日曜", "にちよう",
        "祝", "しゅくじつ", "週末", "しゅうまつ", "時間外", "じかんがい", "緊急", "きんきゅう", "急ぎ", "いそぎ", "急い", "いそい", "至急", "しきゅう",
        "24時間", "年末", "ねんまつ", "正月", "しょうがつ", "連休", "れんきゅう",
        // When the office is shut, said without naming the time (「閉まってる時間でも」「開いてないときは」).
        "閉ま", "閉所", "閉館", "開いてない", "開いていない", "あいてない", "あいていない", "営業時間外", "早朝", "そうちょう", "明け方", "あけがた",
        "night", "weekend", "holiday", "urgent", "emergency", "after hours", "sunday", "saturday",
    ];

    public static bool Mention(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return false;
        var folded = Romaji.Convert(TextNormalizer.Fold(text, NormalizationOptions.ForMatching));
        foreach (var w in Words)
            if (folded.Contains(w, StringComparison.Ordinal)) return true;
        return false;
    }
}
