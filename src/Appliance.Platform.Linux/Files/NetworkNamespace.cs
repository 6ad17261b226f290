namespace Appliance.Platform.Linux.Files;

/// <summary>
/// Identifies the network namespace we run in, so files that must not clash between daemons in
/// different namespaces on one host (pid file, status file) get distinct default names.
/// </summary>
public static class NetworkNamespace
{
    /// <summary>The inode of /proc/self/ns/net (the link reads <c>net:[4026531840]</c>), or 0 when unreadable.</summary>
    public static ulong CurrentInode()
    {
        try
        {
            string? target = new FileInfo("/proc/self/ns/net").LinkTarget;
            if (target is null) return 0;
            int open = target.IndexOf('['), close = target.IndexOf(']');
            return open >= 0 && close > open && ulong.TryParse(target.AsSpan(open + 1, close - open - 1), out ulong inode) ? inode : 0;
        }
        catch (IOException)
        {
            return 0;
        }
        catch (UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
