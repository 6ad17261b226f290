using Appliance.Daemon;
using Appliance.Testing.Lab;

namespace Appliance.Integration.Tests.Operations;

/// <summary>Runs the operator verbs (<c>why</c>, <c>trace</c>) inside a lab router's namespace, as
/// an operator on that router would, and cleans up the flight recorder files the daemons left in
/// /run/appliance (named after each namespace's inode, so they never clash).</summary>
internal static class OpsLab
{
    /// <summary>Runs <c>appliance why ARGS</c> in <paramref name="ns"/>: its output, or on a
    /// non-zero exit a line saying so with its error output (so a poll goes on and shows it).</summary>
    public static string Why(NetNs ns, params string[] args)
    {
        var cmd = DaemonBinary.Command;
        var (code, stdout, stderr) = ns.Exec(cmd[0], [.. cmd[1..], "status", "--why", .. args]);
        return code == 0 ? stdout : $"appliance why exited {code}: {stderr}\n{stdout}";
    }

    /// <summary>The default flight recorder file of the daemon in <paramref name="ns"/>.</summary>
    /// (Read from the namespace's bind mount: a test thread that entered the namespace still sees
    /// the process's own namespace under /proc/self.)
    public static string RecorderFile(NetNs ns) =>
        Path.Combine(RuntimePaths.Directory, $"appliance-netns-{Shell.Run("stat", ["-L", "-c", "%i", $"/run/netns/{ns.Name}"]).Trim()}.flight");

    /// <summary>Deletes the routers' default flight recorder files (call before the namespaces go).</summary>
    public static void DeleteRecorders(BridgeLab lab)
    {
        foreach (var r in lab.Routers)
        {
            string path = RecorderFile(r);
            if (File.Exists(path)) File.Delete(path);
        }
    }

    /// <summary>The lines of <paramref name="why"/> in order (newest first).</summary>
    public static string[] Lines(string why) => why.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
