using System.Collections.Immutable;
using Appliance.Testing.Simulation;
using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Wire;
using static Appliance.Vrrp.Tests.Protocol.InstanceHarness;

namespace Appliance.Vrrp.Tests.Protocol;

/// <summary>The semantic receive checks of RFC 3768 §7.1 and RFC 9568 §7.1: one test per
/// <see cref="DropReason"/> the instance returns, each also counted.</summary>
public class ReceiveChecksTests
{
    private static readonly byte[] Secret = "s3cret"u8.ToArray();

    private static InstanceHarness V2Backup()
    {
        var h = new InstanceHarness(Settings(version: VrrpVersion.V2) with
        {
            AuthType = AuthType.SimpleText,
            AuthData = ImmutableArray.Create(Secret),
        });
        h.Startup(0);
        return h;
    }

    private static InstanceHarness V3Backup()
    {
        var h = new InstanceHarness();
        h.Startup(0);
        return h;
    }

    private static void AssertDroppedAndCounted(InstanceHarness h, InstanceAction[] actions, DropReason reason)
    {
        ActionAssert.Dropped(actions, reason);
        Assert.Equal(1, h.Instance.DropCount(reason));
        Assert.Equal(1, h.Instance.DropCounts[(int)reason]);
        Assert.Equal(At(3.609375), h.Deadline); // a discarded advert never moves the timer
    }

    [Fact]
    public void Advert_while_initialize_is_dropped_as_not_listening()
    {
        var h = new InstanceHarness();
        ActionAssert.Dropped(h.Receive(200, Higher, at: 0), DropReason.NotListening);
        Assert.Equal(1, h.Instance.DropCount(DropReason.NotListening));
    }

    [Fact]
    public void Multicast_advert_with_ttl_below_255_is_dropped()
    {
        var h = V3Backup();
        AssertDroppedAndCounted(h, h.Receive(h.Advert(200), Higher, at: 1, ttl: 254), DropReason.BadTtl);
    }

    [Fact]
    public void Instance_with_unicast_peers_skips_the_ttl_check_like_keepalived()
    {
        var h = new InstanceHarness(Settings() with { HasUnicastPeers = true });
        h.Startup(0);
        Assert.Empty(h.Receive(h.Advert(200), Higher, at: 1, ttl: 60));
        Assert.Equal(At(4.609375), h.Deadline);
    }

    // The threat of issue 10: adverts claiming priority 255, sent to the master's own address from
    // off link (TTL 64). The rule follows the instance: a multicast instance has no unicast peers,
    // so wherever the advert was addressed, TTL must be 255.
    [Fact]
    public void Offlink_advert_to_our_address_with_ttl_64_cannot_take_mastership()
    {
        var h = new InstanceHarness();
        h.MakeMaster();
        for (int i = 0; i < 10; i++)
        {
            var actions = h.Receive(h.Advert(255), Higher, at: 4 + i, ttl: 64);
            ActionAssert.Dropped(actions, DropReason.BadTtl);
        }
        Assert.Equal(VrrpState.Master, h.Instance.State);
        Assert.Equal(10, h.Instance.DropCount(DropReason.BadTtl));
        Assert.Equal(0, h.Instance.AdvertsAccepted);
    }

    [Fact]
    public void Offlink_advert_with_ttl_64_cannot_shorten_a_backups_wait()
    {
        var h = V3Backup();
        AssertDroppedAndCounted(h, h.Receive(h.Advert(0), Higher, at: 1, ttl: 64), DropReason.BadTtl);
        Assert.Equal(0, h.Instance.PriorityZeroReceived);
    }

    [Fact]
    public void Advert_for_another_vrid_is_dropped_as_unknown_vrid()
    {
        var h = V3Backup();
        var other = new AdvertSpec { Vrid = 52, Priority = 200, Addresses = [Vip] };
        AssertDroppedAndCounted(h, h.Receive(other, Higher, at: 1), DropReason.UnknownVrid);
    }

    [Fact]
    public void Advert_of_another_family_is_dropped_as_unknown_vrid()
    {
        var h = V3Backup();
        var v6 = new AdvertSpec { Vrid = 51, Family = IpFamily.IPv6, Priority = 200, Addresses = [IpAddr.Parse("fe80::1")] };
        AssertDroppedAndCounted(h, h.Receive(v6, IpAddr.Parse("fe80::2"), at: 1), DropReason.UnknownVrid);
    }

    [Fact]
    public void Advert_of_the_other_version_is_dropped_as_version_mismatch()
    {
        var h = V3Backup();
        var v2 = new AdvertSpec { Version = VrrpVersion.V2, Vrid = 51, Priority = 200, Addresses = [Vip] };
        AssertDroppedAndCounted(h, h.Receive(v2, Higher, at: 1), DropReason.VersionMismatch);
    }

    [Fact]
    public void Our_own_advert_looped_back_is_dropped()
    {
        var h = V3Backup();
        AssertDroppedAndCounted(h, h.Receive(200, Us, at: 1), DropReason.OwnPacket);
    }

    [Fact]
    public void Address_owner_discards_every_other_advert()
    {
        var h = new InstanceHarness(priority: 255);
        h.Startup(0);
        ActionAssert.Dropped(h.Receive(254, Higher, at: 0.5), DropReason.WeAreOwner);
        ActionAssert.Dropped(h.Receive(0, Higher, at: 0.6), DropReason.WeAreOwner);
        Assert.Equal(2, h.Instance.DropCount(DropReason.WeAreOwner));
        Assert.Equal(VrrpState.Master, h.Instance.State);
    }

    [Fact]
    public void V2_advert_with_another_auth_type_is_dropped()
    {
        var h = V2Backup();
        var noAuth = new AdvertSpec { Version = VrrpVersion.V2, Vrid = 51, Priority = 200, Addresses = [Vip], AuthType = AuthType.None };
        AssertDroppedAndCounted(h, h.Receive(noAuth, Higher, at: 1), DropReason.AuthTypeMismatch);
    }

    [Fact]
    public void V2_advert_with_another_password_is_dropped()
    {
        var h = V2Backup();
        var wrong = new AdvertSpec
        {
            Version = VrrpVersion.V2, Vrid = 51, Priority = 200, Addresses = [Vip],
            AuthType = AuthType.SimpleText, AuthData = "s3cre7"u8.ToArray(),
        };
        AssertDroppedAndCounted(h, h.Receive(wrong, Higher, at: 1), DropReason.AuthDataMismatch);
    }

    [Fact]
    public void V2_advert_with_the_right_password_padded_to_8_bytes_is_accepted()
    {
        var h = V2Backup();
        Assert.Empty(h.Receive(200, Higher, at: 1));
        Assert.Equal(1, h.Instance.AdvertsAccepted);
    }

    [Fact]
    public void V2_advert_with_another_address_list_is_dropped_unless_the_owner_sent_it()
    {
        var h = V2Backup();
        var differs = new AdvertSpec
        {
            Version = VrrpVersion.V2, Vrid = 51, Priority = 200, Addresses = [IpAddr.Parse("10.0.0.2")],
            AuthType = AuthType.SimpleText, AuthData = Secret,
        };
        AssertDroppedAndCounted(h, h.Receive(differs, Higher, at: 1), DropReason.AddressListMismatch);

        Assert.Empty(h.Receive(differs.WithPriority(255), Higher, at: 2));
        Assert.Equal(At(5.609375), h.Deadline);
    }

    [Fact]
    public void V2_address_list_comparison_ignores_order()
    {
        var two = ImmutableArray.Create(Vip, IpAddr.Parse("10.0.0.2"));
        var h = new InstanceHarness(Settings(version: VrrpVersion.V2) with { VirtualAddresses = two });
        h.Startup(0);
        var reversed = new AdvertSpec { Version = VrrpVersion.V2, Vrid = 51, Priority = 200, Addresses = [two[1], two[0]] };
        Assert.Empty(h.Receive(reversed, Higher, at: 1));
    }

    [Fact]
    public void V2_advert_with_another_interval_is_dropped()
    {
        var h = V2Backup();
        var slow = new AdvertSpec
        {
            Version = VrrpVersion.V2, Vrid = 51, Priority = 200, Addresses = [Vip], Interval = Centiseconds.FromSeconds(2),
            AuthType = AuthType.SimpleText, AuthData = Secret,
        };
        AssertDroppedAndCounted(h, h.Receive(slow, Higher, at: 1), DropReason.IntervalMismatch);
    }

    [Fact]
    public void V2_interval_is_compared_in_the_whole_seconds_the_wire_carries()
    {
        var h = new InstanceHarness(Settings(version: VrrpVersion.V2) with { AdvertInterval = new Centiseconds(150) });
        h.Startup(0);
        var peer = new AdvertSpec { Version = VrrpVersion.V2, Vrid = 51, Priority = 200, Addresses = [Vip], Interval = Centiseconds.FromSeconds(2) };
        Assert.Empty(h.Receive(peer, Higher, at: 1));
    }

    [Fact]
    public void V3_advert_with_another_interval_is_adopted_not_dropped()
    {
        var h = V3Backup();
        var slow = new AdvertSpec { Vrid = 51, Priority = 200, Addresses = [Vip], Interval = Centiseconds.FromSeconds(2) };
        Assert.Empty(h.Receive(slow, Higher, at: 1));
        Assert.Equal(Centiseconds.FromSeconds(2), h.Instance.MasterAdverInterval);
    }

    [Fact]
    public void V3_advert_with_another_address_list_is_processed_and_only_reported()
    {
        var h = V3Backup();
        var differs = new AdvertSpec { Vrid = 51, Priority = 200, Addresses = [IpAddr.Parse("10.0.0.2")] };
        var actions = h.Receive(differs, Higher, at: 1);

        var report = Assert.Single(actions);
        Assert.Equal((ActionKind.ConfigMismatch, DropReason.AddressListMismatch), (report.Kind, report.Drop));
        Assert.Equal(0, h.Instance.DropCount(DropReason.AddressListMismatch));
        Assert.Equal(1, h.Instance.MismatchCounts[(int)DropReason.AddressListMismatch]);
        Assert.Equal(At(4.609375), h.Deadline); // the advert still restarted the timer
    }

    [Fact]
    public void V3_advert_with_no_addresses_is_ignored()
    {
        var h = V3Backup();
        var empty = new AdvertSpec { Vrid = 51, Priority = 200, Addresses = [] };
        AssertDroppedAndCounted(h, h.Receive(empty, Higher, at: 1), DropReason.NoAddresses);
    }

    [Fact]
    public void V3_advert_with_zero_interval_is_dropped_even_if_the_codec_let_it_through()
    {
        var h = V3Backup();
        var zero = new AdvertSpec { Vrid = 51, Priority = 200, Addresses = [Vip], Interval = Centiseconds.Zero };
        AssertDroppedAndCounted(h, h.Receive(zero, Higher, at: 1), DropReason.ZeroInterval);
    }

    [Fact]
    public void Every_drop_emits_a_dropped_action_with_the_state_unchanged()
    {
        var h = V3Backup();
        var drop = Assert.Single(h.Receive(200, Us, at: 1));
        Assert.Equal((VrrpState.Backup, VrrpState.Backup), (drop.From, drop.To));
    }

    // Issue 11: keepalived and FRR send the global VIP first unless a link-local one is listed first;
    // dropping those adverts left two masters. RFC 9568 §7.1 makes the check a MAY: accept and count.
    [Fact]
    public void IPv6_advert_with_a_global_first_address_from_keepalived_or_frr_is_processed_and_reported_once()
    {
        var global = IpAddr.Parse("2001:db8::1");
        var h = new InstanceHarness(new InstanceSettings
        {
            Name = "VI_6", Vrid = 51, Family = IpFamily.IPv6, VirtualAddresses = ImmutableArray.Create(global),
        }, IpAddr.Parse("fe80::10"));
        h.Startup(0);
        var keepalived = new AdvertSpec { Family = IpFamily.IPv6, Vrid = 51, Priority = 150, Addresses = [global] };
        var first = h.Receive(keepalived, IpAddr.Parse("fe80::20"), at: 1);
        var mismatch = Assert.Single(first);
        Assert.Equal((ActionKind.ConfigMismatch, DropReason.FirstAddressNotLinkLocal), (mismatch.Kind, mismatch.Drop));
        Assert.NotNull(h.Accepted);
        Assert.Equal((byte)150, h.Instance.MasterPriority);
        Assert.Empty(h.Receive(keepalived, IpAddr.Parse("fe80::20"), at: 2));
        Assert.Equal(2, h.Instance.MismatchCounts[(int)DropReason.FirstAddressNotLinkLocal]);
        Assert.Equal(0, h.Instance.DropCounts[(int)DropReason.FirstAddressNotLinkLocal]);
    }

    [Fact]
    public void IPv6_master_steps_down_to_a_keepalived_master_with_a_global_first_address()
    {
        var global = IpAddr.Parse("2001:db8::1");
        var h = new InstanceHarness(new InstanceSettings
        {
            Name = "VI_6", Vrid = 51, Family = IpFamily.IPv6, VirtualAddresses = ImmutableArray.Create(global),
        }, IpAddr.Parse("fe80::10"));
        h.MakeMaster();
        var keepalived = new AdvertSpec { Family = IpFamily.IPv6, Vrid = 51, Priority = 150, Addresses = [global] };
        var actions = h.Receive(keepalived, IpAddr.Parse("fe80::20"), at: 4);
        ActionAssert.StateChange(actions, VrrpState.Master, VrrpState.Backup, StateChangeReason.HigherPriorityAdvert);
    }

    private static InstanceHarness V6Backup(bool unicastPeers)
    {
        var h = new InstanceHarness(new InstanceSettings
        {
            Name = "VI_6", Vrid = 51, Family = IpFamily.IPv6, HasUnicastPeers = unicastPeers,
            VirtualAddresses = ImmutableArray.Create(IpAddr.Parse("fe80::1")),
        }, IpAddr.Parse("fe80::10"));
        h.Startup(0);
        return h;
    }

    // RFC 9568 §5.1.2.1: the source of an IPv6 advert is link-local, so an off-link sender cannot
    // speak to a multicast instance even with hop limit 255 forged on a routed path.
    [Fact]
    public void IPv6_advert_from_a_global_source_cannot_reach_a_multicast_instance()
    {
        var h = V6Backup(unicastPeers: false);
        var advert = new AdvertSpec { Family = IpFamily.IPv6, Vrid = 51, Priority = 200, Addresses = [IpAddr.Parse("fe80::1")] };
        ActionAssert.Dropped(h.Receive(advert, IpAddr.Parse("2001:db8::20"), at: 1), DropReason.NotLinkLocal);
        Assert.Equal(1, h.Instance.DropCount(DropReason.NotLinkLocal));
    }

    [Fact]
    public void IPv6_instance_with_unicast_peers_hears_them_at_global_addresses_like_keepalived()
    {
        var h = V6Backup(unicastPeers: true);
        var advert = new AdvertSpec { Family = IpFamily.IPv6, Vrid = 51, Priority = 200, Addresses = [IpAddr.Parse("fe80::1")] };
        Assert.Empty(h.Receive(advert, IpAddr.Parse("2001:db8::20"), at: 1));
        Assert.NotNull(h.Accepted);
    }
}
