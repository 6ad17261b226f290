using System.Runtime.InteropServices;
using Appliance.Platform.Linux.Interop;
using Appliance.Vrrp;
using Appliance.Vrrp.Seams;
using static Appliance.Platform.Linux.Interop.Libc;

namespace Appliance.Platform.Linux.Sockets;

/// <summary>
/// A raw IP protocol 112 socket for one (interface, family): bound to the device, joined to the
/// VRRP group by interface index, TTL / hop limit 255 on send (RFC 9568 §5.1.1.3, §5.1.2.3),
/// ifindex, destination and hop limit on receive. The .NET Socket constructor refuses protocol
/// 112, so the descriptor comes from libc socket(). Every buffer (msghdr, iovec, cmsg, data) is
/// allocated once in native memory: sending and receiving allocate nothing.
/// </summary>
public sealed unsafe class VrrpSocket : IAdvertSocket
{
    private const int DataSize = 2048;
    private const int ControlSize = 256;
    private readonly FileDescriptor _fd;
    private readonly byte* _block;
    private readonly MsgHdr* _rxMsg;
    private readonly IoVec* _rxIov;
    private readonly SockAddrIn6* _rxName;
    private readonly byte* _rxControl;
    private readonly byte* _rxData;
    private readonly MsgHdr* _txMsg;
    private readonly IoVec* _txIov;
    private readonly SockAddrIn6* _txName;
    private readonly byte* _txControl;
    private readonly List<IpAddr> _groups = [];

    private VrrpSocket(FileDescriptor fd, IpFamily family, int ifindex, string interfaceName)
    {
        _fd = fd;
        Family = family;
        InterfaceIndex = ifindex;
        InterfaceName = interfaceName;
        int size = 2 * sizeof(MsgHdr) + 2 * sizeof(IoVec) + 2 * sizeof(SockAddrIn6) + 2 * ControlSize + DataSize + 64;
        _block = (byte*)NativeMemory.AllocZeroed((nuint)size);
        byte* p = _block;
        _rxMsg = (MsgHdr*)p; p += sizeof(MsgHdr);
        _txMsg = (MsgHdr*)p; p += sizeof(MsgHdr);
        _rxIov = (IoVec*)p; p += sizeof(IoVec);
        _txIov = (IoVec*)p; p += sizeof(IoVec);
        _rxName = (SockAddrIn6*)p; p += 32;
        _txName = (SockAddrIn6*)p; p += 32;
        _rxControl = p; p += ControlSize;
        _txControl = p; p += ControlSize;
        _rxData = p;
    }

    /// <summary>Address family.</summary>
    public IpFamily Family { get; }

    /// <summary>The interface the socket is bound to.</summary>
    public int InterfaceIndex { get; }

    /// <summary>The interface's name.</summary>
    public string InterfaceName { get; }

    /// <summary>The descriptor to poll for readability.</summary>
    public int Fd => _fd.Fd;

    int IAdvertSocket.PollFd => _fd.Fd;

    /// <summary>
    /// Opens the socket on <paramref name="interfaceName"/> and joins <paramref name="group"/>
    /// (224.0.0.18 / ff02::12, or keepalived's vrrp_mcast_group4/6). Throws at start-up on failure.
    /// </summary>
    public static VrrpSocket Open(IpFamily family, string interfaceName, int interfaceIndex, IpAddr group)
    {
        int af = family == IpFamily.IPv4 ? AF_INET : AF_INET6;
        int raw = socket(af, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_VRRP);
        if (raw < 0) throw new PlatformException($"socket({(family == IpFamily.IPv4 ? "AF_INET" : "AF_INET6")}, SOCK_RAW, 112)", Errno.Last);
        var fd = new FileDescriptor(raw);
        var s = new VrrpSocket(fd, family, interfaceIndex, interfaceName);
        try
        {
            s.Configure(group);
        }
        catch
        {
            s.Dispose();
            throw;
        }
        return s;
    }

    private void Configure(IpAddr group)
    {
        int fd = _fd.Fd;
        Span<byte> name = stackalloc byte[16];
        name.Clear();
        System.Text.Encoding.ASCII.GetBytes(InterfaceName.AsSpan(0, Math.Min(15, InterfaceName.Length)), name);
        fixed (byte* n = name) Check(setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, n, 16), "SO_BINDTODEVICE");
        SetInt(fd, SOL_SOCKET, SO_RCVBUF, 1 << 20);
        if (Family == IpFamily.IPv4)
        {
            Check(SetInt(fd, IPPROTO_IP, IP_PKTINFO, 1), "IP_PKTINFO");
            Check(SetInt(fd, IPPROTO_IP, IP_MULTICAST_TTL, 255), "IP_MULTICAST_TTL");
            Check(SetInt(fd, IPPROTO_IP, IP_TTL, 255), "IP_TTL");
            Check(SetInt(fd, IPPROTO_IP, IP_MULTICAST_LOOP, 0), "IP_MULTICAST_LOOP");
            // IPTOS_PREC_INTERNETCONTROL, as keepalived marks its adverts.
            Check(SetInt(fd, IPPROTO_IP, IP_TOS, 0xC0), "IP_TOS");
            var ifm = new IpMreqn { imr_ifindex = InterfaceIndex };
            Check(setsockopt(fd, IPPROTO_IP, IP_MULTICAST_IF, &ifm, (uint)sizeof(IpMreqn)), "IP_MULTICAST_IF");
        }
        else
        {
            Check(SetInt(fd, IPPROTO_IPV6, IPV6_RECVPKTINFO, 1), "IPV6_RECVPKTINFO");
            Check(SetInt(fd, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, 1), "IPV6_RECVHOPLIMIT");
            Check(SetInt(fd, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, 255), "IPV6_MULTICAST_HOPS");
            Check(SetInt(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, 255), "IPV6_UNICAST_HOPS");
            Check(SetInt(fd, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, 0), "IPV6_MULTICAST_LOOP");
            Check(SetInt(fd, IPPROTO_IPV6, IPV6_TCLASS, 0xC0), "IPV6_TCLASS");
            Check(SetInt(fd, IPPROTO_IPV6, IPV6_MULTICAST_IF, InterfaceIndex), "IPV6_MULTICAST_IF");
        }
        Join(group);
    }

    /// <summary>The multicast groups this socket has joined, in order.</summary>
    public IReadOnlyList<IpAddr> Groups => _groups;

    /// <summary>
    /// Joins <paramref name="group"/> on the socket's interface, once: instances on one interface
    /// may each name their own group (keepalived's <c>mcast_dst_ip</c>); the instance decides from
    /// each advert's destination whether it was meant for it. Throws at start-up on failure.
    /// </summary>
    public void Join(IpAddr group)
    {
        if (_groups.Contains(group)) return;
        int fd = _fd.Fd;
        if (Family == IpFamily.IPv4)
        {
            var m = new IpMreqn { imr_multiaddr = V4NetworkOrder(group), imr_ifindex = InterfaceIndex };
            Check(setsockopt(fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &m, (uint)sizeof(IpMreqn)), "IP_ADD_MEMBERSHIP " + group);
        }
        else
        {
            var m = new Ipv6Mreq { ipv6mr_interface = InterfaceIndex };
            group.WriteTo(new Span<byte>(m.ipv6mr_multiaddr, 16));
            Check(setsockopt(fd, IPPROTO_IPV6, IPV6_ADD_MEMBERSHIP, &m, (uint)sizeof(Ipv6Mreq)), "IPV6_ADD_MEMBERSHIP " + group);
        }
        _groups.Add(group);
    }

    /// <summary>
    /// Sends one VRRP message from <paramref name="source"/> to <paramref name="destination"/>
    /// (the group, or a unicast peer). The source is set per packet with IP_PKTINFO /
    /// IPV6_PKTINFO: it must be the address the checksum's pseudo-header was computed with,
    /// and binding the socket to it would also filter what we receive.
    /// </summary>
    public Errno Send(ReadOnlySpan<byte> message, IpAddr source, IpAddr destination) => Send(message, source, destination, 255);

    /// <summary>
    /// As <see cref="Send(ReadOnlySpan{byte}, IpAddr, IpAddr)"/> with the TTL / hop limit given per
    /// packet (IP_TTL / IPV6_HOPLIMIT ancillary data) when it is not the socket's 255: keepalived's
    /// unicast_ttl for one instance must not change the socket other instances share.
    /// </summary>
    public Errno Send(ReadOnlySpan<byte> message, IpAddr source, IpAddr destination, byte hopLimit)
    {
        fixed (byte* data = message)
        {
            _txIov->iov_base = data;
            _txIov->iov_len = (nuint)message.Length;
            *_txMsg = default;
            _txMsg->msg_iov = _txIov;
            _txMsg->msg_iovlen = 1;
            _txMsg->msg_name = _txName;
            _txMsg->msg_control = _txControl;
            var c = (CmsgHdr*)_txControl;
            byte* cdata = _txControl + CmsgAlign(sizeof(CmsgHdr));
            if (Family == IpFamily.IPv4)
            {
                var sin = (SockAddrIn*)_txName;
                *sin = new SockAddrIn { sin_family = AF_INET, sin_addr = V4NetworkOrder(destination) };
                _txMsg->msg_namelen = (uint)sizeof(SockAddrIn);
                c->cmsg_len = (nuint)CmsgLen(sizeof(InPktInfo));
                c->cmsg_level = IPPROTO_IP;
                c->cmsg_type = IP_PKTINFO;
                *(InPktInfo*)cdata = new InPktInfo { ipi_ifindex = InterfaceIndex, ipi_spec_dst = V4NetworkOrder(source) };
                _txMsg->msg_controllen = (nuint)CmsgSpace(sizeof(InPktInfo));
                if (hopLimit != 255) AppendInt(IPPROTO_IP, IP_TTL, hopLimit);
            }
            else
            {
                *_txName = new SockAddrIn6 { sin6_family = AF_INET6 };
                destination.WriteTo(new Span<byte>(_txName->sin6_addr, 16));
                // A link-local destination (a unicast peer's fe80:: address) needs its zone.
                if (destination.IsIPv6LinkLocal || destination.IsMulticast) _txName->sin6_scope_id = (uint)InterfaceIndex;
                _txMsg->msg_namelen = (uint)sizeof(SockAddrIn6);
                c->cmsg_len = (nuint)CmsgLen(sizeof(In6PktInfo));
                c->cmsg_level = IPPROTO_IPV6;
                c->cmsg_type = IPV6_PKTINFO;
                var pi = (In6PktInfo*)cdata;
                *pi = new In6PktInfo { ipi6_ifindex = InterfaceIndex };
                source.WriteTo(new Span<byte>(pi->ipi6_addr, 16));
                _txMsg->msg_controllen = (nuint)CmsgSpace(sizeof(In6PktInfo));
                if (hopLimit != 255) AppendInt(IPPROTO_IPV6, IPV6_HOPLIMIT, hopLimit);
            }
            while (true)
            {
                nint n = sendmsg(_fd.Fd, _txMsg, 0);
                if (n >= 0) return default;
                var e = Errno.Last;
                if (e.Value != Errno.EINTR) return e;
            }
        }
    }

    /// <summary>
    /// Reads one queued packet without blocking. Returns false when nothing is queued (or on a
    /// transient error, reported through <paramref name="error"/>).
    /// </summary>
    public bool TryReceive(out ReceivedAdvert packet, out Errno error)
    {
        packet = default;
        error = default;
        _rxIov->iov_base = _rxData;
        _rxIov->iov_len = DataSize;
        *_rxMsg = default;
        _rxMsg->msg_iov = _rxIov;
        _rxMsg->msg_iovlen = 1;
        _rxMsg->msg_name = _rxName;
        _rxMsg->msg_namelen = (uint)sizeof(SockAddrIn6);
        _rxMsg->msg_control = _rxControl;
        _rxMsg->msg_controllen = ControlSize;
        nint n = recvmsg(_fd.Fd, _rxMsg, MSG_DONTWAIT);
        if (n < 0)
        {
            var e = Errno.Last;
            if (e.Value is not (Errno.EAGAIN or Errno.EINTR)) error = e;
            return false;
        }
        int ifindex = InterfaceIndex;
        IpAddr source, destination = default;
        byte hops = 0;
        if (Family == IpFamily.IPv4)
        {
            source = IpAddr.FromV4(new ReadOnlySpan<byte>(&((SockAddrIn*)_rxName)->sin_addr, 4));
        }
        else
        {
            source = IpAddr.FromV6(new ReadOnlySpan<byte>(_rxName->sin6_addr, 16));
        }
        byte* ctl = _rxControl;
        nuint ctlLen = _rxMsg->msg_controllen;
        nuint off = 0;
        while (off + (nuint)sizeof(CmsgHdr) <= ctlLen)
        {
            var c = (CmsgHdr*)(ctl + off);
            if (c->cmsg_len < (nuint)sizeof(CmsgHdr) || off + c->cmsg_len > ctlLen) break;
            byte* d = ctl + off + CmsgAlign(sizeof(CmsgHdr));
            if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_PKTINFO)
            {
                var pi = (InPktInfo*)d;
                ifindex = pi->ipi_ifindex;
                destination = IpAddr.FromV4(new ReadOnlySpan<byte>(&pi->ipi_addr, 4));
            }
            else if (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_PKTINFO)
            {
                var pi = (In6PktInfo*)d;
                ifindex = pi->ipi6_ifindex;
                destination = IpAddr.FromV6(new ReadOnlySpan<byte>(pi->ipi6_addr, 16));
            }
            else if (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_HOPLIMIT)
            {
                hops = (byte)*(int*)d;
            }
            off += (nuint)CmsgAlign((int)c->cmsg_len);
        }
        packet = new ReceivedAdvert(new ReadOnlySpan<byte>(_rxData, (int)Math.Min(n, DataSize)), Family, source, destination, hops, ifindex);
        return true;
    }

    IoError IAdvertSocket.Send(ReadOnlySpan<byte> message, IpAddr source, IpAddr destination) => new(Send(message, source, destination).Value);

    IoError IAdvertSocket.Send(ReadOnlySpan<byte> message, IpAddr source, IpAddr destination, byte hopLimit) =>
        new(Send(message, source, destination, hopLimit).Value);

    // A second control message after the packet-info one: an int (IP_TTL and IPV6_HOPLIMIT both take one).
    private void AppendInt(int level, int type, int value)
    {
        var c = (CmsgHdr*)(_txControl + (int)_txMsg->msg_controllen);
        c->cmsg_len = (nuint)CmsgLen(sizeof(int));
        c->cmsg_level = level;
        c->cmsg_type = type;
        *(int*)(_txControl + (int)_txMsg->msg_controllen + CmsgAlign(sizeof(CmsgHdr))) = value;
        _txMsg->msg_controllen += (nuint)CmsgSpace(sizeof(int));
    }

    // The seam's form of TryReceive: one copy out of the native buffer into the caller's. IPv4's
    // TTL is read from the header the raw socket delivers, so both families report a hop limit.
    bool IAdvertSocket.TryReceive(Span<byte> buffer, out AdvertDatagram datagram, out IoError error)
    {
        datagram = default;
        bool got = TryReceive(out var p, out var e);
        error = new IoError(e.Value);
        if (!got) return false;
        int n = Math.Min(p.Data.Length, buffer.Length);
        p.Data[..n].CopyTo(buffer);
        byte hops = Family == IpFamily.IPv4 ? (p.Data.Length > 8 ? p.Data[8] : (byte)0) : p.HopLimit;
        datagram = new AdvertDatagram(n, Family, p.Source, p.Destination, hops, p.InterfaceIndex);
        return true;
    }

    private static uint V4NetworkOrder(IpAddr a)
    {
        uint v = 0;
        a.WriteTo(new Span<byte>(&v, 4));
        return v;
    }

    private static void Check(int rc, string what)
    {
        if (rc < 0) throw new PlatformException($"setsockopt({what})", Errno.Last);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _fd.Dispose();
        NativeMemory.Free(_block);
    }
}
