using Appliance.Platform.Linux.Interop;
using static Appliance.Platform.Linux.Interop.Libc;

namespace Appliance.Platform.Linux.Process;

/// <summary>
/// A child we started, leader of its own process group, with a pidfd the loop polls: it becomes
/// readable when the child exits, and <see cref="TryReap"/> then collects it with waitid(P_PIDFD),
/// so no zombie stays behind and no thread waits. Disposing closes the pidfd; a child still
/// running is killed and reaped first, so dropping one can never leave a zombie.
/// </summary>
public sealed unsafe class ChildProcess : IDisposable
{
    private readonly FileDescriptor _pidfd;
    private bool _reaped;

    internal ChildProcess(int pid, int pidfd)
    {
        Pid = pid;
        _pidfd = new FileDescriptor(pidfd);
    }

    /// <summary>The child's pid, which is also its process group id.</summary>
    public int Pid { get; }

    /// <summary>The descriptor to poll: readable once the child has exited.</summary>
    public int PollFd => _pidfd.Fd;

    /// <summary>True once <see cref="TryReap"/> collected the exit status.</summary>
    public bool Reaped => _reaped;

    /// <summary>Collects the exit status if the child has exited (never blocks). False while it
    /// runs; on an unexpected waitid error the error is returned as a signal-less failure.</summary>
    public bool TryReap(out ChildExit exit)
    {
        exit = default;
        if (_reaped) return false;
        SigInfo info = default;
        if (waitid(P_PIDFD, (uint)_pidfd.Fd, &info, WEXITED | WNOHANG) != 0)
        {
            // ECHILD: someone else reaped it (should not happen: only we wait on our children).
            _reaped = true;
            exit = new ChildExit(false, 0, 0);
            return true;
        }
        if (info.si_pid == 0) return false;
        _reaped = true;
        exit = info.si_code == CLD_EXITED ? new ChildExit(true, info.si_status, 0) : new ChildExit(false, 0, info.si_status);
        return true;
    }

    /// <summary>SIGKILL to the child's whole process group (a shell script's own children too).</summary>
    public void KillGroup()
    {
        if (_reaped) return;
        kill(-Pid, SIGKILL);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_reaped)
        {
            KillGroup();
            SigInfo info = default;
            waitid(P_PIDFD, (uint)_pidfd.Fd, &info, WEXITED); // blocks only until the kill lands
            _reaped = true;
        }
        _pidfd.Dispose();
    }
}
