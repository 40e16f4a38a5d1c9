using System.Text;

namespace SupportBot.Bench.Tests;

public class ReplyCheckTests
{
    static readonly ScriptTurn Turn = new("予約したい", ["ご希望の日付"]);

    static TurnFailure? Check(int status, string body, bool checkText = true) =>
        ReplyCheck.Verify(status, Encoding.UTF8.GetBytes(body), Turn, "c1", checkText);

    [Fact]
    public void A_matching_message_passes() =>
        Assert.Null(Check(200, """{"activities":[{"type":"typing"},{"type":"message","text":"ご希望の日付を教えてください","conversation":{"id":"c1"}}]}"""));

    [Theory]
    [InlineData(500, """{"activities":[]}""", "http_status")]
    [InlineData(200, "<html>", "bad_json")]
    [InlineData(200, """{"activities":[]}""", "no_activities")]
    [InlineData(200, """{"other":1}""", "no_activities")]
    [InlineData(200, """{"activities":[{"type":"trace","label":"TurnError","value":"boom"}]}""", "bot_turn_error")]
    [InlineData(200, """{"activities":[{"type":"message","text":"ご希望の日付","conversation":{"id":"c2"}}]}""", "conversation_mismatch")]
    [InlineData(200, """{"activities":[{"type":"message","text":"メニュー"}]}""", "text_mismatch")]
    [InlineData(200, """{"activities":[{"type":"event","name":"ご希望の日付"}]}""", "text_mismatch")]
    public void Bad_answers_are_classified(int status, string body, string kind) =>
        Assert.Equal(kind, Check(status, body)?.Kind);

    [Fact]
    public void No_check_text_accepts_any_reply() =>
        Assert.Null(Check(200, """{"activities":[{"type":"message","text":"メニュー"}]}""", checkText: false));

    [Fact]
    public void Any_of_several_expectations_is_enough()
    {
        var turn = new ScriptTurn("x", ["a", "時間"]);
        Assert.Null(ReplyCheck.Verify(200, Encoding.UTF8.GetBytes("""{"activities":[{"type":"message","text":"開所時間"}]}"""), turn, "c1", true));
    }
}
