using System.Buffers.Binary;
using Appliance.Heartbeat.Wire;
using Appliance.Vrrp;
using Appliance.Vrrp.Protocol;
using CsCheck;

namespace Appliance.Heartbeat.Tests.Wire;

public class HeartbeatCodecTests
{
    private static readonly HeartbeatEntry[] s_two =
    [
        FrameFactory.Entry(51, VrrpState.Master, 150, "10.200.0.11", lanFault: false),
        FrameFactory.Entry(52, VrrpState.Backup, 90, "fe80::11", lanFault: true),
    ];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Decode_returns_what_encode_wrote(bool withKey)
    {
        byte[] key = withKey ? FrameFactory.Key : [];
        var bytes = FrameFactory.Encode(7, 41, s_two, key, epoch: 0xDEADBEEF, echo: 0x0BADCAFE, nonce: 0x12345678);

        Assert.Equal(HeartbeatDropReason.None, HeartbeatCodec.TryDecode(bytes, key, out var frame));
        Assert.Equal(7, frame.NodeId);
        Assert.Equal(0xDEADBEEFu, frame.Epoch);
        Assert.Equal(41u, frame.Sequence);
        Assert.Equal(0x12345678u, frame.Nonce);
        Assert.Equal(0x0BADCAFEu, frame.Echo);
        Assert.Equal(bytes.Length, frame.Length);
        Assert.Equal(withKey, frame.Authenticated);
        var entries = new HeartbeatEntry[4];
        Assert.Equal(2, frame.CopyEntriesTo(entries));
        Assert.Equal(s_two, entries[..2]);
    }

    [Fact]
    public void Frame_size_is_header_plus_entries_plus_hmac_plus_crc()
    {
        Assert.Equal(28 + 12 + 24 + 4, FrameFactory.Encode(1, 1, s_two).Length);
        Assert.Equal(28 + 12 + 24 + 32 + 4, FrameFactory.Encode(1, 1, s_two, FrameFactory.Key).Length);
    }

    [Fact]
    public void Largest_frame_fits_the_maximum_size()
    {
        var entries = new HeartbeatEntry[HeartbeatWire.MaxEntries];
        for (int i = 0; i < entries.Length; i++) entries[i] = FrameFactory.Entry((byte)(i + 1), address: "fe80::1");
        Assert.True(FrameFactory.Encode(1, 1, entries, FrameFactory.Key).Length <= HeartbeatWire.MaxFrameSize);
    }

    [Fact]
    public void Encode_refuses_node_id_zero_too_many_entries_and_a_small_buffer()
    {
        var buffer = new byte[HeartbeatWire.MaxFrameSize];
        Assert.Equal(0, HeartbeatCodec.Encode(buffer, new HeartbeatHeader(0, 1, 1), s_two, default));
        Assert.Equal(0, HeartbeatCodec.Encode(buffer, new HeartbeatHeader(1, 1, 1), new HeartbeatEntry[33], default));
        Assert.Equal(0, HeartbeatCodec.Encode(buffer.AsSpan(0, 30), new HeartbeatHeader(1, 1, 1), s_two, default));
    }

    [Fact]
    public void Every_truncation_is_counted_as_truncated()
    {
        var bytes = FrameFactory.Encode(7, 1, s_two);
        for (int n = 0; n < bytes.Length; n++)
            Assert.Equal(HeartbeatDropReason.Truncated, HeartbeatCodec.TryDecode(bytes.AsSpan(0, n), default, out _));
    }

    [Fact]
    public void Wrong_marker_is_bad_marker()
    {
        var bytes = FrameFactory.Encode(7, 1, s_two);
        bytes[1] = 0x00;
        Assert.Equal(HeartbeatDropReason.BadMarker, HeartbeatCodec.TryDecode(bytes, default, out _));
    }

    [Fact]
    public void Changed_length_without_a_new_header_check_is_a_bad_header_check()
    {
        var bytes = FrameFactory.Encode(7, 1, s_two);
        bytes[5] ^= 0x10;
        Assert.Equal(HeartbeatDropReason.BadHeaderCheck, HeartbeatCodec.TryDecode(bytes, default, out _));
    }

    [Fact]
    public void Unknown_version_with_a_valid_header_check_is_bad_version()
    {
        var bytes = FrameFactory.Encode(7, 1, s_two);
        bytes[2] = 3;
        RewriteHeaderCheck(bytes);
        Assert.Equal(HeartbeatDropReason.BadVersion, HeartbeatCodec.TryDecode(bytes, default, out _));
    }

    [Theory]
    [InlineData(HeartbeatWire.MinFrameSize - 1)]
    [InlineData(HeartbeatWire.MaxFrameSize + 1)]
    public void Length_out_of_range_is_bad_length(int length)
    {
        var bytes = FrameFactory.Encode(7, 1, s_two);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(4), (ushort)length);
        RewriteHeaderCheck(bytes);
        Assert.Equal(HeartbeatDropReason.BadLength, HeartbeatCodec.TryDecode(bytes, default, out _));
    }

    [Fact]
    public void Any_flipped_bit_after_the_prefix_fails_the_crc()
    {
        var good = FrameFactory.Encode(7, 1, s_two);
        for (int bit = HeartbeatWire.PrefixSize * 8; bit < good.Length * 8; bit++)
        {
            var bytes = (byte[])good.Clone();
            bytes[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.Equal(HeartbeatDropReason.BadCrc, HeartbeatCodec.TryDecode(bytes, default, out _));
        }
    }

    [Fact]
    public void Frame_without_hmac_is_refused_when_we_have_a_key() =>
        Assert.Equal(HeartbeatDropReason.MissingHmac, HeartbeatCodec.TryDecode(FrameFactory.Encode(7, 1, s_two), FrameFactory.Key, out _));

    [Fact]
    public void Frame_with_hmac_is_refused_when_we_have_no_key() =>
        Assert.Equal(HeartbeatDropReason.UnexpectedHmac, HeartbeatCodec.TryDecode(FrameFactory.Encode(7, 1, s_two, FrameFactory.Key), default, out _));

    [Fact]
    public void Frame_signed_with_another_key_is_bad_hmac() =>
        Assert.Equal(HeartbeatDropReason.BadHmac, HeartbeatCodec.TryDecode(FrameFactory.Encode(7, 1, s_two, "another key"u8), FrameFactory.Key, out _));

    [Theory]
    [InlineData(28, 0)]   // VRID 0
    [InlineData(29, 5)]   // family 5
    [InlineData(30, 9)]   // state 9
    public void Entry_with_an_impossible_field_is_bad_field(int offset, byte value)
    {
        var bytes = FrameFactory.Encode(7, 1, s_two);
        bytes[offset] = value;
        RewriteCrc(bytes);
        Assert.Equal(HeartbeatDropReason.BadField, HeartbeatCodec.TryDecode(bytes, default, out _));
    }

    [Fact]
    public void Node_id_zero_is_bad_field()
    {
        var bytes = FrameFactory.Encode(7, 1, s_two);
        bytes[8] = bytes[9] = 0;
        RewriteCrc(bytes);
        Assert.Equal(HeartbeatDropReason.BadField, HeartbeatCodec.TryDecode(bytes, default, out _));
    }

    [Fact]
    public void Entry_count_that_disagrees_with_the_length_is_bad_length()
    {
        var bytes = FrameFactory.Encode(7, 1, s_two);
        bytes[26] = 1;
        RewriteCrc(bytes);
        Assert.Equal(HeartbeatDropReason.BadLength, HeartbeatCodec.TryDecode(bytes, default, out _));
        bytes[26] = 3;
        RewriteCrc(bytes);
        Assert.Equal(HeartbeatDropReason.BadLength, HeartbeatCodec.TryDecode(bytes, default, out _));
    }

    [Fact]
    public void Encoded_entries_round_trip_for_any_valid_input()
    {
        var genAddress = Gen.OneOf(
            Gen.UInt.Select(IpAddr.FromV4),
            Gen.Byte.Array[16].Select(b => IpAddr.FromV6(b)));
        var genEntry = Gen.Select(Gen.Byte[1, 255], Gen.Enum<VrrpState>(), Gen.Byte, Gen.Int[0, 4095], genAddress, Gen.Bool,
            (vrid, state, prio, interval, address, lanFault) =>
                new HeartbeatEntry(vrid, address.Family, state, prio, new Centiseconds(interval), address, lanFault));
        Gen.Select(genEntry.Array[0, HeartbeatWire.MaxEntries], Gen.UShort[1, ushort.MaxValue], Gen.UInt, Gen.UInt, Gen.Bool, Gen.UInt, Gen.UInt)
            .Sample((entries, node, epoch, seq, signed, nonce, echo) =>
            {
                byte[] key = signed ? FrameFactory.Key : [];
                var bytes = FrameFactory.Encode(node, seq, entries, key, epoch, echo, nonce);
                Assert.Equal(HeartbeatDropReason.None, HeartbeatCodec.TryDecode(bytes, key, out var frame));
                Assert.Equal(new HeartbeatHeader(node, epoch, seq, nonce, echo), frame.Header);
                var back = new HeartbeatEntry[HeartbeatWire.MaxEntries];
                Assert.Equal(entries, back[..frame.CopyEntriesTo(back)]);
            });
    }

    [Fact]
    public void Random_bytes_never_throw_and_never_decode_without_a_valid_crc() =>
        Gen.Byte.Array[0, 1200].Sample(bytes =>
        {
            var r = HeartbeatCodec.TryDecode(bytes, default, out _);
            Assert.True(r != HeartbeatDropReason.None || Crc32COk(bytes));
        });

    [Fact]
    public void Encode_and_decode_with_hmac_allocate_nothing()
    {
        var buffer = new byte[HeartbeatWire.MaxFrameSize];
        var entries = s_two;
        var key = FrameFactory.Key;
        Span<HeartbeatEntry> back = stackalloc HeartbeatEntry[4];
        for (int i = 0; i < 100; i++) RoundTrip(buffer, entries, key, back, (uint)i);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++) RoundTrip(buffer, entries, key, back, (uint)i);
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    private static void RoundTrip(byte[] buffer, HeartbeatEntry[] entries, byte[] key, Span<HeartbeatEntry> back, uint seq)
    {
        int n = HeartbeatCodec.Encode(buffer, new HeartbeatHeader(3, 9, seq), entries, key);
        if (HeartbeatCodec.TryDecode(buffer.AsSpan(0, n), key, out var frame) != HeartbeatDropReason.None) throw new InvalidOperationException("decode failed");
        frame.CopyEntriesTo(back);
    }

    private static bool Crc32COk(byte[] bytes) =>
        bytes.Length >= HeartbeatWire.MinFrameSize && HeartbeatCodec.CheckPrefix(bytes, out int len) == HeartbeatDropReason.None && len <= bytes.Length &&
        BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(len - 4)) == Crc32C.Compute(bytes.AsSpan(0, len - 4));

    [Fact]
    public void Version_1_frame_without_nonce_and_echo_is_refused_as_bad_version()
    {
        var bytes = FrameFactory.Encode(7, 1, s_two);
        bytes[2] = 1;
        RewriteHeaderCheck(bytes);
        RewriteCrc(bytes);
        Assert.Equal(HeartbeatDropReason.BadVersion, HeartbeatCodec.TryDecode(bytes, default, out _));
    }

    internal static void RewriteHeaderCheck(byte[] bytes) =>
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(6), (ushort)Crc32C.Compute(bytes.AsSpan(0, 6)));

    internal static void RewriteCrc(byte[] bytes) =>
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(bytes.Length - 4), Crc32C.Compute(bytes.AsSpan(0, bytes.Length - 4)));
}
