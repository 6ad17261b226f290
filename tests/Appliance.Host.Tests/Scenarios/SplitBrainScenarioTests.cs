using Appliance.Testing.Simulation;
using Appliance.Vrrp.Events;
using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Timing;

namespace Appliance.Host.Tests.Scenarios;

/// <summary>
/// Tests/Appliance.Integration.Tests/SplitBrain/SplitBrainScenarioTests in the simulator: two
/// routers joined by the LAN and two heartbeat channels, each running the real
/// <see cref="SplitBrain.HeartbeatService"/> and arbiter over in-memory transports. Simulated
/// time, no root, several seeds.
/// </summary>
public sealed class SplitBrainScenarioTests
{
    private const int R1 = 0;
    private const int R2 = 1;
    private static readonly Duration s_second = Duration.FromMilliseconds(1000);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Lan_cut_while_the_heartbeat_channels_live_never_makes_two_masters_and_raises_a_lan_fault(int seed)
    {
        var sim = TwoRouterScenarioTests.Settled(seed, heartbeat: true);
        Assert.NotEmpty(sim.Routers[R2].EventsOf(EventKind.ChannelUp));
        var cutAt = sim.Now;
        sim.Partition([0, 1]);
        sim.Run(15 * s_second);

        Assert.Empty(sim.Timeline.MultiMasterPeriods(1, cutAt, sim.Now));
        Assert.Equal(VrrpState.Master, sim.Routers[R1].State);
        Assert.True(sim.Routers[R1].HoldsVips);
        Assert.Equal(VrrpState.Backup, sim.Routers[R2].State);
        Assert.False(sim.Routers[R2].HoldsVips);
        var fault = sim.Routers[R2].EventsOf(EventKind.LanFault, cutAt).First();
        Assert.Equal(1, fault.PeerId);
        Assert.Equal(VrrpState.Backup, fault.To);
        Assert.True(sim.Routers[R2].Instance!.TakeoversInhibited >= 1, "the master-down timer fired and was held back");
        Assert.Empty(sim.Routers[R2].EventsOf(EventKind.ChannelDown));
        Assert.Empty(sim.Routers[R1].EventsOf(EventKind.ChannelDown));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Every_channel_cut_lets_the_backup_take_over_and_the_heal_leaves_one_master_that_re_announces(int seed)
    {
        var sim = TwoRouterScenarioTests.Settled(seed, heartbeat: true);
        sim.Partition([0, 1]);
        sim.CutHeartbeat();
        var cutAt = sim.Now;
        sim.Run(5 * s_second);

        var takeover = sim.Timeline.FirstMasterAfter(1, cutAt)!.Value;
        Assert.Equal(R2, takeover.Router);
        // The channels' dead time (0.4 s) ends inside the Master_Down_Interval (0.6+ s): no extra wait.
        Assert.True(takeover.At <= cutAt + TwoRouterScenarioTests.MasterDownInterval(100), $"takeover {takeover.At.NanosecondsSince(cutAt) / 1e6:0.0} ms after the cut");
        Assert.True(sim.Routers[R1].HoldsVips && sim.Routers[R2].HoldsVips, "with every path cut both are master (documented)");
        Assert.NotEmpty(sim.Routers[R2].EventsOf(EventKind.ChannelDown, cutAt));

        sim.RestoreHeartbeat();
        var healedAt = sim.Now;
        sim.Heal();
        sim.Run(5 * s_second);

        Assert.Equal(VrrpState.Master, sim.Routers[R1].State);
        Assert.Equal(VrrpState.Backup, sim.Routers[R2].State);
        Assert.True(sim.Routers[R1].HoldsVips && !sim.Routers[R2].HoldsVips, "the VIP is on the winner only");
        var settled = healedAt + s_second;
        Assert.Empty(sim.Timeline.NotExactlyOneMasterPeriods(1, settled, sim.Now));
        Assert.True(sim.Routers[R1].Frames.CountSince(healedAt) >= 1, "the winner's gratuitous ARP after the heal");
        Assert.DoesNotContain(sim.Routers[R2].Frames.Frames, f => f.At > settled);
        Assert.True(sim.Routers[R1].EventsOf(EventKind.SplitBrainSuspected, cutAt).Any() || sim.Routers[R2].EventsOf(EventKind.SplitBrainSuspected, cutAt).Any(),
            "a split-brain alert on one side");
    }

    // Found by the simulator: Arbiter.NextDeadline keeps the expiry of the last LAN advert after it
    // has passed (Tick never clears the claim), so while the LAN is silent the daemon's loop gets a
    // zero poll timeout every turn and spins. Skipped until the arbiter drops expired LAN claims.
    [Fact(Skip = "Arbiter.NextDeadline stays in the past while the LAN is silent (the loop spins); reported for the arbiter's owner")]
    public void Lan_silence_does_not_leave_a_heartbeat_deadline_in_the_past()
    {
        var sim = TwoRouterScenarioTests.Settled(1, heartbeat: true);
        sim.Partition([0, 1]);
        sim.Run(5 * s_second);
        Assert.Equal(0, sim.BusyTurns);
    }
}
