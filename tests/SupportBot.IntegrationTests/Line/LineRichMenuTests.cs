using System.Text.Json;
using SupportBot.IntegrationTests.Support;
using SupportBot.Web.Commands;

namespace SupportBot.IntegrationTests.Line;

/// <summary>The rich menu asset and the <c>richmenu</c> command against the LINE API stand-in.</summary>
public sealed class LineRichMenuTests
{
    private static readonly string Folder = Path.Combine(Repository.Root, "assets", "line");

    [Fact]
    public async Task The_richmenu_command_creates_the_menu_uploads_the_image_and_makes_it_the_default()
    {
        await using var api = await LineApiStandIn.StartAsync();
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await RichMenuCommand.RunAsync(
        [
            $"--Line:ChannelAccessToken={LineApiStandIn.AccessToken}", $"--Line:ApiBaseUrl={api.BaseUrl}", $"--Line:DataApiBaseUrl={api.BaseUrl}",
            "--menu", Path.Combine(Folder, "richmenu.json"),
        ], output, error);

        Assert.True(code == 0, error.ToString());
        Assert.Equal("richmenu-0001", JsonDocument.Parse(output.ToString()).RootElement.GetProperty("richMenuId").GetString());
        Assert.Equal(["richmenu.create", "richmenu.image", "richmenu.default"], api.Calls.Select(c => c.Kind));
        Assert.Equal("/v2/bot/richmenu/richmenu-0001/content", api.Calls.ElementAt(1).Path);
        Assert.Equal("/v2/bot/user/all/richmenu/richmenu-0001", api.Calls.ElementAt(2).Path);
        Assert.Empty(api.Violations);
    }

    [Fact]
    public async Task Without_a_token_the_command_says_what_is_missing_and_calls_nothing()
    {
        await using var api = await LineApiStandIn.StartAsync();
        var error = new StringWriter();
        var code = await RichMenuCommand.RunAsync([$"--Line:ApiBaseUrl={api.BaseUrl}", "--Line:ChannelAccessToken="], new StringWriter(), error);
        Assert.Equal(2, code);
        Assert.Contains("ChannelAccessToken", error.ToString());
        Assert.Empty(api.Calls);
    }

    [Fact]
    public void The_image_is_a_2500_by_1686_png_under_1_mb_and_the_seven_areas_tile_it()
    {
        var png = File.ReadAllBytes(Path.Combine(Folder, "richmenu.png"));
        Assert.True(png.Length < 1024 * 1024);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        int BigEndian(int at) => (png[at] << 24) | (png[at + 1] << 16) | (png[at + 2] << 8) | png[at + 3];
        Assert.Equal(2500, BigEndian(16));
        Assert.Equal(1686, BigEndian(20));

        var menu = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "richmenu.json"))).RootElement;
        var areas = menu.GetProperty("areas").EnumerateArray().ToList();
        Assert.Equal(7, areas.Count);
        var covered = areas.Sum(a => a.GetProperty("bounds").GetProperty("width").GetInt32() * a.GetProperty("bounds").GetProperty("height").GetInt32());
        Assert.Equal(2500 * 1686, covered);
    }

    [Theory]
    [InlineData("よくある質問", "どのことについて知りたいですか？")]
    [InlineData("相談の予約", "初回相談（面談）のご予約ですね")]
    [InlineData("ピアサポート", "ピア")]
    [InlineData("今日の開所状況", "開所")]
    [InlineData("緊急の連絡先", "0465-71-0189")]
    [InlineData("メニュー", "ご用件をお選びください")]
    [InlineData("スタッフと話す", "スタッフと直接お話しすることもできます")]
    public async Task Each_rich_menu_area_is_understood_in_a_fresh_conversation(string text, string expected)
    {
        var menu = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "richmenu.json"))).RootElement;
        Assert.Contains(menu.GetProperty("areas").EnumerateArray(), a => a.GetProperty("action").GetProperty("text").GetString() == text);

        await using var line = await LineHook.StartAsync(new() { ["Clock:Now"] = "2026-11-24T14:00:00+09:00" });
        var user = LineHook.NewUserId();
        await line.PostEventsAsync(line.Text(user, text));
        await line.Api.WaitForMessagesAsync(user, 1);
        var all = string.Join("\n", line.TextsTo(user));
        Assert.True(all.Contains(expected), all);
        Assert.DoesNotContain("うまく読み取れませんでした", all);
        // Wherever the center's number is said, it is also a one-tap call button.
        if (all.Contains("0465-71-0189"))
        {
            var items = line.Api.MessagesTo(user)[^1].GetProperty("quickReply").GetProperty("items").EnumerateArray().Select(i => i.GetProperty("action")).ToList();
            Assert.Contains(items, a => a.GetProperty("type").GetString() == "uri" && a.GetProperty("uri").GetString() == "tel:0465710189");
        }
        Assert.Empty(line.Api.Violations);
    }
}
