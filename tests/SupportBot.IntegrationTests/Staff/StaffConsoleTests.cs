using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SupportBot.Engine.Staff;
using SupportBot.Engine.State;
using SupportBot.IntegrationTests.Support;

namespace SupportBot.IntegrationTests.Staff;

/// <summary>The staff console's accounts and sessions over the real HTTP pipeline (docs/staff.md).</summary>
public sealed class StaffConsoleTests
{
    // Wednesday 2026-12-09 11:00 in Tokyo: the center is open.
    private static readonly DateTimeOffset Wednesday = DateTimeOffset.Parse("2026-12-09T11:00:00+09:00");

    private static BotApp App(FakeTimeProvider clock, Dictionary<string, string?>? settings = null) =>
        new(settings, services => services.AddSingleton<TimeProvider>(clock));

    [Fact]
    public async Task Every_page_needs_a_sign_in_and_the_session_cookie_is_secure_httponly_strict_and_scoped_to_staff()
    {
        var clock = new FakeTimeProvider(Wednesday);
        using var app = App(clock);
        var password = await StaffSession.AddAccountAsync(app, "sato", StaffRole.Staff);
        var session = StaffSession.Open(app);

        foreach (var page in new[] { "/staff", "/staff/callbacks", "/staff/crisis", "/staff/closures", "/staff/admin/accounts" })
        {
            var anonymous = await session.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            Assert.StartsWith("https://localhost/staff/login?returnUrl=", anonymous.Headers.Location!.ToString());
        }

        var login = await session.SignInAsync("Sato", password); // names are not case-sensitive
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/staff", login.Headers.Location!.ToString());
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith(Web.Staff.StaffConsole.CookieName + "="));
        Assert.Contains("secure", cookie);
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=strict", cookie);
        Assert.Contains("path=/staff", cookie);
        Assert.DoesNotContain("expires", cookie); // a session cookie: closing the browser ends it

        var today = await session.GetAsync("/staff");
        Assert.Equal(HttpStatusCode.OK, today.StatusCode);
        Assert.True(today.Headers.CacheControl!.NoStore);
        Assert.Equal("DENY", today.Headers.GetValues("X-Frame-Options").Single());
        var html = await today.Content.ReadAsStringAsync();
        Assert.Contains("開所中", html);
        Assert.Contains("今日（12月9日（水））は開所しています。", html);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_fifteen_minutes_even_for_the_right_one()
    {
        var clock = new FakeTimeProvider(Wednesday);
        using var app = App(clock);
        var password = await StaffSession.AddAccountAsync(app, "sato", StaffRole.Staff);
        var session = StaffSession.Open(app);

        for (var i = 1; i <= 4; i++)
        {
            var wrong = await session.SignInAsync("sato", "wrong-" + i);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Contains("ユーザー名かパスワードが違います。", await wrong.Content.ReadAsStringAsync());
        }
        var fifth = await session.SignInAsync("sato", "wrong-5");
        Assert.Contains("しばらくログインできません", await fifth.Content.ReadAsStringAsync());

        var right = await session.SignInAsync("sato", password);
        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        Assert.Contains("しばらくログインできません", await right.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/staff")).StatusCode);

        clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.SignInAsync("sato", password)).StatusCode);
        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Redirect, (await session.SignInAsync("sato", password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/staff")).StatusCode);

        // Unknown names and wrong passwords read the same.
        var unknown = await StaffSession.Open(app).SignInAsync("nobody", password);
        Assert.Contains("ユーザー名かパスワードが違います。", await unknown.Content.ReadAsStringAsync());
        var audit = await app.Services.GetRequiredService<StaffAudit>().ReadAsync(Wednesday.AddDays(-1), clock.GetUtcNow());
        Assert.Equal(5, audit.Count(e => e.Action == "signin.failed")); // four for sato, one for the unknown name
        Assert.Equal(3, audit.Count(e => e.Action == "signin.locked" && e.Who == "sato"));
        Assert.Contains(audit, e => e.Action == "signin.failed" && e.Who == "?");
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        var clock = new FakeTimeProvider(Wednesday);
        using var app = App(clock);
        var password = await StaffSession.AddAccountAsync(app, "sato", StaffRole.Admin);
        var session = StaffSession.Open(app);

        var forged = await session.PostRawAsync("/staff/login", ("UserName", "sato"), ("Password", password));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await session.SignInAsync("sato", password)).StatusCode);

        // Signed in, a form posted from elsewhere (no token, or another session's token) changes nothing.
        var other = StaffSession.Open(app);
        var otherToken = StaffSession.Token(await (await other.GetAsync("/staff/login")).Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.BadRequest, (await session.PostRawAsync("/staff/closures?handler=Add", ("date", "2026-12-10"), ("part", "day"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await session.PostRawAsync("/staff/closures?handler=Add", ("date", "2026-12-10"), ("part", "day"), ("__RequestVerificationToken", otherToken))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await session.PostRawAsync("/staff/admin/accounts?handler=Add", ("name", "evil"), ("role", "Admin"))).StatusCode);
        Assert.Null(await app.Services.GetRequiredService<StaffAccounts>().FindAsync("evil"));
        Assert.Empty(await app.Services.GetRequiredService<Engine.Center.CenterClosures>().ListAsync());
    }

    [Fact]
    public async Task A_staff_member_is_refused_the_admin_pages_and_an_admin_manages_accounts()
    {
        var clock = new FakeTimeProvider(Wednesday);
        using var app = App(clock);
        var staffPassword = await StaffSession.AddAccountAsync(app, "sato", StaffRole.Staff);
        var adminPassword = await StaffSession.AddAccountAsync(app, "kanri", StaffRole.Admin);
        var staff = StaffSession.Open(app);
        await staff.SignInAsync("sato", staffPassword);

        foreach (var page in new[] { "/staff/admin/accounts", "/staff/admin/audit" })
        {
            var refused = await staff.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("https://localhost/staff/denied", refused.Headers.Location!.ToString());
            var denied = await staff.GetAsync(refused.Headers.Location!.PathAndQuery);
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
            Assert.Contains("この画面は管理者だけが使えます。", await denied.Content.ReadAsStringAsync());
        }
        Assert.DoesNotContain("/staff/admin/accounts", await staff.PageAsync("/staff")); // not even in the menu
        // A form posted to an admin page with a valid token of the staff member's own session is refused too.
        var token = StaffSession.Token(await staff.PageAsync("/staff/closures"))!;
        var post = await staff.PostRawAsync("/staff/admin/accounts?handler=Add", ("name", "evil"), ("role", "Admin"), ("__RequestVerificationToken", token));
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Null(await app.Services.GetRequiredService<StaffAccounts>().FindAsync("evil"));

        var admin = StaffSession.Open(app);
        await admin.SignInAsync("kanri", adminPassword);
        var added = await admin.PostAsync("/staff/admin/accounts", "/staff/admin/accounts?handler=Add", ("name", "Tanaka"), ("display", "田中"), ("role", "Staff"));
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var shown = System.Text.RegularExpressions.Regex.Match(await added.Content.ReadAsStringAsync(), "<code>([^<]+)</code>").Groups[1].Value;
        Assert.Equal(16, shown.Length);
        var tanaka = StaffSession.Open(app);
        Assert.Equal(HttpStatusCode.Redirect, (await tanaka.SignInAsync("tanaka", shown)).StatusCode);
        Assert.Contains("田中 さん", await tanaka.PageAsync("/staff"));

        // Disabling ends the session at once; a reset enables the account with a new password and ends old sessions.
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync("/staff/admin/accounts", "/staff/admin/accounts?handler=Disable", ("target", "tanaka"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await tanaka.GetAsync("/staff")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await StaffSession.Open(app).SignInAsync("tanaka", shown)).StatusCode);
        await admin.PostAsync("/staff/admin/accounts", "/staff/admin/accounts?handler=Reset", ("target", "sato"));
        Assert.Equal(HttpStatusCode.Redirect, (await staff.GetAsync("/staff")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await StaffSession.Open(app).SignInAsync("sato", staffPassword)).StatusCode);
    }

    [Fact]
    public async Task A_session_ends_after_thirty_idle_minutes_and_each_request_extends_it()
    {
        var clock = new FakeTimeProvider(Wednesday);
        using var app = App(clock);
        var password = await StaffSession.AddAccountAsync(app, "sato", StaffRole.Staff);
        var session = StaffSession.Open(app);
        await session.SignInAsync("sato", password);

        for (var i = 0; i < 3; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/staff")).StatusCode);
        }
        clock.Advance(TimeSpan.FromMinutes(31));
        var expired = await session.GetAsync("/staff");
        Assert.Equal(HttpStatusCode.Redirect, expired.StatusCode);
        Assert.StartsWith("https://localhost/staff/login", expired.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Signing_out_ends_the_session_and_the_audit_log_records_who_did_what_without_text()
    {
        var clock = new FakeTimeProvider(Wednesday);
        using var app = App(clock);
        var password = await StaffSession.AddAccountAsync(app, "kanri", StaffRole.Admin);
        var session = StaffSession.Open(app);
        await session.SignInAsync("kanri", password);
        await session.PageAsync("/staff/callbacks");
        Assert.Equal(HttpStatusCode.Redirect, (await session.PostAsync("/staff", "/staff/logout")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/staff")).StatusCode);

        var admin = StaffSession.Open(app);
        await admin.SignInAsync("kanri", password);
        var page = await admin.PageAsync("/staff/admin/audit");
        foreach (var action in new[] { "signin", "view.today", "view.callbacks", "signout" })
            Assert.Contains($"<code>{action}</code>", page);
        var entries = await app.Services.GetRequiredService<StaffAudit>().ReadAsync(Wednesday.AddHours(-1), clock.GetUtcNow());
        Assert.All(entries, e => Assert.Contains(e.Who, new[] { "kanri", "system" }));
        // Signing out reads the token from the Today page first, as a browser shows it.
        Assert.Equal(["signin", "view.callbacks", "view.today", "signout", "signin", "view.audit"],
            entries.Where(e => e.Who == "kanri").Reverse().Select(e => e.Action));
    }

    [Fact]
    public async Task A_session_started_on_one_instance_holds_on_another_on_the_same_redis()
    {
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = TestRedis.ConnectionString, ["Storage:KeyPrefix"] = "test:" + Guid.NewGuid().ToString("N")[..8] + ":" };
        using var first = new BotApp(settings);
        var password = await StaffSession.AddAccountAsync(first, "sato", StaffRole.Staff);
        var login = await StaffSession.Open(first).SignInAsync("sato", password);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(Web.Staff.StaffConsole.CookieName + "=")).Split(';')[0];

        using var second = new BotApp(settings);
        var client = second.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        var request = new HttpRequestMessage(HttpMethod.Get, "/staff");
        request.Headers.Add("Cookie", cookie);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("sato さん", await response.Content.ReadAsStringAsync());
    }
}
