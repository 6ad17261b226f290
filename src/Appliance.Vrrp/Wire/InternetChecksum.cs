using System.Buffers.Binary;

namespace Appliance.Vrrp.Wire;

/// <summary>
/// The Internet checksum (RFC 1071): the one's-complement of the one's-complement sum of 16-bit
/// big-endian words. Sums are carried unfolded in a <see cref="ulong"/> so pieces (a pseudo-header,
/// then the message) can be added separately and folded once.
/// </summary>
public static class InternetChecksum
{
    /// <summary>Adds <paramref name="data"/> to a running sum. Every piece but the last must have an
    /// even length, or the following words would be misaligned; an odd last byte is padded with zero.</summary>
    public static ulong Add(ulong sum, ReadOnlySpan<byte> data)
    {
        // Summing 32-bit words and folding later gives the same result as 16-bit words,
        // because 2^16 ≡ 1 modulo 0xFFFF (RFC 1071 §2, "deferred carries").
        int i = 0;
        for (; i + 4 <= data.Length; i += 4) sum += BinaryPrimitives.ReadUInt32BigEndian(data[i..]);
        if (i + 2 <= data.Length)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
            i += 2;
        }
        if (i < data.Length) sum += (uint)data[i] << 8;
        return sum;
    }

    /// <summary>Folds the carries back into 16 bits (the one's-complement sum).</summary>
    public static ushort Fold(ulong sum)
    {
        while ((sum >> 16) != 0) sum = (sum & 0xFFFF) + (sum >> 16);
        return (ushort)sum;
    }

    /// <summary>The checksum field value for a running sum taken with the field set to zero.</summary>
    public static ushort Finish(ulong sum) => (ushort)~Fold(sum);

    /// <summary>The checksum of <paramref name="data"/> alone (its checksum field zeroed beforehand).</summary>
    public static ushort Compute(ReadOnlySpan<byte> data) => Finish(Add(0, data));

    /// <summary>True when a sum taken over data that includes its checksum field verifies:
    /// the one's-complement sum is all ones.</summary>
    public static bool Verifies(ulong sum) => Fold(sum) == 0xFFFF;

    /// <summary>The sum of the IPv4 pseudo-header (RFC 768 layout: source, destination, zero,
    /// protocol, length), as VRRPv3 over IPv4 uses it in keepalived and FRR.</summary>
    public static ulong PseudoHeaderIPv4(IpAddr source, IpAddr destination, byte protocol, int length) =>
        (ulong)source.V4Value + destination.V4Value + protocol + (uint)length;

    /// <summary>The sum of the IPv6 pseudo-header (RFC 8200 §8.1: source, destination, 32-bit upper-layer
    /// length, three zero bytes, next header).</summary>
    public static ulong PseudoHeaderIPv6(IpAddr source, IpAddr destination, byte nextHeader, int length)
    {
        Span<byte> address = stackalloc byte[16];
        source.WriteTo(address);
        ulong sum = Add(0, address);
        destination.WriteTo(address);
        sum = Add(sum, address);
        return sum + (uint)length + nextHeader;
    }

    /// <summary>The pseudo-header sum for the family of <paramref name="source"/>.</summary>
    public static ulong PseudoHeader(IpAddr source, IpAddr destination, byte protocol, int length) =>
        source.Family == IpFamily.IPv4
            ? PseudoHeaderIPv4(source, destination, protocol, length)
            : PseudoHeaderIPv6(source, destination, protocol, length);
}
