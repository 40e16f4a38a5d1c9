using System.Net.Sockets;
using System.Text;

namespace SupportBot.Bench;

/// <summary>What a Redis server has processed: every command (those scripts call included) and the scripts run.</summary>
public readonly record struct RedisCounts(long Commands, long Scripts);

/// <summary>
/// How many commands a Redis server has processed (<c>INFO stats</c>: <c>total_commands_processed</c>, which
/// includes the commands scripts call) and how many scripts it ran (<c>INFO commandstats</c>: EVALSHA, EVAL),
/// read at the window's edges so a run can report both per turn. Plain RESP over a socket, so the generator needs
/// no Redis client.
/// </summary>
public static class RedisCommands
{
    /// <summary>The server's counts, or null when they cannot be read (the run still reports everything else).</summary>
    public static RedisCounts? Read(string hostPort, int timeoutMs = 2000)
    {
        try
        {
            var colon = hostPort.LastIndexOf(':');
            using var client = new TcpClient { ReceiveTimeout = timeoutMs, SendTimeout = timeoutMs };
            client.Connect(hostPort[..colon], int.Parse(hostPort[(colon + 1)..]));
            using var stream = client.GetStream();
            stream.Write("*3\r\n$4\r\nINFO\r\n$5\r\nstats\r\n$12\r\ncommandstats\r\n"u8);
            var info = ReadBulk(stream);
            return ParseTotal(info) is long total ? new RedisCounts(total, ParseCalls(info, "evalsha") + ParseCalls(info, "eval")) : null;
        }
        catch (Exception e) when (e is SocketException or IOException or FormatException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The <c>total_commands_processed</c> field of an INFO reply, or null.</summary>
    public static long? ParseTotal(string info)
    {
        foreach (var line in info.Split('\n'))
        {
            const string key = "total_commands_processed:";
            if (line.StartsWith(key, StringComparison.Ordinal) && long.TryParse(line.AsSpan(key.Length).TrimEnd('\r'), out var n)) return n;
        }
        return null;
    }

    /// <summary>The <c>calls=</c> of one command in an INFO commandstats reply (0 when it never ran).</summary>
    public static long ParseCalls(string info, string command)
    {
        var key = "cmdstat_" + command + ":calls=";
        foreach (var line in info.Split('\n'))
        {
            if (!line.StartsWith(key, StringComparison.Ordinal)) continue;
            var value = line.AsSpan(key.Length);
            var comma = value.IndexOf(',');
            if (long.TryParse(comma < 0 ? value.TrimEnd('\r') : value[..comma], out var n)) return n;
        }
        return 0;
    }

    /// <summary>Reads one RESP bulk string ($length CRLF bytes CRLF).</summary>
    private static string ReadBulk(Stream stream)
    {
        var header = new StringBuilder();
        for (int b; (b = stream.ReadByte()) != '\n';)
        {
            if (b < 0) throw new IOException("connection closed");
            header.Append((char)b);
        }
        var head = header.ToString().TrimEnd('\r');
        if (head.Length == 0 || head[0] != '$') throw new FormatException($"not a bulk reply: {head}");
        var length = int.Parse(head.AsSpan(1));
        var body = new byte[length + 2];
        stream.ReadExactly(body);
        return Encoding.UTF8.GetString(body, 0, length);
    }
}
