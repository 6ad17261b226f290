using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Wire;
using static Appliance.Vrrp.Tests.Wire.WireSamples;

namespace Appliance.Vrrp.Tests.Wire;

/// <summary>
/// Adverts captured from the real keepalived 2.2.7 (Golden/*.hex, see image/lab/capture-golden.sh):
/// we decode what it sends, and our encoder writes the same bytes from the same fields.
/// </summary>
public class GoldenPacketTests
{
    private static readonly IpAddr s_keepalivedV4 = IpAddr.Parse("192.0.2.10");

    [Fact]
    public void Keepalived_v2_advert_with_PASS_auth_decodes_to_its_configuration()
    {
        var packets = Golden.Packets("keepalived-v2-pass.hex");
        Assert.Equal(DropReason.None, VrrpCodec.DecodeIPv4(packets[0], checkTtl: true, out var advert, out var info));
        Assert.Equal(s_keepalivedV4, info.Source);
        Assert.Equal(IpAddr.VrrpMulticastV4, info.Destination);
        Assert.Equal(VrrpVersion.V2, advert.Version);
        Assert.Equal(51, advert.Vrid);
        Assert.Equal(200, advert.Priority);
        Assert.Equal(Centiseconds.FromSeconds(1), advert.MaxAdvertInterval);
        Assert.Equal(AuthType.SimpleText, advert.AuthType);
        Assert.Equal("golden12"u8.ToArray(), advert.AuthData.ToArray());
        Assert.Equal(1, advert.CountIpAddrs);
        Assert.Equal(IpAddr.Parse("192.0.2.51"), advert.Address(0));
        Assert.Equal(ChecksumForm.MessageOnly, advert.ChecksumForm);
    }

    [Fact]
    public void Keepalived_v3_IPv4_advert_decodes_and_uses_the_pseudo_header_checksum()
    {
        var packets = Golden.Packets("keepalived-v3-ipv4.hex");
        Assert.Equal(DropReason.None, VrrpCodec.DecodeIPv4(packets[0], checkTtl: true, out var advert, out _));
        Assert.Equal(VrrpVersion.V3, advert.Version);
        Assert.Equal(IpFamily.IPv4, advert.Family);
        Assert.Equal(52, advert.Vrid);
        Assert.Equal(150, advert.Priority);
        Assert.Equal(new Centiseconds(50), advert.MaxAdvertInterval);
        Assert.Equal(AuthType.None, advert.AuthType);
        Assert.True(advert.AuthData.IsEmpty);
        Assert.Equal(2, advert.CountIpAddrs);
        Assert.Equal(IpAddr.Parse("192.0.2.52"), advert.Address(0));
        Assert.Equal(IpAddr.Parse("192.0.2.152"), advert.Address(1));
        Assert.Equal(ChecksumForm.PseudoHeader, advert.ChecksumForm);
    }

    [Fact]
    public void Keepalived_v3_IPv6_advert_decodes_with_its_link_local_source_and_first_address()
    {
        var packet = Golden.Packets("keepalived-v3-ipv6.hex")[0];
        var info = InfoFromIPv6Header(packet);
        Assert.True(info.Source.IsIPv6LinkLocal);
        Assert.Equal(IpAddr.VrrpMulticastV6, info.Destination);
        Assert.Equal(DropReason.None, VrrpCodec.Decode(packet.AsSpan(40), info, out var advert));
        Assert.Equal(VrrpVersion.V3, advert.Version);
        Assert.Equal(IpFamily.IPv6, advert.Family);
        Assert.Equal(53, advert.Vrid);
        Assert.Equal(100, advert.Priority);
        Assert.Equal(new Centiseconds(100), advert.MaxAdvertInterval);
        Assert.Equal(IpAddr.Parse("fe80::53"), advert.Address(0));
        Assert.Equal(IpAddr.Parse("2001:db8::53"), advert.Address(1));
        Assert.Equal(ChecksumForm.PseudoHeader, advert.ChecksumForm);
    }

    [Theory]
    [InlineData("keepalived-v2-pass.hex", ChecksumForm.MessageOnly)]
    [InlineData("keepalived-v3-ipv4.hex", ChecksumForm.PseudoHeader)]
    [InlineData("keepalived-v3-ipv6.hex", ChecksumForm.PseudoHeader)]
    public void Every_captured_keepalived_advert_decodes_with_the_same_checksum_form(string file, ChecksumForm form)
    {
        foreach (var packet in Golden.Packets(file))
        {
            DropReason result = packet[0] >> 4 == 4
                ? VrrpCodec.DecodeIPv4(packet, checkTtl: true, out var advert, out _)
                : VrrpCodec.Decode(packet.AsSpan(40), InfoFromIPv6Header(packet), out advert);
            Assert.Equal(DropReason.None, result);
            Assert.Equal(form, advert.ChecksumForm);
        }
    }

    [Theory]
    [InlineData("keepalived-v2-pass.hex")]
    [InlineData("keepalived-v3-ipv4.hex")]
    [InlineData("keepalived-v3-ipv6.hex")]
    public void Keepalived_sends_priority_zero_when_it_stops(string file)
    {
        var last = Golden.Packets(file)[^1];
        DropReason result = last[0] >> 4 == 4
            ? VrrpCodec.DecodeIPv4(last, checkTtl: true, out var advert, out _)
            : VrrpCodec.Decode(last.AsSpan(40), InfoFromIPv6Header(last), out advert);
        Assert.Equal(DropReason.None, result);
        Assert.Equal(0, advert.Priority);
    }

    [Fact]
    public void Our_v2_packet_is_byte_for_byte_what_keepalived_sends()
    {
        var expected = Golden.Packets("keepalived-v2-pass.hex")[0];
        var buffer = new byte[VrrpCodec.MaxIPv4PacketSize];
        int n = VrrpCodec.EncodeIPv4Packet(buffer, new AdvertFields
        {
            Version = VrrpVersion.V2, Family = IpFamily.IPv4, Vrid = 51, Priority = 200, Interval = Centiseconds.FromSeconds(1),
            AuthType = AuthType.SimpleText, AuthData = "golden12"u8, Addresses = new[] { IpAddr.Parse("192.0.2.51") },
        }, s_keepalivedV4, IpAddr.VrrpMulticastV4, ChecksumForm.MessageOnly, identification: 1);
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(buffer, 0, n));
    }

    [Fact]
    public void Our_v3_IPv4_packet_is_byte_for_byte_what_keepalived_sends()
    {
        var expected = Golden.Packets("keepalived-v3-ipv4.hex")[0];
        var buffer = new byte[VrrpCodec.MaxIPv4PacketSize];
        int n = VrrpCodec.EncodeIPv4Packet(buffer, new AdvertFields
        {
            Version = VrrpVersion.V3, Family = IpFamily.IPv4, Vrid = 52, Priority = 150, Interval = new Centiseconds(50),
            Addresses = new[] { IpAddr.Parse("192.0.2.52"), IpAddr.Parse("192.0.2.152") },
        }, s_keepalivedV4, IpAddr.VrrpMulticastV4, ChecksumForm.PseudoHeader, identification: 1);
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(buffer, 0, n));
    }

    [Fact]
    public void Our_v3_IPv6_message_is_byte_for_byte_what_keepalived_sends()
    {
        var packet = Golden.Packets("keepalived-v3-ipv6.hex")[0];
        var info = InfoFromIPv6Header(packet);
        var ours = Encode(new AdvertFields
        {
            Version = VrrpVersion.V3, Family = IpFamily.IPv6, Vrid = 53, Priority = 100, Interval = new Centiseconds(100),
            Addresses = new[] { IpAddr.Parse("fe80::53"), IpAddr.Parse("2001:db8::53") },
        }, info, ChecksumForm.PseudoHeader);
        Assert.Equal(Convert.ToHexString(packet.AsSpan(40)), Convert.ToHexString(ours));
    }
}
