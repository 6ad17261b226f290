using System.Runtime.InteropServices;
using static Appliance.Platform.Linux.Interop.Libc;

namespace Appliance.Platform.Linux.Netlink;

/// <summary>
/// Builds one netlink request in a caller-owned buffer: header, family struct, attributes
/// (nested ones too). Pure: no I/O, so request layouts are unit-tested byte by byte.
/// Integers are host order, as netlink wants, except where an attribute carries an address.
/// </summary>
internal ref struct NetlinkWriter
{
    private readonly Span<byte> _buffer;
    private int _length;

    public NetlinkWriter(Span<byte> buffer, ushort type, ushort flags, uint seq)
    {
        _buffer = buffer;
        _buffer[..16].Clear();
        var h = new NlMsgHdr { nlmsg_type = type, nlmsg_flags = flags, nlmsg_seq = seq };
        MemoryMarshal.Write(_buffer, in h);
        _length = 16;
    }

    /// <summary>Appends the family header (ifaddrmsg, ifinfomsg) right after nlmsghdr.</summary>
    public void Append<T>(in T value) where T : unmanaged
    {
        int size = Marshal.SizeOf<T>();
        MemoryMarshal.Write(_buffer[_length..], in value);
        _length += NlAlign(size);
    }

    public void Attribute(ushort type, scoped ReadOnlySpan<byte> payload)
    {
        int len = 4 + payload.Length;
        var a = new RtAttr { rta_len = (ushort)len, rta_type = type };
        MemoryMarshal.Write(_buffer[_length..], in a);
        payload.CopyTo(_buffer[(_length + 4)..]);
        int aligned = NlAlign(len);
        _buffer.Slice(_length + len, aligned - len).Clear();
        _length += aligned;
    }

    public void AttributeU32(ushort type, uint value)
    {
        Span<byte> b = stackalloc byte[4];
        MemoryMarshal.Write(b, in value);
        Attribute(type, b);
    }

    /// <summary>A NUL-terminated string attribute (IFLA_IFNAME, IFA_LABEL, IFLA_INFO_KIND).</summary>
    public void AttributeString(ushort type, string value)
    {
        Span<byte> b = stackalloc byte[value.Length * 3 + 1];
        int n = System.Text.Encoding.UTF8.GetBytes(value, b);
        b[n] = 0;
        Attribute(type, b[..(n + 1)]);
    }

    /// <summary>Opens a nested attribute; pass the returned offset to <see cref="EndNested"/>.</summary>
    public int BeginNested(ushort type)
    {
        int start = _length;
        var a = new RtAttr { rta_len = 4, rta_type = type };
        MemoryMarshal.Write(_buffer[_length..], in a);
        _length += 4;
        return start;
    }

    public void EndNested(int start)
    {
        ushort len = (ushort)(_length - start);
        MemoryMarshal.Write(_buffer[start..], in len);
    }

    /// <summary>Writes the final length into nlmsghdr and returns the finished message.</summary>
    public Span<byte> Finish()
    {
        uint len = (uint)_length;
        MemoryMarshal.Write(_buffer, in len);
        return _buffer[.._length];
    }
}
