using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SupportBot.Engine.Center;
using SupportBot.Engine.Services.Callbacks;
using SupportBot.Engine.Staff;
using SupportBot.Engine.State;
using SupportBot.IntegrationTests.Support;

namespace SupportBot.IntegrationTests.Staff;

/// <summary>The console's pages acting on what the bot took in, over the real HTTP pipeline.</summary>
public sealed class StaffPagesTests
{
    // Wednesday 2026-12-09 11:00 in Tokyo: the center is open.
    private static readonly DateTimeOffset Wednesday = DateTimeOffset.Parse("2026-12-09T11:00:00+09:00");

    private static async Task<string> AskAsync(HttpClient client, string conversation, string text)
    {
        var response = await client.PostAsync("/api/messages", BotApp.Json(BotApp.Message(conversation, text)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await BotApp.ReadJson(response);
        return string.Join("\n", body.GetProperty("activities").EnumerateArray().Select(a => a.GetProperty("text").GetString()));
    }

    private static async Task<(BotApp App, StaffSession Session)> SignedInAsync(FakeTimeProvider clock, StaffRole role = StaffRole.Staff, Dictionary<string, string?>? settings = null)
    {
        var app = new BotApp(settings, services => services.AddSingleton<TimeProvider>(clock));
        var password = await StaffSession.AddAccountAsync(app, "sato", role);
        var session = StaffSession.Open(app);
        Assert.Equal(HttpStatusCode.Redirect, (await session.SignInAsync("sato", password)).StatusCode);
        return (app, session);
    }

    [Fact]
    public async Task A_closure_added_in_the_console_changes_the_bots_answer_to_is_it_open_today_at_once_and_removing_it_undoes_it()
    {
        var clock = new FakeTimeProvider(Wednesday);
        var (app, session) = await SignedInAsync(clock);
        using var _ = app;
        var bot = app.CreateClient();
        Assert.Contains("今日（12月9日（水））は開所しています。", await AskAsync(bot, "c1", "今日はやってますか"));

        var added = await session.PostAsync("/staff/closures", "/staff/closures?handler=Add", ("date", "2026-12-09"), ("part", "day"));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var answer = await AskAsync(bot, "c2", "今日はやってますか");
        Assert.Contains("今日（12月9日（水））は臨時休所のため休所です。次の開所は明日 10:00です。", answer);
        var today = await session.PageAsync("/staff");
        Assert.Contains("閉所中", today);
        Assert.Contains("臨時休所のため休所です", today);

        var page = await session.PageAsync("/staff/closures");
        var id = System.Text.RegularExpressions.Regex.Match(page, "id=\"cl-([0-9a-f]{12})\"").Groups[1].Value;
        Assert.Contains("12月9日", page);
        Assert.Contains("終日", page);
        Assert.Equal(HttpStatusCode.Redirect, (await session.PostAsync("/staff/closures", "/staff/closures?handler=Remove", ("id", id))).StatusCode);
        Assert.Contains("開所しています", await AskAsync(bot, "c3", "今日はやってますか"));

        // A morning closure: closed at 11:00, open again from 12:00; the slot search honours it too.
        await session.PostAsync("/staff/closures", "/staff/closures?handler=Add", ("date", "2026-12-09"), ("part", "am"));
        Assert.Contains("今日（12月9日（水））は12:00から開所します。", await AskAsync(bot, "c4", "今日はやってますか"));
        Assert.Contains("12:00まで", await session.PageAsync("/staff/closures"));

        // A day in the past is refused and nothing is stored.
        var past = await session.PostAsync("/staff/closures", "/staff/closures?handler=Add", ("date", "2026-12-01"), ("part", "day"));
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.Single(await app.Services.GetRequiredService<CenterClosures>().ListAsync());

        var audit = await app.Services.GetRequiredService<StaffAudit>().ReadAsync(Wednesday.AddHours(-1), clock.GetUtcNow());
        Assert.Equal(["closure.add", "closure.remove", "closure.add"], audit.Where(e => e.Action.StartsWith("closure.")).Reverse().Select(e => e.Action));
        Assert.Contains(audit, e => e.Action == "closure.add" && e.Target == "2026-12-09/day" && e.Who == "sato");
    }

    [Fact]
    public async Task A_closure_added_on_one_instance_changes_the_answer_of_the_other_through_redis()
    {
        var clock = new FakeTimeProvider(Wednesday);
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = TestRedis.ConnectionString, ["Storage:KeyPrefix"] = "test:" + Guid.NewGuid().ToString("N")[..8] + ":" };
        var (first, session) = await SignedInAsync(clock, settings: settings);
        using var _ = first;
        using var second = new BotApp(settings, services => services.AddSingleton<TimeProvider>(clock));
        var bot = second.CreateClient();
        Assert.Contains("開所しています", await AskAsync(bot, "r1", "今日はやってますか"));

        await session.PostAsync("/staff/closures", "/staff/closures?handler=Add", ("date", "2026-12-09"), ("part", "day"));
        // The fake clock stands still, so only the notice (Redis pub/sub) can have told the second instance.
        var deadline = Environment.TickCount64 + 5000;
        string answer;
        while (!(answer = await AskAsync(bot, "r-" + Environment.TickCount64, "今日はやってますか")).Contains("臨時休所"))
        {
            Assert.True(Environment.TickCount64 < deadline, "the second instance still says: " + answer);
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task A_callback_request_is_marked_done_with_a_note_and_shows_who_did_it()
    {
        var clock = new FakeTimeProvider(Wednesday);
        var (app, session) = await SignedInAsync(clock);
        using var _ = app;
        // The record as StaffRequests files it after the callback flow (dialogs/callback.yaml).
        var record = JsonSerializer.Serialize(new { id = "cb0001aa", time = Wednesday.AddHours(-14), channel = "line", conversation = "U1", user = "U1", name = "さくら", phone = "090-1234-5678", when = "morning", culture = "ja-JP" });
        await app.Services.GetRequiredService<IRecordLog>().AppendAsync(CallbackSaveAction.Log, Wednesday.AddHours(-14), record, TimeSpan.FromDays(14));

        Assert.Contains(">1</span>", await session.PageAsync("/staff")); // one open request on Today
        var page = await session.PageAsync("/staff/callbacks");
        Assert.Contains("さくら", page);
        Assert.Contains("href=\"tel:090-1234-5678\"", page);
        var done = await session.PostAsync("/staff/callbacks", "/staff/callbacks?handler=Done", ("id", "cb0001aa"), ("note", "10時に折り返し済み"));
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        page = await session.PageAsync("/staff/callbacks");
        Assert.Contains("sato さんが対応済み（12月9日（水）11:00）", page);
        Assert.Contains("10時に折り返し済み", page);
        Assert.Equal(HttpStatusCode.NotFound, (await session.PostAsync("/staff/callbacks", "/staff/callbacks?handler=Done", ("id", "nope"))).StatusCode);

        var audit = await app.Services.GetRequiredService<StaffAudit>().ReadAsync(Wednesday.AddHours(-1), clock.GetUtcNow());
        var entry = Assert.Single(audit, e => e.Action == "callback.done");
        Assert.Equal(("sato", "cb0001aa"), (entry.Who, entry.Target));
        // The audit holds ids only: no name, number or note.
        var raw = string.Join("\n", await app.Services.GetRequiredService<IRecordLog>().ReadAsync(StaffAudit.Log, Wednesday.AddDays(-1), clock.GetUtcNow()));
        Assert.DoesNotContain("さくら", raw);
        Assert.DoesNotContain("090", raw);
        Assert.DoesNotContain("折り返し済み", raw);
    }

    [Fact]
    public async Task A_crisis_alert_from_the_bot_is_listed_without_its_text_and_acknowledged_with_who_and_when()
    {
        var clock = new FakeTimeProvider(Wednesday);
        var (app, session) = await SignedInAsync(clock);
        using var _ = app;
        var reply = await AskAsync(app.CreateClient(), "crisis-1", "もう死にたい");
        Assert.Contains("0465-71-0189", reply); // the crisis reply with the 24-hour line came first

        var today = await session.PageAsync("/staff");
        Assert.Contains("id=\"open-alerts\">1<", today);
        var page = await session.PageAsync("/staff/crisis");
        Assert.Contains("希死念慮", page);
        Assert.DoesNotContain("死にたい", page);
        var id = System.Text.RegularExpressions.Regex.Match(page, "id=\"cr-([0-9a-f]{12})\"").Groups[1].Value;
        clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(HttpStatusCode.Redirect, (await session.PostAsync("/staff/crisis", "/staff/crisis?handler=Ack", ("id", id))).StatusCode);
        page = await session.PageAsync("/staff/crisis");
        Assert.Contains("sato さんが確認（12月9日（水）11:03）", page);
        Assert.Contains("id=\"open-alerts\">0<", await session.PageAsync("/staff"));
        var audit = await app.Services.GetRequiredService<StaffAudit>().ReadAsync(Wednesday.AddHours(-1), clock.GetUtcNow());
        Assert.Contains(audit, e => e.Action == "crisis.ack" && e.Target == id && e.Who == "sato");
    }
}
