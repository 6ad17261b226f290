using System.Runtime.Versioning;
using System.Text;
using Appliance.Platform.Linux.Files;
using Appliance.Platform.Linux.Notify;

namespace Appliance.Platform.Linux.Tests.Security;

/// <summary>
/// Threat: a local user who can create names in the runtime directory plants a symlink or a
/// regular file where the daemon writes, so that root's next write lands in a file of their choosing.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class RuntimeFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("apsec-files-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Symlink_planted_at_the_status_temp_path_is_not_followed()
    {
        string victim = Path.Combine(_dir, "victim");
        File.WriteAllText(victim, "precious\n");
        string status = Path.Combine(_dir, "appliance.status");
        string temporary = status + ".tmp";
        File.CreateSymbolicLink(temporary, victim);

        var e = AtomicFile.Write(status, temporary, "pid 1\n"u8);

        Assert.Equal(0, e.Value);
        Assert.Equal("precious\n", File.ReadAllText(victim));
        Assert.Equal("pid 1\n", File.ReadAllText(status));
        Assert.Equal(FileKind.Regular, Kind(status));
        Assert.False(File.Exists(temporary) || Directory.Exists(temporary), "no temporary file is left behind");
    }

    [Fact]
    public void Status_file_is_created_0644_and_a_private_file_0600()
    {
        string status = Path.Combine(_dir, "s");
        Assert.Equal(0, AtomicFile.Write(status, status + ".tmp", "x\n"u8).Value);
        Assert.Equal((UnixFileMode)0x1A4, File.GetUnixFileMode(status));
        string secret = Path.Combine(_dir, "k");
        Assert.Equal(0, AtomicFile.Write(secret, secret + ".tmp", "x\n"u8, AtomicFile.PrivateMode).Value);
        Assert.Equal((UnixFileMode)0x180, File.GetUnixFileMode(secret));
    }

    [Fact]
    public void Status_file_write_allocates_nothing_after_warm_up()
    {
        string status = Path.Combine(_dir, "s");
        string temporary = status + ".tmp";
        byte[] content = Encoding.ASCII.GetBytes("pid 1\nloop_turns 12345\n");
        for (int i = 0; i < 20; i++) AtomicFile.Write(status, temporary, content);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 2_000; i++) AtomicFile.Write(status, temporary, content);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Stale_temp_file_from_a_crash_is_replaced_not_appended_to()
    {
        string status = Path.Combine(_dir, "s");
        File.WriteAllText(status + ".tmp", "old content that is longer than the new\n");
        Assert.Equal(0, AtomicFile.Write(status, status + ".tmp", "new\n"u8).Value);
        Assert.Equal("new\n", File.ReadAllText(status));
    }

    [Fact]
    public void Regular_file_at_the_notify_fifo_path_is_refused_and_left_untouched()
    {
        string path = Path.Combine(_dir, "notify.fifo");
        File.WriteAllText(path, "not a pipe\n");
        using var fifo = new NotifyFifo(path);

        Assert.False(fifo.TryOpen());
        Assert.False(fifo.TryWrite(Encoding.ASCII.GetBytes("INSTANCE \"VI_1\" MASTER 100\n")));

        Assert.Equal($"the notify FIFO path {path} exists and is a regular file, not a FIFO; not opened. Remove it (the daemon then creates the FIFO) or set vrrp_notify_fifo to another path", fifo.LastError);
        Assert.Equal("not a pipe\n", File.ReadAllText(path));
    }

    [Fact]
    public void Symlink_at_the_notify_fifo_path_is_refused_even_when_it_points_at_a_fifo()
    {
        string real = Path.Combine(_dir, "real.fifo");
        using (var r = new NotifyFifo(real)) Assert.True(r.TryOpen(), r.LastError);
        string path = Path.Combine(_dir, "notify.fifo");
        File.CreateSymbolicLink(path, real);
        using var fifo = new NotifyFifo(path);

        Assert.False(fifo.TryOpen());
        Assert.Contains("is a symbolic link, not a FIFO", fifo.LastError);
    }

    [Fact]
    public void Missing_fifo_is_created_as_a_fifo_0600()
    {
        string path = Path.Combine(_dir, "new.fifo");
        using var fifo = new NotifyFifo(path);
        Assert.True(fifo.TryOpen(), fifo.LastError);
        Assert.Equal(0, FileStatus.TryGet(path, followLinks: false, out var s).Value);
        Assert.Equal(FileKind.Fifo, s.Kind);
        Assert.Equal(0x180u, s.Mode & 0x1FF);
    }

    private static FileKind Kind(string path)
    {
        Assert.Equal(0, FileStatus.TryGet(path, followLinks: false, out var s).Value);
        return s.Kind;
    }
}
