using System.Buffers.Binary;
using System.Security.Cryptography;
using Appliance.Vrrp;
using Appliance.Vrrp.Protocol;

namespace Appliance.Heartbeat.Wire;

/// <summary>
/// Encodes and decodes heartbeat frames (layout in <see cref="HeartbeatWire"/>) into and from
/// caller-owned buffers. Neither direction allocates; the HMAC uses the one-shot
/// <see cref="HMACSHA256.HashData(ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte})"/>.
/// </summary>
public static class HeartbeatCodec
{
    /// <summary>
    /// Writes one frame into <paramref name="destination"/> and returns its length, or 0 when the
    /// destination is too small or an entry cannot be encoded (a bug in the caller, not bad input).
    /// An empty <paramref name="key"/> sends no HMAC.
    /// </summary>
    public static int Encode(Span<byte> destination, in HeartbeatHeader header, ReadOnlySpan<HeartbeatEntry> entries, ReadOnlySpan<byte> key)
    {
        if (entries.Length > HeartbeatWire.MaxEntries || header.NodeId == 0) return 0;
        int length = HeartbeatWire.HeaderSize + (key.IsEmpty ? 0 : HeartbeatWire.HmacSize) + HeartbeatWire.CrcSize;
        foreach (ref readonly var e in entries)
        {
            if (e.Vrid == 0 || e.PrimaryAddress.Family != e.Family || (uint)e.AdvertInterval.Value > ushort.MaxValue) return 0;
            length += HeartbeatWire.EntrySize(e.Family);
        }
        if (destination.Length < length) return 0;
        var d = destination[..length];

        d[0] = HeartbeatWire.Marker0;
        d[1] = HeartbeatWire.Marker1;
        d[2] = HeartbeatWire.Version;
        d[3] = key.IsEmpty ? (byte)0 : HeartbeatWire.FlagHmac;
        BinaryPrimitives.WriteUInt16BigEndian(d[4..], (ushort)length);
        BinaryPrimitives.WriteUInt16BigEndian(d[6..], HeaderCheck(d));
        BinaryPrimitives.WriteUInt16BigEndian(d[8..], header.NodeId);
        BinaryPrimitives.WriteUInt32BigEndian(d[10..], header.Epoch);
        BinaryPrimitives.WriteUInt32BigEndian(d[14..], header.Sequence);
        BinaryPrimitives.WriteUInt32BigEndian(d[18..], header.Nonce);
        BinaryPrimitives.WriteUInt32BigEndian(d[22..], header.Echo);
        d[26] = (byte)entries.Length;
        d[27] = 0;

        int o = HeartbeatWire.HeaderSize;
        foreach (ref readonly var e in entries)
        {
            d[o] = e.Vrid;
            d[o + 1] = (byte)e.Family;
            d[o + 2] = (byte)e.State;
            d[o + 3] = e.Priority;
            d[o + 4] = e.LanFault ? HeartbeatWire.EntryFlagLanFault : (byte)0;
            d[o + 5] = 0;
            BinaryPrimitives.WriteUInt16BigEndian(d[(o + 6)..], (ushort)e.AdvertInterval.Value);
            o += HeartbeatWire.EntryFixedSize;
            o += e.PrimaryAddress.WriteTo(d[o..]);
        }
        if (!key.IsEmpty)
        {
            HMACSHA256.HashData(key, d[..o], d.Slice(o, HeartbeatWire.HmacSize));
            o += HeartbeatWire.HmacSize;
        }
        BinaryPrimitives.WriteUInt32BigEndian(d[o..], Crc32C.Compute(d[..o]));
        return length;
    }

    /// <summary>
    /// Decodes the frame at the start of <paramref name="source"/>. Checks, in order: enough bytes for
    /// the prefix, marker, header check, version, length range, enough bytes for the length (else
    /// <see cref="HeartbeatDropReason.Truncated"/>), CRC, HMAC presence and value, then every field.
    /// Bytes after the frame are ignored (<see cref="HeartbeatFrame.Length"/> says where it ends);
    /// a datagram transport checks that the length matches the datagram.
    /// </summary>
    public static HeartbeatDropReason TryDecode(ReadOnlySpan<byte> source, ReadOnlySpan<byte> key, out HeartbeatFrame frame)
    {
        frame = default;
        var r = CheckPrefix(source, out int length);
        if (r != HeartbeatDropReason.None) return r;
        if (source.Length < length) return HeartbeatDropReason.Truncated;
        var f = source[..length];

        int crcAt = length - HeartbeatWire.CrcSize;
        if (BinaryPrimitives.ReadUInt32BigEndian(f[crcAt..]) != Crc32C.Compute(f[..crcAt])) return HeartbeatDropReason.BadCrc;

        bool hasHmac = (f[3] & HeartbeatWire.FlagHmac) != 0;
        if (!hasHmac && !key.IsEmpty) return HeartbeatDropReason.MissingHmac;
        if (hasHmac && key.IsEmpty) return HeartbeatDropReason.UnexpectedHmac;
        int entriesEnd = crcAt - (hasHmac ? HeartbeatWire.HmacSize : 0);
        if (entriesEnd < HeartbeatWire.HeaderSize) return HeartbeatDropReason.BadLength;
        if (hasHmac)
        {
            Span<byte> mac = stackalloc byte[HeartbeatWire.HmacSize];
            HMACSHA256.HashData(key, f[..entriesEnd], mac);
            if (!CryptographicOperations.FixedTimeEquals(mac, f.Slice(entriesEnd, HeartbeatWire.HmacSize))) return HeartbeatDropReason.BadHmac;
        }

        ushort nodeId = BinaryPrimitives.ReadUInt16BigEndian(f[8..]);
        int count = f[26];
        if (nodeId == 0 || count > HeartbeatWire.MaxEntries) return HeartbeatDropReason.BadField;
        var entries = f[HeartbeatWire.HeaderSize..entriesEnd];
        var rest = entries;
        for (int i = 0; i < count; i++)
        {
            if (rest.Length < HeartbeatWire.EntryFixedSize) return HeartbeatDropReason.BadLength;
            var family = (IpFamily)rest[1];
            if (family is not (IpFamily.IPv4 or IpFamily.IPv6)) return HeartbeatDropReason.BadField;
            int size = HeartbeatWire.EntrySize(family);
            if (rest.Length < size) return HeartbeatDropReason.BadLength;
            if (rest[0] == 0 || rest[2] > (byte)VrrpState.Fault) return HeartbeatDropReason.BadField;
            rest = rest[size..];
        }
        if (!rest.IsEmpty) return HeartbeatDropReason.BadLength;

        var header = new HeartbeatHeader(nodeId, BinaryPrimitives.ReadUInt32BigEndian(f[10..]), BinaryPrimitives.ReadUInt32BigEndian(f[14..]),
            BinaryPrimitives.ReadUInt32BigEndian(f[18..]), BinaryPrimitives.ReadUInt32BigEndian(f[22..]));
        frame = new HeartbeatFrame(header, count, hasHmac, length, entries);
        return HeartbeatDropReason.None;
    }

    /// <summary>
    /// Checks the 8-byte prefix (marker, header check, version, length range) and returns the
    /// announced length. The stream reader uses this to decide, before the rest has arrived,
    /// whether a marker is real.
    /// </summary>
    public static HeartbeatDropReason CheckPrefix(ReadOnlySpan<byte> source, out int length)
    {
        length = 0;
        if (source.Length < HeartbeatWire.PrefixSize) return HeartbeatDropReason.Truncated;
        if (source[0] != HeartbeatWire.Marker0 || source[1] != HeartbeatWire.Marker1) return HeartbeatDropReason.BadMarker;
        if (BinaryPrimitives.ReadUInt16BigEndian(source[6..]) != HeaderCheck(source)) return HeartbeatDropReason.BadHeaderCheck;
        if (source[2] != HeartbeatWire.Version) return HeartbeatDropReason.BadVersion;
        length = BinaryPrimitives.ReadUInt16BigEndian(source[4..]);
        if (length < HeartbeatWire.MinFrameSize || length > HeartbeatWire.MaxFrameSize) return HeartbeatDropReason.BadLength;
        return HeartbeatDropReason.None;
    }

    private static ushort HeaderCheck(ReadOnlySpan<byte> frame) => (ushort)Crc32C.Compute(frame[..6]);
}
