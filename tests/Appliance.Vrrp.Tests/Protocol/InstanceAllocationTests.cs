using Appliance.Testing.Simulation;
using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Timing;

namespace Appliance.Vrrp.Tests.Protocol;

/// <summary>The hot path allocates nothing: adverts, ticks and state changes over 10,000 rounds.</summary>
public class InstanceAllocationTests
{
    private const int Iterations = 10_000;

    [Fact]
    public void Handle_allocates_nothing_for_adverts_ticks_and_state_changes()
    {
        var instance = new Instance(InstanceHarness.Settings() with { MulticastGroup = IpAddr.VrrpMulticastV4 }, InstanceHarness.Us);
        var actions = new ActionBuffer();
        var higher = AdvertSpec.For(instance.Settings, 200);
        var lower = AdvertSpec.For(instance.Settings, 50);
        var leaving = AdvertSpec.For(instance.Settings, 0);
        var now = MonoTime.Zero;
        instance.Handle(InstanceInput.Startup(), now, actions);

        now = Round(instance, actions, higher, lower, leaving, now, 1000); // warm-up: JIT, tiering, statics
        long before = GC.GetAllocatedBytesForCurrentThread();
        now = Round(instance, actions, higher, lower, leaving, now, Iterations);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(instance.BecameMaster >= Iterations);
        Assert.True(instance.YieldedToPeer >= Iterations);
        Assert.True(now > MonoTime.Zero);
    }

    // Each round: a backup hears its master, loses it (priority 0), takes over, advertises,
    // hears a weaker router, yields to a stronger one heard on a heartbeat channel, hears it, goes
    // through a LAN fault and a maintenance window. Every input, state and action kind is hit.
    private static MonoTime Round(Instance instance, ActionBuffer actions, AdvertSpec higher, AdvertSpec lower,
        AdvertSpec leaving, MonoTime now, int rounds)
    {
        var peer = InstanceHarness.Higher;
        var group = IpAddr.VrrpMulticastV4;
        var step = Duration.FromMilliseconds(100);
        for (int i = 0; i < rounds; i++)
        {
            actions.Clear();
            higher.DeliverTo(instance, peer, now, actions, destination: group);
            now += step;
            instance.Handle(InstanceInput.Tick(), now, actions);
            leaving.DeliverTo(instance, peer, now, actions);
            now = instance.NextDeadline;
            instance.Handle(InstanceInput.Tick(), now, actions);
            now = instance.NextDeadline;
            instance.Handle(InstanceInput.Tick(), now, actions);
            lower.DeliverTo(instance, peer, now, actions, destination: group);
            instance.Handle(InstanceInput.PriorityChanged(100), now, actions);
            actions.Clear();
            instance.Handle(InstanceInput.YieldTo(200, peer, Centiseconds.FromSeconds(1)), now, actions);
            higher.DeliverTo(instance, peer, now, actions);
            instance.Handle(InstanceInput.LanFault(true), now, actions);
            higher.DeliverTo(instance, peer, now, actions);
            instance.Handle(InstanceInput.LanFault(false), now, actions);
            instance.Handle(InstanceInput.Maintenance(true), now, actions);
            instance.Handle(InstanceInput.Maintenance(false), now, actions);
        }
        return now;
    }
}
