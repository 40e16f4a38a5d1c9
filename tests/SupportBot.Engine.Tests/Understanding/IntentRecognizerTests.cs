using SupportBot.Engine.Understanding;
using SupportBot.Language.Intents;

namespace SupportBot.Engine.Tests.Understanding;

/// <summary>An English message in a Japanese conversation is read by the English model too.</summary>
public sealed class IntentRecognizerTests
{
    private static readonly IntentModel Japanese = IntentModel.Train(
    [
        new("booking.new", "相談の予約をしたいです"), new("booking.new", "面談を予約したい"), new("booking.new", "よやくしたい"),
        new("faq.hours", "開所時間を教えてください"), new("faq.hours", "何時まで開いていますか"), new("faq.hours", "なんじから"),
        new("none", "今日は暑いですね"), new("none", "おすすめの映画は"),
    ], IntentModelOptions.ForCulture("ja-JP"));

    private static readonly IntentModel English = IntentModel.Train(
    [
        new("booking.new", "I would like to book a consultation"), new("booking.new", "Can I make an appointment"), new("booking.new", "schedule a meeting"),
        new("faq.hours", "What are your opening hours"), new("faq.hours", "When are you open"), new("faq.hours", "What time do you close"),
        new("none", "What is the weather like"), new("none", "Tell me a joke"),
    ], IntentModelOptions.ForCulture("en-US"));

    private static readonly IntentRecognizer Both = new(new Dictionary<string, IntentModel> { ["ja-JP"] = Japanese, ["en-US"] = English });

    [Fact]
    public void English_in_a_Japanese_conversation_gets_the_English_reading()
    {
        var scores = Both.Recognize("Could I make an appointment next week?", "ja-JP");
        Assert.Equal("booking.new", scores[0].Name);
        Assert.Equal(English.Recognize("Could I make an appointment next week?"), scores);
        Assert.True(scores[0].Score > Japanese.Recognize("Could I make an appointment next week?")[0].Score);
    }

    [Theory]
    [InlineData("開所時間は何時までですか")]
    [InlineData("予約したいです📅")]
    [InlineData("LINEで予約できますか")]
    public void Japanese_text_is_read_by_the_Japanese_model_alone(string text) =>
        Assert.Equal(Japanese.Recognize(text), Both.Recognize(text, "ja-JP"));

    [Fact]
    public void Without_an_English_model_nothing_changes()
    {
        var japaneseOnly = new IntentRecognizer(new Dictionary<string, IntentModel> { ["ja-JP"] = Japanese });
        Assert.Equal(Japanese.Recognize("Could I make an appointment?"), japaneseOnly.Recognize("Could I make an appointment?", "ja-JP"));
    }
}
