using System.Globalization;

namespace Appliance.Platform.Linux.Tests.Process;

/// <summary>What /proc says about this test process's children and descriptors.</summary>
internal static class ChildCensus
{
    /// <summary>Children of this process in state Z (zombies), from /proc/*/stat.</summary>
    public static int Zombies()
    {
        int me = Environment.ProcessId, count = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out _)) continue;
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(dir, "stat"));
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }
            // pid (comm) state ppid ...: comm may hold spaces and parentheses; split after the last ')'.
            int close = stat.LastIndexOf(')');
            var rest = stat[(close + 2)..].Split(' ');
            if (rest[0] == "Z" && int.Parse(rest[1], CultureInfo.InvariantCulture) == me) count++;
        }
        return count;
    }

    /// <summary>Whether a process exists (any state but reaped).</summary>
    public static bool Exists(int pid) => Directory.Exists($"/proc/{pid}");

    /// <summary>Open descriptors of this process.</summary>
    /// <summary>The process's pidfds: the one kind of descriptor the script runner opens per child.
    /// The whole table is no fair count: other tests' pipes close whenever the finalizer runs.</summary>
    public static int Descriptors()
    {
        int n = 0;
        foreach (var fd in Directory.GetFiles("/proc/self/fd"))
        {
            string? target;
            try
            {
                target = new FileInfo(fd).LinkTarget;
            }
            catch (IOException)
            {
                continue;
            }
            if (target is not null && target.Contains("pidfd", StringComparison.Ordinal)) n++;
        }
        return n;
    }
}
