using Appliance.Vrrp;

namespace Appliance.Vrrp.Tests.Primitives;

public class IpAddrTests
{
    [Theory]
    [InlineData("192.0.2.1")]
    [InlineData("fe80::1")]
    [InlineData("2001:db8::42")]
    public void Parse_then_format_round_trips(string text) => Assert.Equal(text, IpAddr.Parse(text).ToString());

    [Theory]
    [InlineData("10.1")]
    [InlineData("1")]
    [InlineData("fe80::1%2")]
    [InlineData("nonsense")]
    public void Partial_or_scoped_addresses_are_rejected(string text) => Assert.False(IpAddr.TryParse(text, out _));

    [Fact]
    public void Comparison_is_unsigned_network_order()
    {
        Assert.True(IpAddr.Parse("192.0.2.200") > IpAddr.Parse("192.0.2.3"));
        Assert.True(IpAddr.Parse("128.0.0.1") > IpAddr.Parse("127.255.255.255"));
        Assert.True(IpAddr.Parse("fe80::2") > IpAddr.Parse("fe80::1"));
        Assert.True(IpAddr.Parse("ff02::1") > IpAddr.Parse("fe80::ffff"));
    }

    [Fact]
    public void Link_local_and_multicast_are_recognised()
    {
        Assert.True(IpAddr.Parse("fe80::1").IsIPv6LinkLocal);
        Assert.False(IpAddr.Parse("2001:db8::1").IsIPv6LinkLocal);
        Assert.True(IpAddr.VrrpMulticastV4.IsMulticast);
        Assert.Equal("224.0.0.18", IpAddr.VrrpMulticastV4.ToString());
        Assert.Equal("ff02::12", IpAddr.VrrpMulticastV6.ToString());
    }

    [Fact]
    public void Virtual_mac_follows_rfc_9568_section_7_3()
    {
        Assert.Equal("00:00:5e:00:01:33", MacAddress.Virtual(IpFamily.IPv4, 51).ToString());
        Assert.Equal("00:00:5e:00:02:ff", MacAddress.Virtual(IpFamily.IPv6, 255).ToString());
    }
}
