using SupportBot.Language.Safety;

namespace SupportBot.Language.Tests.Safety;

/// <summary>Must-catch and must-not-catch cases, and the modifiers (immediate, someone else).</summary>
public sealed class CrisisDetectorTests
{
    [Theory]
    [InlineData("もう死にたい", "suicidal_ideation")]
    [InlineData("しにたいいいいいい", "suicidal_ideation")]
    [InlineData("ﾀﾋにたい", "suicidal_ideation")]
    [InlineData("ｼﾆﾀｲ", "suicidal_ideation")]
    [InlineData("生きてる意味ない", "suicidal_ideation")]
    [InlineData("朝が来なければいい", "suicidal_ideation")]
    [InlineData("今までありがとう、さようなら", "farewell")]
    [InlineData("リスカしたい", "self_harm")]
    [InlineData("薬を全部飲んだ", "overdose")]
    [InlineData("息ができない", "medical_emergency")]
    [InlineData("意識がない", "medical_emergency")]
    [InlineData("夫に殴られる", "violence")]
    [InlineData("My dad abused me again last night", "violence")]
    [InlineData("紐は用意した。ドアノブでやってみる", "suicidal_ideation")]
    [InlineData("いっそ車にひかれて消えられたらいいのに", "suicidal_ideation")]
    [InlineData("腕にカッターで傷をつけた", "self_harm")]
    [InlineData("本日、利用者さんに自殺企図がありました。至急相談したいです", "suicidal_ideation")]
    [InlineData("祖父が急に倒れて、呼んでも動かない", "medical_emergency")]
    [InlineData("恥ずかしいとかじゃなくて、本当に消えたい", "suicidal_ideation")]
    public void Must_catch(string text, string category) => Assert.Equal(category, CrisisDetector.Assess(text).CategoryName);

    [Theory]
    [InlineData("死ぬほど眠い")]
    [InlineData("限界集落")]
    [InlineData("息抜きしたい")]
    [InlineData("自殺対策の講演会")]
    [InlineData("必死です")]
    [InlineData("開所時間は？")]
    [InlineData("Good job")]
    [InlineData("昔は飛び込み営業の仕事をしていました")]
    [InlineData("強い風で庭の植木が倒れてしまいました")]
    [InlineData("英会話教室をもう終わりにしたいです")]
    [InlineData("子どもの水泳教室で飛び込みの練習が始まりました")]
    [InlineData("自殺未遂から10年、今は作業所で元気に働いています")]
    [InlineData("リスカしてる友だちにどう接したらいいですか")]
    [InlineData("人前で転んで、恥ずかしすぎて消えたかった")]
    [InlineData("Where does a bus from the hospital stop?")]
    [InlineData("The bookshelf collapsed during the earthquake drill, nobody was there")]
    [InlineData("十年以上前は毎日殴られていたけど、今は一人で穏やかに暮らしています")]
    [InlineData("")]
    public void Must_not_catch(string text) => Assert.False(CrisisDetector.Assess(text).IsCrisis);

    [Fact]
    public void Immediate_danger_and_someone_else_are_told_apart()
    {
        Assert.True(CrisisDetector.Assess("母が倒れて意識がない").Immediate);
        Assert.True(CrisisDetector.Assess("母が倒れて意識がない").AboutSomeoneElse);
        Assert.True(CrisisDetector.Assess("今から飛び降りる").Immediate);
        Assert.False(CrisisDetector.Assess("死にたい").Immediate);
        Assert.False(CrisisDetector.Assess("死にたい").AboutSomeoneElse);
        Assert.True(CrisisDetector.Assess("家族が「死にたい」と言っている").AboutSomeoneElse);
        Assert.False(CrisisDetector.Assess("家族から暴力を受けている").AboutSomeoneElse);
    }

    [Fact]
    public void Cues_name_rules_not_text()
    {
        var result = CrisisDetector.Assess("死にたい");
        Assert.All(result.Cues, c => Assert.Matches("^[a-z_.]+$", c));
    }

    [Fact]
    public void Long_and_hostile_input_is_handled()
    {
        var longText = string.Concat(Enumerable.Repeat("あいうえおかきくけこ", 5000)) + "死にたい";
        Assert.True(CrisisDetector.Assess(longText).IsCrisis);
        Assert.False(CrisisDetector.Assess(new string('し', 20000)).IsCrisis);
    }
}
