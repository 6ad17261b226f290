using System.Runtime.InteropServices;
using Appliance.Platform.Linux.Interop;
using Appliance.Platform.Linux.Netlink;
using static Appliance.Platform.Linux.Interop.Libc;

namespace Appliance.Platform.Linux.Nftables;

/// <summary>
/// Accept mode off (keepalived's <c>no_accept</c>, and its default under <c>vrrp_strict</c>),
/// enforced by the kernel: one nf_tables table of this daemon's, in the daemon's network
/// namespace, talked to over NETLINK_NETFILTER directly, so no <c>nft</c> binary is run. Each
/// <see cref="Apply"/> replaces the whole table in one atomic transaction; <see cref="Remove"/>
/// deletes it (at exit, so nothing of ours is left behind).
/// </summary>
public sealed unsafe class NftAcceptFilter : IDisposable
{
    private readonly FileDescriptor _fd;
    private readonly byte[] _send = new byte[256 * 1024];
    private readonly byte[] _receive = new byte[64 * 1024];
    private uint _seq = (uint)Environment.TickCount;

    /// <summary>The table's name (family inet).</summary>
    public string Table { get; }

    public NftAcceptFilter(string table)
    {
        Table = table;
        int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_NETFILTER);
        if (fd < 0) throw new PlatformException("socket(AF_NETLINK, NETLINK_NETFILTER)", Errno.Last);
        _fd = new FileDescriptor(fd);
        var sa = new SockAddrNl { nl_family = AF_NETLINK };
        if (bind(fd, &sa, (uint)sizeof(SockAddrNl)) < 0) throw new PlatformException("bind(NETLINK_NETFILTER)", Errno.Last);
        SetInt(fd, SOL_NETLINK, NETLINK_EXT_ACK, 1);
    }

    /// <summary>Makes the table refuse local delivery to exactly <paramref name="addresses"/> (none: the table is removed).</summary>
    public Errno Apply(IReadOnlyList<FilteredAddress> addresses)
    {
        int len = NftBatch.Write(_send, Table, addresses, _seq, out uint last);
        _seq = last + 2;
        return Transact(_send.AsSpan(0, len), last);
    }

    /// <summary>Deletes the table.</summary>
    public Errno Remove() => Apply([]);

    // The kernel answers each message that asked for an ACK; an error aborts the whole batch and
    // is the answer to the message that failed, so the first error, or the last ACK, ends it.
    private Errno Transact(ReadOnlySpan<byte> batch, uint lastSeq)
    {
        var sa = new SockAddrNl { nl_family = AF_NETLINK };
        fixed (byte* p = batch)
        {
            while (sendto(_fd.Fd, p, (nuint)batch.Length, 0, &sa, (uint)sizeof(SockAddrNl)) < 0)
                if (Errno.Last.Value != Errno.EINTR) return Errno.Last;
        }
        while (true)
        {
            var pfd = new PollFd { fd = _fd.Fd, events = POLLIN };
            int ready = poll(&pfd, 1, 2000);
            if (ready == 0) return new Errno(110); // ETIMEDOUT: the kernel always answers; do not hang the loop if it does not
            if (ready < 0)
            {
                if (Errno.Last.Value == Errno.EINTR) continue;
                return Errno.Last;
            }
            nint n;
            fixed (byte* r = _receive) n = recv(_fd.Fd, r, (nuint)_receive.Length, 0);
            if (n < 0)
            {
                if (Errno.Last.Value == Errno.EINTR) continue;
                return Errno.Last;
            }
            var walk = new NetlinkMessages(_receive.AsSpan(0, (int)n));
            while (walk.Next(out var m))
            {
                if (m.Header.nlmsg_type != NLMSG_ERROR || m.Payload.Length < 4) continue;
                int err = MemoryMarshal.Read<int>(m.Payload);
                if (err != 0) return new Errno(-err);
                if (m.Header.nlmsg_seq == lastSeq) return new Errno(0);
            }
        }
    }

    public void Dispose() => _fd.Dispose();
}
