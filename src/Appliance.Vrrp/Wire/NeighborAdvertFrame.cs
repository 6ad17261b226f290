using System.Buffers.Binary;

namespace Appliance.Vrrp.Wire;

/// <summary>
/// Unsolicited Neighbor Advertisement (RFC 4861 §7.2.6), sent for each IPv6 VIP on becoming master
/// (RFC 9568 §6.4.2): to all nodes, Override set so caches take the new link-layer address, Solicited
/// clear, Router set because a VRRP master is the hosts' router (RFC 9568 §6.4.2 asks for it). keepalived
/// takes the Router flag from the interface's forwarding sysctl and sends from the VIP itself; the
/// caller chooses both here.
/// </summary>
public static class NeighborAdvertFrame
{
    /// <summary>ICMPv6 part: 24-byte NA plus the 8-byte target link-layer address option.</summary>
    public const int IcmpBodyLength = 32;

    /// <summary>Whole frame: 14 Ethernet + 40 IPv6 + 32 ICMPv6 bytes.</summary>
    public const int Length = EthernetHeader.Length + IPv6HeaderLength + IcmpBodyLength;

    private const int IPv6HeaderLength = 40;
    private const byte NextHeaderIcmpV6 = 58;
    private const byte TypeNeighborAdvertisement = 136;
    private const uint FlagRouter = 0x8000_0000;
    private const uint FlagOverride = 0x2000_0000;
    private const byte OptionTargetLinkLayerAddress = 2;

    // ff02::1 and its multicast MAC 33:33:00:00:00:01 (RFC 2464 §7).
    private static ReadOnlySpan<byte> AllNodes => [0xFF, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
    private static readonly MacAddress s_allNodesMac = new(0x3333_0000_0001UL);

    /// <summary>
    /// Writes the whole Ethernet frame (IPv6 hop limit 255, destination ff02::1 / 33:33:00:00:00:01,
    /// ICMPv6 type 136 with R=<paramref name="router"/>, S=0, O=1, the target link-layer option and the
    /// ICMPv6 checksum) for an AF_PACKET socket; returns <see cref="Length"/>.
    /// </summary>
    /// <exception cref="ArgumentException">An address is not IPv6 or the buffer is too short.</exception>
    public static int Build(Span<byte> frame, MacAddress sourceMac, IpAddr sourceLinkLocal, IpAddr target, bool router = true)
    {
        if (frame.Length < Length) throw new ArgumentException("frame buffer shorter than 86 bytes", nameof(frame));
        EthernetHeader.Write(frame, s_allNodesMac, sourceMac, EthernetHeader.EtherTypeIPv6);

        var ip = frame.Slice(EthernetHeader.Length, IPv6HeaderLength);
        // Version 6, traffic class 0, flow label 0.
        BinaryPrimitives.WriteUInt32BigEndian(ip, 0x6000_0000);
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], IcmpBodyLength);
        ip[6] = NextHeaderIcmpV6;
        // RFC 4861 §7.1.2: receivers drop NAs whose hop limit is not 255.
        ip[7] = 255;
        CheckIPv6(sourceLinkLocal, nameof(sourceLinkLocal));
        sourceLinkLocal.WriteTo(ip[8..]);
        AllNodes.CopyTo(ip[24..]);

        BuildIcmpBody(frame.Slice(EthernetHeader.Length + IPv6HeaderLength), sourceMac, sourceLinkLocal, target, router);
        return Length;
    }

    /// <summary>
    /// Writes only the ICMPv6 message (for a raw ICMPv6 socket, where the kernel builds the IPv6 header),
    /// with its checksum over the pseudo-header of <paramref name="source"/> → ff02::1; returns
    /// <see cref="IcmpBodyLength"/>.
    /// </summary>
    /// <exception cref="ArgumentException">An address is not IPv6 or the buffer is too short.</exception>
    public static int BuildIcmpBody(Span<byte> body, MacAddress targetLinkLayer, IpAddr source, IpAddr target, bool router = true)
    {
        if (body.Length < IcmpBodyLength) throw new ArgumentException("ICMPv6 buffer shorter than 32 bytes", nameof(body));
        CheckIPv6(source, nameof(source));
        CheckIPv6(target, nameof(target));

        var icmp = body[..IcmpBodyLength];
        icmp[0] = TypeNeighborAdvertisement;
        icmp[1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(icmp[2..], 0);
        BinaryPrimitives.WriteUInt32BigEndian(icmp[4..], (router ? FlagRouter : 0) | FlagOverride);
        target.WriteTo(icmp[8..]);
        icmp[24] = OptionTargetLinkLayerAddress;
        icmp[25] = 1; // option length in units of 8 bytes
        targetLinkLayer.WriteTo(icmp[26..]);

        ulong sum = InternetChecksum.PseudoHeaderIPv6(source, IpAddr.FromV6(AllNodes), NextHeaderIcmpV6, IcmpBodyLength);
        BinaryPrimitives.WriteUInt16BigEndian(icmp[2..], InternetChecksum.Finish(InternetChecksum.Add(sum, icmp)));
        return IcmpBodyLength;
    }

    private static void CheckIPv6(IpAddr address, string name)
    {
        if (address.Family != IpFamily.IPv6) throw new ArgumentException("neighbour advertisements carry IPv6 addresses", name);
    }
}
