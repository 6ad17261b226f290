namespace Appliance.Heartbeat.Wire;

/// <summary>
/// The heartbeat frame layout (version 2). Every multi-byte field is big-endian.
/// <code>
/// off  size  field
///   0     2  start marker A5 5A (the stream reader resynchronises on it)
///   2     1  version (1)
///   3     1  flags: bit 0 = an HMAC-SHA256 follows the entries
///   4     2  total length, marker to CRC inclusive
///   6     2  header check: low 16 bits of CRC-32C over bytes 0..5, so a marker that turns up in
///            line noise with a bogus length is rejected at once instead of swallowing real frames
///   8     2  node id of the sender (1..65535)
///  10     4  epoch: drawn from the cryptographic generator at each daemon start; names the run
///  14     4  sequence number, +1 per frame sent on this channel
///  18     4  nonce: the sender's current challenge, drawn afresh whenever it accepts a new run of a peer
///  22     4  echo: the last nonce the sender heard from the receiver on this channel (0: none yet)
///  26     1  entry count (0..32)
///  27     1  reserved, 0
///  28     n  entries: vrid, family (4|6), state, priority, flags, reserved, interval (2, cs),
///            then the instance's primary address (4 or 16 bytes) for the RFC 9568 §6.4.3 tie-break
///   ..    32 HMAC-SHA256 over bytes 0..end of entries (when flag bit 0 is set)
///   ..     4 CRC-32C (Castagnoli) over every byte before it
/// </code>
/// Version 2 added nonce and echo, so a receiver accepts a new run of its peer only from a frame that
/// echoes its own current nonce: frames recorded from an earlier run cannot be replayed as a
/// "restarted peer" (docs/split-brain.md, "Replay"). Version 1 frames are refused (<c>BadVersion</c>).
/// CRC-32C rather than CRC-16: it catches every burst up to 32 bits on a noisy RS-232 line, and
/// <see cref="System.Numerics.BitOperations.Crc32C(uint, byte)"/> computes it with the CPU's CRC
/// instruction on both x86_64 (SSE4.2) and ARM64 (ARMv8 CRC32).
/// </summary>
public static class HeartbeatWire
{
    /// <summary>First byte of the start marker.</summary>
    public const byte Marker0 = 0xA5;

    /// <summary>Second byte of the start marker.</summary>
    public const byte Marker1 = 0x5A;

    /// <summary>The only version this codec speaks.</summary>
    public const byte Version = 2;

    /// <summary>Flag bit: an HMAC-SHA256 follows the entries.</summary>
    public const byte FlagHmac = 0x01;

    /// <summary>Bytes before the first entry.</summary>
    public const int HeaderSize = 28;

    /// <summary>Bytes of the header the header check covers, plus the check itself.</summary>
    public const int PrefixSize = 8;

    /// <summary>Fixed part of an entry, before its address.</summary>
    public const int EntryFixedSize = 8;

    /// <summary>HMAC-SHA256 size.</summary>
    public const int HmacSize = 32;

    /// <summary>CRC-32C size.</summary>
    public const int CrcSize = 4;

    /// <summary>Most entries one frame carries (one per local instance).</summary>
    public const int MaxEntries = 32;

    /// <summary>The smallest valid frame: header, no entries, no HMAC, CRC.</summary>
    public const int MinFrameSize = HeaderSize + CrcSize;

    /// <summary>The largest valid frame: 32 IPv6 entries with an HMAC (832 bytes), rounded up.</summary>
    public const int MaxFrameSize = 1024;

    /// <summary>Entry flag: the sender's instance is in a LAN fault (it does not hear the master on the LAN).</summary>
    public const byte EntryFlagLanFault = 0x01;

    /// <summary>Bytes an entry of <paramref name="family"/> takes.</summary>
    public static int EntrySize(Appliance.Vrrp.IpFamily family) => EntryFixedSize + Appliance.Vrrp.IpAddr.SizeOf(family);
}
