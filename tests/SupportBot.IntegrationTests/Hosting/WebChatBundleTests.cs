using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SupportBot.IntegrationTests.Support;
using SupportBot.Web.Composition;

namespace SupportBot.IntegrationTests.Hosting;

/// <summary>
/// The Web Chat bundle the page loads is the pinned copy the bot ships (wwwroot/webchat/&lt;version&gt;/), named by
/// its sha384 in the page, served with a year's cache; another host needs a hash, and a moving 'latest' build is
/// refused in Production (issue #15 item 8). The browser side: Browser/WebChatBrowserTests.
/// </summary>
public sealed class WebChatBundleTests
{
    private static string ShippedFolder => Path.Combine(Repository.Root, "src", "SupportBot.Web", "wwwroot", "webchat", WebChatOptions.ShippedVersion);
    private static string ShippedFile => Path.Combine(ShippedFolder, "webchat-minimal.js");

    private static string Sha384(byte[] bytes) => "sha384-" + Convert.ToBase64String(SHA384.HashData(bytes));

    /// <summary>An update that replaces the file but forgets the hash (or the other way round) fails here, not in a resident's browser.</summary>
    [Fact]
    public void The_shipped_file_matches_the_pinned_integrity_version_and_readme()
    {
        Assert.Equal("webchat/" + WebChatOptions.ShippedVersion + "/webchat-minimal.js", WebChatOptions.ShippedScriptUrl);
        Assert.Equal(WebChatOptions.ShippedIntegrity, Sha384(File.ReadAllBytes(ShippedFile)));
        var readme = File.ReadAllText(Path.Combine(ShippedFolder, "README.md"));
        Assert.Contains(WebChatOptions.ShippedIntegrity, readme);
        Assert.Contains("`botframework-webchat` **" + WebChatOptions.ShippedVersion + "**", readme);
        Assert.Contains("MIT License", File.ReadAllText(Path.Combine(ShippedFolder, "LICENSE")));
        Assert.True(File.Exists(ShippedFile + ".LICENSE.txt"), "the bundle's third-party notices are missing");
        // One version only: an old folder left behind would be shipped (and served) for nothing.
        Assert.Equal([WebChatOptions.ShippedVersion], Directory.GetDirectories(Path.GetDirectoryName(ShippedFolder)!).Select(Path.GetFileName));
    }

    /// <summary>The copy is the npm package's file, unchanged, at the version the browser tests' lock file pins.</summary>
    [Fact]
    public void The_shipped_file_is_the_npm_package_at_the_version_the_lock_file_pins()
    {
        var browser = Path.Combine(Repository.Root, "tests", "browser");
        using var package = JsonDocument.Parse(File.ReadAllText(Path.Combine(browser, "package.json")));
        Assert.Equal(WebChatOptions.ShippedVersion, package.RootElement.GetProperty("dependencies").GetProperty("botframework-webchat").GetString());
        using var lockFile = JsonDocument.Parse(File.ReadAllText(Path.Combine(browser, "package-lock.json")));
        Assert.Equal(WebChatOptions.ShippedVersion, lockFile.RootElement.GetProperty("packages").GetProperty("node_modules/botframework-webchat").GetProperty("version").GetString());
        var npm = Path.Combine(browser, "node_modules", "botframework-webchat", "dist", "webchat-minimal.js");
        Assert.True(File.Exists(npm), $"Web Chat is not installed in {browser}: run ./scripts/test.sh (it runs npm ci there).");
        Assert.Equal(Sha384(File.ReadAllBytes(npm)), Sha384(File.ReadAllBytes(ShippedFile)));
    }

    [Fact]
    public void The_template_default_is_the_shipped_copy()
    {
        var template = JsonDocument.Parse(Regex.Replace(File.ReadAllText(Path.Combine(Repository.Root, "appsettings.template.json")), @"^\s*//.*$", "", RegexOptions.Multiline));
        var webChat = template.RootElement.GetProperty("WebChat");
        Assert.Equal(WebChatOptions.ShippedScriptUrl, webChat.GetProperty("ScriptUrl").GetString());
        Assert.Equal(new WebChatOptions().ScriptUrl, webChat.GetProperty("ScriptUrl").GetString());
        Assert.Equal("", webChat.GetProperty("ScriptIntegrity").GetString());
    }

    [Fact]
    public async Task The_page_loads_the_shipped_copy_with_its_integrity()
    {
        using var app = new BotApp();
        var html = await app.CreateClient().GetStringAsync("/");
        var tag = Regex.Match(html, "<script src=\"[^\"]*\"[^>]*>").Value;
        Assert.Equal($"<script src=\"{WebChatOptions.ShippedScriptUrl}\" integrity=\"{WebChatOptions.ShippedIntegrity}\" crossorigin=\"anonymous\">", tag);
        Assert.DoesNotContain("cdn.botframework.com", html);
    }

    [Fact]
    public async Task The_shipped_copy_is_served_as_javascript_cached_for_a_year_compressed_and_matches_its_hash()
    {
        using var app = new BotApp();
        var client = app.CreateClient();
        var response = await client.GetAsync("/" + WebChatOptions.ShippedScriptUrl);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl!.ToString());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(WebChatOptions.ShippedIntegrity, Sha384(await response.Content.ReadAsByteArrayAsync()));

        // Compressed for a browser that accepts it (a phone downloads a quarter), the same bytes once unpacked.
        foreach (var (coding, unpack) in new (string, Func<Stream, Stream>)[]
        {
            ("br", s => new System.IO.Compression.BrotliStream(s, System.IO.Compression.CompressionMode.Decompress)),
            ("gzip", s => new System.IO.Compression.GZipStream(s, System.IO.Compression.CompressionMode.Decompress)),
        })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/" + WebChatOptions.ShippedScriptUrl);
            request.Headers.TryAddWithoutValidation("Accept-Encoding", coding == "br" ? "gzip, deflate, br, zstd" : "gzip, deflate");
            var compressed = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, compressed.StatusCode);
            Assert.Equal(coding, Assert.Single(compressed.Content.Headers.ContentEncoding));
            Assert.Equal("text/javascript; charset=utf-8", compressed.Content.Headers.ContentType!.ToString());
            Assert.Equal("public, max-age=31536000, immutable", compressed.Headers.CacheControl!.ToString());
            Assert.Contains("Accept-Encoding", compressed.Headers.Vary);
            var packed = await compressed.Content.ReadAsByteArrayAsync();
            Assert.InRange(packed.Length, 1, 600_000);
            using var unpacked = new MemoryStream();
            using (var stream = unpack(new MemoryStream(packed))) stream.CopyTo(unpacked);
            Assert.Equal(WebChatOptions.ShippedIntegrity, Sha384(unpacked.ToArray()));

            // A browser that has it asks again only with its validator: 304, no body.
            var again = new HttpRequestMessage(HttpMethod.Get, "/" + WebChatOptions.ShippedScriptUrl);
            again.Headers.TryAddWithoutValidation("Accept-Encoding", coding);
            again.Headers.TryAddWithoutValidation("If-None-Match", compressed.Headers.ETag!.ToString());
            Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);
        }
        // Nothing else is compressed: the page and the token endpoint carry per-person data (BREACH).
        var page = new HttpRequestMessage(HttpMethod.Get, "/");
        page.Headers.AcceptEncoding.ParseAdd("gzip");
        Assert.Empty((await client.SendAsync(page)).Content.Headers.ContentEncoding);

        // The notices the bundle points to are served; the repository's README and LICENSE beside it are not pages of the site.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/" + WebChatOptions.ShippedScriptUrl + ".LICENSE.txt")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/webchat/{WebChatOptions.ShippedVersion}/README.md")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/webchat/{WebChatOptions.ShippedVersion}/LICENSE")).StatusCode);
    }

    [Fact]
    public async Task A_cdn_with_a_fixed_version_and_integrity_is_an_option()
    {
        const string cdn = "https://cdn.botframework.com/botframework-webchat/4.18.1/webchat.js";
        const string hash = "sha384-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        using var app = new BotApp(new() { ["WebChat:ScriptUrl"] = cdn, ["WebChat:ScriptIntegrity"] = hash, ["BotFramework:AllowAnonymous"] = "true" }, environment: "Production");
        var html = await app.CreateClient().GetStringAsync("/");
        Assert.Contains($"<script src=\"{cdn}\" integrity=\"{hash}\" crossorigin=\"anonymous\">", html);
    }

    [Fact]
    public async Task The_default_starts_in_production()
    {
        using var app = new BotApp(new() { ["BotFramework:AllowAnonymous"] = "true" }, environment: "Production");
        Assert.Contains(WebChatOptions.ShippedIntegrity, await app.CreateClient().GetStringAsync("/"));
    }

    [Theory]
    [InlineData("https://cdn.botframework.com/botframework-webchat/latest/webchat.js", "")] // the old default
    [InlineData("https://cdn.botframework.com/botframework-webchat/latest/webchat.js", "sha384-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("https://cdn.botframework.com/botframework-webchat/4.18.1/webchat.js", "")]
    [InlineData("//cdn.example.jp/webchat.js", "")]
    public void An_unpinned_script_from_another_host_is_refused_in_production(string url, string integrity)
    {
        using var app = new BotApp(new() { ["WebChat:ScriptUrl"] = url, ["WebChat:ScriptIntegrity"] = integrity, ["BotFramework:AllowAnonymous"] = "true" }, environment: "Production");
        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("WebChat:ScriptUrl", error.ToString());
    }

    /// <summary>Outside Production the old CDN default still starts (a developer's choice), with a warning in the log.</summary>
    [Fact]
    public async Task An_unpinned_script_is_a_warning_in_development()
    {
        var warnings = new ConcurrentQueue<(EventId Id, string Text)>();
        using var app = new BotApp(new() { ["WebChat:ScriptUrl"] = "https://cdn.botframework.com/botframework-webchat/latest/webchat.js" },
            services => services.AddSingleton<ILoggerProvider>(new Recording(warnings)));
        var html = await app.CreateClient().GetStringAsync("/");
        Assert.Contains("<script src=\"https://cdn.botframework.com/botframework-webchat/latest/webchat.js\">", html);
        var warning = Assert.Single(warnings, w => w.Id.Id == 9101);
        Assert.Contains("latest", warning.Text);
    }

    private sealed class Recording(ConcurrentQueue<(EventId, string)> events) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(events);
        public void Dispose() { }

        private sealed class Logger(ConcurrentQueue<(EventId, string)> events) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel)) events.Enqueue((eventId, formatter(state, exception)));
            }
        }
    }

    /// <summary>A browser ignores integrity metadata it cannot read and runs the script unchecked: refused everywhere.</summary>
    [Theory]
    [InlineData("B+EROxozLv5yht/aeq2/nueeoE5Ej8bl0IQ4aSAiANFA1w/LD7/tO6OFgmJsi1wO")]
    [InlineData("md5-abc")]
    [InlineData("sha384-not base64!")]
    public void A_malformed_integrity_is_refused_everywhere(string integrity)
    {
        using var app = new BotApp(new() { ["WebChat:ScriptIntegrity"] = integrity });
        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("WebChat:ScriptIntegrity", error.ToString());
    }
}
