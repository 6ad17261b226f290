using System.Runtime.InteropServices;
using Appliance.Platform.Linux.Interop;
using static Appliance.Platform.Linux.Interop.Libc;

namespace Appliance.Platform.Linux.Signals;

/// <summary>The signals the daemon acts on.</summary>
[Flags]
public enum DaemonSignal
{
    /// <summary>None pending.</summary>
    None = 0,

    /// <summary>SIGTERM or SIGINT: shut down gracefully (priority 0, VIPs removed).</summary>
    Terminate = 1,

    /// <summary>SIGHUP: reload the configuration.</summary>
    Reload = 2,

    /// <summary>SIGUSR1: write the status file now, and keepalived's data dump (keepalived.data).</summary>
    DumpStatus = 4,

    /// <summary>SIGUSR2: keepalived's statistics dump (keepalived.stats).</summary>
    DumpStats = 8,

    /// <summary>SIGRTMIN+2 (keepalived's SIGJSON, `keepalived --signum=JSON`): keepalived.json.</summary>
    DumpJson = 16,
}

/// <summary>
/// Turns SIGTERM/SIGINT/SIGHUP/SIGUSR1/SIGUSR2/SIGRTMIN+2 into a readable eventfd for the loop's poll set. A
/// signalfd would need the signals blocked in every thread, and the runtime's own threads
/// are not ours to mask; PosixSignalRegistration runs the handler on a runtime thread, which
/// only records the signal and wakes the loop (the self-pipe pattern, with an eventfd).
/// </summary>
public sealed unsafe class SignalEvents : IDisposable
{
    private const int Sigusr1 = 10;
    private const int Sigusr2 = 12;
    private readonly FileDescriptor _fd;
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _pending;

    /// <summary>Registers the handlers.</summary>
    public SignalEvents()
    {
        int fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        if (fd < 0) throw new PlatformException("eventfd", Errno.Last);
        _fd = new FileDescriptor(fd);
        Register(PosixSignal.SIGTERM, DaemonSignal.Terminate);
        Register(PosixSignal.SIGINT, DaemonSignal.Terminate);
        Register(PosixSignal.SIGHUP, DaemonSignal.Reload);
        // Raw signal numbers are accepted on Unix; SIGUSR1 is 10 on x86_64 and aarch64 alike.
        Register((PosixSignal)Sigusr1, DaemonSignal.DumpStatus);
        Register((PosixSignal)Sigusr2, DaemonSignal.DumpStats);
        Register((PosixSignal)JsonSignal, DaemonSignal.DumpJson);
    }

    /// <summary>keepalived's SIGJSON, SIGRTMIN + 2: 36 with glibc (its SIGRTMIN is 34), the number
    /// `keepalived --signum=JSON` prints on Debian. Asked of the C library, whose SIGRTMIN it is.</summary>
    public static int JsonSignal => __libc_current_sigrtmin() + 2;

    /// <summary>The descriptor to poll for readability.</summary>
    public int Fd => _fd.Fd;

    /// <summary>Takes and clears the pending signals (and drains the eventfd).</summary>
    public DaemonSignal Take()
    {
        ulong v;
        read(_fd.Fd, (byte*)&v, 8);
        return (DaemonSignal)Interlocked.Exchange(ref _pending, 0);
    }

    /// <summary>Marks a signal pending as if it had arrived (tests, and the loop's own shutdown path).</summary>
    public void Raise(DaemonSignal s)
    {
        int old, next;
        do
        {
            old = Volatile.Read(ref _pending);
            next = old | (int)s;
        }
        while (Interlocked.CompareExchange(ref _pending, next, old) != old);
        ulong one = 1;
        write(_fd.Fd, (byte*)&one, 8);
    }

    private void Register(PosixSignal signal, DaemonSignal as_)
    {
        _registrations.Add(PosixSignalRegistration.Create(signal, ctx =>
        {
            // Cancel the runtime's default action (terminating the process): the loop decides.
            ctx.Cancel = true;
            Raise(as_);
        }));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var r in _registrations) r.Dispose();
        _fd.Dispose();
    }
}
