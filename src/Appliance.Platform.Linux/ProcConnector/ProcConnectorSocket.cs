using Appliance.Platform.Linux.Interop;
using static Appliance.Platform.Linux.Interop.Libc;

namespace Appliance.Platform.Linux.ProcConnector;

/// <summary>
/// A NETLINK_CONNECTOR socket subscribed to CN_IDX_PROC, the kernel's process events (fork,
/// exec, comm, exit) for the whole host.
/// Where it must live: the kernel's connector socket exists only in the initial network
/// namespace, so from any other one the PROC_CN_MCAST_LISTEN request is refused (ECONNREFUSED,
/// seen in the lab) and nothing arrives. A daemon started inside a namespace (ip netns exec)
/// therefore opens the socket in the initial namespace: it tries its own, then /proc/1/ns/net,
/// then the namespaces of its ancestors, entering each with setns on a short-lived thread (a
/// socket keeps the namespace it was made in). This needs CAP_SYS_ADMIN, as running VRRP does
/// anyway. The kernel also ignores LISTEN from outside the initial pid and user namespaces, so
/// in a container with its own pid namespace no events come (the start-up scan still counts).
/// </summary>
public sealed unsafe class ProcConnectorSocket : IDisposable
{
    private readonly FileDescriptor _fd;
    private readonly byte[] _buffer = GC.AllocateArray<byte>(16 * 1024, pinned: true);

    private ProcConnectorSocket(FileDescriptor fd, string where)
    {
        _fd = fd;
        Where = where;
    }

    /// <summary>The descriptor to poll.</summary>
    public int Fd => _fd.Fd;

    /// <summary>Which network namespace the socket was made in ("own", or the path entered).</summary>
    public string Where { get; }

    /// <summary>Datagrams not sent by the kernel (nl_pid != 0), dropped.</summary>
    public long NotFromKernel { get; private set; }

    /// <summary>Opens and subscribes; throws <see cref="PlatformException"/> with the last failure.</summary>
    public static ProcConnectorSocket Open()
    {
        var fd = Subscribe(out var error);
        if (fd is not null) return new ProcConnectorSocket(fd, "own");
        if (error.Value != ECONNREFUSED) throw new PlatformException("proc connector", error);
        string own = NamespaceOf("/proc/self/ns/net");
        foreach (var candidate in Candidates())
        {
            if (NamespaceOf(candidate) is not { Length: > 0 } ns || ns == own) continue;
            FileDescriptor? made = null;
            Errno e = default;
            var t = new Thread(() => made = SubscribeIn(candidate, out e)) { Name = "proc connector setns" };
            t.Start();
            t.Join();
            if (made is not null) return new ProcConnectorSocket(made, candidate);
            error = e;
        }
        throw new PlatformException("proc connector (no network namespace accepted PROC_CN_MCAST_LISTEN)", error);
    }

    // /proc/1/ns/net first (readable on an ordinary host), then our ancestors' namespaces (the
    // shell or test harness that ran "ip netns exec" lives in the initial one).
    private static IEnumerable<string> Candidates()
    {
        yield return "/proc/1/ns/net";
        int pid = getppid();
        for (int depth = 0; depth < 16 && pid > 1; depth++)
        {
            yield return $"/proc/{pid}/ns/net";
            pid = ParentOf(pid);
        }
    }

    private static int ParentOf(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields.Length > 1 && int.TryParse(fields[1], out int ppid) ? ppid : 0;
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

    private static string NamespaceOf(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget ?? "";
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static FileDescriptor? SubscribeIn(string nsPath, out Errno error)
    {
        int target = open(nsPath, O_RDONLY | O_CLOEXEC, 0);
        if (target < 0)
        {
            error = Errno.Last;
            return null;
        }
        int back = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC, 0);
        try
        {
            if (back < 0 || setns(target, CLONE_NEWNET) != 0)
            {
                error = Errno.Last;
                return null;
            }
            var fd = Subscribe(out error);
            // This thread ends right after; going back is tidiness, not correctness.
            setns(back, CLONE_NEWNET);
            return fd;
        }
        finally
        {
            close(target);
            if (back >= 0) close(back);
        }
    }

    private static FileDescriptor? Subscribe(out Errno error)
    {
        error = default;
        int s = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, NETLINK_CONNECTOR);
        if (s < 0)
        {
            error = Errno.Last;
            return null;
        }
        var fd = new FileDescriptor(s);
        var sa = new SockAddrNl { nl_family = AF_NETLINK, nl_groups = CN_IDX_PROC };
        if (bind(s, &sa, (uint)sizeof(SockAddrNl)) < 0)
        {
            error = Errno.Last;
            fd.Dispose();
            return null;
        }
        // Bursts of forks (a boot, a build) must not overflow the queue: 1 MB, keepalived's order.
        SetInt(s, SOL_SOCKET, SO_RCVBUF, 1 << 20);
        Span<byte> listen = stackalloc byte[16 + CnMsgSize + 4];
        BuildListen(listen, PROC_CN_MCAST_LISTEN);
        var kernel = new SockAddrNl { nl_family = AF_NETLINK };
        nint n;
        fixed (byte* p = listen) n = sendto(s, p, (nuint)listen.Length, 0, &kernel, (uint)sizeof(SockAddrNl));
        if (n < 0)
        {
            error = Errno.Last;
            fd.Dispose();
            return null;
        }
        return fd;
    }

    /// <summary>The subscription request: nlmsghdr (NLMSG_DONE), cn_msg for CN_IDX_PROC, and the op.</summary>
    internal static void BuildListen(Span<byte> m, uint op)
    {
        m.Clear();
        System.Runtime.InteropServices.MemoryMarshal.Write(m, new NlMsgHdr { nlmsg_len = (uint)m.Length, nlmsg_type = NLMSG_DONE });
        var cn = m[16..];
        System.Runtime.InteropServices.MemoryMarshal.Write(cn, CN_IDX_PROC);
        System.Runtime.InteropServices.MemoryMarshal.Write(cn[4..], CN_VAL_PROC);
        System.Runtime.InteropServices.MemoryMarshal.Write(cn[16..], (ushort)4);
        System.Runtime.InteropServices.MemoryMarshal.Write(cn[CnMsgSize..], op);
    }

    /// <summary>
    /// One datagram from the kernel: its length, 0 when none is queued, or -errno (ENOBUFS means
    /// events were lost: the owner must re-read /proc).
    /// </summary>
    public int TryReceive(out ReadOnlySpan<byte> datagram)
    {
        datagram = default;
        while (true)
        {
            var from = new SockAddrNl();
            uint fromLen = (uint)sizeof(SockAddrNl);
            nint n;
            fixed (byte* p = _buffer) n = recvfrom(_fd.Fd, p, (nuint)_buffer.Length, MSG_DONTWAIT, &from, &fromLen);
            if (n < 0)
            {
                var e = Errno.Last;
                if (e.Value == Errno.EINTR) continue;
                return e.Value == Errno.EAGAIN ? 0 : -e.Value;
            }
            // Only the kernel (port id 0) speaks for processes; anything else is a forgery.
            if (from.nl_pid != 0)
            {
                NotFromKernel++;
                continue;
            }
            datagram = _buffer.AsSpan(0, (int)n);
            return (int)n;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _fd.Dispose();
}
