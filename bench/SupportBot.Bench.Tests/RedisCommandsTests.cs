using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace SupportBot.Bench.Tests;

/// <summary>Commands per turn come from the server's own count, read over RESP at the window's edges.</summary>
public sealed class RedisCommandsTests
{
    const string Info = "# Stats\r\ntotal_connections_received:3\r\ntotal_commands_processed:12345\r\ninstantaneous_ops_per_sec:7\r\n\r\n"
        + "# Commandstats\r\ncmdstat_get:calls=900,usec=1,usec_per_call=0.1\r\ncmdstat_evalsha:calls=400,usec=9,usec_per_call=0.2\r\ncmdstat_eval:calls=2,usec=1,usec_per_call=0.5\r\n";

    [Fact]
    public void Reads_the_total_from_an_info_reply()
    {
        Assert.Equal(12345, RedisCommands.ParseTotal(Info));
        Assert.Equal(400, RedisCommands.ParseCalls(Info, "evalsha"));
        Assert.Equal(2, RedisCommands.ParseCalls(Info, "eval"));
        Assert.Equal(0, RedisCommands.ParseCalls(Info, "hset"));
        Assert.Null(RedisCommands.ParseTotal("# Stats\r\ntotal_connections_received:3\r\n"));
    }

    [Fact]
    public async Task Asks_a_server_over_resp()
    {
        // A stand-in that answers INFO stats with a bulk string, as redis-server does.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var asked = new StringBuilder();
        var server = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            using var stream = client.GetStream();
            var buffer = new byte[256];
            while (!asked.ToString().EndsWith("commandstats\r\n", StringComparison.Ordinal))
            {
                var n = await stream.ReadAsync(buffer);
                if (n == 0) break;
                asked.Append(Encoding.ASCII.GetString(buffer, 0, n));
            }
            var body = Encoding.UTF8.GetBytes(Info);
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"${body.Length}\r\n"));
            await stream.WriteAsync(body);
            await stream.WriteAsync("\r\n"u8.ToArray());
        });
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        Assert.Equal(new RedisCounts(12345, 402), RedisCommands.Read($"127.0.0.1:{port}"));
        await server;
        Assert.Equal("*3\r\n$4\r\nINFO\r\n$5\r\nstats\r\n$12\r\ncommandstats\r\n", asked.ToString());
    }

    [Fact]
    public void A_server_that_is_not_there_gives_no_count()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Assert.Null(RedisCommands.Read($"127.0.0.1:{port}", timeoutMs: 500));
    }

    [Fact]
    public void The_report_gives_commands_per_turn_cpu_per_turn_and_conversations_per_second()
    {
        var start = new WindowEdge(0, TimeSpan.Zero, TimeSpan.Zero, null, [], null, new RedisCounts(1000, 300));
        var end = new WindowEdge(System.Diagnostics.Stopwatch.Frequency * 10, TimeSpan.Zero, TimeSpan.Zero, null, [], null, new RedisCounts(1500, 700));
        var result = new RunResult(DateTimeOffset.UnixEpoch, 10, Turns: 200, OkTurns: 200, Errors: 0, new Dictionary<string, long>(),
            ConversationsCompleted: 40, WarmupTurns: 0, WarmupErrors: 0, LateTurns: 0, [1.0, 2.0], start, end);
        var json = Report.ToJson(new BenchOptions { RedisInfo = "127.0.0.1:6400" }, new Script("s", null, [[new("a", [])]]), result);

        Assert.Equal(500, json["redis"]!["commands"]!.GetValue<long>());
        Assert.Equal(2.5, json["redis"]!["commands_per_turn"]!.GetValue<double>());
        Assert.Equal(4.0, json["conversations_per_sec"]!.GetValue<double>());
        Assert.Equal(2.0, json["redis"]!["scripts_per_turn"]!.GetValue<double>());
        Assert.Contains("500 commands (2.5 per turn", Report.Summary(json));
        Assert.Contains("400 scripts (2 per turn)", Report.Summary(json));

        var unread = Report.ToJson(new BenchOptions { RedisInfo = "127.0.0.1:6400" }, new Script("s", null, [[new("a", [])]]),
            result with { WindowEnd = end with { Redis = null } });
        Assert.NotNull(unread["redis"]!["error"]);
    }
}
