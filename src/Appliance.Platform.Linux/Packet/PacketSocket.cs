using Appliance.Platform.Linux.Interop;
using Appliance.Vrrp;
using Appliance.Vrrp.Seams;
using static Appliance.Platform.Linux.Interop.Libc;

namespace Appliance.Platform.Linux.Packet;

/// <summary>
/// An AF_PACKET socket that only sends whole Ethernet frames (gratuitous ARP, unsolicited NA
/// built by the codec) out of a chosen interface. Protocol 0 on open: the kernel queues
/// nothing to us, so the socket costs nothing while idle.
/// </summary>
public sealed unsafe class PacketSocket : IFrameSender, IDisposable
{
    private readonly FileDescriptor _fd;

    /// <summary>Opens the socket; throws at start-up on failure (needs CAP_NET_RAW).</summary>
    public PacketSocket()
    {
        int fd = socket(AF_PACKET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (fd < 0) throw new PlatformException("socket(AF_PACKET, SOCK_RAW)", Errno.Last);
        _fd = new FileDescriptor(fd);
    }

    /// <summary>Sends <paramref name="frame"/> (Ethernet header included) out of <paramref name="interfaceIndex"/>.</summary>
    public Errno Send(int interfaceIndex, ReadOnlySpan<byte> frame)
    {
        if (frame.Length < 14) return new Errno(22);
        var sll = new SockAddrLl
        {
            sll_family = AF_PACKET,
            // The EtherType straight from the frame: already in network order.
            sll_protocol = (ushort)(frame[12] | (frame[13] << 8)),
            sll_ifindex = interfaceIndex,
            sll_halen = 6,
        };
        for (int i = 0; i < 6; i++) sll.sll_addr[i] = frame[i];
        fixed (byte* p = frame)
        {
            while (true)
            {
                nint n = sendto(_fd.Fd, p, (nuint)frame.Length, 0, &sll, (uint)sizeof(SockAddrLl));
                if (n >= 0) return default;
                var e = Errno.Last;
                if (e.Value != Errno.EINTR) return e;
            }
        }
    }

    IoError IFrameSender.Send(int interfaceIndex, ReadOnlySpan<byte> frame) => new(Send(interfaceIndex, frame).Value);

    /// <inheritdoc />
    public void Dispose() => _fd.Dispose();
}
