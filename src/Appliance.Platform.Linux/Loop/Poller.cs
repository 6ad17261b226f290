using Appliance.Platform.Linux.Interop;
using static Appliance.Platform.Linux.Interop.Libc;

namespace Appliance.Platform.Linux.Loop;

/// <summary>
/// The loop's wait: poll(2) over the loop sources' descriptors with a millisecond timeout. poll
/// rather than epoll because the set is small and re-read every turn (a source may reopen its
/// descriptor), and because <c>struct epoll_event</c> is packed on x86_64 only (one less layout
/// to get wrong on ARM64). The pollfd array is pinned and grows only when the set does; waiting
/// allocates nothing.
/// </summary>
public sealed unsafe class Poller
{
    private PollFd[] _fds = GC.AllocateArray<PollFd>(8, pinned: true);
    private int _count;

    /// <summary>The number of slots polled.</summary>
    public int Count => _count;

    /// <summary>Makes the set exactly <paramref name="count"/> slots long, growing the pinned array
    /// when needed (registration); new slots start parked (-1).</summary>
    public void Resize(int count)
    {
        if (count > _fds.Length)
        {
            int size = _fds.Length;
            while (size < count) size *= 2;
            var bigger = GC.AllocateArray<PollFd>(size, pinned: true);
            _fds.AsSpan(0, _count).CopyTo(bigger);
            _fds = bigger;
        }
        for (int i = _count; i < count; i++) _fds[i] = new PollFd { fd = -1, events = POLLIN };
        _count = count;
    }

    /// <summary>Adds a descriptor to watch for readability; returns its slot.</summary>
    public int Add(int fd)
    {
        Resize(_count + 1);
        _fds[_count - 1].fd = fd;
        return _count - 1;
    }

    /// <summary>Points <paramref name="slot"/> at another descriptor (a reopened tty); -1 parks the slot (poll skips it).</summary>
    public void Set(int slot, int fd) => _fds[slot].fd = fd;

    /// <summary>Waits up to <paramref name="timeoutMs"/> (-1: forever). Returns the number of ready
    /// descriptors, 0 on timeout or EINTR.</summary>
    public int Wait(int timeoutMs)
    {
        for (int i = 0; i < _count; i++) _fds[i].revents = 0;
        fixed (PollFd* p = _fds)
        {
            int n = poll(p, (nuint)_count, timeoutMs);
            if (n < 0)
            {
                var e = Errno.Last;
                if (e.Value == Errno.EINTR) return 0;
                throw new PlatformException("poll", e);
            }
            return n;
        }
    }

    /// <summary>True when the descriptor in <paramref name="slot"/> reported an error or was closed under us.</summary>
    public bool HasError(int slot) => (_fds[slot].revents & (POLLERR | POLLNVAL)) != 0;

    /// <summary>True when the descriptor in <paramref name="slot"/> is readable (or in error, which a read reports).</summary>
    public bool IsReady(int slot) => (_fds[slot].revents & (POLLIN | POLLERR | POLLHUP)) != 0;
}
