using SupportBot.Language.Intents;
using Xunit;

namespace SupportBot.Language.Tests.Intents;

public sealed class IntentModelTests
{
    // The names dialogs/*.yaml and intent-labels.yaml refer to.
    private static readonly string[] EngineIntents =
    [
        "greeting", "thanks", "goodbye", "help", "menu", "cancel",
        "faq.hours", "faq.closed_days", "faq.today", "faq.access", "faq.contact", "faq.apply_steps", "faq.eligibility",
        "faq.services", "faq.peer_supporter", "faq.become_peer", "faq.menu",
        "booking.new", "booking.check", "booking.change", "booking.cancel",
        "meetup.cancel", "meetup.find", "meetup.join", "peer.talk", "contact.now", "emergency.contacts",
    ];

    private static readonly IntentModel Ja = IntentData.Model("ja-JP");

    [Fact]
    public void The_examples_cover_exactly_the_engine_intents()
    {
        Assert.Equal(EngineIntents.Order(StringComparer.Ordinal), Ja.Intents.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("予約はまだいい、時間だけ知りたい", "faq.hours")]
    [InlineData("場所はもうわかったので、電話番号だけ教えて", "faq.contact")]
    [InlineData("キャンセルじゃなくて、予約の日にちをずらしたいです", "booking.change")]
    [InlineData("こんにちは！今日って開いてますか", "faq.today")]
    [InlineData("ありがとうございます、あと住所も教えてください", "faq.access")]
    public void A_dismissed_clause_or_small_talk_gives_way_to_the_request(string text, string expected)
    {
        var top = Ja.Recognize(text)[0];
        Assert.Equal(expected, top.Name);
        Assert.True(top.Score >= IntentThresholds.Clarify, $"{text}: {top.Score:F2}");
    }

    [Theory]
    [InlineData("予約をキャンセルしたい", "booking.cancel")]
    [InlineData("キャンセル", "cancel")]
    [InlineData("ＦＡＸ番号を教えて", "faq.contact")]
    [InlineData("ピアサポーターってなに？😊", "faq.peer_supporter")]
    [InlineData("よやくしたいです", "booking.new")]
    public void Recognizes_spelling_variants_and_near_neighbours(string text, string expected)
    {
        Assert.Equal(expected, Ja.Recognize(text)[0].Name);
    }

    [Fact]
    public void Width_and_kana_variants_score_the_same()
    {
        var a = Ja.Recognize("ピアサポーターになりたい");
        var b = Ja.Recognize("ﾋﾟｱｻﾎﾟｰﾀｰになりたい");
        var c = Ja.Recognize("ぴあさぽーたーになりたい");
        Assert.Equal(a, b);
        Assert.Equal(a, c);
    }

    [Fact]
    public void Scores_are_sorted_in_range_and_never_name_none()
    {
        foreach (var text in new[] { "何時から開いてる？", "今日の天気は？", "ｗ", "予約変更", "!!!" })
        {
            var scores = Ja.Recognize(text);
            Assert.Equal(Ja.Intents.Count, scores.Count);
            Assert.DoesNotContain(scores, s => s.Name == IntentModel.None);
            Assert.All(scores, s => Assert.InRange(s.Score, 0.0, 1.0));
            for (var i = 1; i < scores.Count; i++) Assert.True(scores[i - 1].Score >= scores[i].Score);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("🙂🙂")]
    [InlineData("。。。")]
    public void Text_without_words_scores_zero(string text)
    {
        Assert.All(Ja.Recognize(text), s => Assert.Equal(0.0, s.Score));
    }

    [Theory]
    [InlineData("今日の天気は？")]
    [InlineData("おすすめの映画を教えて")]
    public void Out_of_scope_falls_below_the_clarify_threshold(string text)
    {
        Assert.True(Ja.Recognize(text)[0].Score < IntentThresholds.Clarify);
    }

    [Fact]
    public void An_exact_example_is_confident()
    {
        var top = Ja.Recognize("開所時間を教えてください")[0];
        Assert.Equal("faq.hours", top.Name);
        Assert.True(top.Score >= IntentThresholds.Confident, $"{top.Score:F2}");
    }

    [Fact]
    public void Training_is_deterministic()
    {
        var again = IntentModel.Train(IntentData.Examples("ja-JP"), IntentModelOptions.ForCulture("ja-JP"));
        foreach (var text in new[] { "予約を変更したい", "ピアサポーターと話したい", "今日の天気" })
            Assert.Equal(Ja.Recognize(text), again.Recognize(text));
    }

    [Fact]
    public void None_examples_pull_look_alikes_down()
    {
        IntentExample[] examples =
        [
            new("faq.today", "今日は開いていますか"), new("faq.today", "今日やってる？"),
            new("faq.hours", "何時まで開いていますか"),
        ];
        var without = IntentModel.Train(examples).Recognize("今日の天気は晴れかな")[0].Score;
        var with = IntentModel.Train([.. examples, new(IntentModel.None, "今日の天気は？"), new(IntentModel.None, "明日は晴れ？")])
            .Recognize("今日の天気は晴れかな")[0].Score;
        Assert.True(with < without, $"with none examples {with:F2}, without {without:F2}");
    }

    [Fact]
    public void Training_needs_usable_examples()
    {
        Assert.Throws<ArgumentException>(() => IntentModel.Train([new IntentExample("greeting", "  ")]));
    }
}
