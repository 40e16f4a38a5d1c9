using SupportBot.Language.Answers;
using Xunit;

namespace SupportBot.Language.Tests.Answers;

public sealed class BookingWordsTests
{
    [Theory]
    [InlineData("なるべく早く", true)]
    [InlineData("できるだけ早めにお願いします", true)]
    [InlineData("いつでもいいです", true)]
    [InlineData("一番早いところで", true)]
    [InlineData("as soon as possible", true)]
    [InlineData("来週の火曜", false)]
    [InlineData("さくら", false)]
    public void As_soon_as_possible(string text, bool expected) => Assert.Equal(expected, BookingWords.IsAsSoonAsPossible(text));

    [Theory]
    [InlineData("電話番号まちがえた", BookingField.Phone)]
    [InlineData("電話番号が違います", BookingField.Phone)]
    [InlineData("番号を訂正したい", BookingField.Phone)]
    [InlineData("名前を変えたい", BookingField.Name)]
    [InlineData("ニックネーム間違えました", BookingField.Name)]
    [InlineData("配慮のところを直したい", BookingField.Needs)]
    [InlineData("相談内容を変更", BookingField.Topic)]
    [InlineData("the phone number is wrong", BookingField.Phone)]
    [InlineData("はい", null)]
    [InlineData("電話番号は090-1234-5678です", null)]
    [InlineData("違います", null)]
    public void Corrections(string text, BookingField? expected) => Assert.Equal(expected, BookingWords.ReadCorrection(text));

    [Theory]
    [InlineData("母のことで相談したいです", "family")]
    [InlineData("息子です", "family")]
    [InlineData("私は娘です", "family")]
    [InlineData("ケアマネです", "supporter")]
    [InlineData("相談支援専門員です。利用者さんのことで", "supporter")]
    [InlineData("病院の相談員です", "supporter")]
    [InlineData("自分のことです", "self")]
    [InlineData("わたしです", "self")]
    [InlineData("よくわからない", null)]
    public void Who(string text, string? expected) => Assert.Equal(expected, BookingWords.ReadWho(text));

    [Theory]
    [InlineData("特になし", true)]
    [InlineData("とくにないです", true)]
    [InlineData("なし", true)]
    [InlineData("Nothing", true)]
    [InlineData("就労について", false)]
    public void Nothing(string text, bool expected) => Assert.Equal(expected, BookingWords.IsNothing(text));
}
