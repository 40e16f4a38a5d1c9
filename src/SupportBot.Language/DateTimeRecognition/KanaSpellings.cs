using System.Text;
using System.Text.RegularExpressions;
using SupportBot.Language.Normalization;

namespace SupportBot.Language.DateTimeRecognition;

/// <summary>
/// Date words typed in kana or half-converted (らいしゅう, すいようび, 水よう日, 3じはん, ごご) are rewritten to the
/// kanji the rules know, keeping the map to the user's text. Only words that cannot be read otherwise are listed:
/// あさ/よる/ひる are left alone (あさって, によると, ひるね).
/// </summary>
internal static class KanaSpellings
{
    private static readonly (string Kana, string Kanji)[] Words =
    [
        ("さらいしゅう", "再来週"), ("らいしゅう", "来週"), ("こんしゅう", "今週"), ("せんしゅう", "先週"),
        ("さらいげつ", "再来月"), ("らいげつ", "来月"), ("こんげつ", "今月"), ("げつまつ", "月末"),
        ("しゅうまつ", "週末"), ("しゅうあけ", "週明け"), ("ほんじつ", "本日"),
        ("ごぜんちゅう", "午前中"), ("ごぜん", "午前"), ("ごご", "午後"), ("ゆうがた", "夕方"), ("しょうご", "正午"),
        ("げつようび", "月曜日"), ("かようび", "火曜日"), ("すいようび", "水曜日"), ("もくようび", "木曜日"),
        ("きんようび", "金曜日"), ("どようび", "土曜日"), ("にちようび", "日曜日"),
        ("げつよう", "月曜"), ("すいよう", "水曜"), ("もくよう", "木曜"), ("きんよう", "金曜"), ("どよう", "土曜"),
        // not かよう (通う) nor にちよう (日用品) without び
    ];

    // A kana word counts only where the word ends: before a particle, the end, or something not hiragana
    // (きょうは, らいしゅうの; not きょうだい, きょうかい, にちようひん).
    private const string WordEnd = "(?=$|[^\\u3041-\\u3096]|[のはもにでがやよねっか])";

    // きょう also starts きょうだい, きょうかい, きょうと: after it, か only before a non-kana or another day (きょうかあした).
    private const string TodayEnd = "(?=$|[^\\u3041-\\u3096]|[のはもにでがやよねっ]|か(?:$|[^\\u3041-\\u3096]|あした|あさって))";

    private const string Digit = "[0-9〇零一二三四五六七八九十]";

    private static readonly Regex Any = new(
        "(?:" + string.Join('|', Words.Select(w => Regex.Escape(w.Kana))) + ")" + WordEnd
        + "|きょう" + TodayEnd
        + "|(?<=(?:^|[^今来再先翌毎隔前明昨本当同0-9〇一二三四五六七八九十])[月火水木金土日])よう(?:び|日)?" + WordEnd // 水よう日 (not 来月ようやく)
        + $"|(?<={Digit})じ(?:はん)?(?![ゃゅょ])"       // 3じ, 3じはん (3じかん is skipped below)
        + $"|(?<={Digit})(?:ふん|ぷん)",                 // 15ふん
        RegexOptions.CultureInvariant);

    private static readonly Dictionary<string, string> Map = Words.Append((Kana: "きょう", Kanji: "今日")).ToDictionary(w => w.Kana, w => w.Kanji);

    public static NormalizedText Rewrite(NormalizedText n)
    {
        var text = n.Text;
        if (!Any.IsMatch(text)) return n;
        var sb = new StringBuilder(text.Length);
        var starts = new List<int>(text.Length);
        var ends = new List<int>(text.Length);
        var at = 0;
        foreach (Match m in Any.Matches(text))
        {
            if (m.Value.StartsWith('じ') && text.AsSpan(m.Index).StartsWith("じかん")) continue; // 3じかん is a duration
            for (; at < m.Index; at++) Keep(at);
            var replacement = Map.TryGetValue(m.Value, out var k) ? k
                : m.Value.StartsWith('よ') ? "曜日"
                : m.Value.StartsWith('じ') ? (m.Value.EndsWith("はん", StringComparison.Ordinal) ? "時半" : "時")
                : "分";
            var (os, ol) = n.ToOriginal(m.Index, m.Length);
            foreach (var ch in replacement)
            {
                sb.Append(ch);
                starts.Add(os);
                ends.Add(os + ol);
            }
            at = m.Index + m.Length;
        }
        for (; at < text.Length; at++) Keep(at);
        return new NormalizedText(n.Original, sb.ToString(), starts.ToArray(), ends.ToArray());

        void Keep(int i)
        {
            var (os, ol) = n.ToOriginal(i, 1);
            sb.Append(text[i]);
            starts.Add(os);
            ends.Add(os + ol);
        }
    }
}
