using System.Collections.Immutable;
using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Wire;
using static Appliance.Vrrp.Tests.Protocol.InstanceHarness;

namespace Appliance.Vrrp.Tests.Protocol;

/// <summary>The split-brain arbiter's decisions enter the state machine as inputs of their own kind
/// (<see cref="InputKind.YieldTo"/>, <see cref="InputKind.LanFault"/>), never as made-up adverts; and
/// the arbiter only ever hears adverts the instance accepted (<see cref="ActionKind.AdvertAccepted"/>).</summary>
public class ArbiterInputTests
{
    private static readonly byte[] Secret = "s3cret"u8.ToArray();

    [Fact]
    public void YieldTo_a_higher_priority_master_steps_down_to_backup_and_adopts_its_v3_interval()
    {
        var h = new InstanceHarness();
        h.MakeMaster();
        var actions = h.YieldTo(200, Higher, new Centiseconds(50), at: 4);
        Assert.Equal([ActionKind.RemoveVips, ActionKind.StateChanged], actions.Kinds());
        ActionAssert.StateChange(actions, VrrpState.Master, VrrpState.Backup, StateChangeReason.YieldTo);
        Assert.Equal(new Centiseconds(50), h.Instance.MasterAdverInterval);
        Assert.Equal((Higher, (byte)200), (h.Instance.MasterAddress, h.Instance.MasterPriority));
        Assert.Equal(h.Instance.MasterDownInterval.Nanoseconds, h.Deadline.NanosecondsSince(At(4)));
        Assert.Equal(1, h.Instance.YieldedToPeer);
    }

    [Fact]
    public void YieldTo_on_equal_priority_follows_the_rfc_9568_tie_break_on_the_primary_address()
    {
        var h = new InstanceHarness();
        h.MakeMaster();
        Assert.Empty(h.YieldTo(100, Lower, Centiseconds.FromSeconds(1), at: 4));
        Assert.Equal(VrrpState.Master, h.Instance.State);
        ActionAssert.StateChange(h.YieldTo(100, Higher, Centiseconds.FromSeconds(1), at: 4.5), VrrpState.Master, VrrpState.Backup, StateChangeReason.YieldTo);
    }

    [Fact]
    public void YieldTo_a_weaker_master_is_refused_because_our_priority_moved_since_the_verdict()
    {
        var h = new InstanceHarness();
        h.MakeMaster();
        h.PriorityChanged(220, at: 4);
        Assert.Empty(h.YieldTo(200, Higher, Centiseconds.FromSeconds(1), at: 4));
        Assert.Equal(VrrpState.Master, h.Instance.State);
    }

    [Fact]
    public void YieldTo_is_ignored_by_the_address_owner_as_it_discards_adverts()
    {
        var h = new InstanceHarness(priority: 255);
        h.Startup(0);
        Assert.Equal(VrrpState.Master, h.Instance.State);
        Assert.Empty(h.YieldTo(255, Higher, Centiseconds.FromSeconds(1), at: 1));
        Assert.Equal(VrrpState.Master, h.Instance.State);
    }

    [Fact]
    public void YieldTo_in_v2_keeps_the_configured_interval()
    {
        var h = new InstanceHarness(version: VrrpVersion.V2);
        h.MakeMaster();
        h.YieldTo(200, Higher, new Centiseconds(50), at: 4);
        Assert.Equal(VrrpState.Backup, h.Instance.State);
        Assert.Equal(Centiseconds.FromSeconds(1), h.Instance.MasterAdverInterval);
    }

    [Fact]
    public void YieldTo_is_ignored_by_a_backup()
    {
        var h = new InstanceHarness();
        h.Startup(0);
        var deadline = h.Deadline;
        Assert.Empty(h.YieldTo(200, Higher, Centiseconds.FromSeconds(1), at: 1));
        Assert.Equal(deadline, h.Instance.NextDeadline);
    }

    [Fact]
    public void LanFault_on_sends_a_backup_to_fault_with_reason_lan_fault_not_interface_down()
    {
        var h = new InstanceHarness();
        h.Startup(0);
        var actions = h.LanFault(true, at: 1);
        ActionAssert.StateChange(actions, VrrpState.Backup, VrrpState.Fault, StateChangeReason.LanFault);
        Assert.True(h.Instance.NextDeadline.IsNever);
    }

    [Fact]
    public void LanFault_on_makes_a_master_resign_with_priority_zero()
    {
        var h = new InstanceHarness();
        h.MakeMaster();
        var actions = h.LanFault(true, at: 4);
        Assert.Equal([ActionKind.SendAdvert, ActionKind.RemoveVips, ActionKind.StateChanged], actions.Kinds());
        Assert.Equal(0, actions[0].Priority);
    }

    [Fact]
    public void LanFault_off_starts_again_as_backup_with_reason_lan_fault_cleared()
    {
        var h = new InstanceHarness();
        h.Startup(0);
        h.LanFault(true, at: 1);
        var actions = h.LanFault(false, at: 2);
        ActionAssert.StateChange(actions, VrrpState.Fault, VrrpState.Backup, StateChangeReason.LanFaultCleared);
        Assert.Equal(At(2) + h.Instance.MasterDownInterval, h.Deadline);
    }

    [Fact]
    public void LanFault_off_while_the_link_is_down_stays_in_fault_until_interface_up()
    {
        var h = new InstanceHarness();
        h.Startup(0);
        h.LanFault(true, at: 1);
        h.InterfaceDown(at: 2);
        Assert.Empty(h.LanFault(false, at: 3));
        Assert.Equal(VrrpState.Fault, h.Instance.State);
        ActionAssert.StateChange(h.InterfaceUp(at: 4), VrrpState.Fault, VrrpState.Backup, StateChangeReason.InterfaceUp);
    }

    [Fact]
    public void Interface_up_during_a_lan_fault_stays_in_fault()
    {
        var h = new InstanceHarness();
        h.Startup(0);
        h.InterfaceDown(at: 1);
        h.LanFault(true, at: 2);
        Assert.Empty(h.InterfaceUp(at: 3));
        Assert.Equal(VrrpState.Fault, h.Instance.State);
    }

    [Fact]
    public void In_a_lan_fault_an_accepted_advert_is_reported_so_the_arbiter_hears_the_lan_heal_but_not_acted_on()
    {
        var h = new InstanceHarness();
        h.Startup(0);
        h.LanFault(true, at: 1);
        Assert.Empty(h.Receive(200, Higher, at: 2));
        Assert.NotNull(h.Accepted);
        Assert.Equal(VrrpState.Fault, h.Instance.State);
        Assert.True(h.Instance.NextDeadline.IsNever);
    }

    [Fact]
    public void In_a_lan_fault_with_the_link_down_adverts_are_not_listened_to()
    {
        var h = new InstanceHarness();
        h.Startup(0);
        h.LanFault(true, at: 1);
        h.InterfaceDown(at: 1);
        ActionAssert.Dropped(h.Receive(200, Higher, at: 2), DropReason.NotListening);
        Assert.Null(h.Accepted);
    }

    [Fact]
    public void Startup_during_a_lan_fault_goes_to_fault_with_reason_lan_fault()
    {
        var h = new InstanceHarness();
        h.LanFault(true, at: 0);
        ActionAssert.StateChange(h.Startup(1), VrrpState.Initialize, VrrpState.Fault, StateChangeReason.LanFault);
    }

    [Fact]
    public void Accepted_advert_is_reported_once_with_priority_source_and_interval_after_the_actions_it_caused()
    {
        var h = new InstanceHarness();
        h.MakeMaster();
        var spec = h.Advert(200);
        var buffer = new ActionBuffer();
        var deliveredInterval = new Centiseconds(50);
        var faster = new Appliance.Testing.Simulation.AdvertSpec
        {
            Vrid = spec.Vrid, Priority = 200, Interval = deliveredInterval, Addresses = spec.Addresses,
        };
        faster.DeliverTo(h.Instance, Higher, At(4), buffer);
        var kinds = buffer.Items.ToArray().Kinds();
        Assert.Equal([ActionKind.RemoveVips, ActionKind.StateChanged, ActionKind.AdvertAccepted], kinds);
        var accepted = buffer.Items[^1];
        Assert.Equal(((byte)200, Higher, deliveredInterval), (accepted.Priority, accepted.Address, accepted.Interval));
    }

    // Issue 10: forged adverts (wrong password, wrong version, wrong address list, wrong interval,
    // off-link TTL) must never reach the arbiter, or repeated they raise SPLIT_BRAIN_SUSPECTED and fence.
    [Fact]
    public void Forged_adverts_failing_any_receive_check_are_never_reported_to_the_arbiter()
    {
        var h = new InstanceHarness(Settings(version: VrrpVersion.V2) with
        {
            AuthType = AuthType.SimpleText,
            AuthData = ImmutableArray.Create(Secret),
        });
        h.MakeMaster();
        var wrongPassword = h.Advert(200) is var a ? new Appliance.Testing.Simulation.AdvertSpec
        {
            Version = a.Version, Vrid = a.Vrid, Priority = 200, Interval = a.Interval, Addresses = a.Addresses,
            AuthType = AuthType.SimpleText, AuthData = "guessed!"u8.ToArray(),
        } : null!;
        var wrongVersion = new Appliance.Testing.Simulation.AdvertSpec { Version = VrrpVersion.V3, Vrid = 51, Priority = 200, Addresses = [Vip] };
        var wrongList = h.Advert(200) is var b ? new Appliance.Testing.Simulation.AdvertSpec
        {
            Version = b.Version, Vrid = b.Vrid, Priority = 200, Interval = b.Interval, Addresses = [IpAddr.Parse("10.9.9.9")],
            AuthType = b.AuthType, AuthData = b.AuthData,
        } : null!;
        for (int i = 0; i < 20; i++)
        {
            double t = 4 + i * 0.1;
            h.Receive(wrongPassword, Higher, at: t);
            Assert.Null(h.Accepted);
            h.Receive(wrongVersion, Higher, at: t);
            Assert.Null(h.Accepted);
            h.Receive(wrongList, Higher, at: t);
            Assert.Null(h.Accepted);
            h.Receive(h.Advert(200), Higher, at: t, ttl: 64);
            Assert.Null(h.Accepted);
        }
        Assert.Equal(VrrpState.Master, h.Instance.State);
        Assert.Equal(0, h.Instance.AdvertsAccepted);
    }
}
