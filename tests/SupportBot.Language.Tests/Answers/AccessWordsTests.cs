using SupportBot.Language.Answers;

namespace SupportBot.Language.Tests.Answers;

public sealed class AccessWordsTests
{
    [Theory]
    [InlineData("やさしい にほんご", Register.Plain)]
    [InlineData("やさしい日本語でお願いします", Register.Plain)]
    [InlineData("むずかしい", Register.Plain)]
    [InlineData("難しいです", Register.Plain)]
    [InlineData("ふつうの にほんご", Register.Standard)]
    [InlineData("普通の日本語に戻して", Register.Standard)]
    public void The_switch_is_read_when_the_message_is_the_phrase(string text, Register expected) =>
        Assert.Equal(expected, AccessWords.ReadRegister(text));

    [Theory]
    [InlineData("申請の手続きがむずかしいので相談したい")]
    [InlineData("やさしい人と話したい")]
    [InlineData("開所時間は？")]
    [InlineData("")]
    public void A_sentence_that_only_contains_a_switch_word_is_not_the_switch(string text) =>
        Assert.Null(AccessWords.ReadRegister(text));

    [Theory]
    [InlineData("電話できない", true)]
    [InlineData("耳がきこえないです", true)]
    [InlineData("耳が聞こえません", true)]
    [InlineData("声が出ないので文字で相談したい", true)]
    [InlineData("電話は無理です", true)]
    [InlineData("電話番号を教えて", false)]
    [InlineData("開所時間は？", false)]
    public void Cannot_phone_cues(string text, bool expected) =>
        Assert.Equal(expected, AccessWords.CannotPhone(text));
}
