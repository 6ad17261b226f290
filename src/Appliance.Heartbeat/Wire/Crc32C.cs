using System.Buffers.Binary;
using System.Numerics;

namespace Appliance.Heartbeat.Wire;

/// <summary>CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), initial value and final XOR all ones.</summary>
public static class Crc32C
{
    /// <summary>The CRC of <paramref name="data"/>; "123456789" gives 0xE3069283.</summary>
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFF_FFFFu;
        while (data.Length >= 8)
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }
        foreach (byte b in data) crc = BitOperations.Crc32C(crc, b);
        return ~crc;
    }
}
