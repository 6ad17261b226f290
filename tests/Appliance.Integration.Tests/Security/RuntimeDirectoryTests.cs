using Appliance.Host;
using System.Runtime.Versioning;
using Appliance.Daemon;

namespace Appliance.Integration.Tests.Security;

/// <summary>
/// Threat: a runtime directory another user controls (a planted symlink, a world-writable
/// directory, or the old fallback to /tmp) lets them redirect or read the daemon's pid and status files.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class RuntimeDirectoryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("apsec-run-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Missing_runtime_directory_is_created_0755()
    {
        string run = Path.Combine(_dir, "appliance");
        Assert.Equal(run, RuntimePaths.EnsureDirectory(run));
        Assert.Equal((UnixFileMode)0x1ED, File.GetUnixFileMode(run) & (UnixFileMode)0x1FF);
    }

    [Fact]
    public void Symlink_as_runtime_directory_is_refused_with_a_sentence()
    {
        string target = Directory.CreateDirectory(Path.Combine(_dir, "elsewhere")).FullName;
        string run = Path.Combine(_dir, "appliance");
        File.CreateSymbolicLink(run, target);
        var e = Assert.Throws<DaemonStartupException>(() => RuntimePaths.EnsureDirectory(run));
        Assert.Equal($"the runtime directory {run} is a symbolic link; remove it and start again", e.Message);
    }

    [Fact]
    public void World_writable_runtime_directory_is_refused_with_the_fix()
    {
        string run = Directory.CreateDirectory(Path.Combine(_dir, "appliance")).FullName;
        File.SetUnixFileMode(run, (UnixFileMode)0x1FF);
        var e = Assert.Throws<DaemonStartupException>(() => RuntimePaths.EnsureDirectory(run));
        Assert.Equal($"the runtime directory {run} is writable by others (mode 0777); chmod 755 {run}, or remove it and start again", e.Message);
    }

    [Fact]
    public void Uncreatable_runtime_directory_is_a_sentence_not_a_fallback_to_tmp()
    {
        // /proc refuses new directories even to root.
        var e = Assert.Throws<DaemonStartupException>(() => RuntimePaths.EnsureDirectory("/proc/appliance-test"));
        Assert.StartsWith("cannot create the runtime directory /proc/appliance-test", e.Message);
        Assert.Contains("-p PIDFILE", e.Message);
        Assert.DoesNotContain("/tmp", e.Message);
    }
}
