using System.Buffers.Binary;

namespace Appliance.Vrrp.Wire;

public static partial class VrrpCodec
{
    /// <summary>
    /// Validates and views an advert as an IPv4 raw socket delivers it, IP header included. The IP
    /// header is checked first (at least 20 bytes, version 4, IHL ≥ 5 and within the data, protocol 112,
    /// total length within the data), then the message as <see cref="Decode"/> does. The header checksum
    /// is not checked: Linux drops bad IP header checksums before raw delivery (ip_rcv). Never throws.
    /// </summary>
    /// <param name="ipPacket">The received datagram, from the IPv4 header on.</param>
    /// <param name="checkTtl">Whether TTL must be 255 (false for unicast peers, as keepalived does).</param>
    /// <param name="advert">On <see cref="DropReason.None"/>, a view of the packet; otherwise default.</param>
    /// <param name="info">What the header said; filled as soon as 20 header bytes are present, so a drop
    /// can still be logged with its source.</param>
    public static DropReason DecodeIPv4(ReadOnlySpan<byte> ipPacket, bool checkTtl, out VrrpAdvert advert, out PacketInfo info)
    {
        advert = default;
        info = default;
        if (ipPacket.Length < IPv4HeaderLength) return DropReason.TooShort;
        info = new PacketInfo(IpFamily.IPv4, IpAddr.FromV4(ipPacket[12..]), IpAddr.FromV4(ipPacket[16..]), ipPacket[8], checkTtl);

        if ((ipPacket[0] >> 4) != 4) return DropReason.BadIpHeader;
        int headerLength = (ipPacket[0] & 0x0F) * 4;
        if (headerLength < IPv4HeaderLength) return DropReason.BadIpHeader;
        if (headerLength > ipPacket.Length) return DropReason.TooShort;
        if (ipPacket[9] != ProtocolNumber) return DropReason.BadIpHeader;
        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(ipPacket[2..]);
        if (totalLength < headerLength) return DropReason.BadIpHeader;
        if (totalLength > ipPacket.Length) return DropReason.TooShort;

        return Decode(ipPacket[headerLength..totalLength], info, out advert);
    }

    /// <summary>
    /// Writes a 20-byte IPv4 header (TOS 0xC0 and TTL 255 as keepalived sends, protocol 112, no
    /// fragmentation flags, header checksum) followed by the advert; returns the packet length. For
    /// raw sockets with IP_HDRINCL, tests and pcaps. With <paramref name="identification"/> 0 on an
    /// IP_HDRINCL socket, Linux fills in the id itself.
    /// </summary>
    /// <exception cref="ArgumentException">As <see cref="Encode"/>; also when the fields are not IPv4.</exception>
    public static int EncodeIPv4Packet(Span<byte> destination, in AdvertFields fields, IpAddr source, IpAddr destinationAddress,
        ChecksumForm form, ushort identification = 0)
    {
        if (fields.Family != IpFamily.IPv4) ThrowArgument(nameof(fields), "an IPv4 packet needs IPv4 fields");
        CheckFamily(source, destinationAddress, IpFamily.IPv4);
        if (destination.Length < IPv4HeaderLength) ThrowArgument(nameof(destination), "buffer too small for the IPv4 header");
        int messageLength = Encode(destination[IPv4HeaderLength..], fields, source, destinationAddress, form);
        int total = IPv4HeaderLength + messageLength;

        var header = destination[..IPv4HeaderLength];
        header[0] = 0x45;
        header[1] = NetworkControlTos;
        BinaryPrimitives.WriteUInt16BigEndian(header[2..], (ushort)total);
        BinaryPrimitives.WriteUInt16BigEndian(header[4..], identification);
        BinaryPrimitives.WriteUInt16BigEndian(header[6..], 0);
        header[8] = RequiredTtl;
        header[9] = ProtocolNumber;
        BinaryPrimitives.WriteUInt16BigEndian(header[10..], 0);
        source.WriteTo(header[12..]);
        destinationAddress.WriteTo(header[16..]);
        BinaryPrimitives.WriteUInt16BigEndian(header[10..], InternetChecksum.Compute(header));
        return total;
    }
}
