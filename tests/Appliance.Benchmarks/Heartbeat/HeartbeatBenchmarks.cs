using Appliance.Heartbeat;
using Appliance.Heartbeat.Arbitration;
using Appliance.Heartbeat.Wire;
using Appliance.Vrrp;
using Appliance.Vrrp.Protocol;
using BenchmarkDotNet.Attributes;

namespace Appliance.Benchmarks.Heartbeat;

/// <summary>The heartbeat's per-frame costs: encode and decode (with and without HMAC-SHA256), the serial stream reader, the arbiter.</summary>
[MemoryDiagnoser]
public class HeartbeatBenchmarks
{
    private readonly byte[] _key = "a shared secret of the two routers"u8.ToArray();
    private readonly byte[] _buffer = new byte[HeartbeatWire.MaxFrameSize];
    private readonly HeartbeatEntry[] _entries =
    [
        new(51, IpFamily.IPv4, VrrpState.Master, 150, Centiseconds.FromSeconds(1), IpAddr.Parse("10.200.0.11")),
        new(52, IpFamily.IPv6, VrrpState.Backup, 100, Centiseconds.FromSeconds(1), IpAddr.Parse("fe80::11")),
    ];
    private byte[] _plain = [];
    private byte[] _signed = [];
    private HeartbeatStreamReader _reader = null!;
    private Arbiter _arbiter = null!;
    private readonly ArbiterOutput _output = new();
    private uint _sequence;
    private MonoTime _now;

    [GlobalSetup]
    public void Setup()
    {
        int n = HeartbeatCodec.Encode(_buffer, new HeartbeatHeader(2, 1, 1), _entries, default);
        _plain = _buffer[..n];
        n = HeartbeatCodec.Encode(_buffer, new HeartbeatHeader(2, 1, 1), _entries, _key);
        _signed = _buffer[..n];
        _reader = new HeartbeatStreamReader(default);
        _arbiter = new Arbiter(1, [new ArbiterChannel("serial0", Centiseconds.FromSeconds(3))],
            [new ArbiterInstance("VI_1", 51, IpFamily.IPv4), new ArbiterInstance("VI_2", 52, IpFamily.IPv6)],
            LanFaultPolicy.StayBackup, null, new Random(1));
    }

    [Benchmark]
    public int Encode() => HeartbeatCodec.Encode(_buffer, new HeartbeatHeader(2, 1, ++_sequence), _entries, default);

    [Benchmark]
    public int EncodeWithHmac() => HeartbeatCodec.Encode(_buffer, new HeartbeatHeader(2, 1, ++_sequence), _entries, _key);

    [Benchmark]
    public HeartbeatDropReason Decode() => HeartbeatCodec.TryDecode(_plain, default, out _);

    [Benchmark]
    public HeartbeatDropReason DecodeWithHmac() => HeartbeatCodec.TryDecode(_signed, _key, out _);

    [Benchmark]
    public int StreamReaderOneFrame()
    {
        _reader.Append(_plain);
        int frames = 0;
        while (_reader.TryRead(out _)) frames++;
        return frames;
    }

    [Benchmark]
    public int ArbiterFrameAndTick()
    {
        // The peer echoes our nonce, so the frame is accepted rather than refused as a replay.
        int n = HeartbeatCodec.Encode(_buffer, new HeartbeatHeader(2, 1, ++_sequence, 0x5EED, _arbiter.Nonce), _entries, default);
        HeartbeatCodec.TryDecode(_buffer.AsSpan(0, n), default, out var frame);
        _now = _now.AddNanoseconds(10_000_000);
        _output.Clear();
        _arbiter.OnFrame(1, frame, _now, _output);
        _arbiter.Tick(_now, _output);
        return _output.Count;
    }
}
