using Appliance.Heartbeat.Arbitration;
using Appliance.Heartbeat.Wire;
using Appliance.Testing.Simulation;
using Appliance.Vrrp;
using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Wire;

namespace Appliance.Heartbeat.Tests.Arbitration;

/// <summary>Instance and arbiter together (issue 9 and 10): the arbiter hears only accepted adverts, and
/// its decisions reach the state machine as inputs of their own kind, in the same turn.</summary>
public class DecisionsAsInputsTests
{
    private static readonly IpAddr Us = IpAddr.Parse("10.200.0.11");
    private static readonly IpAddr Them = IpAddr.Parse("10.200.0.12");
    private static readonly FenceSettings Fence = new() { Command = "/bin/true", After = Centiseconds.FromSeconds(5), MaxRandomDelay = Centiseconds.Zero };

    private static WiredNode Master(InstanceSettings? settings = null)
    {
        var n = new WiredNode(1, Us, 100, fence: Fence, settings: settings);
        n.Startup();
        n.RunUntil(n.Instance.NextDeadline);
        Assert.Equal(VrrpState.Master, n.Instance.State);
        return n;
    }

    private static HeartbeatDropReason PeerFrame(WiredNode n, uint sequence, VrrpState state, byte priority)
    {
        var bytes = FrameFactory.Encode(2, sequence,
            [new HeartbeatEntry(51, IpFamily.IPv4, state, priority, new Centiseconds(50), Them)], echo: n.Arbiter.Nonce);
        Assert.Equal(HeartbeatDropReason.None, HeartbeatCodec.TryDecode(bytes, default, out var frame));
        return n.Frame(frame);
    }

    [Fact]
    public void Forged_adverts_with_a_wrong_password_or_version_raise_no_split_brain_and_no_fence()
    {
        var settings = new InstanceSettings
        {
            Name = "VI_1", Vrid = 51, Version = VrrpVersion.V2, Priority = 100, AuthType = AuthType.SimpleText,
            AuthData = [.. "secret\0\0"u8.ToArray()], VirtualAddresses = [WiredNode.Vip],
        };
        var n = Master(settings);
        var wrongPassword = AdvertSpec.For(settings, 50) is var a
            ? new AdvertSpec { Version = a.Version, Vrid = 51, Priority = 50, Interval = a.Interval, Addresses = a.Addresses, AuthType = AuthType.SimpleText, AuthData = [.. "guessed!"u8.ToArray()] }
            : null!;
        var wrongVersion = new AdvertSpec { Version = VrrpVersion.V3, Vrid = 51, Priority = 50, Addresses = [WiredNode.Vip] };
        var end = n.Now.AddNanoseconds(60_000_000_000);
        while (n.Now < end)
        {
            n.Lan(wrongPassword, Them);
            n.Lan(wrongVersion, Them);
            n.RunUntil(n.Now.AddNanoseconds(200_000_000));
        }
        Assert.DoesNotContain(n.Decisions, d => d.Kind is ArbiterDecisionKind.SplitBrainSuspected or ArbiterDecisionKind.Fence);
        Assert.DoesNotContain(n.Actions, a => a.Kind == ActionKind.AdvertAccepted);
        Assert.True(n.Instance.DropCount(DropReason.AuthDataMismatch) > 100);
        Assert.True(n.Instance.DropCount(DropReason.VersionMismatch) > 100);
        Assert.Equal(VrrpState.Master, n.Instance.State);
    }

    // The control: the same path with an advert that passes the checks does reach the arbiter.
    [Fact]
    public void A_weaker_master_that_passes_every_check_is_a_split_brain_that_the_winner_fences()
    {
        var n = Master();
        var weaker = AdvertSpec.For(n.Settings, 50);
        var end = n.Now.AddNanoseconds(10_000_000_000);
        while (n.Now < end)
        {
            n.Lan(weaker, Them);
            n.RunUntil(n.Now.AddNanoseconds(1_000_000_000));
        }
        Assert.Contains(n.Decisions, d => d.Kind == ArbiterDecisionKind.SplitBrainSuspected);
        Assert.Single(n.Decisions, d => d.Kind == ArbiterDecisionKind.Fence);
    }

    [Fact]
    public void Stepping_down_to_a_stronger_lan_master_is_no_split_brain()
    {
        var n = Master();
        n.Lan(AdvertSpec.For(n.Settings, 200), Them);
        Assert.Equal(VrrpState.Backup, n.Instance.State);
        Assert.DoesNotContain(n.Decisions, d => d.Kind == ArbiterDecisionKind.SplitBrainSuspected);
    }

    [Fact]
    public void Losing_the_tie_break_to_a_master_heard_on_the_heartbeat_yields_through_the_yield_to_input_in_the_same_turn()
    {
        var n = Master();
        PeerFrame(n, 1, VrrpState.Master, 200);
        var change = Assert.Single(n.Actions, a => a.Kind == ActionKind.StateChanged && a.From == VrrpState.Master);
        Assert.Equal(StateChangeReason.YieldTo, change.Reason);
        Assert.Equal(new Centiseconds(50), n.Instance.MasterAdverInterval);
        Assert.DoesNotContain(n.Actions, a => a.Kind == ActionKind.AdvertAccepted);
        Assert.Contains(n.Decisions, d => d.Kind == ArbiterDecisionKind.SplitBrainCleared);
        Assert.False(n.Arbiter.IsSplit(0));
    }

    [Fact]
    public void Go_fault_policy_enters_fault_as_lan_fault_and_leaves_when_the_lan_heals()
    {
        var n = new WiredNode(1, Us, 100, LanFaultPolicy.GoFault);
        n.Startup();
        uint seq = 0;
        // The master is heard on the heartbeat only, for longer than our master-down interval.
        var end = n.Now.AddNanoseconds(5_000_000_000);
        while (n.Now < end)
        {
            PeerFrame(n, ++seq, VrrpState.Master, 200);
            n.RunUntil(n.Now.AddNanoseconds(1_000_000_000));
        }
        var fault = Assert.Single(n.Actions, a => a.Kind == ActionKind.StateChanged && a.To == VrrpState.Fault);
        Assert.Equal(StateChangeReason.LanFault, fault.Reason);
        Assert.True(n.Instance.InLanFault);

        // The LAN heals: the instance, in Fault, still checks the advert and reports it; the arbiter
        // lifts the fault in the same turn.
        PeerFrame(n, ++seq, VrrpState.Master, 200);
        n.Lan(AdvertSpec.For(n.Settings, 200), Them);
        var back = n.Actions.Last(a => a.Kind == ActionKind.StateChanged);
        Assert.Equal((VrrpState.Fault, VrrpState.Backup, StateChangeReason.LanFaultCleared), (back.From, back.To, back.Reason));
    }
}
