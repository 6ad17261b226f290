using System.Globalization;
using Appliance.Testing.Lab;

namespace Appliance.Integration.Tests.Loop;

/// <summary>What the loop tests read about a running daemon: /proc figures and status-file lines.</summary>
internal static class LoopLab
{
    /// <summary>Open descriptors of <paramref name="pid"/>.</summary>
    public static int OpenFds(int pid) => Directory.GetFiles($"/proc/{pid}/fd").Length;

    /// <summary>Resident set size of <paramref name="pid"/> in kB.</summary>
    public static long RssKb(int pid)
    {
        foreach (var line in File.ReadAllLines($"/proc/{pid}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return -1;
    }

    /// <summary>A numeric field on the first status line that starts with <paramref name="prefix"/>.</summary>
    public static long? LineValue(this DaemonProcess d, string prefix, string key)
    {
        foreach (var line in d.StatusLines())
        {
            if (!line.StartsWith(prefix, StringComparison.Ordinal)) continue;
            var parts = line.Split(' ');
            for (int i = 0; i + 1 < parts.Length; i++)
                if (parts[i] == key && long.TryParse(parts[i + 1], CultureInfo.InvariantCulture, out long v)) return v;
        }
        return null;
    }

    /// <summary>The daemon's own pid, from its status file (the lab starts it through <c>ip netns exec</c>).</summary>
    public static int DaemonPid(this DaemonProcess d) => (int)(d.Value("pid") ?? throw new InvalidOperationException("no pid in the status file"));

    /// <summary>True when an interface named <paramref name="name"/> exists in <paramref name="ns"/>.</summary>
    public static bool HasLink(this NetNs ns, string name) => Shell.TryRun("ip", "-n", ns.Name, "link", "show", "dev", name).Code == 0;

    /// <summary>The 1-based line of the first line of <paramref name="path"/> containing <paramref name="text"/>.</summary>
    public static int LineOf(string path, string text) => Array.FindIndex(File.ReadAllLines(path), l => l.Contains(text, StringComparison.Ordinal)) + 1;
}
