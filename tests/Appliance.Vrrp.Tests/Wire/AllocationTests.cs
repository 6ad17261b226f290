using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Wire;
using static Appliance.Vrrp.Tests.Wire.WireSamples;

namespace Appliance.Vrrp.Tests.Wire;

/// <summary>The codec runs on every received and sent packet: it must not allocate (ARCHITECTURE.md, zero-GC hot paths).</summary>
public class AllocationTests
{
    private const int Iterations = 10_000;

    private static long AllocatedBy(Action<int> work)
    {
        for (int i = 0; i < 1_000; i++) work(i);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Iterations; i++) work(i);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void Decode_allocates_nothing()
    {
        var v2 = V2Pass();
        var v3 = V3IPv6();
        var v4Packet = Golden.Packets("keepalived-v3-ipv4.hex")[0];
        var bad = V3IPv4();
        bad[6] ^= 1;
        var info4 = MulticastV4();
        var info6 = MulticastV6();
        int accepted = 0;
        long bytes = AllocatedBy(i =>
        {
            if (VrrpCodec.Decode(v2, info4, out var a) == DropReason.None) accepted += a.CountIpAddrs;
            if (VrrpCodec.Decode(v3, info6, out var b) == DropReason.None) accepted += b.Address(1).Size;
            if (VrrpCodec.DecodeIPv4(v4Packet, true, out var c, out _) == DropReason.None) accepted += c.Vrid;
            if (VrrpCodec.Decode(bad, info4, out _) == DropReason.BadChecksum) accepted++;
        });
        Assert.Equal(0, bytes);
        Assert.True(accepted > 0);
    }

    [Fact]
    public void Encode_allocates_nothing()
    {
        var buffer = new byte[VrrpCodec.MaxIPv4PacketSize];
        var v6Buffer = new byte[VrrpCodec.MaxMessageSize(IpFamily.IPv6)];
        var vips4 = VipsV4;
        var vips6 = VipsV6;
        var password = Password;
        long bytes = AllocatedBy(i =>
        {
            VrrpCodec.EncodeIPv4Packet(buffer, new AdvertFields
            {
                Version = VrrpVersion.V2, Family = IpFamily.IPv4, Vrid = 51, Priority = (byte)i, Interval = new Centiseconds(100),
                AuthType = AuthType.SimpleText, AuthData = password, Addresses = vips4,
            }, RouterV4, IpAddr.VrrpMulticastV4, ChecksumForm.MessageOnly, (ushort)i);
            VrrpCodec.Encode(buffer, new AdvertFields
            {
                Version = VrrpVersion.V3, Family = IpFamily.IPv4, Vrid = 52, Priority = (byte)i, Interval = new Centiseconds(50), Addresses = vips4,
            }, RouterV4, PeerV4, ChecksumForm.PseudoHeaderMulticastDestination);
            VrrpCodec.Encode(v6Buffer, new AdvertFields
            {
                Version = VrrpVersion.V3, Family = IpFamily.IPv6, Vrid = 53, Priority = (byte)i, Interval = new Centiseconds(100), Addresses = vips6,
            }, RouterV6, IpAddr.VrrpMulticastV6, ChecksumForm.PseudoHeader);
        });
        Assert.Equal(0, bytes);
    }

    [Fact]
    public void Gratuitous_arp_builder_allocates_nothing()
    {
        var frame = new byte[ArpFrame.Length];
        var mac = MacAddress.Virtual(IpFamily.IPv4, 51);
        long bytes = AllocatedBy(i => ArpFrame.BuildGratuitous(frame, mac, IpAddr.FromV4(0xC0000200u + (uint)(i & 0xFF))));
        Assert.Equal(0, bytes);
    }

    [Fact]
    public void Neighbor_advert_builder_allocates_nothing()
    {
        var frame = new byte[NeighborAdvertFrame.Length];
        var mac = MacAddress.Virtual(IpFamily.IPv6, 53);
        var source = RouterV6;
        var target = VipsV6[1];
        long bytes = AllocatedBy(i =>
        {
            NeighborAdvertFrame.Build(frame, mac, source, target, router: (i & 1) == 0);
            NeighborAdvertFrame.BuildIcmpBody(frame, mac, source, target);
        });
        Assert.Equal(0, bytes);
    }
}
