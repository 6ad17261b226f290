using System.Buffers.Binary;
using Appliance.Vrrp;
using Appliance.Vrrp.Protocol;

namespace Appliance.Heartbeat.Wire;

/// <summary>
/// A validated heartbeat frame, viewing the received bytes: no copy, nothing outlives the buffer.
/// Only <see cref="HeartbeatCodec.TryDecode"/> builds one, after every entry has been checked.
/// </summary>
public readonly ref struct HeartbeatFrame
{
    private readonly ReadOnlySpan<byte> _entries;

    internal HeartbeatFrame(HeartbeatHeader header, int entryCount, bool authenticated, int length, ReadOnlySpan<byte> entries)
    {
        Header = header;
        EntryCount = entryCount;
        Authenticated = authenticated;
        Length = length;
        _entries = entries;
    }

    /// <summary>The sender's node id.</summary>
    public ushort NodeId => Header.NodeId;

    /// <summary>The sender's epoch (drawn from the cryptographic generator at each start).</summary>
    public uint Epoch => Header.Epoch;

    /// <summary>The sender's sequence number on this channel.</summary>
    public uint Sequence => Header.Sequence;

    /// <summary>The sender's current nonce, which the receiver echoes in its frames.</summary>
    public uint Nonce => Header.Nonce;

    /// <summary>The receiver's nonce as the sender last heard it (0: none yet).</summary>
    public uint Echo => Header.Echo;

    /// <summary>Number of entries.</summary>
    public int EntryCount { get; }

    /// <summary>True when an HMAC was present and matched our key.</summary>
    public bool Authenticated { get; }

    /// <summary>Bytes the frame took, marker to CRC.</summary>
    public int Length { get; }

    /// <summary>The header fields.</summary>
    public HeartbeatHeader Header { get; }

    /// <summary>Reads the entries in order into <paramref name="destination"/>; returns how many.</summary>
    public int CopyEntriesTo(Span<HeartbeatEntry> destination)
    {
        var e = new EntryEnumerator(_entries);
        int n = 0;
        while (n < destination.Length && e.MoveNext()) destination[n++] = e.Current;
        return n;
    }

    /// <summary>Walks the entries without copying them all.</summary>
    public EntryEnumerator GetEnumerator() => new(_entries);

    /// <summary>An allocation-free walk over the (already validated) entries.</summary>
    public ref struct EntryEnumerator
    {
        private ReadOnlySpan<byte> _rest;

        internal EntryEnumerator(ReadOnlySpan<byte> entries)
        {
            _rest = entries;
            Current = default;
        }

        /// <summary>The entry just read.</summary>
        public HeartbeatEntry Current { get; private set; }

        /// <summary>Reads the next entry.</summary>
        public bool MoveNext()
        {
            if (_rest.IsEmpty) return false;
            var family = (IpFamily)_rest[1];
            int size = HeartbeatWire.EntrySize(family);
            Current = new HeartbeatEntry(
                Vrid: _rest[0],
                Family: family,
                State: (VrrpState)_rest[2],
                Priority: _rest[3],
                AdvertInterval: new Centiseconds(BinaryPrimitives.ReadUInt16BigEndian(_rest[6..])),
                PrimaryAddress: IpAddr.Read(family, _rest[HeartbeatWire.EntryFixedSize..]),
                LanFault: (_rest[4] & HeartbeatWire.EntryFlagLanFault) != 0);
            _rest = _rest[size..];
            return true;
        }
    }
}
