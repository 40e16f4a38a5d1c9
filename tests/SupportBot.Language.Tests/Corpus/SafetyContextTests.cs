using SupportBot.Language.Safety;

namespace SupportBot.Language.Tests.Corpus;

/// <summary>
/// The two places where the safety model asks the classifier to back a lexicon reading: a cue in a message
/// about a story, a scar or a training, and concern words on their own. Sentences written for this test.
/// </summary>
public sealed class SafetyContextTests
{
    [Theory]
    [InlineData("昨日の映画、ラストで主人公が橋から飛び降りて終わるのが切なかった")]
    [InlineData("昔の傷跡を消すレーザー治療って保険はききますか")]
    [InlineData("ゲームのボス強すぎ、10回くらい殺された")]
    public void A_cue_in_a_story_the_classifier_does_not_back_is_not_a_crisis(string text)
    {
        var risk = CorpusData.Safety.Assess(text);
        Assert.Equal(RiskTier.None, risk.Tier);
    }

    [Theory]
    [InlineData("ドラマを見ていたら、私も今夜死にたくなりました")]
    [InlineData("傷跡がまた増えた。今日もカッターで切ってしまった")]
    [InlineData("ニュースを見てから、もう生きていたくないです")]
    public void A_crisis_told_beside_a_story_is_still_a_crisis(string text)
    {
        var risk = CorpusData.Safety.Assess(text);
        Assert.Equal(RiskTier.Crisis, risk.Tier);
    }

    [Theory]
    [InlineData("今日はちょっと疲れたけど、みんなでカレー作れて楽しかった")]
    [InlineData("少しさみしいけど、犬がいるので大丈夫です")]
    public void Concern_words_the_classifier_reads_nothing_in_are_everyday_talk(string text)
    {
        Assert.Equal(RiskTier.None, CorpusData.Safety.Assess(text).Tier);
    }

    [Theory]
    [InlineData("疲れた。もう何もかも嫌になった")]
    [InlineData("夜になると不安でたまらなくて、誰にも話せない")]
    public void Distress_the_classifier_backs_still_gets_a_check_in(string text)
    {
        Assert.NotEqual(RiskTier.None, CorpusData.Safety.Assess(text).Tier);
    }
}
