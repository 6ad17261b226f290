using System.Runtime.InteropServices;
using static Appliance.Platform.Linux.Interop.Libc;

namespace Appliance.Platform.Linux.Netlink;

/// <summary>One netlink message inside a received datagram: its header and the bytes after it.</summary>
internal readonly ref struct NetlinkMessage
{
    public NetlinkMessage(NlMsgHdr header, ReadOnlySpan<byte> payload)
    {
        Header = header;
        Payload = payload;
    }

    public NlMsgHdr Header { get; }

    public ReadOnlySpan<byte> Payload { get; }
}

/// <summary>
/// Walks the messages of one netlink datagram. Pure span parsing: a truncated or malformed
/// message ends the walk (<see cref="Malformed"/>) instead of reading past the buffer.
/// </summary>
internal ref struct NetlinkMessages
{
    private ReadOnlySpan<byte> _rest;

    public NetlinkMessages(ReadOnlySpan<byte> datagram) => _rest = datagram;

    public bool Malformed { get; private set; }

    public bool Next(out NetlinkMessage message)
    {
        message = default;
        if (_rest.Length < 16) return false;
        var h = MemoryMarshal.Read<NlMsgHdr>(_rest);
        if (h.nlmsg_len < 16 || h.nlmsg_len > _rest.Length)
        {
            Malformed = true;
            return false;
        }
        message = new NetlinkMessage(h, _rest[16..(int)h.nlmsg_len]);
        int advance = Math.Min(NlAlign((int)h.nlmsg_len), _rest.Length);
        _rest = _rest[advance..];
        return true;
    }
}

/// <summary>Walks rtattrs; a malformed attribute ends the walk.</summary>
internal ref struct RtAttributes
{
    private ReadOnlySpan<byte> _rest;

    public RtAttributes(ReadOnlySpan<byte> attributes) => _rest = attributes;

    public bool Next(out ushort type, out ReadOnlySpan<byte> payload)
    {
        type = 0;
        payload = default;
        if (_rest.Length < 4) return false;
        var a = MemoryMarshal.Read<RtAttr>(_rest);
        if (a.rta_len < 4 || a.rta_len > _rest.Length) return false;
        // NLA_F_NESTED and NLA_F_NET_BYTEORDER live in the top two bits of the type.
        type = (ushort)(a.rta_type & 0x3FFF);
        payload = _rest[4..a.rta_len];
        _rest = _rest[Math.Min(NlAlign(a.rta_len), _rest.Length)..];
        return true;
    }
}
