using SupportBot.Language.Intents;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SupportBot.Calendar;
using SupportBot.Engine.Activities;
using SupportBot.Engine.Flows;
using SupportBot.Engine.Flows.Actions;
using SupportBot.Engine.Flows.Inputs;
using SupportBot.Engine.Messages;
using SupportBot.Engine.State.Memory;
using SupportBot.Engine.Turns;
using SupportBot.Engine.Understanding;
using SupportBot.Engine.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace SupportBot.Engine.Tests.Flows;

/// <summary>
/// The engine's rules on a small test flow (tests/…/Flows/testdata): a form that asks consent, a name
/// and a phone number, plus the real FAQ/menu flows and catalogs of the repository.
/// </summary>
public sealed class FlowEngineTests
{
    private static readonly DateTimeOffset Tuesday14 = DateTimeOffset.Parse("2026-11-24T14:00:00+09:00");

    internal sealed class Harness
    {
        public readonly TurnPipeline Pipeline;
        public Harness(Dictionary<string, string> intents, Func<MessageCatalog, IEnumerable<ITurnGuard>>? guards = null, Engine.State.IConversationStore? store = null, DateTimeOffset? start = null)
        {
            var clock = new FakeTimeProvider(start ?? Tuesday14);
            var catalog = MessageCatalog.Load(Repository.Path("locales"), new Dictionary<string, string>(),
                f => f is not ("intents.yaml" or "hotlines.yaml" or "meetups.yaml"));
            var testCatalog = MessageCatalog.Load(Repository.Path("tests", "SupportBot.Engine.Tests", "Flows", "testdata", "locales"), new Dictionary<string, string>());
            var merged = Merge(catalog, testCatalog);
            var understanding = new UnderstandingOptions();
            var flows = FlowLoader.LoadFolder(Repository.Path("dialogs")).Concat(FlowLoader.LoadFolder(Repository.Path("tests", "SupportBot.Engine.Tests", "Flows", "testdata", "dialogs")));
            var calendar = new BusinessCalendar(new BusinessCalendarOptions());
            var memory = new MemoryStore(clock);
            Records = memory;
            var notifier = new Engine.Notifications.StaffNotifier(new HttpClient(), Options.Create(new Engine.Notifications.NotificationOptions()), clock,
                NullLogger<Engine.Notifications.StaffNotifier>.Instance);
            var callbacks = Options.Create(new Engine.Services.Callbacks.CallbackOptions());
            var set = new FlowSet(flows, [new TextInput(), new ChoiceInput(understanding), new YesNoInput(), new PhoneInput(),
                 new DateInput(), new MultiChoiceInput(), new OptionalTextInput(), new SlotInput(understanding), new ReviewInput(), new WhoInput(understanding)],
                [new TodayStatusAction(calendar, merged), new GreetingAction(calendar), new AfterHoursQuestionAction(), new Engine.Services.Callbacks.CallbackTermsAction(callbacks),
                 new Engine.Services.Callbacks.CallbackSaveAction(new Engine.Services.StaffRequests(memory, notifier), calendar, merged, callbacks),
                 new Engine.Access.NoVoiceAction(new Engine.Access.NoVoiceContacts(Engine.Safety.HotlineDirectory.Load(Repository.Path("locales")))),
                 .. MeetupActions(memory, notifier, calendar, merged, clock), .. BookingActions(memory, notifier, calendar, merged, clock),
                 HandoffAction(calendar, merged, clock)]);
            Problems = FlowValidator.Validate(set, merged, FlowEngine.MessageKeys);
            Catalog = merged;
            Clock = clock;
            var engine = new FlowEngine(set, new DictionaryIntents(intents), guards?.Invoke(merged) ?? [], Options.Create(understanding));
            Pipeline = new TurnPipeline(store ?? new MemoryStore(clock), engine, merged, clock, Options.Create(new Engine.State.StorageOptions()), NullLogger<TurnPipeline>.Instance);
        }

        public IReadOnlyList<string> Problems { get; }

        /// <summary>A test center with the default calendar and booking rules.</summary>
        public static Engine.Center.CenterFacts Facts { get; } = new(new Engine.Center.CenterOptions
        {
            Name = "テストセンター", Phone = "0465-71-0189", Fax = "0465-72-4160", EmergencyPhone = "0465-71-0189",
            Address = "住所", Building = "建物", PostalCode = "250-0105", ServiceArea = "県西",
        }, new BusinessCalendarOptions(), new Engine.Services.Bookings.BookingOptions());

        public static Engine.Services.Meetups.MeetupsOptions Meetups { get; } = new()
        {
            Items =
            [
                new() { Id = "teireikai", Schedule = new Calendar.Recurrence { Kind = RecurrenceKind.NthWeekday, Nth = 3, Weekday = DayOfWeek.Wednesday }, Start = new(14, 0), End = new(16, 0), Capacity = 2 },
                new() { Id = "koryu", Schedule = new Calendar.Recurrence { Kind = RecurrenceKind.NthWeekday, Nth = 1, Weekday = DayOfWeek.Friday, OnClosedDay = ClosedDayPolicy.NextBusinessDay }, Start = new(13, 30), End = new(15, 0) },
            ],
        };

        public List<(Engine.Services.ConversationReference To, Activity Message)> Proactive { get; } = [];

        private IEnumerable<IFlowAction> MeetupActions(MemoryStore memory, Engine.Notifications.StaffNotifier notifier, BusinessCalendar calendar, MessageCatalog catalog, FakeTimeProvider clock)
        {
            var options = Options.Create(Meetups);
            var directory = new Engine.Services.Meetups.MeetupDirectory(options, calendar, catalog);
            var proactive = new RecordingMessenger(Proactive);
            Bookings ??= new Engine.State.Memory.MemoryBookingLedger(clock);
            var notices = new Engine.Services.Meetups.MeetupNotices(directory, proactive, catalog);
            MeetupReminder = new Engine.Services.Meetups.MeetupReminder(directory, memory, notices);
            return
            [
                new Engine.Services.Meetups.MeetupsNextAction(directory, catalog),
                new Engine.Services.Meetups.MeetupsJoinAction(directory, memory, notifier, notices, Bookings),
                new Engine.Services.Meetups.MeetupsMineAction(directory, memory),
                new Engine.Services.Meetups.MeetupsLeaveAction(directory, memory, notifier, notices),
                new Engine.Services.Meetups.MeetupsTermsAction(options),
                new Engine.Services.Meetups.PeerRequestAction(new Engine.Services.StaffRequests(memory, notifier), calendar, catalog, options),
            ];
        }

        private Engine.Handoffs.HandoffRequestAction HandoffAction(BusinessCalendar calendar, MessageCatalog catalog, FakeTimeProvider clock)
        {
            var staff = new Engine.State.Memory.MemoryStaffStore(clock);
            return new Engine.Handoffs.HandoffRequestAction(new Engine.Handoffs.HandoffDesk(staff, staff, new RecordingMessenger(Proactive), catalog, clock,
                Options.Create(new Engine.Staff.StaffOptions())), calendar);
        }

        /// <summary>The booking ledger, also the harness's reminder queue (meetings and bookings).</summary>
        public Engine.State.Memory.MemoryBookingLedger Bookings { get; private set; } = null!;

        public Engine.Services.Meetups.MeetupReminder MeetupReminder { get; private set; } = null!;

        private IEnumerable<IFlowAction> BookingActions(MemoryStore memory, Engine.Notifications.StaffNotifier notifier, BusinessCalendar calendar, MessageCatalog catalog, FakeTimeProvider clock)
        {
            var options = Options.Create(new Engine.Services.Bookings.BookingOptions());
            Bookings ??= new Engine.State.Memory.MemoryBookingLedger(clock);
            var slots = new Engine.Services.Bookings.SlotCatalog(calendar, options, Bookings, memory);
            var desk = new Engine.Services.Bookings.BookingDesk(slots, Bookings, Bookings, notifier, catalog, options);
            return
            [
                new Engine.Services.Bookings.BookingTermsAction(desk), new Engine.Services.Bookings.BookingSearchAction(desk, catalog),
                new Engine.Services.Bookings.BookingHoldAction(desk), new Engine.Services.Bookings.BookingResumeAction(), new Engine.Services.Bookings.BookingReleaseAction(desk),
                new Engine.Services.Bookings.BookingReviewAction(catalog), new Engine.Services.Bookings.BookingConfirmAction(desk),
                new Engine.Services.Bookings.BookingMineAction(desk, catalog), new Engine.Services.Bookings.BookingCancelAction(desk),
                new Engine.Services.Bookings.BookingChangeAction(desk),
            ];
        }

        private sealed class RecordingMessenger(List<(Engine.Services.ConversationReference, Activity)> sent) : Engine.Outbox.IOutbox
        {
            public Task<bool> SendAsync(Engine.Services.ConversationReference to, Activity message, CancellationToken cancellationToken)
            {
                sent.Add((to, message));
                return Task.FromResult(true);
            }
        }
        public MessageCatalog Catalog { get; private set; } = null!;
        public FakeTimeProvider Clock { get; private set; } = null!;
        public Engine.State.IRecordLog Records { get; private set; } = null!;

        public async Task<List<Activity>> Say(string text, string locale = "ja-JP", string user = "u") =>
            (await Pipeline.RunAsync(new Activity
            {
                Type = "message", Id = Guid.NewGuid().ToString("N"), ChannelId = "test", Text = text, Locale = locale,
                From = new ChannelAccount { Id = user }, Recipient = new ChannelAccount { Id = "bot" }, Conversation = new ConversationAccount { Id = "c-" + user },
            })).ToList();

        private static MessageCatalog Merge(MessageCatalog a, MessageCatalog b)
        {
            var cultures = a.Cultures.ToDictionary(c => c, c => a.Entries(c).ToDictionary(e => e.Key, e => e.Value));
            // The test flows' keys go to a culture and to its plain-language variant (which has every key of its base).
            foreach (var c in b.Cultures)
                foreach (var target in cultures.Keys.Where(t => MessageCatalog.BaseOf(t) == c).ToList())
                    foreach (var (k, v) in b.Entries(c)) cultures[target][k] = v;
            return new MessageCatalog(cultures, new Dictionary<string, string>()).WithFacts(Facts);
        }
    }

    /// <summary>Exact text → intent, for testing the engine without the trained model.</summary>
    internal sealed class DictionaryIntents(Dictionary<string, string> map) : IIntentRecognizer
    {
        public IReadOnlyList<IntentScore> Recognize(string text, string culture) =>
            map.TryGetValue(text, out var intent)
                ? intent.Split('|').Select((name, i) => new IntentScore(name.Split('@')[0], name.Contains('@') ? double.Parse(name.Split('@')[1]) : 0.9 - i * 0.01)).ToList()
                : [];
    }

    internal static readonly Dictionary<string, string> Intents = new()
    {
        ["フォーム"] = "test.form",
        ["開所時間は？"] = "faq.hours",
        ["どっちだろう"] = "faq.hours@0.3|faq.access@0.28",
        ["たぶん時間のこと"] = "faq.hours@0.3|faq.access@0.2",
        ["時間と場所を教えて"] = "faq.hours@0.8|faq.access@0.7",
        ["夜中でも話せる？"] = "contact.now",
        ["今すぐ誰かと話したい"] = "contact.now",
        ["次の定例会いつ？"] = "meetup.find",
        ["定例会に参加したい"] = "meetup.join",
        ["定例会の参加をやめたい"] = "meetup.cancel",
        ["同じ経験のある人と話したい"] = "peer.talk",
    };

    private static string Texts(IEnumerable<Activity> replies) => string.Join(" / ", replies.Select(r => r.Text));

    [Fact]
    public void The_repository_flows_and_the_test_flow_validate()
    {
        var harness = new Harness(Intents);
        Assert.True(harness.Problems.Count == 0, string.Join("\n", harness.Problems));
    }

    [Fact]
    public async Task A_form_runs_step_by_step_and_stores_answers()
    {
        var h = new Harness(Intents);
        Assert.Equal("テストの同意をいただけますか？", Texts(await h.Say("フォーム")));
        Assert.Equal("お名前を教えてください。", Texts(await h.Say("はい")));
        Assert.Equal("電話番号を教えてください。", Texts(await h.Say("山田")));
        Assert.Equal("山田さん、090-1234-5678 で承りました。", Texts(await h.Say("０９０１２３４５６７８")));
    }

    [Fact]
    public async Task A_wrong_answer_gets_a_differently_worded_retry_and_three_misses_give_up_politely()
    {
        var h = new Harness(Intents);
        await h.Say("フォーム");
        await h.Say("はい");
        await h.Say("山田");
        var first = await h.Say("わかりません");
        Assert.Equal("電話番号として読み取れませんでした。090-1234-5678 のように、数字で教えてください。 / 電話番号を教えてください。", Texts(first));
        await h.Say("まだない");
        var giveUp = await h.Say("えーと");
        Assert.Contains("0465-71-0189", giveUp[0].Text);
        Assert.Contains("うまくお受けできず", giveUp[0].Text);
        Assert.Equal("ご用件をお選びください。文字で書いていただいても大丈夫です。", giveUp[^1].Text);
    }

    [Fact]
    public async Task A_step_with_its_own_retry_wording_uses_it()
    {
        var h = new Harness(Intents);
        await h.Say("フォーム");
        var retry = await h.Say("うーん");
        Assert.Equal("「はい」か「いいえ」で教えてください。同意しなくても大丈夫です。", Assert.Single(retry).Text);
        Assert.Equal(["はい", "いいえ"], retry[0].SuggestedActions!.Actions.Select(a => a.Title));
    }

    [Fact]
    public async Task Why_do_you_ask_answers_with_the_steps_reason_and_asks_again()
    {
        var h = new Harness(Intents);
        await h.Say("フォーム");
        await h.Say("はい");
        await h.Say("山田");
        var why = await h.Say("なんで電話番号がいるの？");
        Assert.Equal("折り返しのご連絡に使います。 / 電話番号を教えてください。", Texts(why));
    }

    [Fact]
    public async Task Cancel_stops_the_flow_and_shows_the_menu()
    {
        var h = new Harness(Intents);
        await h.Say("フォーム");
        await h.Say("はい");
        var cancelled = await h.Say("やめる");
        Assert.StartsWith("わかりました。手続きを中止しました。", Texts(cancelled));
        // The form is gone: a name now is not taken as an answer.
        Assert.DoesNotContain("電話番号", Texts(await h.Say("山田")));
    }

    [Fact]
    public async Task Menu_and_help_restart_from_anywhere()
    {
        var h = new Harness(Intents);
        await h.Say("フォーム");
        var help = await h.Say("ヘルプ");
        Assert.StartsWith("このチャットでは", help[0].Text);
        Assert.Equal(6, help[^1].SuggestedActions!.Actions.Count); // the menu, with スタッフと話す and the switch to plain Japanese
        await h.Say("フォーム");
        var menu = await h.Say("最初から");
        Assert.Equal("ご用件をお選びください。文字で書いていただいても大丈夫です。", Assert.Single(menu).Text);
    }

    [Fact]
    public async Task An_faq_in_the_middle_is_answered_then_the_flow_resumes_on_yes()
    {
        var h = new Harness(Intents);
        await h.Say("フォーム");
        await h.Say("はい");
        var faq = await h.Say("開所時間は？");
        Assert.StartsWith("開所時間は 10:00〜17:00 です", faq[0].Text);
        Assert.Equal("今日（11月24日（火））は開所しています。17:00まで受け付けています。", faq[1].Text);
        Assert.Equal("さきほどの続きをしますか？", faq[^1].Text);
        Assert.Equal("お名前を教えてください。", Texts(await h.Say("はい")));
        Assert.Equal("電話番号を教えてください。", Texts(await h.Say("山田")));
    }

    [Fact]
    public async Task An_faq_in_the_middle_then_no_drops_the_flow()
    {
        var h = new Harness(Intents);
        await h.Say("フォーム");
        await h.Say("はい");
        await h.Say("開所時間は？");
        Assert.StartsWith("わかりました。続きは", Texts(await h.Say("いいえ")));
    }

    [Fact]
    public async Task Two_close_readings_ask_which_of_the_two_and_the_button_starts_it()
    {
        var h = new Harness(Intents);
        var clarify = Assert.Single(await h.Say("どっちだろう"));
        Assert.Equal("どちらのことでしょうか？", clarify.Text);
        Assert.Equal(["開所時間", "場所・行き方", "メニューに戻る"], clarify.SuggestedActions!.Actions.Select(a => a.Title));
        Assert.StartsWith("場所は", (await h.Say("場所・行き方"))[0].Text);
    }

    [Fact]
    public async Task A_reading_clearly_ahead_is_answered_with_a_way_to_say_it_was_something_else()
    {
        var h = new Harness(Intents);
        var replies = await h.Say("たぶん時間のこと");
        Assert.StartsWith("開所時間は", replies[0].Text);
        Assert.DoesNotContain(replies, r => r.Text == "どちらのことでしょうか？");
        Assert.Equal(["ちがう質問をする"], replies[^1].SuggestedActions!.Actions.Select(a => a.Title));
        Assert.Equal("ご用件をお選びください。文字で書いていただいても大丈夫です。", (await h.Say("ちがう質問をする"))[^1].Text);
    }

    [Fact]
    public async Task Two_questions_in_one_message_get_both_answers()
    {
        var h = new Harness(Intents);
        var text = Texts(await h.Say("時間と場所を教えて"));
        Assert.Contains("開所時間は", text);
        Assert.Contains("場所は", text);
    }

    [Fact]
    public async Task A_question_about_the_night_gets_the_24h_line_during_opening_hours_too()
    {
        var h = new Harness(Intents);
        var replies = await h.Say("夜中でも話せる？");
        Assert.StartsWith("いまは開所時間中です。", replies[0].Text);
        Assert.Contains("24時間つながる 0465-71-0189", replies[1].Text);
    }

    [Fact]
    public async Task Nothing_understood_falls_back_to_the_phone_and_the_menu()
    {
        var h = new Harness(Intents);
        var replies = await h.Say("ふがふが");
        Assert.Contains("0465-71-0189", replies[0].Text);
        Assert.Equal(6, replies[^1].SuggestedActions!.Actions.Count); // the menu, with スタッフと話す and the switch to plain Japanese
    }

    [Fact]
    public async Task The_menu_accepts_a_button_a_number_or_a_word()
    {
        var h = new Harness(Intents);
        await h.Say("メニュー");
        Assert.Equal("どのことについて知りたいですか？", (await h.Say("1"))[^1].Text);
        await h.Say("メニュー");
        Assert.Contains("緊急のときの連絡先", (await h.Say("緊急の連絡先"))[0].Text);
        await h.Say("メニュー");
        Assert.Contains("初回相談（面談）のご予約ですね", (await h.Say("予約"))[0].Text);
    }

    [Fact]
    public async Task English_conversations_use_the_english_catalog()
    {
        var h = new Harness(Intents);
        var replies = await h.Say("menu", "en-US");
        Assert.Equal("Please choose what you need. You can also just type.", Assert.Single(replies).Text);
        Assert.Equal(["FAQ", "Book a consultation", "Peer support", "Emergency contacts", "Talk with staff", "やさしい にほんご"], replies[0].SuggestedActions!.Actions.Select(a => a.Title));
    }

    [Fact]
    public async Task During_opening_hours_talk_now_gives_the_centers_phone_and_offers_staff_in_the_chat()
    {
        var h = new Harness(Intents);
        var replies = await h.Say("今すぐ誰かと話したい");
        Assert.Equal(2, replies.Count);
        Assert.Equal("いまは開所時間中です。0465-71-0189 にお電話ください。担当者がお話をうかがいます。", replies[0].Text);
        Assert.Equal("このチャットで、スタッフと直接お話しすることもできます。おつなぎしましょうか？", replies[1].Text);
        // "No" leaves it at the phone number; the bot goes on answering.
        Assert.Empty(await h.Say("いいえ"));
    }

    [Fact]
    public async Task After_hours_talk_now_gives_the_24h_line_the_next_opening_and_takes_a_callback_request()
    {
        var h = new Harness(Intents, start: DateTimeOffset.Parse("2026-11-24T22:00:00+09:00"));
        var first = await h.Say("今すぐ誰かと話したい");
        Assert.Contains("24時間つながる 0465-71-0189", first[0].Text);
        Assert.Equal("今日の受付は終了しました。次の開所は明日 10:00です。", first[1].Text);
        Assert.Equal("開所日に、職員から折り返しお電話することもできます。ご希望ですか？", first[2].Text);

        Assert.Contains("14日たつと消去します", Assert.Single(await h.Say("はい")).Text);
        Assert.Equal("お名前を教えてください。ニックネームでも大丈夫です。", Assert.Single(await h.Say("お願いします")).Text);
        Assert.Equal("折り返し先の電話番号を教えてください。", Assert.Single(await h.Say("やまちゃん")).Text);
        var when = Assert.Single(await h.Say("０９０ １２３４ ５６７８"));
        Assert.Equal(["午前（10時〜12時）", "午後（13時〜17時）", "いつでも"], when.SuggestedActions!.Actions.Select(a => a.Title));
        Assert.Equal("やまちゃんさん、090-1234-5678 に、午後（13時〜17時）にお電話します。これでよろしいですか？", Assert.Single(await h.Say("2")).Text);
        var saved = Assert.Single(await h.Say("はい"));
        Assert.StartsWith("承りました。11月25日（水）10:00以降に", saved.Text);

        var stored = Assert.Single(await h.Records.ReadAsync("callbacks", DateTimeOffset.MinValue, DateTimeOffset.MaxValue));
        var record = System.Text.Json.JsonDocument.Parse(stored).RootElement;
        Assert.Equal(("やまちゃん", "090-1234-5678", "午後（13時〜17時）"), (record.GetProperty("name").GetString(), record.GetProperty("phone").GetString(), record.GetProperty("when").GetString()));
    }

    [Fact]
    public async Task A_callback_request_without_consent_stores_nothing()
    {
        var h = new Harness(Intents, start: DateTimeOffset.Parse("2026-11-28T11:00:00+09:00"));
        var first = await h.Say("今すぐ誰かと話したい");
        Assert.Equal("今日（11月28日（土））は休所日です。次の開所は11月30日（月）10:00です。", first[1].Text);
        await h.Say("はい");
        Assert.StartsWith("わかりました。緊急のときは", Assert.Single(await h.Say("いいえ")).Text);
        Assert.Empty(await h.Records.ReadAsync("callbacks", DateTimeOffset.MinValue, DateTimeOffset.MaxValue));
    }
}
