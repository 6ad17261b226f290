using System.Buffers.Binary;

namespace Appliance.Vrrp.Wire;

/// <summary>The 14-byte Ethernet II header the frame builders start with.</summary>
internal static class EthernetHeader
{
    public const int Length = 14;
    public const ushort EtherTypeArp = 0x0806;
    public const ushort EtherTypeIPv4 = 0x0800;
    public const ushort EtherTypeIPv6 = 0x86DD;

    public static void Write(Span<byte> frame, MacAddress destination, MacAddress source, ushort etherType)
    {
        destination.WriteTo(frame);
        source.WriteTo(frame[6..]);
        BinaryPrimitives.WriteUInt16BigEndian(frame[12..], etherType);
    }
}
