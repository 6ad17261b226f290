using Appliance.Testing.Simulation;
using Appliance.Vrrp.Events;
using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Timing;

namespace Appliance.Host.Tests.Scenarios;

/// <summary>
/// Tests/Appliance.Integration.Tests/Daemon/TwoRouterTests in the simulator: the same two routers
/// (r1 priority 150, r2 priority 100, VRRPv3 at 200 ms), the daemon's real host classes, simulated
/// time and no root. Each scenario runs under several seeds with a jittery wire, and asserts on
/// the timeline, the address tables and the recorded frames.
/// </summary>
public sealed class TwoRouterScenarioTests
{
    private const int R1 = 0;
    private const int R2 = 1;
    private static readonly Centiseconds s_interval = new(20);
    private static readonly Duration s_second = Duration.FromMilliseconds(1000);

    internal static Testing.Simulation.Simulation Settled(int seed, bool heartbeat = false)
    {
        var sim = new Topology([150, 100], [true, true], false, VrrpVersion.V3, s_interval.Value, seed).Build();
        sim.Jitter = Duration.FromMilliseconds(1);
        if (heartbeat) sim.ConnectHeartbeat(channels: 2, interval: new Centiseconds(10), deadTime: new Centiseconds(40));
        sim.Start(R1);
        sim.Start(R2);
        sim.Run(5 * s_second);
        Assert.Equal(VrrpState.Master, sim.Routers[R1].State);
        Assert.Equal(VrrpState.Backup, sim.Routers[R2].State);
        Assert.True(sim.Routers[R1].HoldsVips && !sim.Routers[R2].HoldsVips, "the VIP is on the master only");
        return sim;
    }

    internal static Duration MasterDownInterval(byte priority) => VrrpTimers.MasterDownInterval(VrrpVersion.V3, priority, s_interval);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Election_by_priority_puts_the_vip_on_the_master_only_and_it_sends_its_garp(int seed)
    {
        var sim = Settled(seed);
        var becameMaster = sim.Timeline.FirstMasterAfter(1, MonoTime.Zero)!.Value;
        Assert.Equal(R1, becameMaster.Router);
        Assert.True(sim.Routers[R1].Frames.Frames.Count >= 1 && sim.Routers[R1].Frames.Frames[0].IsArp, "a gratuitous ARP from the master");
        Assert.Equal(becameMaster.At, sim.Routers[R1].Frames.Frames[0].At);
        Assert.Empty(sim.Routers[R2].Frames.Frames);
        Assert.All(sim.Routers, r => Assert.Equal(0, r.CodecDrops));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Master_crash_fails_over_within_master_down_interval_and_the_restart_preempts_back(int seed)
    {
        var sim = Settled(seed);
        var crashedAt = sim.Now;
        sim.Crash(R1);
        sim.Run(3 * s_second);

        var takeover = sim.Timeline.FirstMasterAfter(1, crashedAt)!.Value;
        Assert.Equal(R2, takeover.Router);
        Assert.True(takeover.At <= crashedAt + MasterDownInterval(100), $"takeover at {takeover.At}, crash at {crashedAt}");
        Assert.True(sim.Routers[R2].HoldsVips);
        Assert.True(sim.Routers[R2].Frames.CountSince(takeover.At) >= 1, "the new master's gratuitous ARP");

        var restartedAt = sim.Now;
        sim.Start(R1);
        sim.Run(3 * s_second);
        var back = sim.Timeline.FirstMasterAfter(1, restartedAt)!.Value;
        Assert.Equal(R1, back.Router);
        Assert.Equal(VrrpState.Backup, sim.Routers[R2].State);
        Assert.False(sim.Routers[R2].HoldsVips, "the preempted master gave its VIP up");
        Assert.Empty(sim.Timeline.NotExactlyOneMasterPeriods(1, back.At + sim.MaxDelay, sim.Now));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Cutting_the_master_link_fails_over_within_master_down_interval_and_the_master_goes_to_fault(int seed)
    {
        var sim = Settled(seed);
        var cutAt = sim.Now;
        sim.Partition([0, 1]);
        sim.Input(R1, InstanceInput.InterfaceDown());
        sim.Run(3 * s_second);

        var takeover = sim.Timeline.FirstMasterAfter(1, cutAt)!.Value;
        Assert.Equal(R2, takeover.Router);
        Assert.True(takeover.At <= cutAt + MasterDownInterval(100));
        Assert.Equal(VrrpState.Fault, sim.Routers[R1].State);
        Assert.False(sim.Routers[R1].HoldsVips, "a master in fault gives its VIP up");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Graceful_stop_of_the_master_sends_priority_zero_so_the_backup_takes_over_within_skew_time(int seed)
    {
        var sim = Settled(seed);
        long advertsBefore = sim.Routers[R1].AdvertsSent;
        var stoppedAt = sim.Now;
        sim.Shutdown(R1);
        sim.Run(3 * s_second);

        Assert.Equal(advertsBefore + 1, sim.Routers[R1].AdvertsSent);
        var takeover = sim.Timeline.FirstMasterAfter(1, stoppedAt)!.Value;
        Assert.Equal(R2, takeover.Router);
        var skew = VrrpTimers.SkewTimeV3(100, s_interval);
        Assert.True(takeover.At <= stoppedAt + sim.MaxDelay + skew, $"takeover {takeover.At.NanosecondsSince(stoppedAt) / 1e6:0.000} ms after the stop; Skew_Time is {skew}");
        Assert.True(takeover.At < stoppedAt + MasterDownInterval(100));
        Assert.False(sim.Routers[R1].HoldsVips, "the stopped master removed its VIP");
        Assert.True(sim.Routers[R2].HoldsVips);
        Assert.Contains(sim.Routers[R1].Events, e => e.Kind == EventKind.StateChanged && e.To == VrrpState.Initialize);
    }
}
