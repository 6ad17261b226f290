using System.Collections.Immutable;
using Appliance.Testing.Simulation;
using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Timing;
using Appliance.Vrrp.Wire;
using CsCheck;

namespace Appliance.Vrrp.Tests.Protocol;

/// <summary>Whatever the host feeds it, in whatever order, the instance keeps its books straight.</summary>
public class InstanceInvariantTests
{
    private readonly record struct Step(int Kind, int DelayMs, byte Priority, int Source, bool Flag, bool Late);

    private static readonly Gen<Step> GenStep =
        from kind in Gen.Int[0, 12]
        from delay in Gen.Int[0, 5000]
        from priority in Gen.Byte
        from source in Gen.Int[0, 2]
        from flag in Gen.Bool
        from late in Gen.Bool
        select new Step(kind, delay, priority, source, flag, late);

    private static readonly Gen<(bool V2, byte Priority, bool Preempt, bool AtOnce, bool StartAsMaster, Step[] Steps)> GenRun =
        from v2 in Gen.Bool
        from priority in Gen.Byte[1, 255]
        from preempt in Gen.Bool
        from atOnce in Gen.Bool
        from startAsMaster in Gen.Bool
        from steps in GenStep.Array[1, 80]
        select (v2, priority, preempt, atOnce, startAsMaster, steps);

    [Fact]
    public void Vips_are_held_exactly_while_master_and_every_state_change_starts_from_the_current_state()
    {
        GenRun.Sample(run =>
        {
            var vip = IpAddr.Parse("10.0.0.1");
            var settings = new InstanceSettings
            {
                Name = "VI_1", Vrid = 51, Priority = run.Priority, Preempt = run.Preempt, PreemptAtOnce = run.AtOnce,
                StartAsMaster = run.StartAsMaster, Version = run.V2 ? VrrpVersion.V2 : VrrpVersion.V3,
                VirtualAddresses = ImmutableArray.Create(vip),
            };
            var us = IpAddr.Parse("10.0.0.10");
            IpAddr[] sources = [IpAddr.Parse("10.0.0.5"), us, IpAddr.Parse("10.0.0.20")];
            var instance = new Instance(settings, us);
            var actions = new ActionBuffer();
            var now = MonoTime.Zero;
            bool holdsVips = false;
            foreach (var step in run.Steps)
            {
                now += Duration.FromMilliseconds(step.DelayMs);
                var before = instance.State;
                actions.Clear();
                MonoTime deadline;
                switch (step.Kind)
                {
                    case 0: deadline = instance.Handle(InstanceInput.Startup(), now, actions); break;
                    case 1: deadline = instance.Handle(InstanceInput.Shutdown(), now, actions); break;
                    case 2: deadline = instance.Handle(InstanceInput.InterfaceDown(), now, actions); break;
                    case 3: deadline = instance.Handle(InstanceInput.InterfaceUp(), now, actions); break;
                    case 4: deadline = instance.Handle(InstanceInput.PriorityChanged(step.Priority), now, actions); break;
                    case 5: deadline = instance.Handle(InstanceInput.TakeoverInhibit(step.Flag), now, actions); break;
                    case 10: deadline = instance.Handle(InstanceInput.LanFault(step.Flag), now, actions); break;
                    case 11: deadline = instance.Handle(InstanceInput.Maintenance(step.Flag), now, actions); break;
                    case 12:
                        deadline = instance.Handle(InstanceInput.YieldTo(step.Priority, sources[step.Source], Centiseconds.FromSeconds(2)), now, actions);
                        break;
                    case 6 or 7:
                        var advert = AdvertSpec.For(settings, step.Priority);
                        deadline = advert.DeliverTo(instance, sources[step.Source], now, actions);
                        break;
                    default:
                        // A tick at the deadline, or (late) some time after it, as a busy host would.
                        if (!instance.NextDeadline.IsNever && instance.NextDeadline > now) now = instance.NextDeadline;
                        if (step.Late) now += Duration.FromMilliseconds(step.DelayMs % 50);
                        deadline = instance.Handle(InstanceInput.Tick(), now, actions);
                        // A master's cadence may owe one catch-up advert (the deadline follows the
                        // previous deadline), never more: a second tick at once leaves it in the future.
                        if (!deadline.IsNever && deadline <= now) deadline = instance.Handle(InstanceInput.Tick(), now, actions);
                        Assert.True(deadline.IsNever || deadline > now, "at most one catch-up tick, then the deadline is in the future");
                        break;
                }
                Assert.Equal(instance.NextDeadline, deadline);
                var state = before;
                foreach (var a in actions.Items)
                {
                    switch (a.Kind)
                    {
                        case ActionKind.AddVips: Assert.False(holdsVips, "VIPs added twice"); holdsVips = true; break;
                        case ActionKind.RemoveVips: Assert.True(holdsVips, "VIPs removed while not held"); holdsVips = false; break;
                        case ActionKind.StateChanged:
                            Assert.Equal(state, a.From);
                            Assert.NotEqual(a.From, a.To);
                            state = a.To;
                            break;
                    }
                }
                Assert.Equal(instance.State, state);
                Assert.Equal(instance.State == VrrpState.Master, holdsVips);
                Assert.Equal(instance.State is VrrpState.Backup or VrrpState.Master, !instance.NextDeadline.IsNever);
                if (instance.InMaintenance) Assert.True(instance.State is VrrpState.Fault or VrrpState.Initialize, "maintenance holds Fault");
                if (settings.IsOwner) Assert.Equal(255, instance.EffectivePriority);
                else Assert.InRange(instance.EffectivePriority, (byte)1, (byte)254);
            }
        }, iter: 2000, threads: 1);
    }

    [Fact]
    public void Drop_counts_have_a_slot_for_every_drop_reason()
    {
        var instance = new Instance(InstanceHarness.Settings(), InstanceHarness.Us);
        foreach (var reason in Enum.GetValues<DropReason>()) Assert.Equal(0, instance.DropCount(reason));
        Assert.Equal(instance.DropCounts.Length, instance.MismatchCounts.Length);
    }

    [Fact]
    public void Instance_restarts_cleanly_after_shutdown()
    {
        var h = new InstanceHarness();
        h.MakeMaster();
        h.Shutdown(at: 4);
        var actions = h.Startup(at: 10);
        ActionAssert.StateChange(actions, VrrpState.Initialize, VrrpState.Backup, StateChangeReason.StartupBackup);
        Assert.Equal(InstanceHarness.At(13.609375), h.Deadline);
    }

    [Fact]
    public void Master_ticked_more_than_an_interval_late_sends_one_advert_and_resyncs_to_now_plus_interval()
    {
        var h = new InstanceHarness();
        h.MakeMaster();
        var actions = h.Tick(7);
        Assert.Single(actions);
        Assert.Equal(InstanceHarness.At(8), h.Deadline);
    }
}
