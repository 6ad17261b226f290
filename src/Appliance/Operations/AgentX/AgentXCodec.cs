using System.Buffers.Binary;
using System.Text;

namespace Appliance.Operations.AgentX;

/// <summary>
/// RFC 2741 §5 and §6 encodings: header, OIDs (with the 1.3.6.1 prefix form), octet strings
/// padded to four bytes, VarBinds and SearchRanges. Byte order follows each PDU's
/// NETWORK_BYTE_ORDER flag, both ways: a master may send little-endian PDUs and gets its
/// responses in the same order.
/// </summary>
internal static class AgentXCodec
{
    /// <summary>Largest payload accepted from the master: a bound on what one bad length field
    /// can make us buffer. net-snmp's own requests are a few hundred bytes.</summary>
    public const int MaxPayload = 64 * 1024;

    // 1.3.6.1: an OID that starts with it and a fifth sub-identifier of 1..255 travels as that
    // fifth sub-identifier in the prefix byte (RFC 2741 §5.1).
    private static readonly uint[] s_internet = [1, 3, 6, 1];

    /// <summary>The payload length announced by a header, or -1 when <paramref name="header"/> is
    /// not a valid AgentX header. Throws on a version or length the codec refuses.</summary>
    public static int PayloadLength(ReadOnlySpan<byte> header)
    {
        if (header.Length < AgentXPdu.HeaderSize) return -1;
        if (header[0] != 1) throw new AgentXFormatException($"h.version {header[0]}, expected 1");
        bool big = (header[2] & (byte)AgentXFlags.NetworkByteOrder) != 0;
        uint len = big ? BinaryPrimitives.ReadUInt32BigEndian(header[16..]) : BinaryPrimitives.ReadUInt32LittleEndian(header[16..]);
        if (len > MaxPayload) throw new AgentXFormatException($"h.payload_length {len} exceeds {MaxPayload}");
        if (len % 4 != 0) throw new AgentXFormatException($"h.payload_length {len} is not a multiple of 4");
        return (int)len;
    }

    /// <summary>Decodes one whole PDU (header and payload); throws <see cref="AgentXFormatException"/>
    /// on anything malformed.</summary>
    public static AgentXPdu Decode(ReadOnlySpan<byte> pdu)
    {
        int len = PayloadLength(pdu);
        if (len < 0 || pdu.Length != AgentXPdu.HeaderSize + len) throw new AgentXFormatException("truncated PDU");
        var flags = (AgentXFlags)pdu[2];
        var r = new Reader(pdu[AgentXPdu.HeaderSize..], (flags & AgentXFlags.NetworkByteOrder) != 0);
        var type = (AgentXPduType)pdu[1];
        var head = new Reader(pdu, r.Big);
        head.Skip(4);
        uint session = head.U32(), tx = head.U32(), packet = head.U32();
        byte[]? context = null;
        if ((flags & AgentXFlags.NonDefaultContext) != 0 && type is not (AgentXPduType.Open or AgentXPduType.Close or AgentXPduType.Response))
            context = r.Octets().ToArray();
        AgentXPdu result = type switch
        {
            AgentXPduType.Open => DecodeOpen(ref r),
            AgentXPduType.Close => new AgentXPdu { Reason = (AgentXCloseReason)r.U8(), Type = type },
            AgentXPduType.Register or AgentXPduType.Unregister => DecodeRegister(ref r, type, flags),
            AgentXPduType.Get or AgentXPduType.GetNext => new AgentXPdu { Ranges = Ranges(ref r) },
            AgentXPduType.GetBulk => DecodeBulk(ref r),
            AgentXPduType.Notify or AgentXPduType.TestSet => new AgentXPdu { VarBinds = VarBinds(ref r) },
            AgentXPduType.Response => DecodeResponse(ref r),
            AgentXPduType.Ping or AgentXPduType.CommitSet or AgentXPduType.UndoSet or AgentXPduType.CleanupSet => new AgentXPdu(),
            _ => throw new AgentXFormatException($"h.type {(byte)type} is not served"),
        };
        if (type == AgentXPduType.Close) r.Skip(3);
        if (!r.AtEnd) throw new AgentXFormatException($"{r.Remaining} bytes after the {type} body");
        return new AgentXPdu
        {
            Type = type, Flags = flags, SessionId = session, TransactionId = tx, PacketId = packet, Context = context,
            Timeout = result.Timeout, Id = result.Id, Description = result.Description, Reason = result.Reason,
            Priority = result.Priority, RangeSubId = result.RangeSubId, Subtree = result.Subtree, UpperBound = result.UpperBound,
            NonRepeaters = result.NonRepeaters, MaxRepetitions = result.MaxRepetitions, Ranges = result.Ranges,
            VarBinds = result.VarBinds, SysUpTime = result.SysUpTime, Error = result.Error, Index = result.Index,
        };
    }

    private static AgentXPdu DecodeOpen(ref Reader r)
    {
        byte timeout = r.U8();
        r.Skip(3);
        var id = r.Oid(out _);
        var descr = Encoding.UTF8.GetString(r.Octets());
        return new AgentXPdu { Timeout = timeout, Id = id, Description = descr };
    }

    private static AgentXPdu DecodeRegister(ref Reader r, AgentXPduType type, AgentXFlags flags)
    {
        byte timeout = r.U8(), priority = r.U8(), range = r.U8();
        r.Skip(1);
        var subtree = r.Oid(out _);
        uint upper = range != 0 ? r.U32() : 0;
        _ = flags;
        return new AgentXPdu { Type = type, Timeout = timeout, Priority = priority, RangeSubId = range, Subtree = subtree, UpperBound = upper };
    }

    private static AgentXPdu DecodeBulk(ref Reader r)
    {
        ushort non = r.U16(), max = r.U16();
        return new AgentXPdu { NonRepeaters = non, MaxRepetitions = max, Ranges = Ranges(ref r) };
    }

    private static AgentXPdu DecodeResponse(ref Reader r)
    {
        uint up = r.U32();
        ushort error = r.U16(), index = r.U16();
        return new AgentXPdu { SysUpTime = up, Error = error, Index = index, VarBinds = VarBinds(ref r) };
    }

    private static List<SearchRange> Ranges(ref Reader r)
    {
        var list = new List<SearchRange>();
        while (!r.AtEnd)
        {
            var start = r.Oid(out bool include);
            var end = r.Oid(out _);
            list.Add(new SearchRange(start, include, end));
        }
        return list;
    }

    private static List<VarBind> VarBinds(ref Reader r)
    {
        var list = new List<VarBind>();
        while (!r.AtEnd)
        {
            var type = (AgentXValueType)r.U16();
            r.Skip(2);
            var name = r.Oid(out _);
            SnmpValue v = type switch
            {
                AgentXValueType.Integer or AgentXValueType.Counter32 or AgentXValueType.Gauge32 or AgentXValueType.TimeTicks =>
                    new SnmpValue(type, type == AgentXValueType.Integer ? (int)r.U32() : r.U32()),
                AgentXValueType.Counter64 => new SnmpValue(type, (long)r.U64()),
                AgentXValueType.OctetString or AgentXValueType.IpAddress or AgentXValueType.Opaque => new SnmpValue(type, Bytes: r.Octets().ToArray()),
                AgentXValueType.ObjectIdentifier => new SnmpValue(type, Oid: r.Oid(out _)),
                AgentXValueType.Null or AgentXValueType.NoSuchObject or AgentXValueType.NoSuchInstance or AgentXValueType.EndOfMibView => new SnmpValue(type),
                _ => throw new AgentXFormatException($"v.type {(ushort)type} is not an AgentX value type"),
            };
            list.Add(new VarBind(name, v));
        }
        return list;
    }

    /// <summary>Writes <paramref name="pdu"/> into <paramref name="buffer"/> (in the byte order its
    /// flags say); returns the bytes written, or -1 when the buffer is too small.</summary>
    public static int Encode(AgentXPdu pdu, Span<byte> buffer)
    {
        var w = new Writer(buffer, pdu.NetworkByteOrder);
        w.U8(1);
        w.U8((byte)pdu.Type);
        w.U8((byte)pdu.Flags);
        w.U8(0);
        w.U32(pdu.SessionId);
        w.U32(pdu.TransactionId);
        w.U32(pdu.PacketId);
        w.U32(0); // payload length, patched below
        if ((pdu.Flags & AgentXFlags.NonDefaultContext) != 0 && pdu.Type is not (AgentXPduType.Open or AgentXPduType.Close or AgentXPduType.Response))
            w.Octets(pdu.Context ?? []);
        switch (pdu.Type)
        {
            case AgentXPduType.Open:
                w.U8(pdu.Timeout);
                w.Pad(3);
                w.Oid(pdu.Id, false);
                w.Octets(Encoding.UTF8.GetBytes(pdu.Description));
                break;
            case AgentXPduType.Close:
                w.U8((byte)pdu.Reason);
                w.Pad(3);
                break;
            case AgentXPduType.Register or AgentXPduType.Unregister:
                w.U8(pdu.Timeout);
                w.U8(pdu.Priority);
                w.U8(pdu.RangeSubId);
                w.U8(0);
                w.Oid(pdu.Subtree, false);
                if (pdu.RangeSubId != 0) w.U32(pdu.UpperBound);
                break;
            case AgentXPduType.GetBulk:
                w.U16(pdu.NonRepeaters);
                w.U16(pdu.MaxRepetitions);
                WriteRanges(ref w, pdu.Ranges);
                break;
            case AgentXPduType.Get or AgentXPduType.GetNext:
                WriteRanges(ref w, pdu.Ranges);
                break;
            case AgentXPduType.Response:
                w.U32(pdu.SysUpTime);
                w.U16(pdu.Error);
                w.U16(pdu.Index);
                WriteVarBinds(ref w, pdu.VarBinds);
                break;
            case AgentXPduType.Notify or AgentXPduType.TestSet:
                WriteVarBinds(ref w, pdu.VarBinds);
                break;
            default:
                break; // Ping, CommitSet, UndoSet, CleanupSet: header only
        }
        if (w.Overflow) return -1;
        int payload = w.Position - AgentXPdu.HeaderSize;
        if (pdu.NetworkByteOrder) BinaryPrimitives.WriteUInt32BigEndian(buffer[16..], (uint)payload);
        else BinaryPrimitives.WriteUInt32LittleEndian(buffer[16..], (uint)payload);
        return w.Position;
    }

    private static void WriteRanges(ref Writer w, IReadOnlyList<SearchRange> ranges)
    {
        foreach (var r in ranges)
        {
            w.Oid(r.Start, r.Include);
            w.Oid(r.End, false);
        }
    }

    private static void WriteVarBinds(ref Writer w, IReadOnlyList<VarBind> binds)
    {
        foreach (var b in binds)
        {
            var v = b.Value;
            w.U16((ushort)v.Type);
            w.U16(0);
            w.Oid(b.Name, false);
            switch (v.Type)
            {
                case AgentXValueType.Integer or AgentXValueType.Counter32 or AgentXValueType.Gauge32 or AgentXValueType.TimeTicks:
                    w.U32((uint)v.Number);
                    break;
                case AgentXValueType.Counter64:
                    w.U64((ulong)v.Number);
                    break;
                case AgentXValueType.OctetString or AgentXValueType.IpAddress or AgentXValueType.Opaque:
                    w.Octets(v.Bytes ?? []);
                    break;
                case AgentXValueType.ObjectIdentifier:
                    w.Oid(v.Oid ?? Oid.Empty, false);
                    break;
                default:
                    break; // Null and the exceptions carry no data
            }
        }
    }

    private ref struct Reader(ReadOnlySpan<byte> data, bool big)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _pos;

        public readonly bool Big => big;

        public readonly bool AtEnd => _pos == _data.Length;

        public readonly int Remaining => _data.Length - _pos;

        private ReadOnlySpan<byte> Take(int n)
        {
            if (n < 0 || _data.Length - _pos < n) throw new AgentXFormatException($"field needs {n} bytes at offset {_pos}, {_data.Length - _pos} left");
            var s = _data.Slice(_pos, n);
            _pos += n;
            return s;
        }

        public void Skip(int n) => Take(n);

        public byte U8() => Take(1)[0];

        public ushort U16() => big ? BinaryPrimitives.ReadUInt16BigEndian(Take(2)) : BinaryPrimitives.ReadUInt16LittleEndian(Take(2));

        public uint U32() => big ? BinaryPrimitives.ReadUInt32BigEndian(Take(4)) : BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

        public ulong U64() => big ? BinaryPrimitives.ReadUInt64BigEndian(Take(8)) : BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

        // RFC 2741 §5.3: a 4-byte length, the octets, zero padding to a multiple of 4.
        public ReadOnlySpan<byte> Octets()
        {
            uint len = U32();
            if (len > (uint)Remaining) throw new AgentXFormatException($"octet string of {len} bytes, {Remaining} left");
            var s = Take((int)len);
            Take((int)((4 - len % 4) % 4));
            return s;
        }

        // RFC 2741 §5.1: n_subid, prefix, include, reserved, then n_subid 4-byte sub-identifiers.
        public Oid Oid(out bool include)
        {
            byte n = U8(), prefix = U8();
            include = U8() != 0;
            Skip(1);
            if (n > 128) throw new AgentXFormatException($"OID of {n} sub-identifiers (at most 128)");
            int extra = prefix != 0 ? 5 : 0;
            var parts = new uint[extra + n];
            if (prefix != 0)
            {
                s_internet.CopyTo(parts, 0);
                parts[4] = prefix;
            }
            for (int i = 0; i < n; i++) parts[extra + i] = U32();
            return new Oid(parts);
        }
    }

    private ref struct Writer(Span<byte> buffer, bool big)
    {
        private readonly Span<byte> _buffer = buffer;

        public int Position { get; private set; }

        public bool Overflow { get; private set; }

        private Span<byte> Next(int n)
        {
            if (Overflow || _buffer.Length - Position < n)
            {
                Overflow = true;
                return [];
            }
            var s = _buffer.Slice(Position, n);
            Position += n;
            return s;
        }

        public void U8(byte v)
        {
            var s = Next(1);
            if (!s.IsEmpty) s[0] = v;
        }

        public void Pad(int n)
        {
            var s = Next(n);
            s.Clear();
        }

        public void U16(ushort v)
        {
            var s = Next(2);
            if (s.IsEmpty) return;
            if (big) BinaryPrimitives.WriteUInt16BigEndian(s, v);
            else BinaryPrimitives.WriteUInt16LittleEndian(s, v);
        }

        public void U32(uint v)
        {
            var s = Next(4);
            if (s.IsEmpty) return;
            if (big) BinaryPrimitives.WriteUInt32BigEndian(s, v);
            else BinaryPrimitives.WriteUInt32LittleEndian(s, v);
        }

        public void U64(ulong v)
        {
            var s = Next(8);
            if (s.IsEmpty) return;
            if (big) BinaryPrimitives.WriteUInt64BigEndian(s, v);
            else BinaryPrimitives.WriteUInt64LittleEndian(s, v);
        }

        public void Octets(ReadOnlySpan<byte> data)
        {
            U32((uint)data.Length);
            var s = Next(data.Length);
            if (!s.IsEmpty) data.CopyTo(s);
            Pad((4 - data.Length % 4) % 4);
        }

        public void Oid(Oid oid, bool include)
        {
            var p = oid.Parts;
            bool prefixed = p.Length >= 5 && p[..4].SequenceEqual(s_internet) && p[4] is > 0 and <= 255;
            var rest = prefixed ? p[5..] : p;
            U8((byte)rest.Length);
            U8(prefixed ? (byte)p[4] : (byte)0);
            U8(include ? (byte)1 : (byte)0);
            U8(0);
            foreach (var sub in rest) U32(sub);
        }
    }
}
