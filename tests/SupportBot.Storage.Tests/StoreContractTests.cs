using SupportBot.Engine.State;

namespace SupportBot.Storage.Tests;

/// <summary>
/// The storage contract, run against every implementation (memory and Redis). Each test owns its
/// keys through a unique prefix, so tests can share one Redis and run in any order.
/// </summary>
public abstract class StoreContractTests
{
    protected static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    protected static readonly TimeSpan Keep = TimeSpan.FromHours(1);

    /// <summary>A fresh store whose keys all start with <paramref name="prefix"/>.</summary>
    protected abstract Store Create(string prefix);

    /// <summary>A second store on the same data as <paramref name="first"/> (for Redis: its own connection).</summary>
    protected abstract Store CreateSecond(Store first, string prefix);

    /// <summary>Makes the lease of a conversation, its state, a transcript or a claim expire now.</summary>
    protected abstract Task ExpireAsync(Store store, string prefix, string key);

    protected sealed record Store(IConversationStore Conversations, ITranscriptStore Transcripts, IOnceStore Once, IRecordLog Logs, IMeetupRoster Rosters);

    protected static string NewPrefix() => "test:" + Guid.NewGuid().ToString("N")[..12] + ":";

    private (Store Store, string Prefix) Fresh()
    {
        var prefix = NewPrefix();
        return (Create(prefix), prefix);
    }

    [Fact]
    public async Task Begin_on_empty_has_no_state_and_version_0()
    {
        var (store, _) = Fresh();
        var lease = await store.Conversations.TryBeginAsync("c1", Lease);
        Assert.NotNull(lease);
        Assert.Equal("c1", lease.ConversationKey);
        Assert.Null(lease.StateJson);
        Assert.Equal(0, lease.Version);
        Assert.False(string.IsNullOrEmpty(lease.Token));
    }

    [Fact]
    public async Task Commit_then_begin_sees_the_state_and_the_next_version()
    {
        var (store, _) = Fresh();
        var first = await store.Conversations.TryBeginAsync("c1", Lease);
        Assert.True(await store.Conversations.CommitAsync(first!, """{"step":"ask_when","名前":"山田"}""", Keep));

        var second = await store.Conversations.TryBeginAsync("c1", Lease);
        Assert.NotNull(second);
        Assert.Equal("""{"step":"ask_when","名前":"山田"}""", second.StateJson);
        Assert.Equal(1, second.Version);
        Assert.True(await store.Conversations.CommitAsync(second, """{"step":"confirm"}""", Keep));

        var third = await store.Conversations.TryBeginAsync("c1", Lease);
        Assert.Equal("""{"step":"confirm"}""", third!.StateJson);
        Assert.Equal(2, third.Version);
    }

    [Fact]
    public async Task A_second_begin_while_leased_gets_null_and_other_conversations_are_free()
    {
        var (store, _) = Fresh();
        var held = await store.Conversations.TryBeginAsync("c1", Lease);
        Assert.NotNull(held);
        Assert.Null(await store.Conversations.TryBeginAsync("c1", Lease));
        Assert.NotNull(await store.Conversations.TryBeginAsync("c2", Lease));
    }

    [Fact]
    public async Task Commit_releases_the_lease()
    {
        var (store, _) = Fresh();
        var lease = await store.Conversations.TryBeginAsync("c1", Lease);
        await store.Conversations.CommitAsync(lease!, "{}", Keep);
        Assert.NotNull(await store.Conversations.TryBeginAsync("c1", Lease));
    }

    [Fact]
    public async Task Release_frees_the_lease_without_writing()
    {
        var (store, _) = Fresh();
        var first = await store.Conversations.TryBeginAsync("c1", Lease);
        await store.Conversations.CommitAsync(first!, "\"v1\"", Keep);

        var failed = await store.Conversations.TryBeginAsync("c1", Lease);
        await store.Conversations.ReleaseAsync(failed!);

        var next = await store.Conversations.TryBeginAsync("c1", Lease);
        Assert.NotNull(next);
        Assert.Equal("\"v1\"", next.StateJson);
        Assert.Equal(1, next.Version);
    }

    [Fact]
    public async Task An_expired_lease_lets_another_turn_in_and_the_late_turn_neither_frees_it_nor_writes()
    {
        var (store, prefix) = Fresh();
        var slow = await store.Conversations.TryBeginAsync("c1", Lease);
        await ExpireAsync(store, prefix, "lease:c1");

        var next = await store.Conversations.TryBeginAsync("c1", Lease);
        Assert.NotNull(next);
        Assert.NotEqual(slow!.Token, next.Token);

        // The slow turn's release must not free the lease the next turn now holds.
        await store.Conversations.ReleaseAsync(slow);
        Assert.Null(await store.Conversations.TryBeginAsync("c1", Lease));

        Assert.True(await store.Conversations.CommitAsync(next, "\"new\"", Keep));
        // The slow turn loaded version 0; the state is at version 1 now: conflict, nothing written.
        Assert.False(await store.Conversations.CommitAsync(slow, "\"stale\"", Keep));

        var check = await store.Conversations.TryBeginAsync("c1", Lease);
        Assert.Equal("\"new\"", check!.StateJson);
        Assert.Equal(1, check.Version);
    }

    [Fact]
    public async Task A_late_commit_does_not_free_the_lease_of_the_turn_that_took_over()
    {
        var (store, prefix) = Fresh();
        var slow = await store.Conversations.TryBeginAsync("c1", Lease);
        await ExpireAsync(store, prefix, "lease:c1");
        var next = await store.Conversations.TryBeginAsync("c1", Lease);

        // Same version (0), but the lease is the next turn's now: the slow turn is fenced off, writes nothing
        // and leaves the lease alone; the next turn commits.
        Assert.False(await store.Conversations.CommitAsync(slow!, "\"slow\"", Keep));
        Assert.Null(await store.Conversations.TryBeginAsync("c1", Lease));
        Assert.True(await store.Conversations.CommitAsync(next!, "\"next\"", Keep));
        Assert.Equal("\"next\"", (await store.Conversations.TryBeginAsync("c1", Lease))!.StateJson);
    }

    [Fact]
    public async Task A_late_commit_whose_lease_expired_and_was_not_taken_still_writes_by_version()
    {
        var (store, prefix) = Fresh();
        var slow = await store.Conversations.TryBeginAsync("c1", Lease);
        await ExpireAsync(store, prefix, "lease:c1");
        // Nobody took the lease: the version check alone decides.
        Assert.True(await store.Conversations.CommitAsync(slow!, "\"slow\"", Keep));
        Assert.Equal("\"slow\"", (await store.Conversations.TryBeginAsync("c1", Lease))!.StateJson);
    }

    [Fact]
    public async Task Renew_extends_only_the_holders_own_lease()
    {
        var (store, prefix) = Fresh();
        var lease = await store.Conversations.TryBeginAsync("c1", Lease);
        Assert.True(await store.Conversations.RenewAsync(lease!, Lease));
        Assert.Null(await store.Conversations.TryBeginAsync("c1", Lease));
        Assert.True(await store.Conversations.CommitAsync(lease!, "{}", Keep));
        // Committed: the lease is gone, so renewing it fails (and takes nothing).
        Assert.False(await store.Conversations.RenewAsync(lease!, Lease));
        var next = await store.Conversations.TryBeginAsync("c1", Lease);
        Assert.NotNull(next);
        await ExpireAsync(store, prefix, "lease:c1");
        var third = await store.Conversations.TryBeginAsync("c1", Lease);
        // An expired lease that another turn took is not the old holder's to renew.
        Assert.False(await store.Conversations.RenewAsync(next!, Lease));
        Assert.True(await store.Conversations.RenewAsync(third!, Lease));
    }

    [Fact]
    public async Task Commit_with_a_stale_version_returns_false_and_writes_nothing()
    {
        var (store, _) = Fresh();
        var first = await store.Conversations.TryBeginAsync("c1", Lease);
        await store.Conversations.CommitAsync(first!, "\"v1\"", Keep);

        // A lease carrying a version that is no longer current (as a turn whose lease expired would).
        var current = await store.Conversations.TryBeginAsync("c1", Lease);
        var stale = current! with { Version = 0 };
        Assert.False(await store.Conversations.CommitAsync(stale, "\"stale\"", Keep));
        Assert.False(await store.Conversations.CommitAsync(current with { Version = 7 }, null, Keep));

        var check = await store.Conversations.TryBeginAsync("c1", Lease);
        Assert.NotNull(check);
        Assert.Equal("\"v1\"", check.StateJson);
        Assert.Equal(1, check.Version);
    }

    [Fact]
    public async Task Commit_null_deletes_the_state()
    {
        var (store, _) = Fresh();
        var first = await store.Conversations.TryBeginAsync("c1", Lease);
        await store.Conversations.CommitAsync(first!, "\"v1\"", Keep);
        var second = await store.Conversations.TryBeginAsync("c1", Lease);
        Assert.True(await store.Conversations.CommitAsync(second!, null, Keep));

        var after = await store.Conversations.TryBeginAsync("c1", Lease);
        Assert.NotNull(after);
        Assert.Null(after.StateJson);
        Assert.Equal(0, after.Version);
    }

    [Fact]
    public async Task State_expires_after_its_keep_time()
    {
        var (store, prefix) = Fresh();
        var first = await store.Conversations.TryBeginAsync("c1", Lease);
        await store.Conversations.CommitAsync(first!, "\"v1\"", Keep);
        await ExpireAsync(store, prefix, "conv:c1");

        var after = await store.Conversations.TryBeginAsync("c1", Lease);
        Assert.Null(after!.StateJson);
        Assert.Equal(0, after.Version);
        Assert.True(await store.Conversations.CommitAsync(after, "\"fresh\"", Keep));
    }

    [Fact]
    public async Task Transcript_append_returns_the_watermark_and_read_pages_from_it()
    {
        var (store, _) = Fresh();
        var t = store.Transcripts;
        Assert.Equal(2, await t.AppendAsync("d1", ["""{"id":"1","text":"こんにちは"}""", """{"id":"2"}"""], Keep));
        Assert.Equal(3, await t.AppendAsync("d1", ["""{"id":"3","text":"😀"}"""], Keep));

        var all = await t.ReadAsync("d1", 0);
        Assert.Equal(["""{"id":"1","text":"こんにちは"}""", """{"id":"2"}""", """{"id":"3","text":"😀"}"""], all.ActivitiesJson);
        Assert.Equal(3, all.Watermark);

        var tail = await t.ReadAsync("d1", 2);
        Assert.Equal(["""{"id":"3","text":"😀"}"""], tail.ActivitiesJson);
        Assert.Equal(3, tail.Watermark);

        var nothingNew = await t.ReadAsync("d1", 3);
        Assert.Empty(nothingNew.ActivitiesJson);
        Assert.Equal(3, nothingNew.Watermark);
    }

    [Fact]
    public async Task Transcript_read_honours_max_and_clamps_the_watermark()
    {
        var (store, _) = Fresh();
        var t = store.Transcripts;
        await t.AppendAsync("d1", Enumerable.Range(1, 5).Select(i => $"{{\"id\":\"{i}\"}}").ToArray(), Keep);

        var page = await t.ReadAsync("d1", 1, max: 2);
        Assert.Equal(["""{"id":"2"}""", """{"id":"3"}"""], page.ActivitiesJson);
        Assert.Equal(3, page.Watermark);

        var rest = await t.ReadAsync("d1", page.Watermark, max: 10);
        Assert.Equal(["""{"id":"4"}""", """{"id":"5"}"""], rest.ActivitiesJson);
        Assert.Equal(5, rest.Watermark);

        var none = await t.ReadAsync("d1", 2, max: 0);
        Assert.Empty(none.ActivitiesJson);
        Assert.Equal(2, none.Watermark);

        var pastEnd = await t.ReadAsync("d1", 42);
        Assert.Empty(pastEnd.ActivitiesJson);
        Assert.Equal(5, pastEnd.Watermark);

        var negative = await t.ReadAsync("d1", -3, max: 1);
        Assert.Equal(["""{"id":"1"}"""], negative.ActivitiesJson);
        Assert.Equal(1, negative.Watermark);
    }

    [Fact]
    public async Task Transcript_unknown_empty_append_and_expiry()
    {
        var (store, prefix) = Fresh();
        var t = store.Transcripts;
        var unknown = await t.ReadAsync("nobody", 0);
        Assert.Empty(unknown.ActivitiesJson);
        Assert.Equal(0, unknown.Watermark);
        Assert.Equal(0, await t.AppendAsync("d1", [], Keep));

        await t.AppendAsync("d1", ["a", "b"], Keep);
        Assert.Equal(2, await t.AppendAsync("d1", [], Keep));
        await ExpireAsync(store, prefix, "dl:d1");

        Assert.Empty((await t.ReadAsync("d1", 0)).ActivitiesJson);
        Assert.Equal(1, await t.AppendAsync("d1", ["c"], Keep));
        Assert.Equal(["c"], (await t.ReadAsync("d1", 0)).ActivitiesJson);
    }

    [Fact]
    public async Task Transcript_keeps_a_large_batch_in_order()
    {
        var (store, _) = Fresh();
        var items = Enumerable.Range(0, 1234).Select(i => i.ToString()).ToArray();
        Assert.Equal(1234, await store.Transcripts.AppendAsync("d1", items, Keep));
        var page = await store.Transcripts.ReadAsync("d1", 1000, max: 1000);
        Assert.Equal(items[1000..], page.ActivitiesJson);
        Assert.Equal(1234, page.Watermark);
    }

    [Fact]
    public async Task Once_the_first_claim_wins_until_it_expires()
    {
        var (store, prefix) = Fresh();
        Assert.True(await store.Once.TryClaimAsync("line:evt-1", Keep));
        Assert.False(await store.Once.TryClaimAsync("line:evt-1", Keep));
        Assert.False(await store.Once.TryClaimAsync("line:evt-1", Keep));
        Assert.True(await store.Once.TryClaimAsync("line:evt-2", Keep));

        await ExpireAsync(store, prefix, "once:line:evt-1");
        Assert.True(await store.Once.TryClaimAsync("line:evt-1", Keep));
        Assert.False(await store.Once.TryClaimAsync("line:evt-1", Keep));
    }

    [Fact]
    public async Task Once_concurrent_claims_have_exactly_one_winner()
    {
        var (store, _) = Fresh();
        var claims = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => store.Once.TryClaimAsync("k", Keep))));
        Assert.Single(claims, won => won);
    }

    [Fact]
    public async Task Stores_with_different_prefixes_do_not_see_each_other()
    {
        var a = Create(NewPrefix());
        var b = Create(NewPrefix());

        var leaseA = await a.Conversations.TryBeginAsync("same", Lease);
        Assert.NotNull(await b.Conversations.TryBeginAsync("same", Lease));
        await a.Conversations.CommitAsync(leaseA!, "\"a\"", Keep);
        Assert.Null((await b.Conversations.TryBeginAsync("other", Lease))!.StateJson);

        await a.Transcripts.AppendAsync("same", ["x"], Keep);
        Assert.Empty((await b.Transcripts.ReadAsync("same", 0)).ActivitiesJson);

        Assert.True(await a.Once.TryClaimAsync("same", Keep));
        Assert.True(await b.Once.TryClaimAsync("same", Keep));
    }

    [Fact]
    public async Task Two_hundred_concurrent_increments_from_two_stores_all_land()
    {
        var prefix = NewPrefix();
        var first = Create(prefix);
        var second = CreateSecond(first, prefix);
        var conflicts = 0;

        async Task IncrementAsync(IConversationStore store)
        {
            while (true)
            {
                var lease = await store.TryBeginAsync("counter", Lease);
                if (lease is null)
                {
                    await Task.Yield(); // busy: another turn holds the lease
                    continue;
                }
                var value = lease.StateJson is null ? 0 : int.Parse(lease.StateJson);
                if (await store.CommitAsync(lease, (value + 1).ToString(), Keep)) return;
                Interlocked.Increment(ref conflicts);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 200)
            .Select(i => Task.Run(() => IncrementAsync(i % 2 == 0 ? first.Conversations : second.Conversations))));

        var final = await first.Conversations.TryBeginAsync("counter", Lease);
        Assert.Equal("200", final!.StateJson);
        Assert.Equal(200, final.Version);
        Assert.Equal(0, conflicts); // leases never expired here, so the CAS never had to step in
    }

    [Fact]
    public async Task Record_log_reads_by_time_range_in_order_and_keeps_logs_apart()
    {
        var (store, _) = Fresh();
        var t0 = DateTimeOffset.Parse("2026-11-23T02:00:00+09:00");
        await store.Logs.AppendAsync("audit", t0.AddMinutes(2), "{\"n\":2}", TimeSpan.FromDays(30));
        await store.Logs.AppendAsync("audit", t0, "{\"n\":0}", TimeSpan.FromDays(30));
        await store.Logs.AppendAsync("audit", t0.AddMinutes(1), "{\"n\":1}", TimeSpan.FromDays(30));
        await store.Logs.AppendAsync("other", t0, "{\"other\":true}", TimeSpan.FromDays(30));

        Assert.Equal(["{\"n\":0}", "{\"n\":1}", "{\"n\":2}"], await store.Logs.ReadAsync("audit", t0, t0.AddMinutes(5)));
        Assert.Equal(["{\"n\":1}"], await store.Logs.ReadAsync("audit", t0.AddSeconds(30), t0.AddSeconds(90)));
        Assert.Empty(await store.Logs.ReadAsync("missing", t0, t0.AddDays(1)));
    }

    [Fact]
    public async Task Record_log_drops_records_older_than_the_retention_on_append()
    {
        var (store, _) = Fresh();
        var old = DateTimeOffset.Parse("2026-01-01T00:00:00+09:00");
        var recent = DateTimeOffset.Parse("2026-11-22T00:00:00+09:00");
        await store.Logs.AppendAsync("audit", old, "{\"old\":true}", TimeSpan.FromDays(30));
        await store.Logs.AppendAsync("audit", recent, "{\"recent\":true}", TimeSpan.FromDays(30));
        Assert.Equal(["{\"recent\":true}"], await store.Logs.ReadAsync("audit", old.AddDays(-1), recent.AddDays(1)));
    }

    [Fact]
    public async Task Roster_confirms_up_to_capacity_then_waitlists_and_knows_who_is_in()
    {
        var (store, _) = Fresh();
        Assert.Equal(new RosterJoin(RosterStatus.Confirmed, 0), await store.Rosters.JoinAsync("m1", "a", "{\"n\":\"a\"}", 2, Keep));
        Assert.Equal(new RosterJoin(RosterStatus.Confirmed, 0), await store.Rosters.JoinAsync("m1", "b", "{}", 2, Keep));
        Assert.Equal(new RosterJoin(RosterStatus.Waitlisted, 1), await store.Rosters.JoinAsync("m1", "c", "{}", 2, Keep));
        Assert.Equal(new RosterJoin(RosterStatus.Waitlisted, 2), await store.Rosters.JoinAsync("m1", "d", "{}", 2, Keep));
        Assert.Equal(new RosterJoin(RosterStatus.AlreadyConfirmed, 0), await store.Rosters.JoinAsync("m1", "a", "{}", 2, Keep));
        Assert.Equal(new RosterJoin(RosterStatus.AlreadyWaitlisted, 2), await store.Rosters.JoinAsync("m1", "d", "{}", 2, Keep));
        var (confirmed, waitlist) = await store.Rosters.ListAsync("m1");
        Assert.Equal(["a", "b"], confirmed.Select(c => c.Member));
        Assert.Equal("{\"n\":\"a\"}", confirmed[0].Record);
        Assert.Equal(["c", "d"], waitlist.Select(w => w.Member));
        Assert.Empty((await store.Rosters.ListAsync("other")).Confirmed);
    }

    [Fact]
    public async Task Roster_leaving_moves_the_first_waiting_person_up_and_leaving_the_waitlist_moves_nobody()
    {
        var (store, _) = Fresh();
        foreach (var m in new[] { "a", "b", "c", "d" }) await store.Rosters.JoinAsync("m2", m, $"{{\"m\":\"{m}\"}}", 2, Keep);
        Assert.Equal(new RosterLeave(true, null, null), await store.Rosters.LeaveAsync("m2", "d", 2));
        Assert.Equal(new RosterLeave(true, "c", "{\"m\":\"c\"}"), await store.Rosters.LeaveAsync("m2", "a", 2));
        Assert.Equal(new RosterLeave(false, null, null), await store.Rosters.LeaveAsync("m2", "a", 2));
        var (confirmed, waitlist) = await store.Rosters.ListAsync("m2");
        Assert.Equal(["b", "c"], confirmed.Select(c => c.Member));
        Assert.Empty(waitlist);
    }

    [Fact]
    public async Task Roster_two_hundred_concurrent_signups_for_twenty_places_from_two_stores()
    {
        var (first, prefix) = Fresh();
        var second = CreateSecond(first, prefix);
        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            (i % 2 == 0 ? first : second).Rosters.JoinAsync("m3", $"user-{i:000}", "{}", 20, Keep)));
        Assert.Equal(20, results.Count(r => r.Status == RosterStatus.Confirmed));
        Assert.Equal(180, results.Count(r => r.Status == RosterStatus.Waitlisted));
        Assert.Equal(Enumerable.Range(1, 180), results.Where(r => r.Status == RosterStatus.Waitlisted).Select(r => r.WaitlistPosition).Order());
        var (confirmed, waitlist) = await first.Rosters.ListAsync("m3");
        Assert.Equal(20, confirmed.Count);
        Assert.Equal(180, waitlist.Count);
        // The list order is the order the waiting list was joined in (each person's returned position).
        var positions = Enumerable.Range(0, 200).Where(i => results[i].Status == RosterStatus.Waitlisted).ToDictionary(i => $"user-{i:000}", i => results[i].WaitlistPosition);
        Assert.Equal(Enumerable.Range(1, 180), waitlist.Select(w => positions[w.Member]));
    }

    [Fact]
    public async Task Removing_records_takes_exactly_the_given_ones_from_that_log()
    {
        var (store, _) = Fresh();
        var eraser = (IRecordEraser)store.Logs;
        var t0 = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.FromHours(9));
        await store.Logs.AppendAsync("callbacks", t0, "{\"user\":\"U1\",\"name\":\"山田\"}", TimeSpan.FromDays(30));
        await store.Logs.AppendAsync("callbacks", t0.AddMinutes(1), "{\"user\":\"U2\"}", TimeSpan.FromDays(30));
        await store.Logs.AppendAsync("other", t0, "{\"user\":\"U1\",\"name\":\"山田\"}", TimeSpan.FromDays(30));

        Assert.Equal(1, await eraser.RemoveAsync("callbacks", ["{\"user\":\"U1\",\"name\":\"山田\"}", "{\"user\":\"U9\"}"]));
        Assert.Equal(["{\"user\":\"U2\"}"], await store.Logs.ReadAsync("callbacks", t0.AddDays(-1), t0.AddDays(1)));
        Assert.Single(await store.Logs.ReadAsync("other", t0.AddDays(-1), t0.AddDays(1)));
        Assert.Equal(0, await eraser.RemoveAsync("missing", ["{}"]));
        Assert.Equal(0, await eraser.RemoveAsync("callbacks", []));
    }
}
