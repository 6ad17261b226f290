using Appliance.Heartbeat.Wire;
using CsCheck;

namespace Appliance.Heartbeat.Tests.Wire;

public class HeartbeatStreamReaderTests
{
    private static readonly HeartbeatEntry[] s_one = [FrameFactory.Entry()];

    private static List<uint> Feed(HeartbeatStreamReader reader, ReadOnlySpan<byte> bytes, int chunk = 64)
    {
        var seqs = new List<uint>();
        while (!bytes.IsEmpty)
        {
            var part = bytes[..Math.Min(chunk, bytes.Length)];
            int n = reader.Append(part);
            bytes = bytes[n..];
            while (reader.TryRead(out var f)) seqs.Add(f.Sequence);
        }
        return seqs;
    }

    [Fact]
    public void Frames_split_byte_by_byte_are_reassembled()
    {
        var reader = new HeartbeatStreamReader(default);
        byte[] stream = [.. FrameFactory.Encode(2, 1, s_one), .. FrameFactory.Encode(2, 2, s_one), .. FrameFactory.Encode(2, 3, s_one)];
        Assert.Equal([1u, 2u, 3u], Feed(reader, stream, chunk: 1));
        Assert.Equal(0, reader.Drops.Total);
    }

    [Fact]
    public void Reader_resynchronises_on_the_marker_after_noise()
    {
        var reader = new HeartbeatStreamReader(default);
        byte[] noise = [0x00, 0xFF, 0xA5, 0x13, 0x5A, 0xA5];
        byte[] stream = [.. noise, .. FrameFactory.Encode(2, 1, s_one), .. noise, .. FrameFactory.Encode(2, 2, s_one)];
        Assert.Equal([1u, 2u], Feed(reader, stream));
        Assert.Equal(2, reader.Drops[HeartbeatDropReason.Noise]);
    }

    [Fact]
    public void Truncated_frame_is_counted_and_the_next_frame_still_arrives()
    {
        var reader = new HeartbeatStreamReader(default);
        var cut = FrameFactory.Encode(2, 1, s_one)[..15];
        byte[] stream = [.. cut, .. FrameFactory.Encode(2, 2, s_one), .. FrameFactory.Encode(2, 3, s_one)];
        Assert.Equal([2u, 3u], Feed(reader, stream));
        Assert.Equal(1, reader.Drops[HeartbeatDropReason.Truncated]);
    }

    [Fact]
    public void Frame_cut_right_after_its_prefix_does_not_swallow_the_next_frame()
    {
        var reader = new HeartbeatStreamReader(default);
        var cut = FrameFactory.Encode(2, 1, s_one)[..HeartbeatWire.PrefixSize];
        byte[] stream = [.. cut, .. FrameFactory.Encode(2, 2, s_one)];
        Assert.Equal([2u], Feed(reader, stream, chunk: 1));
        Assert.Equal(1, reader.Drops[HeartbeatDropReason.Truncated]);
    }

    [Fact]
    public void Corrupted_frame_is_counted_as_bad_crc_and_skipped()
    {
        var reader = new HeartbeatStreamReader(default);
        var bad = FrameFactory.Encode(2, 1, s_one);
        bad[25] ^= 0x40;
        byte[] stream = [.. bad, .. FrameFactory.Encode(2, 2, s_one)];
        Assert.Equal([2u], Feed(reader, stream));
        Assert.Equal(1, reader.Drops[HeartbeatDropReason.BadCrc]);
    }

    [Fact]
    public void Chance_marker_in_noise_is_rejected_by_the_header_check()
    {
        var reader = new HeartbeatStreamReader(default);
        // A marker followed by a plausible but unchecked length of 1000 would otherwise hold the next frames.
        byte[] noise = [0xA5, 0x5A, 0x01, 0x00, 0x03, 0xE8, 0x12, 0x34];
        byte[] stream = [.. noise, .. FrameFactory.Encode(2, 1, s_one)];
        Assert.Equal([1u], Feed(reader, stream));
        Assert.Equal(1, reader.Drops[HeartbeatDropReason.BadHeaderCheck]);
    }

    [Fact]
    public void Reset_forgets_a_partial_frame_and_counts_it()
    {
        var reader = new HeartbeatStreamReader(default);
        Feed(reader, FrameFactory.Encode(2, 1, s_one)[..12]);
        Assert.Equal(12, reader.Pending);
        reader.Reset();
        Assert.Equal(0, reader.Pending);
        Assert.Equal(1, reader.Drops[HeartbeatDropReason.Truncated]);
        Assert.Equal([2u], Feed(reader, FrameFactory.Encode(2, 2, s_one)));
    }

    [Fact]
    public void Random_bytes_then_a_frame_never_throw_and_the_frame_arrives()
    {
        var frame = FrameFactory.Encode(2, 77, s_one, FrameFactory.Key);
        Gen.Select(Gen.Byte.Array[0, 3000], Gen.Int[1, 300]).Sample((noise, chunk) =>
        {
            var reader = new HeartbeatStreamReader(FrameFactory.Key);
            Feed(reader, noise, chunk);
            // Whatever the noise left behind, at most two frames' worth of waiting recovers the line.
            byte[] stream = [.. frame, .. frame, .. frame];
            var got = Feed(reader, stream, chunk);
            Assert.Contains(77u, got);
        });
    }

    [Fact]
    public void Reading_frames_allocates_nothing()
    {
        var reader = new HeartbeatStreamReader(FrameFactory.Key);
        byte[] stream = [.. FrameFactory.Encode(2, 1, s_one, FrameFactory.Key), 0x00, 0xA5, .. FrameFactory.Encode(2, 2, s_one, FrameFactory.Key)];
        for (int i = 0; i < 100; i++) Pump(reader, stream);
        long before = GC.GetAllocatedBytesForCurrentThread();
        int frames = 0;
        for (int i = 0; i < 10_000; i++) frames += Pump(reader, stream);
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.Equal(20_000, frames);
    }

    private static int Pump(HeartbeatStreamReader reader, ReadOnlySpan<byte> bytes)
    {
        int frames = 0;
        while (!bytes.IsEmpty)
        {
            bytes = bytes[reader.Append(bytes)..];
            while (reader.TryRead(out _)) frames++;
        }
        return frames;
    }
}
