using System.Buffers.Binary;

namespace Appliance.Vrrp.Tests.Wire;

/// <summary>Writes the classic libpcap format (microsecond timestamps, little-endian), enough for tshark.</summary>
internal static class PcapFile
{
    /// <summary>LINKTYPE_ETHERNET: frames from the Ethernet header on.</summary>
    public const uint LinkTypeEthernet = 1;

    /// <summary>LINKTYPE_RAW: packets from the IPv4 or IPv6 header on.</summary>
    public const uint LinkTypeRaw = 101;

    public static void Write(string path, uint linkType, IEnumerable<byte[]> packets)
    {
        using var stream = File.Create(path);
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0xA1B2C3D4);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 65535);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], linkType);
        stream.Write(header);

        uint second = 0;
        Span<byte> record = stackalloc byte[16];
        foreach (var packet in packets)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(record, second++);
            BinaryPrimitives.WriteUInt32LittleEndian(record[4..], 0);
            BinaryPrimitives.WriteUInt32LittleEndian(record[8..], (uint)packet.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(record[12..], (uint)packet.Length);
            stream.Write(record);
            stream.Write(packet);
        }
    }
}
