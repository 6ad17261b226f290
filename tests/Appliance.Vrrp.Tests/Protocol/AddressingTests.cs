using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Wire;
using static Appliance.Vrrp.Tests.Protocol.InstanceHarness;

namespace Appliance.Vrrp.Tests.Protocol;

/// <summary>Whether an advert was addressed to this instance at all: keepalived's mcast_dst_ip
/// (one group per instance) and its multicast/unicast separation, decided from the destination.</summary>
public class AddressingTests
{
    private static readonly IpAddr s_default = IpAddr.VrrpMulticastV4;
    private static readonly IpAddr s_other = IpAddr.Parse("224.0.0.20");

    private static InstanceHarness Backup(InstanceSettings settings)
    {
        var h = new InstanceHarness(settings);
        h.Startup(0);
        return h;
    }

    [Fact]
    public void An_instance_on_its_own_group_hears_adverts_sent_to_that_group()
    {
        var h = Backup(Settings() with { MulticastGroup = s_other });
        var actions = h.Receive(h.Advert(200), Higher, at: 1, destination: s_other);
        Assert.DoesNotContain(actions, a => a.Kind == ActionKind.Dropped);
        Assert.NotNull(h.Accepted);
        Assert.Equal(Higher, h.Instance.MasterAddress);
    }

    [Fact]
    public void An_instance_on_its_own_group_drops_adverts_sent_to_another_group_and_counts_them()
    {
        var h = Backup(Settings() with { MulticastGroup = s_other });
        ActionAssert.Dropped(h.Receive(h.Advert(200), Higher, at: 1, destination: s_default), DropReason.GroupMismatch);
        Assert.Equal(1, h.Instance.DropCount(DropReason.GroupMismatch));
        Assert.Null(h.Accepted);
    }

    [Fact]
    public void An_instance_on_the_default_group_drops_adverts_sent_to_another_instances_group()
    {
        var h = Backup(Settings() with { MulticastGroup = s_default });
        ActionAssert.Dropped(h.Receive(h.Advert(200), Higher, at: 1, destination: s_other), DropReason.GroupMismatch);
    }

    [Fact]
    public void A_multicast_instance_drops_a_unicast_advert_like_keepalived()
    {
        var h = Backup(Settings() with { MulticastGroup = s_default });
        ActionAssert.Dropped(h.Receive(h.Advert(200), Higher, at: 1, destination: Us), DropReason.AddressingMismatch);
    }

    [Fact]
    public void An_instance_with_unicast_peers_drops_a_multicast_advert_like_keepalived()
    {
        var h = Backup(Settings() with { HasUnicastPeers = true });
        ActionAssert.Dropped(h.Receive(h.Advert(200), Higher, at: 1, destination: s_default), DropReason.AddressingMismatch);
        var accepted = h.Receive(h.Advert(200), Higher, at: 1.1, destination: Us);
        Assert.DoesNotContain(accepted, a => a.Kind == ActionKind.Dropped);
    }

    [Fact]
    public void The_ttl_rule_still_comes_first()
    {
        var h = Backup(Settings() with { MulticastGroup = s_other });
        ActionAssert.Dropped(h.Receive(h.Advert(200), Higher, at: 1, ttl: 64, destination: s_default), DropReason.BadTtl);
    }
}

/// <summary>keepalived's check_unicast_src: with it, only the configured unicast peers are heard.</summary>
public class CheckUnicastSourceTests
{
    private static readonly IpAddr s_peer = IpAddr.Parse("10.0.0.20");
    private static readonly IpAddr s_stranger = IpAddr.Parse("10.0.0.99");

    private static InstanceHarness Backup(bool check)
    {
        var h = new InstanceHarness(Settings() with
        {
            HasUnicastPeers = true,
            UnicastPeers = System.Collections.Immutable.ImmutableArray.Create(s_peer),
            CheckUnicastSource = check,
        });
        h.Startup(0);
        return h;
    }

    [Fact]
    public void Without_check_unicast_src_an_advert_from_a_stranger_is_heard_like_keepalived()
    {
        var h = Backup(check: false);
        var actions = h.Receive(h.Advert(200), s_stranger, at: 1, ttl: 64, destination: Us);
        Assert.DoesNotContain(actions, a => a.Kind == ActionKind.Dropped);
        Assert.Equal(s_stranger, h.Instance.MasterAddress);
    }

    [Fact]
    public void With_check_unicast_src_an_advert_from_a_stranger_is_dropped_as_unknown_peer_and_counted()
    {
        var h = Backup(check: true);
        ActionAssert.Dropped(h.Receive(h.Advert(200), s_stranger, at: 1, ttl: 64, destination: Us), DropReason.UnknownPeer);
        Assert.Equal(1, h.Instance.DropCount(DropReason.UnknownPeer));
        Assert.Null(h.Accepted);
    }

    [Fact]
    public void With_check_unicast_src_a_configured_peer_is_heard()
    {
        var h = Backup(check: true);
        var actions = h.Receive(h.Advert(200), s_peer, at: 1, ttl: 64, destination: Us);
        Assert.DoesNotContain(actions, a => a.Kind == ActionKind.Dropped);
        Assert.Equal(s_peer, h.Instance.MasterAddress);
    }
}
