using SupportBot.Language.Answers;

namespace SupportBot.Language.Tests.Answers;

/// <summary>Which questions get the 24-hour line beside their answer, whatever the clock says.</summary>
public sealed class AfterHoursWordsTests
{
    [Theory]
    [InlineData("夜中でも電話できますか")]
    [InlineData("土日に連絡したいときは")]
    [InlineData("しきゅう れんらく したい")]
    [InlineData("そちらが閉まっている時間に困ったら、どこへ連絡すれば？")]
    [InlineData("窓口が開いてないときの連絡先")]
    [InlineData("あいてない じかんは どうしたら いい")]
    [InlineData("早朝に何かあったら電話してもいい？")]
    [InlineData("yoru demo denwa dekimasu ka")]
    public void A_question_about_when_the_office_is_shut_mentions_after_hours(string text) =>
        Assert.True(AfterHoursWords.Mention(text));

    [Theory]
    [InlineData("電話番号を教えてください")]
    [InlineData("今すぐ相談したいです")]
    [InlineData("担当の人と話したい")]
    [InlineData("")]
    public void An_ordinary_contact_question_does_not(string text) =>
        Assert.False(AfterHoursWords.Mention(text));
}
