using System.Net;
using System.Text.RegularExpressions;
using SupportBot.IntegrationTests.Support;
using SupportBot.Web.Commands;

namespace SupportBot.IntegrationTests.Staff;

/// <summary><c>staff add|reset|disable|list</c> against a real Redis, then the console on that Redis (docs/staff.md).</summary>
public sealed partial class StaffCommandTests
{
    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await StaffCommand.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [GeneratedRegex(@"\(shown once\): ([A-Za-z0-9]{16})")]
    private static partial Regex Password();

    [Fact]
    public async Task The_first_admin_is_made_on_the_command_line_and_signs_in_to_the_console_on_the_same_redis()
    {
        var prefix = "test:" + Guid.NewGuid().ToString("N")[..8] + ":";
        string[] store = ["--ConnectionStrings:Redis=" + TestRedis.ConnectionString, "--Storage:KeyPrefix=" + prefix];

        var added = await RunAsync(["add", "Kanri", "--role", "admin", "--display", "管理者", .. store]);
        Assert.Equal(0, added.Code);
        var password = Password().Match(added.Output).Groups[1].Value;
        Assert.Equal(16, password.Length);
        Assert.Equal(1, (await RunAsync(["add", "kanri", .. store])).Code); // taken
        Assert.Equal(2, (await RunAsync(["add", "sato", "--role", "boss", .. store])).Code);
        Assert.Equal(2, (await RunAsync(["add", "x", .. store])).Code); // too short a name
        Assert.Equal(0, (await RunAsync(["add", "sato", .. store])).Code);
        Assert.Equal("kanri\tadmin\tactive\nsato\tstaff\tactive\n", (await RunAsync(["list", .. store])).Output.ReplaceLineEndings("\n"));

        using var app = new BotApp(new() { ["ConnectionStrings:Redis"] = TestRedis.ConnectionString, ["Storage:KeyPrefix"] = prefix });
        var admin = StaffSession.Open(app);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SignInAsync("kanri", password)).StatusCode);
        Assert.Contains("管理者 さん", await admin.PageAsync("/staff/admin/accounts"));

        var reset = await RunAsync(["reset", "kanri", .. store]);
        Assert.Equal(0, reset.Code);
        var second = Password().Match(reset.Output).Groups[1].Value;
        Assert.Equal(HttpStatusCode.Redirect, (await admin.GetAsync("/staff")).StatusCode); // the old session ended
        Assert.Equal(HttpStatusCode.Unauthorized, (await StaffSession.Open(app).SignInAsync("kanri", password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await StaffSession.Open(app).SignInAsync("kanri", second)).StatusCode);

        Assert.Equal(0, (await RunAsync(["disable", "kanri", .. store])).Code);
        Assert.Equal(HttpStatusCode.Unauthorized, (await StaffSession.Open(app).SignInAsync("kanri", second)).StatusCode);
        Assert.Equal(1, (await RunAsync(["disable", "nobody", .. store])).Code);

        var audit = await StaffSessionAudit(app);
        Assert.Equal(["account.add", "account.add", "account.reset", "account.disable"], audit.Where(e => e.Who == "cli").Reverse().Select(e => e.Action));
    }

    [Fact]
    public async Task Without_redis_or_with_a_bad_verb_the_command_explains_and_fails()
    {
        var noStore = await RunAsync("add", "kanri", "--ConnectionStrings:Redis=");
        Assert.Equal(2, noStore.Code);
        Assert.Contains("ConnectionStrings:Redis is not set", noStore.Error);
        Assert.Equal(2, (await RunAsync("promote", "kanri", "--ConnectionStrings:Redis=" + TestRedis.ConnectionString)).Code);
        Assert.Equal(2, (await RunAsync()).Code);
    }

    private static Task<IReadOnlyList<Engine.Staff.StaffAuditEntry>> StaffSessionAudit(BotApp app) =>
        Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Engine.Staff.StaffAudit>(app.Services)
            .ReadAsync(TimeProvider.System.GetUtcNow().AddHours(-1), TimeProvider.System.GetUtcNow().AddMinutes(1));
}
