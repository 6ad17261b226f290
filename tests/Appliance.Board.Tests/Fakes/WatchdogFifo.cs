using System.Diagnostics;
using Appliance.Platform.Linux.Interop;

namespace Appliance.Board.Tests.Fakes;

/// <summary>
/// A FIFO standing in for /dev/watchdog: the test holds the read end (non-blocking, opened first so
/// the watchdog's blocking open for writing returns at once) and records what the watchdog wrote:
/// NUL bytes are keepalives, 'V' the magic close, end-of-file the close itself.
/// </summary>
public sealed unsafe class WatchdogFifo : IDisposable
{
    private readonly FileDescriptor _reader;

    public WatchdogFifo()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ap" + Guid.NewGuid().ToString("N")[..6] + "-watchdog");
        using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [Path]) { UseShellExecute = false })!)
        {
            mkfifo.WaitForExit();
            if (mkfifo.ExitCode != 0) throw new InvalidOperationException("mkfifo failed");
        }
        int fd = Libc.open(Path, Libc.O_RDONLY | Libc.O_NONBLOCK | Libc.O_CLOEXEC, 0);
        if (fd < 0) throw new InvalidOperationException($"open {Path}: {Errno.Last}");
        _reader = new FileDescriptor(fd);
    }

    public string Path { get; }
    public int Keepalives { get; private set; }
    public int MagicCloses { get; private set; }
    public bool Closed { get; private set; }
    public bool WriterSeen { get; private set; }

    /// <summary>Reads whatever arrived; call before looking at the counters.</summary>
    public WatchdogFifo Drain()
    {
        byte* buf = stackalloc byte[256];
        while (true)
        {
            nint n = Libc.read(_reader.Fd, buf, 256);
            if (n > 0)
            {
                WriterSeen = true;
                for (int i = 0; i < n; i++)
                {
                    if (buf[i] == 0) Keepalives++;
                    else if (buf[i] == (byte)'V') MagicCloses++;
                }
                continue;
            }
            // read() gives 0 only once a writer has come and gone; before that it is EAGAIN too.
            if (n == 0 && WriterSeen) Closed = true;
            return this;
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        File.Delete(Path);
    }
}
