namespace SupportBot.Bench.Tests;

public class ScriptAndOptionsTests
{
    [Fact]
    public void Script_reads_the_peer_loadgen_format()
    {
        var script = Script.Parse("""
            {"name":"s","conversations":[
              [{"text":"a","expect":"x"},{"text":"b","expect":["y","z"]},{"text":"c","expect":null},{"text":"d"}],
              [{"text":"e"}]]}
            """, "fallback");
        Assert.Equal("s", script.Name);
        Assert.Equal(5, script.TurnCount);
        Assert.Equal(["x"], script.Conversations[0][0].Expect);
        Assert.Equal(["y", "z"], script.Conversations[0][1].Expect);
        Assert.Empty(script.Conversations[0][2].Expect);
        Assert.Empty(script.Conversations[0][3].Expect);
    }

    [Theory]
    [InlineData("""{"conversations":[]}""")]
    [InlineData("""{"conversations":[[]]}""")]
    [InlineData("""{"conversations":[[{"expect":"x"}]]}""")]
    [InlineData("""{"conversations":[[{"text":"a","expect":3}]]}""")]
    public void Malformed_scripts_are_usage_errors(string json) =>
        Assert.Throws<UsageException>(() => Script.Parse(json, "bad"));

    [Theory]
    [InlineData("booking", 5)]
    [InlineData("faq", 4)]
    public void The_peer_scripts_in_bench_scripts_load_by_name(string name, int turns) =>
        Assert.Equal(turns, Script.Load(name).TurnCount);

    [Fact]
    public void Options_have_the_peer_defaults_except_the_port()
    {
        var o = BenchOptions.Parse([]);
        Assert.Equal("http://127.0.0.1:3978/api/messages", o.Url.ToString());
        Assert.Equal((1, "booking", 15.0, 3.0, "directline", "http://127.0.0.1:1", true),
            (o.Conversations, o.Script, o.DurationSeconds, o.WarmupSeconds, o.ChannelId, o.ServiceUrl, o.CheckText));
    }

    [Fact]
    public void Options_parse_both_spellings()
    {
        var o = BenchOptions.Parse(["--conversations=64", "--script", "faq", "--turns", "7", "--no-check-text",
            "--target-pid", "42", "--watch-pid", "5", "--watch-pid=6", "--channel-id", "emulator", "--redis-info", "127.0.0.1:6400"]);
        Assert.Equal((64, "faq", 7, false, 42, "emulator"), (o.Conversations, o.Script, o.Turns, o.CheckText, o.TargetPid, o.ChannelId));
        Assert.Equal("127.0.0.1:6400", o.RedisInfo);
        Assert.Equal([5, 6], o.WatchPids);
    }

    [Theory]
    [InlineData("--conversations", "0")]
    [InlineData("--duration", "abc")]
    [InlineData("--url", "http://example.com/api/messages")]
    [InlineData("--url", "https://127.0.0.1/api/messages")]
    [InlineData("--bogus", "1")]
    [InlineData("--redis-info", "6400")]
    [InlineData("--redis-info", "127.0.0.1:0")]
    public void Bad_options_are_usage_errors(string name, string value) =>
        Assert.Throws<UsageException>(() => BenchOptions.Parse([name, value]));

    [Fact]
    public void Duration_and_turns_exclude_each_other() =>
        Assert.Throws<UsageException>(() => BenchOptions.Parse(["--duration", "5", "--turns", "5"]));

    [Fact]
    public void Percentiles_are_nearest_rank()
    {
        var xs = Enumerable.Range(1, 100).Select(i => (double)i).ToArray();
        Assert.Equal((50.0, 90.0, 99.0), (Report.Percentile(xs, 0.5)!.Value, Report.Percentile(xs, 0.9)!.Value, Report.Percentile(xs, 0.99)!.Value));
        Assert.Equal(7.0, Report.Percentile([7.0], 0.99));
        Assert.Null(Report.Percentile([], 0.5));
    }

    [Fact]
    public void Proc_stat_fields_are_counted_after_the_command_name()
    {
        // The command name may contain spaces and ')' (field 2); utime/stime are fields 14/15.
        var stat = "123 (a b) c) S 1 123 123 0 -1 4194304 100 0 0 0 250 75 0 0 20 0 7 0 100 0 0";
        Assert.Equal(325, ProcSnapshot.StatTicks(stat));
        Assert.Equal(2048, ProcSnapshot.StatusValue(["Name:\tnode", "VmHWM:\t    2048 kB", "Threads:\t7"], "VmHWM"));
        Assert.Equal(7, ProcSnapshot.StatusValue(["Threads:\t7"], "Threads"));
    }
}

public class ScriptRoundTripTests
{
    [Fact]
    public void A_printed_script_parses_back_to_the_same_turns()
    {
        var original = Script.Load("booking");
        var again = Script.Parse(original.ToJson().ToJsonString(), "x");
        Assert.Equal(original.Name, again.Name);
        Assert.Equal(original.Conversations.SelectMany(c => c).Select(t => (t.Text, string.Join("|", t.Expect))),
            again.Conversations.SelectMany(c => c).Select(t => (t.Text, string.Join("|", t.Expect))));
    }
}
