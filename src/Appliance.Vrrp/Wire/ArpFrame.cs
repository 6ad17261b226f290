using System.Buffers.Binary;

namespace Appliance.Vrrp.Wire;

/// <summary>
/// Gratuitous ARP, sent for each IPv4 VIP on becoming master (RFC 9568 §6.4.2) so switches and hosts
/// move the address to us. The frame is what keepalived 2.2.7 sends (vrrp_arp.c, and the golden
/// capture): Ethernet broadcast, an ARP <em>request</em> (RFC 5227 §3 prefers requests: every host
/// processes them, some ignore unsolicited replies) with sender and target protocol address both the VIP,
/// sender hardware address the (real or virtual) MAC and target hardware address all ones.
/// </summary>
public static class ArpFrame
{
    /// <summary>Length of the frame: 14 Ethernet + 28 ARP bytes (the NIC pads it to 60 on the wire).</summary>
    public const int Length = 42;

    private const ushort HardwareTypeEthernet = 1;
    private const ushort OperationRequest = 1;

    /// <summary>Writes a gratuitous ARP request for <paramref name="address"/> from <paramref name="senderMac"/>
    /// (the VMAC when one is used) into <paramref name="frame"/>; returns <see cref="Length"/>.</summary>
    /// <exception cref="ArgumentException">The address is not IPv4 or the buffer is shorter than <see cref="Length"/>.</exception>
    public static int BuildGratuitous(Span<byte> frame, MacAddress senderMac, IpAddr address)
    {
        if (address.Family != IpFamily.IPv4) throw new ArgumentException("gratuitous ARP is for IPv4 addresses", nameof(address));
        if (frame.Length < Length) throw new ArgumentException("frame buffer shorter than 42 bytes", nameof(frame));

        EthernetHeader.Write(frame, MacAddress.Broadcast, senderMac, EthernetHeader.EtherTypeArp);
        var arp = frame[EthernetHeader.Length..Length];
        BinaryPrimitives.WriteUInt16BigEndian(arp, HardwareTypeEthernet);
        BinaryPrimitives.WriteUInt16BigEndian(arp[2..], EthernetHeader.EtherTypeIPv4);
        arp[4] = 6;
        arp[5] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(arp[6..], OperationRequest);
        senderMac.WriteTo(arp[8..]);
        address.WriteTo(arp[14..]);
        MacAddress.Broadcast.WriteTo(arp[18..]);
        address.WriteTo(arp[24..]);
        return Length;
    }
}
