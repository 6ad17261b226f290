using System.Buffers.Binary;
using System.Text;
using System.Text.Unicode;
using Appliance.Heartbeat.Wire;
using Appliance.Vrrp;
using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Tracking;

namespace Appliance.Host.Recorder;

/// <summary>
/// One flight record: a state transition (or a tracker's priority move) with its cause. Written as a
/// fixed 128-byte little-endian record that ends in a CRC-32C of the rest, so a record torn by a
/// crash mid-write is detected and skipped. Names are UTF-8, cut at 32 bytes on a character boundary.
/// </summary>
/// <remarks>
/// Layout (offsets in bytes): 0 sequence (u64, from 1 within the instance's ring; 0 = empty slot);
/// 8 wall-clock time, Unix milliseconds UTC (i64); 16 kind; 17 from; 18 to; 19 core reason
/// (<see cref="StateChangeReason"/>); 20 host cause (<see cref="RecordCause"/>); 21 our priority
/// after; 22 peer priority; 23 peer family (0 none, 4, 6); 24 peer address (16); 40 silence in ms
/// (u32, <see cref="NoSilence"/> when none); 44 tracker weight (i32); 48 VRID; 49 tracker kind;
/// 50 tracker status; 51 base priority; 52 priority before; 53..55 zero; 56 instance name
/// (32); 88 detail (32: tracker, interface or group name); 120..123 zero; 124 CRC-32C of 0..123.
/// </remarks>
public struct FlightRecord
{
    /// <summary>Bytes per record on disk.</summary>
    public const int Size = 128;

    /// <summary>Bytes kept of the instance name and of the detail.</summary>
    public const int NameBytes = 32;

    /// <summary>The silence field when Master_Down_Timer did not fire.</summary>
    public const uint NoSilence = uint.MaxValue;

    /// <summary>Position in the instance's ring, from 1.</summary>
    public ulong Sequence;

    /// <summary>When it happened: Unix milliseconds, UTC.</summary>
    public long UnixMilliseconds;

    /// <summary>What the record describes.</summary>
    public RecordKind Kind;

    /// <summary>The state before.</summary>
    public VrrpState From;

    /// <summary>The state after.</summary>
    public VrrpState To;

    /// <summary>What the state machine saw.</summary>
    public StateChangeReason Reason;

    /// <summary>Who outside the state machine made it see that.</summary>
    public RecordCause Cause;

    /// <summary>Our effective priority after the change.</summary>
    public byte Priority;

    /// <summary>The configured priority.</summary>
    public byte BasePriority;

    /// <summary>The peer's priority, when <see cref="Peer"/> is set.</summary>
    public byte PeerPriority;

    /// <summary>The peer that caused it; <c>default</c> (family 0) when none.</summary>
    public IpAddr Peer;

    /// <summary>How long the master had been silent when Master_Down_Timer fired, in ms; <see cref="NoSilence"/> otherwise.</summary>
    public uint SilenceMs;

    /// <summary>A tracker's weight, for <see cref="RecordCause.Tracker"/>.</summary>
    public int Value;

    /// <summary>Our effective priority before the change.</summary>
    public byte PreviousPriority;

    /// <summary>The instance's VRID.</summary>
    public byte Vrid;

    /// <summary>The tracker's kind, for <see cref="RecordCause.Tracker"/>.</summary>
    public TrackerKind TrackerKind;

    /// <summary>The tracker's new status, for <see cref="RecordCause.Tracker"/>.</summary>
    public TrackerStatus TrackerStatus;

    /// <summary>The instance name.</summary>
    public string Instance;

    /// <summary>Tracker, interface or sync group name; null when none.</summary>
    public string? Detail;

    /// <summary>Whether the record names a peer.</summary>
    public readonly bool HasPeer => Peer.Family is IpFamily.IPv4 or IpFamily.IPv6;

    /// <summary>Writes the record into <paramref name="destination"/> (at least <see cref="Size"/> bytes). Allocates nothing.</summary>
    public readonly void Encode(Span<byte> destination)
    {
        var d = destination[..Size];
        d.Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(d, Sequence);
        BinaryPrimitives.WriteInt64LittleEndian(d[8..], UnixMilliseconds);
        d[16] = (byte)Kind;
        d[17] = (byte)From;
        d[18] = (byte)To;
        d[19] = (byte)Reason;
        d[20] = (byte)Cause;
        d[21] = Priority;
        d[22] = PeerPriority;
        if (HasPeer)
        {
            d[23] = (byte)Peer.Family;
            Peer.WriteTo(d.Slice(24, 16));
        }
        BinaryPrimitives.WriteUInt32LittleEndian(d[40..], SilenceMs);
        BinaryPrimitives.WriteInt32LittleEndian(d[44..], Value);
        d[48] = Vrid;
        d[49] = (byte)TrackerKind;
        d[50] = (byte)TrackerStatus;
        d[51] = BasePriority;
        d[52] = PreviousPriority;
        PutName(Instance, d.Slice(56, NameBytes));
        PutName(Detail, d.Slice(88, NameBytes));
        BinaryPrimitives.WriteUInt32LittleEndian(d[124..], Crc32C.Compute(d[..124]));
    }

    /// <summary>Reads a record; false for an empty slot or one whose checksum fails (torn or foreign bytes).</summary>
    public static bool TryDecode(ReadOnlySpan<byte> source, out FlightRecord record)
    {
        record = default;
        if (source.Length < Size) return false;
        var d = source[..Size];
        if (BinaryPrimitives.ReadUInt32LittleEndian(d[124..]) != Crc32C.Compute(d[..124])) return false;
        ulong sequence = BinaryPrimitives.ReadUInt64LittleEndian(d);
        if (sequence == 0) return false;
        record.Sequence = sequence;
        record.UnixMilliseconds = BinaryPrimitives.ReadInt64LittleEndian(d[8..]);
        record.Kind = (RecordKind)d[16];
        record.From = (VrrpState)d[17];
        record.To = (VrrpState)d[18];
        record.Reason = (StateChangeReason)d[19];
        record.Cause = (RecordCause)d[20];
        record.Priority = d[21];
        record.PeerPriority = d[22];
        if (d[23] == (byte)IpFamily.IPv4) record.Peer = IpAddr.FromV4(d.Slice(24, 4));
        else if (d[23] == (byte)IpFamily.IPv6) record.Peer = IpAddr.FromV6(d.Slice(24, 16));
        record.SilenceMs = BinaryPrimitives.ReadUInt32LittleEndian(d[40..]);
        record.Value = BinaryPrimitives.ReadInt32LittleEndian(d[44..]);
        record.Vrid = d[48];
        record.TrackerKind = (TrackerKind)d[49];
        record.TrackerStatus = (TrackerStatus)d[50];
        record.BasePriority = d[51];
        record.PreviousPriority = d[52];
        record.Instance = GetName(d.Slice(56, NameBytes)) ?? "";
        record.Detail = GetName(d.Slice(88, NameBytes));
        return true;
    }

    /// <summary>The instance name as stored (cut at <see cref="NameBytes"/>), for matching a ring to its instance without allocating.</summary>
    public static bool NameMatches(ReadOnlySpan<byte> record, string name)
    {
        Span<byte> mine = stackalloc byte[NameBytes];
        mine.Clear();
        PutName(name, mine);
        return record.Slice(56, NameBytes).SequenceEqual(mine);
    }

    private static void PutName(string? name, Span<byte> destination)
    {
        if (name is null) return;
        // Whole characters only: a cut name stays valid UTF-8.
        Utf8.FromUtf16(name, destination, out _, out _, replaceInvalidSequences: true, isFinalBlock: true);
    }

    private static string? GetName(ReadOnlySpan<byte> field)
    {
        int end = field.IndexOf((byte)0);
        if (end < 0) end = field.Length;
        return end == 0 ? null : Encoding.UTF8.GetString(field[..end]);
    }
}
