using SupportBot.Engine.Services.Meetups;

namespace SupportBot.Engine.Tests.Flows;

/// <summary>Peer-support meetings through the real flows: find, join, a full meeting, the waiting list, cancel, move-up; and a request to talk with a peer supporter.</summary>
public sealed class MeetupFlowTests
{
    private static string Texts(IEnumerable<SupportBot.Engine.Activities.Activity> replies) => string.Join(" / ", replies.Select(r => r.Text));

    private static async Task Join(FlowEngineTests.Harness h, string user, string nickname, string expectStart)
    {
        var dates = await h.Say("定例会に参加したい", user: user);
        Assert.Equal(["12月16日（水） 14:00〜16:00 定例会", "1月20日（水） 14:00〜16:00 定例会", "2月17日（水） 14:00〜16:00 定例会"],
            dates[^1].SuggestedActions!.Actions.Select(a => a.Title));
        Assert.Contains("7日後に消去します", Assert.Single(await h.Say("1", user: user)).Text);
        Assert.Equal("当日お呼びするニックネームを教えてください。", Assert.Single(await h.Say("はい", user: user)).Text);
        Assert.Equal($"{nickname}さんで、12月16日（水） 14:00〜16:00 定例会に申し込みます。よろしいですか？", Assert.Single(await h.Say(nickname, user: user)).Text);
        Assert.StartsWith(expectStart, Assert.Single(await h.Say("はい", user: user)).Text);
    }

    [Fact]
    public async Task Find_lists_the_next_dates_what_it_is_like_and_offers_to_join()
    {
        var h = new FlowEngineTests.Harness(FlowEngineTests.Intents);
        var replies = await h.Say("次の定例会いつ？");
        Assert.Equal("次の予定です。", replies[0].Text);
        Assert.StartsWith("・12月16日（水） 14:00〜16:00 定例会\n・1月20日（水） 14:00〜16:00 定例会\n・2月17日（水） 14:00〜16:00 定例会", replies[1].Text);
        Assert.Contains("【定例会】", replies[1].Text);
        Assert.Contains("見学だけの参加もできます。", replies[1].Text);
        Assert.Equal(["参加したい", "ピアサポーターと話したい", "メニューに戻る"], replies[2].SuggestedActions!.Actions.Select(a => a.Title));
    }

    [Fact]
    public async Task A_full_meeting_puts_people_on_the_waiting_list_and_a_cancellation_moves_the_first_up()
    {
        var h = new FlowEngineTests.Harness(FlowEngineTests.Intents);
        await Join(h, "a", "あーちゃん", "申し込みました。12月16日（水） 14:00〜16:00 定例会、お待ちしています。");
        await Join(h, "b", "びー", "申し込みました。");
        await Join(h, "c", "しー", "いまは満員のため、キャンセル待ち（1番目）で受け付けました。");

        var mine = await h.Say("定例会の参加をやめたい", user: "a");
        Assert.Equal(["12月16日（水） 14:00〜16:00 定例会"], mine[^1].SuggestedActions!.Actions.Select(a => a.Title));
        Assert.Equal("12月16日（水） 14:00〜16:00 定例会の参加を取り消します。よろしいですか？", Texts(await h.Say("1", user: "a")));
        Assert.StartsWith("取り消しました。", Texts(await h.Say("はい", user: "a")));

        var (to, message) = Assert.Single(h.Proactive);
        Assert.Equal(("test", "c-c", "c"), (to.ChannelId, to.ConversationId, to.UserId));
        Assert.StartsWith("キャンセル待ちの席があきました。12月16日（水） 14:00〜16:00 定例会に参加できます。", message.Text);
        Assert.Equal("いま申し込まれている集まりはありません。", Texts(await h.Say("定例会の参加をやめたい", user: "a")));
    }

    [Fact]
    public async Task The_day_before_every_confirmed_participant_is_reminded_once_and_whoever_cancelled_is_not()
    {
        var h = new FlowEngineTests.Harness(FlowEngineTests.Intents);
        await Join(h, "a", "あーちゃん", "申し込みました。");
        await Join(h, "b", "びー", "申し込みました。");
        await Join(h, "c", "しー", "いまは満員のため、キャンセル待ち（1番目）で受け付けました。");
        await h.Say("定例会の参加をやめたい", user: "a");
        await h.Say("1", user: "a");
        Assert.StartsWith("取り消しました。", Texts(await h.Say("はい", user: "a")));
        h.Proactive.Clear();

        // Joined on Tuesday 2026-11-24 14:00 for Wednesday 12-16 14:00: due Tuesday 12-15 at 10:00.
        var sender = new Engine.Services.Reminders.ReminderSender(h.Bookings, [h.MeetupReminder], h.Clock,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<Engine.Services.Reminders.ReminderSender>.Instance);
        h.Clock.Advance(DateTimeOffset.Parse("2026-12-15T09:59:00+09:00") - h.Clock.GetUtcNow());
        Assert.Equal(0, await sender.SendDueAsync(default));
        Assert.Empty(h.Proactive);

        h.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await sender.SendDueAsync(default));
        Assert.Equal(["b", "c"], h.Proactive.Select(p => p.To.UserId).Order());
        Assert.All(h.Proactive, p => Assert.StartsWith("明日は12月16日（水） 14:00〜16:00 定例会です（場所：", p.Message.Text));
        Assert.All(h.Proactive, p => Assert.Contains("「参加をやめたい」", p.Message.Text));

        Assert.Equal(0, await sender.SendDueAsync(default));
        Assert.Equal(2, h.Proactive.Count);
    }

    [Fact]
    public async Task Talk_with_a_peer_supporter_is_a_request_staff_match_and_no_peer_contact_is_given()
    {
        var h = new FlowEngineTests.Harness(FlowEngineTests.Intents);
        var first = await h.Say("同じ経験のある人と話したい");
        Assert.StartsWith("ピアサポートは", first[0].Text);
        Assert.Contains("すぐに対応する窓口でもありません", first[1].Text);
        Assert.Contains("30日後に消去します", first[2].Text);
        await h.Say("はい");
        Assert.Equal(["電話", "このチャット", "次の集まりで会う"], (await h.Say("みどり"))[0].SuggestedActions!.Actions.Select(a => a.Title));
        Assert.Equal("職員から連絡する電話番号を教えてください。", Texts(await h.Say("電話")));
        Assert.Equal("連絡してよい時間帯を教えてください（例：平日の午後）。", Texts(await h.Say("080-1111-2222")));
        var saved = Texts(await h.Say("平日の午後"));
        Assert.StartsWith("受け付けました。職員が11月25日（水）以降に", saved);
        Assert.Contains("個人の連絡先をお伝えすることはありません", saved);

        var stored = Assert.Single(await h.Records.ReadAsync(PeerRequestAction.Log, DateTimeOffset.MinValue, DateTimeOffset.MaxValue));
        var record = System.Text.Json.JsonDocument.Parse(stored).RootElement;
        Assert.Equal(("みどり", "phone", "080-1111-2222", "平日の午後"),
            (record.GetProperty("nickname").GetString(), record.GetProperty("how").GetString(), record.GetProperty("phone").GetString(), record.GetProperty("when").GetString()));
    }
}
