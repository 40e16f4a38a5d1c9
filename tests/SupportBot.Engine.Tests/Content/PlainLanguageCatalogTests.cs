using System.Text.RegularExpressions;
using SupportBot.Channels.Line;
using SupportBot.Engine.Messages;
using SupportBot.Engine.Safety;
using SupportBot.Engine.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace SupportBot.Engine.Tests.Content;

/// <summary>
/// The plain-language catalog (locales/ja-JP-x-easy): parity with ja-JP, and the readability rules of
/// docs/accessibility.md (sentence length, kanji, words to avoid, readings, button labels), with a looser
/// check of the standard catalog so it does not drift into long administrative sentences.
/// </summary>
public sealed class PlainLanguageCatalogTests
{
    private const string Standard = "ja-JP";
    private const string Plain = "ja-JP-x-easy";

    // The limits (docs/accessibility.md, "Readability limits"). Sentences are measured as sent — readings in place
    // of kanji, a placeholder counted as 4 characters, spaces (分かち書き) not counted.
    private const int PlainMaxSentence = 45;
    private const double PlainMeanSentence = 20;
    private const double PlainMaxKanjiWithReadings = 0.10; // Web Chat: kanji shown, every one with its reading
    private const int StandardMaxSentence = 80;
    private const double StandardMeanSentence = 20;
    private const double StandardMaxKanji = 0.35;

    /// <summary>Words the plain catalog avoids, with what to write instead (honorifics beyond です・ます, administrative words).</summary>
    public static readonly (string Avoid, string Instead)[] AvoidInPlain =
    [
        ("いただ", "〜して ください / もらう"), ("頂", "〜して ください"), ("おります", "います"), ("うかが", "ききます / いきます"), ("伺", "ききます"),
        ("うけたまわ", "うけつけます"), ("承", "うけつけます"), ("もうしあげ", "いいます"), ("申し上げ", "いいます"), ("ぞんじ", "しって います"),
        ("存じ", "しって います"), ("おそれい", "すみません"), ("恐れ入", "すみません"), ("さしつかえ", "だいじょうぶ"), ("差し支え", "だいじょうぶ"),
        ("ございません", "ありません"), ("でございます", "です"), ("なさいま", "します"), ("なさって", "して"), ("くださいませ", "ください"),
        ("お預かり", "ききます"), ("ご用件", "ようじ"), ("ごようけん", "ようじ"), ("ご希望", "〜したい こと"), ("ごきぼう", "〜したい こと"),
        ("お名前", "なまえ"), ("ご相談", "そうだん"), ("ご予約", "よやく"), ("ご利用", "つかう"), ("ご連絡", "れんらく"),
        ("開所", "あいて いる"), ("かいしょ", "あいて いる"), ("休所", "やすみ"), ("きゅうしょ", "やすみ"), ("申請", "もうしこみ"),
        ("しんせい", "もうしこみ"), ("提出", "だす"), ("ていしゅつ", "だす"), ("折り返し", "こちらから でんわ"), ("おりかえし", "こちらから でんわ"),
        ("配慮", "てつだって ほしい こと"), ("はいりょ", "てつだって ほしい こと"), ("至急", "すぐに"), ("しきゅう", "すぐに"),
        ("当日", "その ひ"), ("とうじつ", "その ひ"), ("事前", "まえに"), ("じぜん", "まえに"), ("緊急", "いそぐ とき"),
        ("きんきゅう", "いそぐ とき"), ("該当", "あてはまる"), ("がいとう", "あてはまる"), ("問い合わせ", "きいて ください"),
        ("といあわせ", "きいて ください"), ("受給者証", "じゅきゅうしゃしょう（サービスを つかえる ことを しめす かみ）"),
    ];

    /// <summary>Words the plain catalog may use only where it also says what they mean (「…は、…です」 or 「…（…）」).</summary>
    public static readonly string[] ExplainedInPlain = ["じゅきゅうしゃしょう", "しえんしゃ", "ピアサポーター", "ピアサポート", "とうろく", "ファックス"];

    /// <summary>Double negatives (「ないわけではない」「なくはない」): neither catalog uses them.</summary>
    private static readonly Regex DoubleNegative = new("ない(わけ|こと|とは)(では|は|も|に)?(ない|ありません|いかない)|なくは(ない|ありません)|なくも(ない|ありません)|ないでは(いられ|すま)", RegexOptions.CultureInvariant);

    private static readonly Regex Kanji = new(@"[\u4E00-\u9FFF\u3400-\u4DBF々〆]", RegexOptions.CultureInvariant);
    private static readonly Regex Placeholder = new(@"\{[^}]+\}", RegexOptions.CultureInvariant);

    /// <summary>Texts residents never read: staff's calendar entries, matching keywords.</summary>
    private static bool ResidentText(string key) =>
        !key.StartsWith(MessageCatalog.StaffPrefix, StringComparison.Ordinal) && !key.StartsWith("booking.ics_", StringComparison.Ordinal)
        && !key.EndsWith(".keywords", StringComparison.Ordinal);

    private static readonly string[] DataFiles = ["intents.yaml", "hotlines.yaml", "meetups.yaml"];

    private static MessageCatalog RealCatalog() =>
        MessageCatalog.Load(Repository.Path("locales"), new Dictionary<string, string>(), f => !DataFiles.Contains(f));

    private static IEnumerable<(string Key, string Text)> ResidentTexts(MessageCatalog catalog, string culture) =>
        catalog.Entries(culture).Where(e => ResidentText(e.Key)).OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => (e.Key, e.Value.Text));

    /// <summary>A text's sentences as sent: readings for kanji, placeholders as ○○○○, no spaces; split at 。？！ and line ends.</summary>
    public static IEnumerable<string> Sentences(string text)
    {
        var sent = Placeholder.Replace(Ruby.Reading(text), "○○○○");
        return Regex.Split(sent, @"(?<=[。？！?!])|\n").Select(s => Regex.Replace(s, @"\s", "")).Where(s => s.Length > 0);
    }

    private static double KanjiRatio(IEnumerable<string> texts)
    {
        var all = string.Concat(texts.Select(t => Regex.Replace(Placeholder.Replace(t, ""), @"\s", "")));
        return all.Length == 0 ? 0 : (double)Kanji.Matches(all).Count / all.Length;
    }

    [Fact]
    public void The_plain_catalog_has_every_resident_facing_key_of_ja_JP_and_no_other()
    {
        var catalog = RealCatalog();
        Assert.Contains(Plain, catalog.Cultures);
        var missing = catalog.Entries(Standard).Keys.Where(k => !k.StartsWith(MessageCatalog.StaffPrefix, StringComparison.Ordinal) && !catalog.Has(k, Plain)).ToList();
        var extra = catalog.Entries(Plain).Keys.Where(k => !catalog.Has(k, Standard)).ToList();
        Assert.True(missing.Count == 0, "missing in ja-JP-x-easy: " + string.Join(", ", missing));
        Assert.True(extra.Count == 0, "not in ja-JP: " + string.Join(", ", extra));
    }

    [Fact]
    public void A_variant_that_lacks_a_key_does_not_load_and_staff_labels_are_not_required()
    {
        var dir = Path.Combine(Path.GetTempPath(), "sb-variant-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, Standard));
            Directory.CreateDirectory(Path.Combine(dir, Plain));
            File.WriteAllText(Path.Combine(dir, Standard, "a.yaml"), "greet: こんにちは\nbye: さようなら\nstaff.title: 職員用\n");
            File.WriteAllText(Path.Combine(dir, Plain, "a.yaml"), "greet: こんにちは\n");
            var error = Assert.Throws<InvalidDataException>(() => MessageCatalog.Load(dir, new Dictionary<string, string>()));
            Assert.Contains("'bye' is missing", error.Message);
            Assert.DoesNotContain("staff.title", error.Message);

            File.WriteAllText(Path.Combine(dir, Plain, "a.yaml"), "greet: ｜今日《きょう》は\nbye: さようなら\n");
            var catalog = MessageCatalog.Load(dir, new Dictionary<string, string>());
            Assert.Equal(Plain, catalog.PlainCulture(Standard));
            Assert.Equal(Standard, catalog.StandardCulture(Plain));
            Assert.Equal(Standard, catalog.ResolveCulture("ja"));
            Assert.Equal("職員用", catalog.Text(Plain, "staff.title"));
            Assert.Equal("きょうは", Ruby.Reading(catalog.Text(Plain, "greet")));
            Assert.Equal("今日は", Ruby.Base(catalog.Text(Plain, "greet")));

            File.WriteAllText(Path.Combine(dir, Plain, "a.yaml"), "greet: ｜今日《きょう は\nbye: さようなら\n");
            Assert.Contains("broken reading", Assert.Throws<InvalidDataException>(() => MessageCatalog.Load(dir, new Dictionary<string, string>())).Message);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void The_plain_catalog_uses_the_placeholders_of_ja_JP()
    {
        var catalog = RealCatalog();
        var problems = new List<string>();
        foreach (var (key, ja) in catalog.Entries(Standard))
        {
            if (!catalog.Entries(Plain).TryGetValue(key, out var easy)) continue;
            var a = MessageCatalog.Placeholders(ja.Text).Distinct().Order().ToList();
            var b = MessageCatalog.Placeholders(easy.Text).Distinct().Order().ToList();
            if (!a.SequenceEqual(b)) problems.Add($"'{key}': ja-JP {{{string.Join(",", a)}}} vs ja-JP-x-easy {{{string.Join(",", b)}}}");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Plain_sentences_are_short()
    {
        var catalog = RealCatalog();
        var sentences = ResidentTexts(catalog, Plain).SelectMany(t => Sentences(t.Text).Select(s => (t.Key, Sentence: s))).ToList();
        var tooLong = sentences.Where(s => s.Sentence.Length > PlainMaxSentence).Select(s => $"{s.Key}: {s.Sentence.Length}: {s.Sentence}").ToList();
        Assert.True(tooLong.Count == 0, $"plain sentences over {PlainMaxSentence} characters:\n" + string.Join("\n", tooLong));
        var mean = sentences.Average(s => s.Sentence.Length);
        Assert.True(mean <= PlainMeanSentence, $"plain sentences average {mean:0.0} characters (limit {PlainMeanSentence})");
    }

    [Fact]
    public void Plain_texts_have_no_kanji_without_a_reading_so_LINE_shows_none_and_web_chat_few()
    {
        var catalog = RealCatalog();
        var texts = ResidentTexts(catalog, Plain).ToList();
        var bare = texts.Where(t => Kanji.IsMatch(Placeholder.Replace(Ruby.Reading(t.Text), ""))).Select(t => $"{t.Key}: {t.Text}").ToList();
        Assert.True(bare.Count == 0, "kanji without a reading ｜漢字《よみ》 (LINE cannot show ruby):\n" + string.Join("\n", bare));
        var withReadings = KanjiRatio(texts.Select(t => Ruby.Base(t.Text)));
        Assert.True(withReadings <= PlainMaxKanjiWithReadings, $"kanji ratio with readings {withReadings:P1} (limit {PlainMaxKanjiWithReadings:P0})");
        Assert.Contains(texts, t => Ruby.HasMarkup(t.Text));
    }

    [Fact]
    public void Plain_texts_avoid_honorifics_and_administrative_words()
    {
        var catalog = RealCatalog();
        var problems = new List<string>();
        foreach (var (key, text) in ResidentTexts(catalog, Plain))
        {
            var forms = new[] { Ruby.Reading(text), Ruby.Base(text) }.Select(f => Regex.Replace(Placeholder.Replace(f, ""), @"\s", "")).ToList();
            foreach (var (avoid, instead) in AvoidInPlain)
                if (forms.Any(f => f.Contains(avoid, StringComparison.Ordinal))) problems.Add($"{key}: 「{avoid}」 → 「{instead}」");
            if (forms.Any(f => DoubleNegative.IsMatch(f))) problems.Add($"{key}: a double negative");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Plain_texts_explain_the_words_they_must_use()
    {
        var catalog = RealCatalog();
        var texts = ResidentTexts(catalog, Plain).Select(t => Regex.Replace(Ruby.Reading(t.Text), @"\s", "")).ToList();
        var problems = new List<string>();
        foreach (var word in ExplainedInPlain)
        {
            if (!texts.Any(t => t.Contains(word, StringComparison.Ordinal))) continue;
            if (!texts.Any(t => t.Contains(word + "は、", StringComparison.Ordinal) || t.Contains(word + "（", StringComparison.Ordinal)))
                problems.Add($"「{word}」 is used but never explained (write 「{word}は、…です」 or 「{word}（…）」 once)");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void The_standard_catalog_stays_within_looser_limits()
    {
        var catalog = RealCatalog();
        var texts = ResidentTexts(catalog, Standard).ToList();
        var sentences = texts.SelectMany(t => Sentences(t.Text).Select(s => (t.Key, Sentence: s))).ToList();
        var tooLong = sentences.Where(s => s.Sentence.Length > StandardMaxSentence).Select(s => $"{s.Key}: {s.Sentence.Length}: {s.Sentence}").ToList();
        Assert.True(tooLong.Count == 0, $"sentences over {StandardMaxSentence} characters:\n" + string.Join("\n", tooLong));
        var mean = sentences.Average(s => s.Sentence.Length);
        Assert.True(mean <= StandardMeanSentence, $"sentences average {mean:0.0} characters (limit {StandardMeanSentence})");
        var kanji = KanjiRatio(texts.Select(t => t.Text));
        Assert.True(kanji <= StandardMaxKanji, $"kanji ratio {kanji:P1} (limit {StandardMaxKanji:P0})");
        var doubleNegatives = texts.Where(t => DoubleNegative.IsMatch(t.Text)).Select(t => t.Key).ToList();
        Assert.True(doubleNegatives.Count == 0, "double negatives: " + string.Join(", ", doubleNegatives));
    }

    /// <summary>Every text that becomes a button (a suggested action, a choice, an inserted name or date): no readings, and short enough for LINE.</summary>
    [Fact]
    public void Button_labels_fit_LINE_in_both_catalogs_and_carry_no_readings()
    {
        var catalog = RealCatalog();
        var labels = LabelKeys(catalog).ToList();
        Assert.Contains("menu.register", labels);
        Assert.Contains("booking.needs_sign", labels);
        var problems = new List<string>();
        foreach (var culture in new[] { Standard, Plain })
            foreach (var key in labels)
            {
                var text = catalog.Entries(culture)[key].Text;
                // line.call holds a phone number (at most 13 characters with hyphens); a center fact a time (at most 5: 「17:30」).
                var shown = Placeholder.Replace(text, m => m.Value == "{number}" ? "000-0000-0000" : "00:00");
                if (shown.Length > LineReplyMapper.MaxLabelLength) problems.Add($"{culture} {key}: {shown.Length} characters (LINE allows {LineReplyMapper.MaxLabelLength}): {text}");
                if (Ruby.HasMarkup(text)) problems.Add($"{culture} {key}: a button label carries a reading: {text}");
            }
        foreach (var key in catalog.Entries(Plain).Keys.Where(k => InsertedPrefixes.Any(p => k.StartsWith(p, StringComparison.Ordinal))))
            if (Ruby.HasMarkup(catalog.Entries(Plain)[key].Text)) problems.Add($"{Plain} {key}: a text inserted into others (a date, a name) carries a reading");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static readonly string[] InsertedPrefixes = ["format.", "weekday.", "month.", "days.", "holiday.", "closure.", "calendar.tomorrow_at", "booking.notice."];

    private static readonly string[] CodeLabels =
    [
        "common.yes", "common.no", "common.skip", "common.clarify_none", "common.something_else", "crisis.call_center", "crisis.call_119",
        "menu.emergency", "menu.register", "novoice.button", "line.pick_date", "line.call",
    ];

    /// <summary>Labels of the flows' choices, the intent labels (the "which one?" buttons) and the labels code puts on buttons.</summary>
    private static IEnumerable<string> LabelKeys(MessageCatalog catalog)
    {
        var keys = new SortedSet<string>(CodeLabels, StringComparer.Ordinal);
        foreach (var key in catalog.Entries(Standard).Keys.Where(k => k.StartsWith("intent.", StringComparison.Ordinal))) keys.Add(key);
        foreach (var file in Directory.GetFiles(Repository.Path("dialogs"), "*.yaml"))
            foreach (Match m in Regex.Matches(File.ReadAllText(file), @"label:\s*([A-Za-z0-9_.]+)")) keys.Add(m.Groups[1].Value);
        return keys;
    }

    [Fact]
    public void The_plain_hotlines_are_the_same_services_as_ja_JP_with_their_sources_and_dates()
    {
        var root = Repository.Path("locales");
        var standard = Read(Path.Combine(root, Standard, "hotlines.yaml"));
        var plain = Read(Path.Combine(root, Plain, "hotlines.yaml"));
        Assert.Equal(standard.Keys.Order(), plain.Keys.Order());
        foreach (var (id, fields) in standard)
            foreach (var field in new[] { "number", "source", "verifiedOn", "audience" }.Where(fields.ContainsKey))
                Assert.True(fields[field] == plain[id].GetValueOrDefault(field), $"{id}.{field}: ja-JP '{fields[field]}' vs ja-JP-x-easy '{plain[id].GetValueOrDefault(field)}'");

        var directory = HotlineDirectory.Load(root);
        var textOnly = directory.TextOnly(Plain).Select(t => t.Id).ToList();
        Assert.Equal(["relay", "net119", "sns_soudan"], textOnly);
        Assert.All(directory.TextOnly(Plain), t => Assert.False(Kanji.IsMatch(t.Name + t.Detail), $"{t.Id}: kanji in plain data"));
        Assert.Contains(directory.TextOnly(Standard), t => t.Id == "net119" && t.Detail.Contains("登録"));
    }

    private static Dictionary<string, Dictionary<string, string>> Read(string file)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(file)) yaml.Load(reader);
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        return root.Children.Values.OfType<YamlSequenceNode>().SelectMany(s => s.Children.OfType<YamlMappingNode>())
            .ToDictionary(m => ((YamlScalarNode)m[new YamlScalarNode("id")]).Value!,
                m => m.Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => ((YamlScalarNode)c.Value).Value ?? ""));
    }
}
