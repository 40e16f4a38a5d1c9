using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.Engine.Services.Bookings;
using SupportBot.Engine.Services.Callbacks;
using SupportBot.Engine.Staff;
using SupportBot.Engine.State;
using SupportBot.IntegrationTests.Support;
using Xunit.Abstractions;

namespace SupportBot.IntegrationTests.Browser;

/// <summary>
/// The staff console and the live hand-off in real Chromium (two browser contexts), against the bot on Kestrel:
/// tests/browser/staff.e2e.mjs. Once on one instance, once with the resident on one instance and the staff member
/// on another, both on one Redis. With SUPPORTBOT_SCREENSHOTS=1 the single-instance run writes the screenshots of
/// docs/staff.md to docs/images/staff/.
/// </summary>
public sealed class StaffBrowserTests(ITestOutputHelper output)
{
    private const string Wednesday = "2026-12-09T11:00:00+09:00";

    private static Dictionary<string, string?> Settings(string dist, Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            // No WebChat keys: the resident's page loads the Web Chat copy the bot ships, as in production.
            ["Clock:Now"] = Wednesday,
            ["Staff:RequireHttps"] = "false", // plain http on loopback in this test
        };
        foreach (var (k, v) in more ?? []) settings[k] = v;
        return settings;
    }

    private static (string BrowserDir, string Dist, string Chromium) Tools()
    {
        var browserDir = Path.Combine(Repository.Root, "tests", "browser");
        var dist = Path.Combine(browserDir, "node_modules", "botframework-webchat", "dist");
        var chromium = Environment.GetEnvironmentVariable("SUPPORTBOT_CHROMIUM") ?? "/usr/bin/chromium";
        Assert.True(File.Exists(Path.Combine(dist, "webchat.js")), $"Web Chat is not installed in {browserDir}: run ./scripts/test.sh (it runs npm ci there).");
        Assert.True(File.Exists(chromium), $"Chromium not found at {chromium}: run ./scripts/test.sh (it installs Debian's chromium).");
        return (browserDir, dist, chromium);
    }

    private async Task RunAsync(string browserDir, string chromium, string residentUrl, string staffUrl, string password, string? shots)
    {
        var arguments = new List<string> { "staff.e2e.mjs", "--url", residentUrl, "--staff-url", staffUrl, "--chromium", chromium, "--user", "sato", "--password", password };
        if (shots is not null) arguments.AddRange(["--shots", shots]);
        var start = new ProcessStartInfo("node", arguments) { WorkingDirectory = browserDir, RedirectStandardOutput = true, RedirectStandardError = true };
        using var node = Process.Start(start)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await node.WaitForExitAsync(timeout.Token);
        output.WriteLine(await stdout);
        output.WriteLine(await stderr);
        Assert.True(node.ExitCode == 0, $"staff e2e failed (exit {node.ExitCode}):\n{await stdout}\n{await stderr}");
        Assert.Contains("all steps passed", await stdout);
    }

    /// <summary>A little of everything the console shows, so its screenshots are not empty.</summary>
    private static async Task SeedAsync(BotApp app)
    {
        var now = DateTimeOffset.Parse(Wednesday);
        var desk = app.Services.GetRequiredService<BookingDesk>();
        foreach (var (slot, nickname, id) in new[] { ("2026-12-10T10:00", "さくら", "R-SAKURA"), ("2026-12-11T14:00", "ひまわり", "R-HIMAWA") })
        {
            var details = JsonSerializer.Serialize(new { nickname, phone = "090-0000-0000", who = "family", needs = "wheelchair", topic = "退院後の暮らし", channel = "directline", conversation = "seed-" + id, user = "u", culture = "ja-JP" });
            await desk.Ledger.ConfirmAsync(new NewBooking("k-" + id, id, desk.Slots.Parse(slot)!, "directline:" + id, details), desk.Options.Limits, now, desk.Options.KeepAfter);
        }
        var callback = JsonSerializer.Serialize(new { id = "cb-seed-01", time = now.AddHours(-15), channel = "line", conversation = "U0", user = "U0", name = "たろう", phone = "080-0000-0000", when = "afternoon", culture = "ja-JP" });
        await app.Services.GetRequiredService<IRecordLog>().AppendAsync(CallbackSaveAction.Log, now.AddHours(-15), callback, TimeSpan.FromDays(14));
        var roster = app.Services.GetRequiredService<IMeetupRoster>();
        await roster.JoinAsync("teireikai|2026-12-16", "line:U1", """{"nickname":"ゆう","channel":"line","conversation":"U1","user":"U1","culture":"ja-JP"}""", 20, TimeSpan.FromDays(30));
        var crisis = await app.CreateClient().PostAsync("/api/messages", BotApp.Json(BotApp.Message("seed-crisis", "もう消えたい")));
        Assert.Equal(HttpStatusCode.OK, crisis.StatusCode);
    }

    [Fact]
    public async Task A_resident_in_web_chat_is_handed_to_a_staff_member_in_the_console_and_back_and_a_closure_changes_the_answer()
    {
        var (browserDir, dist, chromium) = Tools();
        using var app = new BotApp(Settings(dist));
        app.UseKestrel(0);
        app.StartServer();
        var password = await app.Services.GetRequiredService<StaffAccounts>().AddAsync("sato", "佐藤", StaffRole.Admin) ?? throw new InvalidOperationException();
        await SeedAsync(app);
        var url = app.ClientOptions.BaseAddress.ToString();

        string? shots = null;
        if (Environment.GetEnvironmentVariable("SUPPORTBOT_SCREENSHOTS") == "1")
            Directory.CreateDirectory(shots = Path.Combine(Repository.Root, "docs", "images", "staff"));
        await RunAsync(browserDir, chromium, url, url, password, shots);

        var audit = await app.Services.GetRequiredService<StaffAudit>().ReadAsync(DateTimeOffset.Parse(Wednesday).AddHours(-1), DateTimeOffset.Parse(Wednesday).AddHours(2));
        foreach (var action in new[] { "signin", "handoff.take", "handoff.reply", "handoff.handback", "closure.add" })
            Assert.Contains(audit, e => e.Action == action && e.Who == "sato");
    }

    [Fact]
    public async Task The_same_with_the_resident_on_one_instance_and_the_staff_member_on_another_over_redis()
    {
        var (browserDir, dist, chromium) = Tools();
        var shared = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = TestRedis.ConnectionString,
            ["Storage:KeyPrefix"] = "test:" + Guid.NewGuid().ToString("N")[..8] + ":",
            ["DirectLine:TokenSigningKey"] = "staff-browser-test-signing-key-0123456789",
        };
        using var residentSide = new BotApp(Settings(dist, shared));
        residentSide.UseKestrel(0);
        residentSide.StartServer();
        using var staffSide = new BotApp(Settings(dist, shared));
        staffSide.UseKestrel(0);
        staffSide.StartServer();
        var password = await staffSide.Services.GetRequiredService<StaffAccounts>().AddAsync("sato", "佐藤", StaffRole.Staff) ?? throw new InvalidOperationException();
        await RunAsync(browserDir, chromium, residentSide.ClientOptions.BaseAddress.ToString(), staffSide.ClientOptions.BaseAddress.ToString(), password, null);
    }
}
