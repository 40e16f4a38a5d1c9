using System.Net;
using SupportBot.IntegrationTests.Support;

namespace SupportBot.IntegrationTests.Hosting;

/// <summary>
/// docs/dialogs.md, "Add an FAQ entry", followed step by step on a copy of dialogs/ and locales/: YAML and
/// catalog only, no C#. The bot then answers the new question (also worded unlike its examples), and a
/// step left out stops the start with a message that names what is missing.
/// </summary>
public sealed class WorkedExampleTests : IDisposable
{
    private readonly string _content = Path.Combine(Path.GetTempPath(), "supportbot-example-" + Guid.NewGuid().ToString("N")[..8]);

    public WorkedExampleTests()
    {
        Copy(Path.Combine(AppContext.BaseDirectory, "dialogs"), Path.Combine(_content, "dialogs"));
        Copy(Path.Combine(AppContext.BaseDirectory, "locales"), Path.Combine(_content, "locales"));
    }

    public void Dispose() => Directory.Delete(_content, recursive: true);

    // The steps of docs/dialogs.md, word for word.
    private void Step1_Examples()
    {
        Append("locales/ja-JP/intents.yaml", """
            faq.lost_item:
              - 忘れ物をしました
              - 忘れ物をしたかもしれません
              - そちらに傘を置き忘れたかも
              - 忘れ物って預かってもらえますか
              - 財布を忘れて帰ってしまいました
              - わすれものしちゃった
              - 面談のとき手帳を忘れたかも
              - 落とし物は届いていませんか
              - 帽子を置いてきてしまいました
              - 忘れた荷物を取りに行きたい
              - 鍵を忘れてきたみたいです
              - 上着を置き忘れました
              - 忘れ物の問い合わせです
              - 眼鏡をそちらに忘れていませんか
              - 忘れ物を取りに行ってもいいですか
            """);
        Append("locales/en-US/intents.yaml", """
            faq.lost_item:
              - I left something at the center
              - did anyone find my umbrella
              - lost and found
              - I forgot my bag there
              - I think I left my wallet behind
            """);
    }

    private void Step2_Labels()
    {
        Append("locales/ja-JP/intent-labels.yaml", "intent.faq.lost_item: 忘れ物");
        Append("locales/en-US/intent-labels.yaml", "intent.faq.lost_item: Lost property");
        Append("locales/ja-JP-x-easy/intent-labels.yaml", "intent.faq.lost_item: わすれもの");
    }

    private void Step3_Answers(bool english = true)
    {
        Append("locales/ja-JP/faq.yaml", "faq.lost_item.answer: 忘れ物は事務室でお預かりしています。{center.phone} までお電話ください。");
        Append("locales/ja-JP-x-easy/faq.yaml", "faq.lost_item.answer: わすれものは じむしつに あります。{center.phone} に ｜電話《でんわ》して ください。");
        if (english) Append("locales/en-US/faq.yaml", "faq.lost_item.answer: \"We keep lost property at the office. Please call {center.phone}.\"");
    }

    private void Step4_Flow() => File.WriteAllText(Path.Combine(_content, "dialogs", "faq-lost-item.yaml"), """
        id: faq.lost_item
        triggers: { intents: [faq.lost_item] }
        steps:
          - { id: answer, say: [faq.lost_item.answer] }
        """ + "\n");

    [Fact]
    public async Task A_new_faq_is_yaml_and_catalog_only_and_the_bot_answers_it()
    {
        Step1_Examples();
        Step2_Labels();
        Step3_Answers();
        Step4_Flow();
        using var app = App();
        var client = app.CreateClient();

        foreach (var question in new[] { "忘れ物をしたかもしれません", "手袋を置き忘れたみたいです" })
        {
            var response = await client.PostAsync("/api/messages", BotApp.Json(BotApp.Message("example-" + Guid.NewGuid().ToString("N"), question)));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var replies = (await BotApp.ReadJson(response)).GetProperty("activities").EnumerateArray().Select(a => a.GetProperty("text").GetString()).ToList();
            Assert.True(replies.Any(t => t!.StartsWith("忘れ物は事務室でお預かりしています。", StringComparison.Ordinal)), question + " → " + string.Join(" / ", replies));
        }
    }

    [Fact]
    public void A_step_left_out_stops_the_start_and_names_what_is_missing()
    {
        Step1_Examples();
        Step2_Labels();
        Step3_Answers(english: false);
        Step4_Flow();
        using var app = App();
        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("faq.lost_item.answer", error.ToString());
        Assert.Contains("en-US", error.ToString());
    }

    private BotApp App() => new(new()
    {
        ["Content:DialogsPath"] = Path.Combine(_content, "dialogs"),
        ["Content:LocalesPath"] = Path.Combine(_content, "locales"),
        ["Clock:Now"] = "2026-11-24T14:00:00+09:00",
    });

    private void Append(string file, string text) =>
        File.AppendAllText(Path.Combine(_content, file), "\n" + text + "\n");

    private static void Copy(string from, string to)
    {
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(dir.Replace(from, to, StringComparison.Ordinal));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal));
    }
}
