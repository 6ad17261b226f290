using System.Buffers.Binary;
using Appliance.Operations.AgentX;

namespace Appliance.Integration.Tests.Operations;

/// <summary>RFC 2741 encodings: every PDU the subagent sends or receives survives a round trip in
/// both byte orders, the wire layout matches the RFC's figures, and malformed input is refused
/// with <see cref="AgentXFormatException"/> (never another exception).</summary>
public sealed class AgentXCodecTests
{
    private static readonly Oid s_column = Oid.Parse("1.3.6.1.2.1.207.1.1.1.1.6.2.51.1");

    private static AgentXPdu RoundTrip(AgentXPdu pdu)
    {
        var buf = new byte[4096];
        int n = AgentXCodec.Encode(pdu, buf);
        Assert.True(n > 0);
        Assert.Equal(0, (n - AgentXPdu.HeaderSize) % 4);
        Assert.Equal(n - AgentXPdu.HeaderSize, AgentXCodec.PayloadLength(buf));
        return AgentXCodec.Decode(buf.AsSpan(0, n));
    }

    public static TheoryData<bool> ByteOrders => new() { true, false };

    private static AgentXFlags Order(bool network) => network ? AgentXFlags.NetworkByteOrder : AgentXFlags.None;

    [Theory]
    [MemberData(nameof(ByteOrders))]
    public void Open_round_trips_with_its_id_and_description(bool network)
    {
        var back = RoundTrip(new AgentXPdu { Type = AgentXPduType.Open, Flags = Order(network), PacketId = 7, Timeout = 5, Id = Vrrpv3Mib.Root, Description = "appliance" });
        Assert.Equal((AgentXPduType.Open, 7u, (byte)5, "appliance"), (back.Type, back.PacketId, back.Timeout, back.Description));
        Assert.Equal(Vrrpv3Mib.Root, back.Id);
    }

    [Theory]
    [MemberData(nameof(ByteOrders))]
    public void Register_round_trips_with_range_and_upper_bound(bool network)
    {
        var back = RoundTrip(new AgentXPdu { Type = AgentXPduType.Register, Flags = Order(network), SessionId = 9, Priority = 100, RangeSubId = 8, UpperBound = 42, Subtree = Vrrpv3Mib.Root });
        Assert.Equal((9u, (byte)100, (byte)8, 42u), (back.SessionId, back.Priority, back.RangeSubId, back.UpperBound));
        Assert.Equal(Vrrpv3Mib.Root, back.Subtree);
    }

    [Theory]
    [MemberData(nameof(ByteOrders))]
    public void Get_getnext_and_getbulk_round_trip_their_search_ranges(bool network)
    {
        SearchRange[] ranges = [new(s_column, true, Oid.Empty), new(Oid.Parse("1.2.3"), false, Oid.Parse("1.2.4"))];
        foreach (var type in new[] { AgentXPduType.Get, AgentXPduType.GetNext })
        {
            var back = RoundTrip(new AgentXPdu { Type = type, Flags = Order(network), TransactionId = 3, Ranges = ranges });
            Assert.Equal(type, back.Type);
            Assert.Equal(ranges, back.Ranges);
        }
        var bulk = RoundTrip(new AgentXPdu { Type = AgentXPduType.GetBulk, Flags = Order(network), NonRepeaters = 1, MaxRepetitions = 10, Ranges = ranges });
        Assert.Equal(((ushort)1, (ushort)10), (bulk.NonRepeaters, bulk.MaxRepetitions));
        Assert.Equal(ranges, bulk.Ranges);
    }

    [Theory]
    [MemberData(nameof(ByteOrders))]
    public void Response_and_notify_round_trip_every_value_type(bool network)
    {
        VarBind[] binds =
        [
            new(s_column, SnmpValue.Integer(-3)),
            new(s_column.Append(1), SnmpValue.Counter32(uint.MaxValue)),
            new(s_column.Append(2), SnmpValue.Gauge32(150)),
            new(s_column.Append(3), SnmpValue.Counter64(long.MaxValue)),
            new(s_column.Append(4), SnmpValue.TimeTicks(12345)),
            new(s_column.Append(5), SnmpValue.Octets([10, 200, 0, 11, 7])),
            new(s_column.Append(6), SnmpValue.Object(Vrrpv3Mib.NewMaster)),
            new(s_column.Append(7), SnmpValue.Exception(AgentXValueType.NoSuchInstance)),
            new(Oid.Parse("2.5"), SnmpValue.Exception(AgentXValueType.EndOfMibView)),
        ];
        var r = RoundTrip(new AgentXPdu { Type = AgentXPduType.Response, Flags = Order(network), SysUpTime = 99, Error = 5, Index = 2, VarBinds = binds });
        Assert.Equal((99u, (ushort)5, (ushort)2), (r.SysUpTime, r.Error, r.Index));
        Assert.Equal(binds, r.VarBinds);
        var n = RoundTrip(new AgentXPdu { Type = AgentXPduType.Notify, Flags = Order(network), VarBinds = binds });
        Assert.Equal(binds, n.VarBinds);
    }

    [Fact]
    public void Close_ping_and_a_non_default_context_round_trip()
    {
        Assert.Equal(AgentXCloseReason.Shutdown, RoundTrip(new AgentXPdu { Type = AgentXPduType.Close, Reason = AgentXCloseReason.Shutdown }).Reason);
        Assert.Equal(AgentXPduType.Ping, RoundTrip(new AgentXPdu { Type = AgentXPduType.Ping, SessionId = 4 }).Type);
        var ctx = RoundTrip(new AgentXPdu { Type = AgentXPduType.Get, Flags = AgentXFlags.NetworkByteOrder | AgentXFlags.NonDefaultContext, Context = "ctx"u8.ToArray(), Ranges = [new(s_column, false, Oid.Empty)] });
        Assert.Equal("ctx"u8.ToArray(), ctx.Context);
        Assert.Single(ctx.Ranges);
    }

    [Fact]
    public void Header_and_oid_layout_follow_rfc_2741_in_network_byte_order()
    {
        var buf = new byte[256];
        int n = AgentXCodec.Encode(new AgentXPdu { Type = AgentXPduType.Register, SessionId = 0x01020304, TransactionId = 5, PacketId = 6, Subtree = Vrrpv3Mib.Root }, buf);
        // h.version 1, h.type 3, h.flags NETWORK_BYTE_ORDER, reserved; ids big-endian.
        Assert.Equal(new byte[] { 1, 3, 0x10, 0, 1, 2, 3, 4, 0, 0, 0, 5, 0, 0, 0, 6 }, buf[..16]);
        Assert.Equal((uint)(n - 20), BinaryPrimitives.ReadUInt32BigEndian(buf.AsSpan(16)));
        // r.timeout, r.priority 127, r.range_subid, reserved, then 1.3.6.1.2.1.207 in the prefix
        // form: n_subid 2, prefix 2, include 0, reserved, 1, 207.
        Assert.Equal(new byte[] { 0, 127, 0, 0, 2, 2, 0, 0, 0, 0, 0, 1, 0, 0, 0, 207 }, buf[20..36]);
        Assert.Equal(36, n);
    }

    [Fact]
    public void Little_endian_header_is_read_by_its_flag()
    {
        var buf = new byte[64];
        int n = AgentXCodec.Encode(new AgentXPdu { Type = AgentXPduType.Ping, Flags = AgentXFlags.None, SessionId = 0x01020304 }, buf);
        Assert.Equal(new byte[] { 4, 3, 2, 1 }, buf[4..8]);
        Assert.Equal(0x01020304u, AgentXCodec.Decode(buf.AsSpan(0, n)).SessionId);
    }

    public static TheoryData<string, byte[]> Malformed => new()
    {
        { "version 2", [2, 18, 0x10, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
        { "payload length not a multiple of 4", [1, 18, 0x10, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0] },
        { "payload length beyond the limit", [1, 18, 0x10, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0x7F, 0, 0, 0] },
        { "response shorter than its fixed fields", [1, 18, 0x10, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0] },
        { "unknown PDU type", [1, 99, 0x10, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
        // GetNext whose OID claims 3 sub-identifiers but carries one.
        { "OID longer than the payload", [1, 6, 0x10, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 8, 3, 0, 0, 0, 0, 0, 0, 1] },
        // Response with a VarBind of type 99.
        { "unknown value type", [1, 18, 0x10, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0, 0, 0, 99, 0, 0, 0, 0, 0, 0] },
        // Response whose octet string says 200 bytes.
        { "octet string longer than the payload", [1, 18, 0x10, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 200] },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_pdus_are_refused_with_a_format_error(string what, byte[] bytes)
    {
        var e = Record.Exception(() => AgentXCodec.Decode(bytes));
        Assert.True(e is AgentXFormatException, $"{what}: {e?.GetType().Name ?? "no exception"} {e?.Message}");
    }

    [Fact]
    public void Random_bytes_never_throw_anything_but_a_format_error()
    {
        var rng = new Random(6527);
        var buf = new byte[128];
        for (int k = 0; k < 20_000; k++)
        {
            rng.NextBytes(buf);
            int len = rng.Next(20, buf.Length + 1);
            buf[0] = 1;
            buf[1] = (byte)rng.Next(1, 19);
            BinaryPrimitives.WriteUInt32BigEndian(buf.AsSpan(16), (uint)((len - 20) & ~3));
            buf[2] |= 0x10;
            var span = buf.AsSpan(0, 20 + ((len - 20) & ~3));
            try
            {
                AgentXCodec.Decode(span);
            }
            catch (AgentXFormatException)
            {
            }
        }
    }

    [Fact]
    public void Mib_view_getnext_walks_in_oid_order_and_ends_with_end_of_mib_view()
    {
        var view = new MibView(Vrrpv3Mib.Root, [
            new(Oid.Parse("1.3.6.1.2.1.207.1.1.1.1.7.2.51.1"), SnmpValue.Gauge32(150)),
            new(Oid.Parse("1.3.6.1.2.1.207.1.1.1.1.6.2.51.1"), SnmpValue.Integer(3)),
        ]);
        var first = view.Next(new SearchRange(Vrrpv3Mib.Root, false, Oid.Empty));
        Assert.Equal(Oid.Parse("1.3.6.1.2.1.207.1.1.1.1.6.2.51.1"), first.Name);
        var same = view.Next(new SearchRange(first.Name, true, Oid.Empty));
        Assert.Equal(first.Name, same.Name);
        var second = view.Next(new SearchRange(first.Name, false, Oid.Empty));
        Assert.Equal(150, second.Value.Number);
        Assert.Equal(AgentXValueType.EndOfMibView, view.Next(new SearchRange(second.Name, false, Oid.Empty)).Value.Type);
        Assert.Equal(AgentXValueType.EndOfMibView, view.Next(new SearchRange(first.Name, false, second.Name)).Value.Type);
        Assert.Equal(AgentXValueType.NoSuchInstance, view.Get(Oid.Parse("1.3.6.1.2.1.207.1.1.1.1.6.2.52.1")).Value.Type);
        Assert.Equal(AgentXValueType.NoSuchObject, view.Get(Oid.Parse("1.3.6.1.2.1.208")).Value.Type);
    }
}
