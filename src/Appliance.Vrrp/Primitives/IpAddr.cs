using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Appliance.Vrrp;

/// <summary>
/// An IPv4 or IPv6 address as a value: no heap object, so decoding an advertisement's address
/// list and comparing primary addresses (RFC 9568 §6.4.3 tie-break) never allocates.
/// IPv4 lives in the low 32 bits of <c>_lo</c> in host order; IPv6 is split big-endian into
/// two 64-bit halves, so unsigned comparison of (hi, lo) is network-order comparison.
/// </summary>
public readonly struct IpAddr : IEquatable<IpAddr>, IComparable<IpAddr>
{
    private readonly ulong _hi;
    private readonly ulong _lo;

    /// <summary>The family; <c>default(IpAddr)</c> is the IPv4 address 0.0.0.0.</summary>
    public IpFamily Family { get; }

    private IpAddr(IpFamily family, ulong hi, ulong lo)
    {
        Family = family;
        _hi = hi;
        _lo = lo;
    }

    /// <summary>Size in bytes of an address of <paramref name="family"/> on the wire.</summary>
    public static int SizeOf(IpFamily family) => family == IpFamily.IPv4 ? 4 : 16;

    /// <summary>Size in bytes of this address on the wire.</summary>
    public int Size => SizeOf(Family);

    /// <summary>Reads 4 bytes in network order.</summary>
    public static IpAddr FromV4(ReadOnlySpan<byte> bytes) =>
        new(IpFamily.IPv4, 0, BinaryPrimitives.ReadUInt32BigEndian(bytes));

    /// <summary>Builds an IPv4 address from its 32-bit value (host order: 10.0.0.1 is 0x0A000001).</summary>
    public static IpAddr FromV4(uint value) => new(IpFamily.IPv4, 0, value);

    /// <summary>Reads 16 bytes in network order.</summary>
    public static IpAddr FromV6(ReadOnlySpan<byte> bytes) =>
        new(IpFamily.IPv6, BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));

    /// <summary>Reads an address of <paramref name="family"/> from the start of <paramref name="bytes"/>.</summary>
    public static IpAddr Read(IpFamily family, ReadOnlySpan<byte> bytes) =>
        family == IpFamily.IPv4 ? FromV4(bytes) : FromV6(bytes);

    /// <summary>The IPv4 value in host order (10.0.0.1 is 0x0A000001); 0 for IPv6.</summary>
    public uint V4Value => Family == IpFamily.IPv4 ? (uint)_lo : 0;

    /// <summary>Writes the address in network order; returns the bytes written.</summary>
    public int WriteTo(Span<byte> destination)
    {
        if (Family == IpFamily.IPv4)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)_lo);
            return 4;
        }
        BinaryPrimitives.WriteUInt64BigEndian(destination, _hi);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _lo);
        return 16;
    }

    /// <summary>True for fe80::/10, the only valid source of IPv6 adverts and the required first VIP.</summary>
    public bool IsIPv6LinkLocal => Family == IpFamily.IPv6 && (_hi >> 54) == 0x3FA;

    /// <summary>True for 224.0.0.0/4 or ff00::/8.</summary>
    public bool IsMulticast => Family == IpFamily.IPv4 ? (_lo >> 28) == 0xE : (_hi >> 56) == 0xFF;

    /// <summary>True for 0.0.0.0 or ::.</summary>
    public bool IsUnspecified => _hi == 0 && _lo == 0;

    /// <summary>224.0.0.18, the VRRP IPv4 multicast group (RFC 9568 §5.1.1.2).</summary>
    public static IpAddr VrrpMulticastV4 => FromV4(0xE0000012u);

    /// <summary>ff02::12, the VRRP IPv6 multicast group (RFC 9568 §5.1.2.2).</summary>
    public static IpAddr VrrpMulticastV6 => new(IpFamily.IPv6, 0xFF02_0000_0000_0000UL, 0x12UL);

    /// <summary>Converts from the BCL type (allocates nothing beyond reading it).</summary>
    public static IpAddr From(IPAddress address)
    {
        Span<byte> b = stackalloc byte[16];
        address.TryWriteBytes(b, out int n);
        return n == 4 ? FromV4(b) : FromV6(b);
    }

    /// <summary>Converts to the BCL type; allocates, so keep it off hot paths.</summary>
    public IPAddress ToIPAddress()
    {
        Span<byte> b = stackalloc byte[16];
        int n = WriteTo(b);
        return new IPAddress(b[..n]);
    }

    /// <summary>Parses dotted-quad or RFC 4291 text; rejects anything else.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out IpAddr address)
    {
        address = default;
        if (!IPAddress.TryParse(text, out var ip)) return false;
        if (ip.AddressFamily != AddressFamily.InterNetwork && ip.AddressFamily != AddressFamily.InterNetworkV6) return false;
        // "1" or "10.1" parse as IPv4 in the BCL; a router config wants four dotted parts.
        if (ip.AddressFamily == AddressFamily.InterNetwork && text.Count('.') != 3) return false;
        if (ip.AddressFamily == AddressFamily.InterNetworkV6 && ip.ScopeId != 0) return false;
        address = From(ip);
        return true;
    }

    /// <summary>Parses or throws <see cref="FormatException"/>; for tests and start-up code.</summary>
    public static IpAddr Parse(string text) =>
        TryParse(text, out var a) ? a : throw new FormatException($"'{text}' is not an IPv4 or IPv6 address");

    /// <inheritdoc />
    public bool Equals(IpAddr other) => Family == other.Family && _hi == other._hi && _lo == other._lo;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is IpAddr o && Equals(o);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Family, _hi, _lo);

    /// <summary>Unsigned network-order comparison; IPv4 sorts before IPv6.</summary>
    public int CompareTo(IpAddr other)
    {
        if (Family != other.Family) return Family.CompareTo(other.Family);
        int c = _hi.CompareTo(other._hi);
        return c != 0 ? c : _lo.CompareTo(other._lo);
    }

    /// <summary>Equality.</summary>
    public static bool operator ==(IpAddr a, IpAddr b) => a.Equals(b);

    /// <summary>Inequality.</summary>
    public static bool operator !=(IpAddr a, IpAddr b) => !a.Equals(b);

    /// <summary>Network-order comparison.</summary>
    public static bool operator >(IpAddr a, IpAddr b) => a.CompareTo(b) > 0;

    /// <summary>Network-order comparison.</summary>
    public static bool operator <(IpAddr a, IpAddr b) => a.CompareTo(b) < 0;

    /// <summary>Standard text form; allocates.</summary>
    public override string ToString() => ToIPAddress().ToString();
}
