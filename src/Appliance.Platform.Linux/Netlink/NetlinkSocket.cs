using Appliance.Platform.Linux.Interop;
using System.Runtime.InteropServices;
using static Appliance.Platform.Linux.Interop.Libc;

namespace Appliance.Platform.Linux.Netlink;

/// <summary>
/// An rtnetlink socket for requests (add/remove addresses and links, dumps). Requests are
/// synchronous: send, then read until the ACK or the dump's NLMSG_DONE with our sequence number.
/// Buffers are allocated once; requests do not allocate.
/// </summary>
internal sealed unsafe class NetlinkSocket : IDisposable
{
    private readonly FileDescriptor _fd;
    private readonly byte[] _receive = GC.AllocateArray<byte>(64 * 1024, pinned: true);

    /// <summary>The buffer the last receive filled.</summary>
    public byte[] ReceiveBuffer => _receive;
    private uint _seq = (uint)Environment.TickCount;

    public NetlinkSocket(uint groups = 0, bool nonBlocking = false)
    {
        int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC | (nonBlocking ? SOCK_NONBLOCK : 0), NETLINK_ROUTE);
        if (fd < 0) throw new PlatformException("socket(AF_NETLINK)", Errno.Last);
        _fd = new FileDescriptor(fd);
        var sa = new SockAddrNl { nl_family = AF_NETLINK, nl_groups = groups };
        if (bind(fd, &sa, (uint)sizeof(SockAddrNl)) < 0) throw new PlatformException("bind(AF_NETLINK)", Errno.Last);
        int bufSize = 1 << 20;
        SetInt(fd, SOL_SOCKET, SO_RCVBUF, bufSize);
        SetInt(fd, SOL_NETLINK, NETLINK_EXT_ACK, 1);
    }

    public int Fd => _fd.Fd;

    public uint NextSeq() => ++_seq;

    /// <summary>Sends a request built with NLM_F_ACK and returns its errno (0 on success).</summary>
    public Errno Request(ReadOnlySpan<byte> message)
    {
        uint seq = MemoryMarshal.Read<NlMsgHdr>(message).nlmsg_seq;
        Errno sendErr = Send(message);
        if (sendErr.Value != 0) return sendErr;
        while (true)
        {
            int n = ReceiveBlocking();
            if (n < 0) return Errno.Last;
            var walk = new NetlinkMessages(_receive.AsSpan(0, n));
            while (walk.Next(out var m))
            {
                if (m.Header.nlmsg_seq != seq) continue;
                if (m.Header.nlmsg_type == NLMSG_ERROR && m.Payload.Length >= 4)
                    return new Errno(-MemoryMarshal.Read<int>(m.Payload));
                if (m.Header.nlmsg_type == NLMSG_DONE) return new Errno(0);
            }
        }
    }

    /// <summary>Sends a dump request and hands every reply message to <paramref name="onMessage"/>.</summary>
    public Errno Dump<TState>(ReadOnlySpan<byte> message, ref TState state, DumpVisitor<TState> onMessage)
    {
        uint seq = MemoryMarshal.Read<NlMsgHdr>(message).nlmsg_seq;
        Errno sendErr = Send(message);
        if (sendErr.Value != 0) return sendErr;
        while (true)
        {
            int n = ReceiveBlocking();
            if (n < 0) return Errno.Last;
            var walk = new NetlinkMessages(_receive.AsSpan(0, n));
            while (walk.Next(out var m))
            {
                if (m.Header.nlmsg_seq != seq) continue;
                if (m.Header.nlmsg_type == NLMSG_DONE) return new Errno(0);
                if (m.Header.nlmsg_type == NLMSG_ERROR && m.Payload.Length >= 4)
                {
                    int err = MemoryMarshal.Read<int>(m.Payload);
                    if (err != 0) return new Errno(-err);
                    continue;
                }
                onMessage(ref state, m);
            }
        }
    }

    /// <summary>Non-blocking read for event subscribers; returns bytes, 0 when nothing is queued, or -errno.</summary>
    public int TryReceive(out ReadOnlySpan<byte> datagram)
    {
        datagram = default;
        nint n;
        fixed (byte* p = _receive) n = recv(_fd.Fd, p, (nuint)_receive.Length, MSG_DONTWAIT);
        if (n < 0)
        {
            var e = Errno.Last;
            return e.Value is Errno.EAGAIN or Errno.EINTR ? 0 : -e.Value;
        }
        datagram = _receive.AsSpan(0, (int)n);
        return (int)n;
    }

    private Errno Send(ReadOnlySpan<byte> message)
    {
        var sa = new SockAddrNl { nl_family = AF_NETLINK };
        fixed (byte* p = message)
        {
            while (true)
            {
                nint n = sendto(_fd.Fd, p, (nuint)message.Length, 0, &sa, (uint)sizeof(SockAddrNl));
                if (n >= 0) return new Errno(0);
                var e = Errno.Last;
                if (e.Value != Errno.EINTR) return e;
            }
        }
    }

    private int ReceiveBlocking()
    {
        fixed (byte* p = _receive)
        {
            while (true)
            {
                nint n = recv(_fd.Fd, p, (nuint)_receive.Length, 0);
                if (n >= 0) return (int)n;
                if (Errno.Last.Value != Errno.EINTR) return -1;
            }
        }
    }

    public void Dispose() => _fd.Dispose();
}

/// <summary>Receives one message of a dump.</summary>
internal delegate void DumpVisitor<TState>(ref TState state, in NetlinkMessage message);
