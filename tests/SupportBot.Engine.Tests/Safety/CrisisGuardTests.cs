using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SupportBot.Engine.Activities;
using SupportBot.Engine.Center;
using SupportBot.Engine.Flows;
using SupportBot.Engine.Messages;
using SupportBot.Engine.Notifications;
using SupportBot.Engine.Safety;
using SupportBot.Engine.State;
using SupportBot.Engine.Tests.Flows;
using SupportBot.Engine.Tests.Support;
using SupportBot.Engine.Understanding;

namespace SupportBot.Engine.Tests.Safety;

public sealed class CrisisGuardTests
{
    /// <summary>A stand-in for the crisis model with a few fixed cues (the model has its own tests).</summary>
    private sealed class FakeDetector : ICrisisDetector
    {
        public CrisisSignal Assess(string text)
        {
            var other = text.Contains("家族が");
            if (text.Contains("死にたい")) return new CrisisSignal(true, "suicidal_ideation", false, other, false, ["test.shinitai"]);
            if (text.Contains("倒れた")) return new CrisisSignal(true, "medical_emergency", true, other, false, ["test.taoreta"]);
            if (text.Contains("殴られ")) return new CrisisSignal(true, "violence", true, other, true, ["test.nagurare"]);
            return CrisisSignal.None;
        }
    }

    /// <summary>Records audit appends and lets the test await them (the audit is written in the background).</summary>
    private sealed class AwaitableLog : IRecordLog
    {
        public readonly List<(string Log, string Json)> Records = [];
        private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public Task Next => _next.Task;

        public Task AppendAsync(string log, DateTimeOffset at, string json, TimeSpan retention, CancellationToken cancellationToken = default)
        {
            lock (Records) Records.Add((log, json));
            var done = _next;
            _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            done.SetResult();
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<string>> ReadAsync(string log, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<string>>(Records.Select(r => r.Json).ToList());
    }

    private sealed class Webhook : HttpMessageHandler
    {
        public readonly List<string> Bodies = [];
        public HttpStatusCode Status = HttpStatusCode.OK;
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = await request.Content!.ReadAsStringAsync(cancellationToken);
            lock (Bodies) Bodies.Add(body);
            return new HttpResponseMessage(Status);
        }
    }

    private static (FlowEngineTests.Harness Harness, AwaitableLog Log, Webhook Hook) Create(string webhookUrl = "http://127.0.0.1:9/hook", IConversationStore? store = null)
    {
        var log = new AwaitableLog();
        var hook = new Webhook();
        var harness = new FlowEngineTests.Harness(FlowEngineTests.Intents, catalog =>
        {
            var notifier = new StaffNotifier(new HttpClient(hook), Options.Create(new NotificationOptions { WebhookUrl = webhookUrl, MaxAttempts = 1 }),
                TimeProvider.System, NullLogger<StaffNotifier>.Instance);
            notifier.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
            var guard = new CrisisGuard(new FakeDetector(), HotlineDirectory.Load(Repository.Path("locales")), notifier, log,
                Options.Create(new SafetyOptions()), Options.Create(new NotificationOptions { WebhookUrl = webhookUrl }),
                Options.Create(new CenterOptions { Name = "テストセンター", EmergencyPhone = "0465-71-0189" }), Options.Create(new UnderstandingOptions()), NullLogger<CrisisGuard>.Instance);
            return [guard];
        }, store);
        return (harness, log, hook);
    }

    [Fact]
    public async Task A_crisis_message_gets_acknowledgement_the_24h_line_helplines_and_one_caring_question()
    {
        var (h, log, hook) = Create();
        var audit = log.Next;

        var replies = await h.Say("もう死にたい");

        Assert.Equal(4, replies.Count);
        Assert.StartsWith("つらい気持ちを話してくれて", replies[0].Text);
        Assert.Contains("0465-71-0189", replies[1].Text);
        Assert.Contains("よりそいホットライン：0120-279-338（24時間・無料）", replies[2].Text);
        Assert.Contains("電話リレーサービス", replies[2].Text);
        Assert.Equal("いま、あなたは安全な場所にいますか？", replies[3].Text);
        var call = replies[3].SuggestedActions!.Actions.First();
        Assert.Equal(("call", "tel:0465-71-0189"), (call.Type, call.Value!.Value.GetString()));

        await audit;
        var record = JsonDocument.Parse(Assert.Single(log.Records).Json).RootElement;
        Assert.Equal("suicidal_ideation", record.GetProperty("category").GetString());
        Assert.True(record.GetProperty("notified").GetBoolean());
        var alert = JsonDocument.Parse(Assert.Single(hook.Bodies)).RootElement;
        Assert.Equal("crisis", alert.GetProperty("type").GetString());
        Assert.False(alert.GetProperty("details").TryGetProperty("text", out _)); // no message text unless configured
        Assert.DoesNotContain("死にたい", hook.Bodies[0]);
    }

    [Fact]
    public async Task Immediate_danger_leads_with_119_or_110()
    {
        var (h, _, _) = Create();
        var medical = await h.Say("父が倒れた");
        Assert.Contains("119", medical[1].Text);
        Assert.Contains(medical[^1].SuggestedActions!.Actions, a => a.Value!.Value.GetString() == "tel:119");
        var (h2, _, _) = Create();
        Assert.Contains("110", (await h2.Say("夫に殴られる"))[1].Text);
    }

    [Fact]
    public async Task A_report_about_someone_else_is_acknowledged_as_such()
    {
        var (h, _, _) = Create();
        var replies = await h.Say("家族が死にたいと言っています");
        Assert.StartsWith("知らせてくださって", replies[0].Text);
        Assert.Equal("その方は、いま安全な場所にいますか？", replies[^1].Text);
    }

    [Fact]
    public async Task A_crisis_in_the_middle_of_a_form_drops_it_and_it_never_resumes_by_itself()
    {
        var (h, _, _) = Create();
        await h.Say("フォーム");
        await h.Say("はい");
        Assert.Equal("電話番号を教えてください。", (await h.Say("山田"))[0].Text);

        await h.Say("死にたい");

        // 「大丈夫」 is answered with care, keeps the contacts, and does not bring the form back.
        var ok = Assert.Single(await h.Say("大丈夫です"));
        Assert.StartsWith("教えてくれて、ありがとうございます", ok.Text);
        Assert.Equal("tel:0465-71-0189", ok.SuggestedActions!.Actions[0].Value!.Value.GetString());
        var next = await h.Say("090-1234-5678");
        Assert.DoesNotContain(next, r => r.Text!.Contains("承りました"));
    }

    [Fact]
    public async Task In_the_crisis_state_every_reply_keeps_the_contacts_one_tap_away()
    {
        var (h, _, _) = Create();
        await h.Say("死にたい");
        var faq = await h.Say("開所時間は？");
        Assert.StartsWith("開所時間は", faq[0].Text);
        var actions = faq[^1].SuggestedActions!.Actions;
        Assert.Equal("tel:0465-71-0189", actions[0].Value!.Value.GetString());
        Assert.Contains(actions, a => a.Title == "緊急の連絡先");

        // A question keeps its own answers first, so the first button still answers what was asked.
        var question = await h.Say("フォーム");
        Assert.Equal(["はい", "いいえ", "24時間の電話", "緊急の連絡先"], question[^1].SuggestedActions!.Actions.Select(a => a.Title));
    }

    [Fact]
    public async Task Without_a_webhook_the_audit_record_says_staff_were_not_notified()
    {
        var (h, log, hook) = Create(webhookUrl: "");
        var audit = log.Next;
        await h.Say("死にたい");
        await audit;
        Assert.False(JsonDocument.Parse(log.Records[0].Json).RootElement.GetProperty("notified").GetBoolean());
        Assert.Empty(hook.Bodies);
    }

    [Fact]
    public async Task With_the_store_down_a_crisis_message_still_gets_the_full_reply_and_others_an_apology_with_numbers()
    {
        var (h, _, _) = Create(store: new DeadStore());
        var crisis = await h.Say("死にたい");
        Assert.Equal(4, crisis.Count);
        Assert.Contains("0465-71-0189", crisis[1].Text);
        var other = Assert.Single(await h.Say("予約したい"));
        Assert.Contains("システムに不具合", other.Text);
        Assert.Contains("0465-71-0189", other.Text);
    }

    [Fact]
    public async Task The_emergency_button_works_in_the_middle_of_a_form()
    {
        var (h, _, _) = Create();
        await h.Say("フォーム");
        await h.Say("はい");
        var replies = await h.Say("緊急の連絡先");
        Assert.StartsWith("緊急のときの連絡先です", Assert.Single(replies).Text);
        Assert.Equal("電話番号を教えてください。", (await h.Say("山田"))[0].Text);
    }

    private sealed class DeadStore : IConversationStore
    {
        public Task<TurnLease?> TryBeginAsync(string key, TimeSpan leaseFor, CancellationToken ct = default) => throw new TimeoutException("redis down");
        public Task<bool> CommitAsync(TurnLease lease, string? json, TimeSpan keepFor, CancellationToken ct = default) => throw new TimeoutException("redis down");
        public Task ReleaseAsync(TurnLease lease, CancellationToken ct = default) => throw new TimeoutException("redis down");
    }
}
