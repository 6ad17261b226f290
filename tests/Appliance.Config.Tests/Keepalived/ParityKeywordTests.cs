using Appliance.Config.Diagnostics;
using Appliance.Config.Tests.Support;
using Appliance.Vrrp;

namespace Appliance.Config.Tests.Keepalived;

/// <summary>keepalived keywords that act (issue 11): what each binds into the protocol settings,
/// with keepalived 2.2.7's defaults and inheritance from global_defs.</summary>
public sealed class ParityKeywordTests
{
    private static Model.VrrpInstanceConfig One(string body, string? globals = null) =>
        Assert.Single(Load.Ok(Load.Conf((globals is null ? "" : "global_defs {\n" + globals + "\n}\n") + Load.Instance(body))).Instances);

    [Fact]
    public void Mcast_dst_ip_is_the_instance_group_and_the_global_group_is_the_default()
    {
        Assert.Equal(IpAddr.Parse("224.0.0.20"), One("    virtual_ipaddress { 10.0.0.1 }\n    mcast_dst_ip 224.0.0.20").Protocol.MulticastGroup);
        Assert.Equal(IpAddr.Parse("224.0.0.19"), One("    virtual_ipaddress { 10.0.0.1 }", "    vrrp_mcast_group4 224.0.0.19").Protocol.MulticastGroup);
        Assert.Equal(IpAddr.VrrpMulticastV4, One("    virtual_ipaddress { 10.0.0.1 }").Protocol.MulticastGroup);
    }

    [Fact]
    public void An_instance_with_unicast_peers_has_no_group()
    {
        var p = One("    virtual_ipaddress { 10.0.0.1 }\n    mcast_dst_ip 224.0.0.20\n    unicast_peer {\n        10.0.0.2\n    }").Protocol;
        Assert.True(p.MulticastGroup.IsUnspecified);
        Assert.Equal(new[] { IpAddr.Parse("10.0.0.2") }, p.UnicastPeers.ToArray());
    }

    [Fact]
    public void Mcast_dst_ip_that_is_not_multicast_of_the_instance_family_is_a_located_error()
    {
        var r = Load.Conf(Load.Instance("    virtual_ipaddress { 10.0.0.1 }\n    mcast_dst_ip 10.0.0.9"));
        var d = Load.Single(r, DiagnosticCodes.InvalidValue);
        Assert.Contains("mcast_dst_ip 10.0.0.9 is not an IPv4 multicast address", d.Message);
        Assert.Equal(1, d.Location.Line);
    }

    [Fact]
    public void Check_unicast_src_is_off_by_default_and_set_per_instance_or_globally()
    {
        const string peers = "    virtual_ipaddress { 10.0.0.1 }\n    unicast_peer {\n        10.0.0.2\n    }";
        Assert.False(One(peers).Protocol.CheckUnicastSource);
        Assert.True(One(peers + "\n    check_unicast_src").Protocol.CheckUnicastSource);
        Assert.True(One(peers, "    vrrp_check_unicast_src").Protocol.CheckUnicastSource);
    }

    [Fact]
    public void Higher_prio_send_advert_is_off_by_default_and_inherits_the_global_default()
    {
        const string vip = "    virtual_ipaddress { 10.0.0.1 }";
        Assert.False(One(vip).Protocol.AdvertOnHigherPriority);
        Assert.True(One(vip + "\n    higher_prio_send_advert").Protocol.AdvertOnHigherPriority);
        Assert.True(One(vip, "    vrrp_higher_prio_send_advert").Protocol.AdvertOnHigherPriority);
        Assert.False(One(vip + "\n    higher_prio_send_advert false", "    vrrp_higher_prio_send_advert").Protocol.AdvertOnHigherPriority);
    }

    [Fact]
    public void Garp_lower_prio_knobs_follow_keepalived_inheritance()
    {
        var c = Load.Ok(Load.Conf("global_defs {\n    vrrp_garp_master_repeat 4\n    vrrp_garp_master_delay 7\n}\n"
            + Load.Instance("    virtual_ipaddress { 10.0.0.1 }\n    garp_master_repeat 1")
            + Load.Instance("    virtual_ipaddress { 10.0.0.2 }\n    garp_lower_prio_repeat 2\n    garp_lower_prio_delay 0", name: "VI_2", vrid: 52)));
        Assert.Equal((4, Centiseconds.FromSeconds(7)), Model.GarpSettings.ResolveLowerPriority(c.Instances[0].Garp, c.Global.Garp));
        Assert.Equal((2, Centiseconds.Zero), Model.GarpSettings.ResolveLowerPriority(c.Instances[1].Garp, c.Global.Garp));
    }

    [Fact]
    public void Unicast_ttl_binds_with_peers_and_is_ignored_with_a_located_warning_without_them()
    {
        Assert.Equal(64, One("    virtual_ipaddress { 10.0.0.1 }\n    unicast_ttl 64\n    unicast_peer {\n        10.0.0.2\n    }").UnicastTtl);
        var r = Load.Conf(Load.Instance("    virtual_ipaddress { 10.0.0.1 }\n    unicast_ttl 64"));
        Assert.Null(Assert.Single(Load.Ok(r).Instances).UnicastTtl);
        Assert.Equal(5, Load.Single(r, DiagnosticCodes.NotUsed).Location.Line);
    }
}
