using Appliance.Testing.Simulation;
using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Timing;

namespace Appliance.Host.Tests.Simulation;

/// <summary>Named scenarios on the simulated wire, each with exact expected times.</summary>
public class SimulationScenarioTests
{
    private static readonly Duration Second = Duration.FromMilliseconds(1000);

    // R0 priority 100, R1 priority 200, v3 at 1 s, 100 µs wire delay, no jitter.
    private static Testing.Simulation.Simulation TwoRouters(bool preemptAtOnce = false)
    {
        var topology = new Topology([100, 200], [true, true], false, VrrpVersion.V3, 100, 7, PreemptAtOnce: preemptAtOnce);
        var sim = topology.Build();
        sim.Start(0);
        sim.Start(1);
        sim.Run(5 * Second);
        Assert.Equal(VrrpState.Master, sim.Routers[1].State);
        Assert.Equal(VrrpState.Backup, sim.Routers[0].State);
        return sim;
    }

    [Fact]
    public void Master_whose_interface_goes_down_hands_over_in_skew_time_thanks_to_priority_zero()
    {
        var sim = TwoRouters();
        var downAt = sim.Now;
        sim.Input(1, InstanceInput.InterfaceDown());
        sim.Run(5 * Second);

        var takeover = sim.Timeline.FirstMasterAfter(1, downAt)!.Value;
        Assert.Equal(0, takeover.Router);
        // 100 µs on the wire, then Skew_Time for priority 100 at 1 s: 0.609375 s.
        Assert.Equal(downAt + sim.Delay + VrrpTimers.SkewTimeV3(100, Centiseconds.FromSeconds(1)), takeover.At);
        Assert.Equal(VrrpState.Fault, sim.Routers[1].State);
    }

    [Fact]
    public void Master_back_from_fault_reclaims_the_role_by_rfc_preemption_after_its_master_down_interval()
    {
        var sim = TwoRouters();
        sim.Input(1, InstanceInput.InterfaceDown());
        sim.Run(5 * Second);
        var upAt = sim.Now;
        sim.Input(1, InstanceInput.InterfaceUp());
        sim.Run(10 * Second);

        var back = sim.Timeline.FirstMasterAfter(1, upAt)!.Value;
        Assert.Equal(1, back.Router);
        // It discards R0's weaker adverts and preempts when Master_Down_Timer fires:
        // 3 × 1 s + (256 − 200) / 256 s after coming up.
        Assert.Equal(upAt + VrrpTimers.MasterDownInterval(VrrpVersion.V3, 200, Centiseconds.FromSeconds(1)), back.At);
        Assert.Equal(VrrpState.Backup, sim.Routers[0].State);
    }

    [Fact]
    public void With_preempt_at_once_the_stronger_router_reclaims_the_role_on_the_first_weaker_advert()
    {
        var sim = TwoRouters(preemptAtOnce: true);
        sim.Input(1, InstanceInput.InterfaceDown());
        sim.Run(5 * Second);
        var upAt = sim.Now;
        sim.Input(1, InstanceInput.InterfaceUp());
        sim.Run(10 * Second);

        var back = sim.Timeline.FirstMasterAfter(1, upAt)!.Value;
        Assert.Equal(1, back.Router);
        Assert.True(back.At <= upAt + Second + sim.MaxDelay, $"reclaimed at {back.At}, up at {upAt}");
    }

    [Fact]
    public void Inhibited_backup_does_not_take_over_across_a_lan_partition_until_the_arbiter_lets_it()
    {
        var sim = TwoRouters();
        sim.Input(0, InstanceInput.TakeoverInhibit(true));
        var cutAt = sim.Now;
        sim.Partition([0, 1]);
        sim.Run(20 * Second);
        Assert.Null(sim.Timeline.FirstMasterAfter(1, cutAt));
        Assert.Equal(VrrpState.Backup, sim.Routers[0].State);
        Assert.True(sim.Routers[0].Instance!.TakeoversInhibited >= 4);

        // The arbiter decides the master is really gone: the next expiry takes over.
        var releasedAt = sim.Now;
        sim.Input(0, InstanceInput.TakeoverInhibit(false));
        sim.Run(5 * Second);
        var takeover = sim.Timeline.FirstMasterAfter(1, releasedAt)!.Value;
        Assert.Equal(0, takeover.Router);
        Assert.True(takeover.At <= releasedAt + VrrpTimers.MasterDownInterval(VrrpVersion.V3, 100, Centiseconds.FromSeconds(1)));
    }

    [Fact]
    public void Graceful_shutdown_of_every_router_leaves_no_vips_anywhere()
    {
        var sim = TwoRouters();
        sim.Shutdown(1);
        sim.Run(2 * Second);
        Assert.True(sim.Routers[0].HoldsVips);
        sim.Shutdown(0);
        sim.Run(2 * Second);
        Assert.All(sim.Routers, r => Assert.False(r.HoldsVips));
        Assert.All(sim.Routers, r => Assert.Equal(VrrpState.Initialize, r.State));
    }
}
