using System.Runtime.InteropServices;
using Appliance.Vrrp.Seams;
using static Appliance.Platform.Linux.Interop.Libc;

namespace Appliance.Platform.Linux.Netlink;

/// <summary>
/// Subscribes to RTMGRP_LINK and turns RTM_NEWLINK / RTM_DELLINK notifications into
/// <see cref="LinkEvent"/>s without allocating: the loop polls <see cref="Fd"/> and drains
/// <see cref="TryRead"/>. When the kernel reports ENOBUFS (we fell behind and lost events),
/// <see cref="Overflowed"/> tells the owner to re-read the link table.
/// </summary>
public sealed class LinkMonitor : ILinkEvents, IDisposable
{
    private const int ErrnoEnobufs = 105;
    private readonly NetlinkSocket _socket = new(RTMGRP_LINK, nonBlocking: true);
    private int _offset;
    private int _length;

    /// <summary>The descriptor to poll for readability.</summary>
    public int Fd => _socket.Fd;

    int ILinkEvents.PollFd => _socket.Fd;

    /// <summary>Set when events were lost; cleared by the reader.</summary>
    public bool Overflowed { get; set; }

    /// <summary>Returns the next queued event, or false when none is queued.</summary>
    public bool TryRead(out LinkEvent e)
    {
        e = default;
        while (true)
        {
            if (_offset >= _length)
            {
                int n = _socket.TryReceive(out _);
                if (n == -ErrnoEnobufs)
                {
                    Overflowed = true;
                    continue;
                }
                if (n <= 0) return false;
                _offset = 0;
                _length = n;
            }
            if (TryParseAt(out e)) return true;
        }
    }

    private bool TryParseAt(out LinkEvent e)
    {
        e = default;
        var walk = new NetlinkMessages(_socket.ReceiveBuffer.AsSpan(_offset, _length - _offset));
        if (!walk.Next(out var m))
        {
            _offset = _length;
            return false;
        }
        _offset += NlAlign((int)m.Header.nlmsg_len);
        if (m.Header.nlmsg_type is not (RTM_NEWLINK or RTM_DELLINK) || m.Payload.Length < 16) return false;
        var ifi = MemoryMarshal.Read<IfInfoMsg>(m.Payload);
        bool deleted = m.Header.nlmsg_type == RTM_DELLINK;
        bool op = !deleted && (ifi.ifi_flags & (IFF_UP | IFF_RUNNING)) == (IFF_UP | IFF_RUNNING);
        e = new LinkEvent(ifi.ifi_index, op, deleted);
        return true;
    }

    /// <inheritdoc />
    public void Dispose() => _socket.Dispose();
}
