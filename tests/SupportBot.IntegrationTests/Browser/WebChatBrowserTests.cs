using System.Diagnostics;
using SupportBot.IntegrationTests.Support;
using Xunit.Abstractions;

namespace SupportBot.IntegrationTests.Browser;

/// <summary>
/// The official Web Chat in a real headless Chromium against the bot on Kestrel (loopback):
/// the welcome appears, a Japanese message is sent and not marked failed, the reply appears, and a
/// suggested-action button works; then accessibility (docs/accessibility.md): an axe-core audit with no serious or
/// critical violation on the standard and the plain page, the SOS button from the middle of a question, the text
/// following the browser's font size, the live region, and readings (ruby) on the plain page.
/// The browser side is tests/browser/webchat.e2e.mjs.
/// </summary>
public sealed class WebChatBrowserTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Web_chat_holds_a_japanese_conversation_through_the_embedded_direct_line()
    {
        var root = Repository.Root;
        var browserDir = Path.Combine(root, "tests", "browser");
        var dist = Path.Combine(browserDir, "node_modules", "botframework-webchat", "dist");
        var chromium = Environment.GetEnvironmentVariable("SUPPORTBOT_CHROMIUM") ?? "/usr/bin/chromium";
        Assert.True(File.Exists(Path.Combine(dist, "webchat.js")),
            $"Web Chat is not installed in {browserDir}: run ./scripts/test.sh (it runs npm ci there).");
        Assert.True(File.Exists(chromium), $"Chromium not found at {chromium}: run ./scripts/test.sh (it installs Debian's chromium).");

        using var app = new BotApp(new()
        {
            ["WebChat:ScriptUrl"] = "/webchat/webchat.js",
            ["WebChat:LocalScriptFolder"] = dist,
        });
        app.UseKestrel(0);
        app.StartServer();
        var url = app.ClientOptions.BaseAddress.ToString();
        output.WriteLine($"bot at {url}");

        var screenshot = Path.Combine(Path.GetTempPath(), $"supportbot-webchat-{Guid.NewGuid():N}.png");
        var screenshotEasy = Path.Combine(Path.GetTempPath(), $"supportbot-webchat-easy-{Guid.NewGuid():N}.png");
        var start = new ProcessStartInfo("node", ["webchat.e2e.mjs", "--url", url, "--chromium", chromium, "--screenshot", screenshot, "--screenshot-easy", screenshotEasy])
        {
            WorkingDirectory = browserDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var node = Process.Start(start)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await node.WaitForExitAsync(timeout.Token);
        output.WriteLine(await stdout);
        output.WriteLine(await stderr);
        output.WriteLine($"screenshots: {screenshot} {screenshotEasy}");
        Assert.True(node.ExitCode == 0, $"Web Chat e2e failed (exit {node.ExitCode}):\n{await stdout}\n{await stderr}");
        Assert.Contains("all steps passed", await stdout);
        Assert.Contains("axe standard: ", await stdout);
        Assert.Contains("axe plain: ", await stdout);
    }
}
