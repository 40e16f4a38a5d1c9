using System.Diagnostics;
using SupportBot.IntegrationTests.Support;
using Xunit.Abstractions;

namespace SupportBot.IntegrationTests.Browser;

/// <summary>
/// The official Web Chat in a real headless Chromium against the bot on Kestrel (loopback), with the page's default
/// settings, i.e. the Web Chat copy the bot ships (wwwroot/webchat/): the welcome appears, a Japanese message is
/// sent and not marked failed, the reply appears, and a suggested-action button works; then accessibility
/// (docs/accessibility.md): an axe-core audit with no serious or critical violation on the standard and the plain
/// page, the SOS button from the middle of a question, the text following the browser's font size, the live
/// region, and readings (ruby) on the plain page. The browser side is tests/browser/webchat.e2e.mjs.
/// </summary>
public sealed class WebChatBrowserTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Web_chat_holds_a_japanese_conversation_through_the_embedded_direct_line()
    {
        var screenshot = Path.Combine(Path.GetTempPath(), $"supportbot-webchat-{Guid.NewGuid():N}.png");
        var screenshotEasy = Path.Combine(Path.GetTempPath(), $"supportbot-webchat-easy-{Guid.NewGuid():N}.png");
        var stdout = await RunAsync("webchat.e2e.mjs", "--screenshot", screenshot, "--screenshot-easy", screenshotEasy);
        output.WriteLine($"screenshots: {screenshot} {screenshotEasy}");
        Assert.Contains("all steps passed", stdout);
        Assert.Contains("axe standard: ", stdout);
        Assert.Contains("axe plain: ", stdout);
    }

    /// <summary>
    /// The README's run command on a machine without internet (issue #15 item 8): with every request to another
    /// host refused, the page loads the shipped Web Chat by its integrity hash, connects through the embedded Direct
    /// Line and shows the greeting; altered script bytes are refused by the browser. tests/browser/webchat-offline.e2e.mjs.
    /// </summary>
    [Fact]
    public async Task Web_chat_works_offline_from_the_shipped_copy_checked_by_its_integrity()
    {
        var stdout = await RunAsync("webchat-offline.e2e.mjs");
        Assert.Contains("all steps passed", stdout);
        Assert.Contains($"web chat bundle: {Web.Composition.WebChatOptions.ShippedVersion}", stdout);
    }

    /// <summary>Starts the bot on Kestrel with the default Web Chat settings and runs one browser script against it.</summary>
    private async Task<string> RunAsync(string script, params string[] more)
    {
        var browserDir = Path.Combine(Repository.Root, "tests", "browser");
        var chromium = Environment.GetEnvironmentVariable("SUPPORTBOT_CHROMIUM") ?? "/usr/bin/chromium";
        Assert.True(Directory.Exists(Path.Combine(browserDir, "node_modules", "playwright-core")),
            $"playwright-core is not installed in {browserDir}: run ./scripts/test.sh (it runs npm ci there).");
        Assert.True(File.Exists(chromium), $"Chromium not found at {chromium}: run ./scripts/test.sh (it installs Debian's chromium).");

        using var app = new BotApp();
        app.UseKestrel(0);
        app.StartServer();
        var url = app.ClientOptions.BaseAddress.ToString();
        output.WriteLine($"bot at {url}");

        var start = new ProcessStartInfo("node", [script, "--url", url, "--chromium", chromium, .. more])
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
        Assert.True(node.ExitCode == 0, $"{script} failed (exit {node.ExitCode}):\n{await stdout}\n{await stderr}");
        return await stdout;
    }
}
