using System.Runtime.InteropServices;
using Appliance.Heartbeat.Wire;
using Appliance.Platform.Linux.Serial;
using Appliance.Testing.Lab;
using Appliance.Vrrp;
using Appliance.Vrrp.Protocol;
using static Appliance.Platform.Linux.Interop.Libc;

namespace Appliance.Platform.Linux.Tests.Serial;

/// <summary>The serial heartbeat against a real socat pty pair (fake the peer, not the syscall).</summary>
public sealed unsafe partial class SerialLineTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ap-serial-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static byte[] Frame(uint seq)
    {
        var buffer = new byte[HeartbeatWire.MaxFrameSize];
        HeartbeatEntry[] entries = [new(51, IpFamily.IPv4, VrrpState.Master, 100, Centiseconds.FromSeconds(1), IpAddr.Parse("10.200.0.11"))];
        int n = HeartbeatCodec.Encode(buffer, new HeartbeatHeader(2, 1, seq), entries, default);
        return buffer[..n];
    }

    private static byte[] ReadAtLeast(SerialLine line, int count)
    {
        var got = new List<byte>();
        var buffer = new byte[4096];
        Poll.Require(() =>
        {
            int n = line.Receive(buffer);
            if (n > 0) got.AddRange(buffer.AsSpan(0, n).ToArray());
            return got.Count >= count;
        }, TimeSpan.FromSeconds(5), $"{count} bytes on the line (have {got.Count})");
        return [.. got];
    }

    [SkippableFact]
    public void Every_byte_value_crosses_the_line_unchanged_in_raw_mode()
    {
        using var pair = SocatPtyPair.Create(_dir);
        using var a = new SerialLine(pair.PathA, 115200, rtsCts: false);
        using var b = new SerialLine(pair.PathB, 115200, rtsCts: false);
        Assert.True(a.TryOpen(), a.LastError);
        Assert.True(b.TryOpen(), b.LastError);
        // XON/XOFF, CR/LF, ^C and 0xFF would all be eaten or translated outside raw mode.
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) all[i] = (byte)i;
        Assert.True(a.Send(all));
        Assert.Equal(all, ReadAtLeast(b, 256));
    }

    [SkippableFact]
    public void Frames_sent_on_one_end_are_read_as_frames_on_the_other()
    {
        using var pair = SocatPtyPair.Create(_dir);
        using var a = new SerialLine(pair.PathA, 19200, rtsCts: false);
        using var b = new SerialLine(pair.PathB, 19200, rtsCts: false);
        Assert.True(a.TryOpen(), a.LastError);
        Assert.True(b.TryOpen(), b.LastError);
        for (uint s = 1; s <= 3; s++) Assert.True(a.Send(Frame(s)));
        var reader = new HeartbeatStreamReader(default);
        var seqs = ReceiveSequences(b, reader, 3, "three frames");
        Assert.Equal([1u, 2u, 3u], seqs);
        Assert.Equal(0, reader.Drops.Total);
    }

    [SkippableFact]
    public void Opened_line_is_raw_8N1_at_the_asked_speed()
    {
        using var pair = SocatPtyPair.Create(_dir);
        using var line = new SerialLine(pair.PathA, 57600, rtsCts: false);
        Assert.True(line.TryOpen(), line.LastError);
        Assert.True(line.TryGetAttributes(out var t));
        Assert.Equal(0u, t.c_lflag & (ICANON | ECHO | ISIG | IEXTEN));
        Assert.Equal(0u, t.c_iflag & (IXON | IXOFF | ICRNL | ISTRIP));
        Assert.Equal(0u, t.c_oflag & OPOST);
        Assert.Equal(CS8, t.c_cflag & CSIZE);
        Assert.Equal(0u, t.c_cflag & (PARENB | CSTOPB));
        Assert.Equal(CREAD | CLOCAL, t.c_cflag & (CREAD | CLOCAL));
        Assert.Equal(B57600, t.c_cflag & CBAUD);
    }

    [Fact]
    public void Raw_mode_clears_and_sets_at_least_what_glibc_cfmakeraw_does()
    {
        Termios ours = default, glibc = default;
        ours.c_iflag = glibc.c_iflag = 0xFFFF_FFFF;
        ours.c_oflag = glibc.c_oflag = 0xFFFF_FFFF;
        ours.c_lflag = glibc.c_lflag = 0xFFFF_FFFF;
        ours.c_cflag = glibc.c_cflag = PARENB | CSTOPB;
        RawMode.Apply(ref ours, rtsCts: false);
        cfmakeraw(&glibc);
        // Every bit cfmakeraw clears is clear in ours; every bit it sets in c_cflag is set in ours.
        Assert.Equal(0u, ours.c_iflag & ~glibc.c_iflag);
        Assert.Equal(0u, ours.c_oflag & ~glibc.c_oflag);
        Assert.Equal(0u, ours.c_lflag & ~glibc.c_lflag);
        Assert.Equal(glibc.c_cflag & CS8, ours.c_cflag & CS8);
        Assert.Equal(0u, ours.c_cflag & (PARENB | CSTOPB));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Rts_cts_is_set_only_when_asked(bool rtsCts)
    {
        Termios t = default;
        t.c_cflag = CRTSCTS;
        RawMode.Apply(ref t, rtsCts);
        Assert.Equal(rtsCts, (t.c_cflag & CRTSCTS) != 0);
    }

    [SkippableFact]
    public void Every_supported_speed_opens()
    {
        using var pair = SocatPtyPair.Create(_dir);
        foreach (int baud in SerialSpeed.Supported)
        {
            using var line = new SerialLine(pair.PathA, baud, rtsCts: true);
            Assert.True(line.TryOpen(), $"{baud}: {line.LastError}");
            Assert.True(SerialSpeed.TryGetConstant(baud, out uint speed));
            Assert.True(line.TryGetAttributes(out var t));
            Assert.Equal(speed, t.c_cflag & CBAUD);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(300)]
    [InlineData(1_000_000)]
    public void Unsupported_speed_is_refused_at_construction(int baud) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SerialLine("/dev/ttyS0", baud, rtsCts: false));

    [Fact]
    public void Missing_device_fails_to_open_with_the_errno()
    {
        using var line = new SerialLine(Path.Combine(_dir, "ttyUSB9"), 19200, rtsCts: false);
        Assert.False(line.TryOpen());
        Assert.Contains("errno 2 ", line.LastError ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_tty_is_refused()
    {
        using var line = new SerialLine("/dev/null", 19200, rtsCts: false);
        Assert.False(line.TryOpen());
        Assert.Contains("not a tty", line.LastError ?? "", StringComparison.Ordinal);
        Assert.False(line.IsOpen);
    }

    [SkippableFact]
    public void Vanished_tty_is_reported_gone_and_reopened_by_path_when_it_returns()
    {
        using var pair = SocatPtyPair.Create(_dir);
        using var a = new SerialLine(pair.PathA, 19200, rtsCts: false);
        using var b = new SerialLine(pair.PathB, 19200, rtsCts: false);
        Assert.True(a.TryOpen(), a.LastError);
        Assert.True(b.TryOpen(), b.LastError);

        pair.Stop();
        var buffer = new byte[64];
        Poll.Require(() => b.Receive(buffer) < 0, TimeSpan.FromSeconds(5), "the hangup");
        Assert.False(b.IsOpen);
        Assert.False(b.TryOpen());

        pair.Start();
        Assert.True(a.TryOpen(), a.LastError);
        Assert.True(b.TryOpen(), b.LastError);
        Assert.Equal(2, b.Opens);
        Assert.True(a.Send(Frame(9)));
        Assert.Equal(Frame(9), ReadAtLeast(b, Frame(9).Length));
    }

    [SkippableFact]
    public void Noise_and_cut_frames_on_the_line_are_counted_and_the_line_recovers()
    {
        using var pair = SocatPtyPair.Create(_dir);
        using var a = new SerialLine(pair.PathA, 38400, rtsCts: false);
        using var b = new SerialLine(pair.PathB, 38400, rtsCts: false);
        Assert.True(a.TryOpen(), a.LastError);
        Assert.True(b.TryOpen(), b.LastError);
        var noise = new byte[300];
        new Random(5).NextBytes(noise);
        Assert.True(a.Send(noise));
        Assert.True(a.Send(Frame(1)[..17]));
        Assert.True(a.Send(Frame(2)));

        var reader = new HeartbeatStreamReader(default);
        var seqs = ReceiveSequences(b, reader, 1, "the frame after the noise");
        Assert.Equal([2u], seqs);
        Assert.True(reader.Drops[HeartbeatDropReason.Noise] >= 1);
        Assert.True(reader.Drops[HeartbeatDropReason.Truncated] + reader.Drops[HeartbeatDropReason.BadCrc] >= 1);
    }

    [LibraryImport("libc")]
    private static partial void cfmakeraw(Termios* termios_p);

    /// <summary>Reads from <paramref name="line"/> until <paramref name="count"/> frames came out of
    /// <paramref name="reader"/>; returns their sequence numbers in arrival order.</summary>
    private static List<uint> ReceiveSequences(SerialLine line, HeartbeatStreamReader reader, int count, string what)
    {
        var seqs = new List<uint>();
        var buffer = new byte[512];
        Poll.Require(() =>
        {
            int n = line.Receive(buffer);
            if (n > 0)
            {
                reader.Append(buffer.AsSpan(0, n));
                while (reader.TryRead(out var f)) seqs.Add(f.Sequence);
            }
            return seqs.Count == count;
        }, TimeSpan.FromSeconds(5), what);
        return seqs;
    }
}
