using System.Globalization;

namespace SupportBot.Bench;

/// <summary>CPU time and memory of one process read from Linux /proc at one instant. Two
/// snapshots (start and end of the measured window) give the process's CPU %.</summary>
/// <param name="Ticks">utime + stime of the whole process, in clock ticks.</param>
/// <param name="MainThreadTicks">utime + stime of the thread whose id is the pid (Node's event
/// loop; for .NET mostly idle), or null.</param>
public sealed record ProcSnapshot(long Ticks, long? MainThreadTicks, int? Threads, long? VmRssKb, long? VmHwmKb)
{
    /// <summary>USER_HZ: the unit of /proc/PID/stat times; 100 on every Linux the bench runs on.</summary>
    public const double TicksPerSecond = 100;

    public static ProcSnapshot? Read(int pid)
    {
        try
        {
            var ticks = StatTicks(File.ReadAllText($"/proc/{pid}/stat"));
            long? main = null;
            try { main = StatTicks(File.ReadAllText($"/proc/{pid}/task/{pid}/stat")); } catch (IOException) { }
            var status = File.ReadAllLines($"/proc/{pid}/status");
            return new ProcSnapshot(ticks, main, (int?)StatusValue(status, "Threads"), StatusValue(status, "VmRSS"), StatusValue(status, "VmHWM"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    /// <summary>utime (field 14) + stime (field 15). The command name (field 2) may contain
    /// spaces and parentheses, so fields are counted from the last ')'.</summary>
    public static long StatTicks(string stat)
    {
        var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // rest[0] is field 3 (state), so field N is rest[N - 3].
        return long.Parse(rest[11], CultureInfo.InvariantCulture) + long.Parse(rest[12], CultureInfo.InvariantCulture);
    }

    /// <summary>A "Key:  1234 kB" (or plain number) line of /proc/PID/status.</summary>
    public static long? StatusValue(IEnumerable<string> lines, string key)
    {
        foreach (var line in lines)
        {
            if (!line.StartsWith(key + ":", StringComparison.Ordinal)) continue;
            var value = line[(key.Length + 1)..].Trim();
            var space = value.IndexOf(' ');
            if (space > 0) value = value[..space];
            return long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
        }
        return null;
    }
}

/// <summary>Machine-wide busy CPU ticks from the first line of /proc/stat, to tell how much CPU
/// other processes and the hypervisor (steal) took during the window on a shared machine.</summary>
public sealed record MachineSnapshot(long BusyTicks, long StealTicks)
{
    public static MachineSnapshot? Read()
    {
        try
        {
            using var reader = new StreamReader("/proc/stat");
            var cpu = reader.ReadLine()!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(x => long.Parse(x, CultureInfo.InvariantCulture)).ToArray();
            // user nice system idle iowait irq softirq steal ...
            var steal = cpu.Length > 7 ? cpu[7] : 0;
            return new MachineSnapshot(cpu[0] + cpu[1] + cpu[2] + cpu[5] + cpu[6] + steal, steal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or NullReferenceException)
        {
            return null;
        }
    }
}
