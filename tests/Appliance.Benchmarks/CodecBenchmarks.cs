using Appliance.Vrrp;
using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Wire;
using BenchmarkDotNet.Attributes;

namespace Appliance.Benchmarks;

/// <summary>The VRRP codec on the paths every advert takes: receive-side decode (with checksum) and
/// send-side encode, for v2, v3/IPv4 and v3/IPv6, plus the GARP/NA builders a failover bursts.</summary>
[MemoryDiagnoser]
public class CodecBenchmarks
{
    private static readonly IpAddr s_source4 = IpAddr.Parse("192.0.2.10");
    private static readonly IpAddr s_source6 = IpAddr.Parse("fe80::10");
    private readonly IpAddr[] _vips4 = [IpAddr.Parse("192.0.2.51"), IpAddr.Parse("192.0.2.151")];
    private readonly IpAddr[] _vips6 = [IpAddr.Parse("fe80::53"), IpAddr.Parse("2001:db8::53")];
    private readonly byte[] _password = "golden12"u8.ToArray();
    private readonly byte[] _buffer = new byte[4096];
    private byte[] _v2Packet = [];
    private byte[] _v3Packet4 = [];
    private byte[] _v3Message6 = [];
    private PacketInfo _info6;

    [GlobalSetup]
    public void Setup()
    {
        _v2Packet = _buffer[..EncodeV2Packet()];
        _v3Packet4 = _buffer[..EncodeV3IPv4Packet()];
        _info6 = new PacketInfo(IpFamily.IPv6, s_source6, IpAddr.VrrpMulticastV6, 255, checkTtl: true);
        _v3Message6 = _buffer[..EncodeV3IPv6()];
    }

    [Benchmark]
    public int DecodeV2Packet() =>
        VrrpCodec.DecodeIPv4(_v2Packet, checkTtl: true, out var advert, out _) == DropReason.None ? advert.Vrid : -1;

    [Benchmark]
    public int DecodeV3IPv4Packet() =>
        VrrpCodec.DecodeIPv4(_v3Packet4, checkTtl: true, out var advert, out _) == DropReason.None ? advert.Vrid : -1;

    [Benchmark]
    public int DecodeV3IPv6() =>
        VrrpCodec.Decode(_v3Message6, _info6, out var advert) == DropReason.None ? advert.Vrid : -1;

    [Benchmark]
    public int EncodeV2Packet() => VrrpCodec.EncodeIPv4Packet(_buffer, new AdvertFields
    {
        Version = VrrpVersion.V2, Family = IpFamily.IPv4, Vrid = 51, Priority = 200, Interval = new Centiseconds(100),
        AuthType = AuthType.SimpleText, AuthData = _password, Addresses = _vips4,
    }, s_source4, IpAddr.VrrpMulticastV4, ChecksumForm.MessageOnly);

    [Benchmark]
    public int EncodeV3IPv4Packet() => VrrpCodec.EncodeIPv4Packet(_buffer, new AdvertFields
    {
        Version = VrrpVersion.V3, Family = IpFamily.IPv4, Vrid = 52, Priority = 150, Interval = new Centiseconds(50), Addresses = _vips4,
    }, s_source4, IpAddr.VrrpMulticastV4, ChecksumForm.PseudoHeader);

    [Benchmark]
    public int EncodeV3IPv6() => VrrpCodec.Encode(_buffer, new AdvertFields
    {
        Version = VrrpVersion.V3, Family = IpFamily.IPv6, Vrid = 53, Priority = 100, Interval = new Centiseconds(100), Addresses = _vips6,
    }, s_source6, IpAddr.VrrpMulticastV6, ChecksumForm.PseudoHeader);

    [Benchmark]
    public int BuildGratuitousArp() => ArpFrame.BuildGratuitous(_buffer, MacAddress.Virtual(IpFamily.IPv4, 51), _vips4[0]);

    [Benchmark]
    public int BuildNeighborAdvert() =>
        NeighborAdvertFrame.Build(_buffer, MacAddress.Virtual(IpFamily.IPv6, 53), s_source6, _vips6[1]);
}
