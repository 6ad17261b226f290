using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Appliance.Heartbeat.Wire;

/// <summary>
/// Non-zero 32-bit values from the operating system's cryptographic generator, for the epoch and
/// the nonces in heartbeat frames: an attacker who recorded frames must not be able to predict the
/// next ones (a seeded or time-based generator would let them). Allocation-free.
/// </summary>
public static class SecureId
{
    /// <summary>A fresh non-zero value (0 means "none" on the wire).</summary>
    public static uint Next()
    {
        Span<byte> bytes = stackalloc byte[4];
        uint value;
        do
        {
            RandomNumberGenerator.Fill(bytes);
            value = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        }
        while (value == 0);
        return value;
    }
}
