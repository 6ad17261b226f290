using System.Buffers.Binary;
using Appliance.Vrrp.Wire;

namespace Appliance.Vrrp.Tests.Wire;

/// <summary>GARP and unsolicited NA frames, checked against what keepalived 2.2.7 put on the wire.</summary>
public class FrameBuilderTests
{
    // The veth MAC of the capture run, as printed in the Golden/*.hex headers.
    private static readonly MacAddress s_captureMac = MacAddress.Read(Convert.FromHexString("5a10ebcc425d"));

    [Fact]
    public void Gratuitous_arp_is_byte_for_byte_keepalived_broadcast_request_with_sender_equal_target()
    {
        var expected = Golden.Packets("keepalived-garp.hex")[0];
        var frame = new byte[ArpFrame.Length];
        Assert.Equal(42, ArpFrame.BuildGratuitous(frame, s_captureMac, IpAddr.Parse("192.0.2.52")));
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(frame));
    }

    [Fact]
    public void Gratuitous_arp_from_the_virtual_mac_carries_it_as_ethernet_source_and_sender()
    {
        var vmac = MacAddress.Virtual(IpFamily.IPv4, 52);
        var frame = new byte[ArpFrame.Length];
        ArpFrame.BuildGratuitous(frame, vmac, IpAddr.Parse("192.0.2.52"));
        Assert.Equal(vmac, MacAddress.Read(frame.AsSpan(6)));
        Assert.Equal(vmac, MacAddress.Read(frame.AsSpan(22)));
        Assert.Equal(1, BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(20)));
    }

    [Fact]
    public void Neighbor_advert_without_router_flag_from_the_vip_is_byte_for_byte_keepalived()
    {
        var expected = Golden.Packets("keepalived-na.hex")[0];
        var vip = IpAddr.Parse("fe80::53");
        var frame = new byte[NeighborAdvertFrame.Length];
        Assert.Equal(86, NeighborAdvertFrame.Build(frame, s_captureMac, vip, vip, router: false));
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(frame));
    }

    [Fact]
    public void Neighbor_advert_sets_router_and_override_but_not_solicited()
    {
        var frame = new byte[NeighborAdvertFrame.Length];
        NeighborAdvertFrame.Build(frame, s_captureMac, IpAddr.Parse("fe80::10"), IpAddr.Parse("2001:db8::53"));
        Assert.Equal("333300000001", Convert.ToHexString(frame, 0, 6));
        Assert.Equal(255, frame[14 + 7]);
        Assert.Equal(IpAddr.Parse("ff02::1"), IpAddr.FromV6(frame.AsSpan(14 + 24)));
        Assert.Equal(136, frame[54]);
        Assert.Equal(0xA0000000u, BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(58)));
        Assert.Equal(IpAddr.Parse("2001:db8::53"), IpAddr.FromV6(frame.AsSpan(62)));
        Assert.Equal(s_captureMac, MacAddress.Read(frame.AsSpan(80)));
        ulong sum = InternetChecksum.PseudoHeaderIPv6(IpAddr.Parse("fe80::10"), IpAddr.Parse("ff02::1"), 58, 32);
        Assert.True(InternetChecksum.Verifies(InternetChecksum.Add(sum, frame.AsSpan(54))));
    }

    [Fact]
    public void Icmp_body_alone_equals_the_tail_of_the_frame()
    {
        var frame = new byte[NeighborAdvertFrame.Length];
        var body = new byte[NeighborAdvertFrame.IcmpBodyLength];
        NeighborAdvertFrame.Build(frame, s_captureMac, IpAddr.Parse("fe80::10"), IpAddr.Parse("fe80::53"));
        Assert.Equal(32, NeighborAdvertFrame.BuildIcmpBody(body, s_captureMac, IpAddr.Parse("fe80::10"), IpAddr.Parse("fe80::53")));
        Assert.Equal(frame[54..], body);
    }

    [Fact]
    public void Builders_reject_short_buffers_and_wrong_families()
    {
        Assert.Throws<ArgumentException>(() => ArpFrame.BuildGratuitous(new byte[41], s_captureMac, IpAddr.Parse("192.0.2.1")));
        Assert.Throws<ArgumentException>(() => ArpFrame.BuildGratuitous(new byte[42], s_captureMac, IpAddr.Parse("fe80::1")));
        Assert.Throws<ArgumentException>(() => NeighborAdvertFrame.Build(new byte[85], s_captureMac, IpAddr.Parse("fe80::1"), IpAddr.Parse("fe80::2")));
        Assert.Throws<ArgumentException>(() => NeighborAdvertFrame.Build(new byte[86], s_captureMac, IpAddr.Parse("192.0.2.1"), IpAddr.Parse("fe80::2")));
        Assert.Throws<ArgumentException>(() => NeighborAdvertFrame.BuildIcmpBody(new byte[32], s_captureMac, IpAddr.Parse("fe80::1"), IpAddr.Parse("192.0.2.2")));
    }
}
