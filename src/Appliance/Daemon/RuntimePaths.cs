using Appliance.Platform.Linux.Files;

namespace Appliance.Daemon;

/// <summary>
/// Default pid and status file paths that cannot clash between daemons in different network
/// namespaces on one host: named after the namespace's inode, under /run/appliance (or the
/// temporary directory when /run is not writable).
/// </summary>
internal static class RuntimePaths
{
    public static string DefaultDirectory()
    {
        const string run = "/run/appliance";
        try
        {
            Directory.CreateDirectory(run);
            return run;
        }
        catch (UnauthorizedAccessException)
        {
            return Path.Combine(Path.GetTempPath(), "appliance");
        }
        catch (IOException)
        {
            return Path.Combine(Path.GetTempPath(), "appliance");
        }
    }

    public static string Tag()
    {
        ulong inode = NetworkNamespace.CurrentInode();
        return inode != 0 ? $"netns-{inode}" : $"pid-{Environment.ProcessId}";
    }

    public static string DefaultPidFile() => Path.Combine(DefaultDirectory(), $"appliance-{Tag()}.pid");

    public static string DefaultStatusFile() => Path.Combine(DefaultDirectory(), $"appliance-{Tag()}.status");
}
