using Appliance.Board.Leds;
using Appliance.Board.Tests.Fakes;
using Appliance.Testing.Simulation;
using Appliance.Vrrp;
using Appliance.Vrrp.Events;
using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Timing;

namespace Appliance.Board.Tests.Leds;

/// <summary>
/// Two routers in the seeded simulator (the real Instance and codec); router 1's state changes go
/// to a LedController as the daemon would publish them, and the LEDs are checked at every change
/// and in between (blinking keeps its phase while the protocol runs).
/// </summary>
public sealed class LedsFollowASimulatedInstanceTests
{
    private static BoardCondition Expected(VrrpState s) => s switch
    {
        VrrpState.Backup => BoardCondition.Backup,
        VrrpState.Master => BoardCondition.Master,
        VrrpState.Fault => BoardCondition.Fault,
        _ => BoardCondition.Booting,
    };

    [Fact]
    public void The_led_pattern_follows_every_state_change_of_a_running_instance()
    {
        var topology = new Topology([200, 100], [true, true], TwoVrids: false, VrrpVersion.V3, IntervalCs: 100, Seed: 7);
        Simulation sim = topology.Build();
        var leds = new FakeStatusLeds();
        var patterns = new LedPatternTable();
        var controller = new LedController(leds, patterns, Centiseconds.FromSeconds(10));
        const int Watched = 1;
        int seen = 0;
        MonoTime patternStart = MonoTime.Zero;
        int blinkChecks = 0;
        var shown = new List<(VrrpState State, BoardCondition Condition)>();

        controller.Start(sim.Now);
        sim.Start(0);
        sim.Start(Watched);
        Step(5_000);
        sim.Crash(0);
        Step(10_000);
        sim.Start(0);
        Step(15_000);
        sim.Input(Watched, InstanceInput.InterfaceDown());
        Step(20_000);
        sim.Input(Watched, InstanceInput.InterfaceUp());
        Step(25_000);
        sim.Shutdown(Watched);
        Step(27_000);

        var states = shown.Select(s => s.State).ToArray();
        Assert.Equal([VrrpState.Backup, VrrpState.Master, VrrpState.Backup, VrrpState.Fault, VrrpState.Backup, VrrpState.Initialize],
            states);
        Assert.All(shown, s => Assert.Equal(Expected(s.State), s.Condition));
        Assert.Equal(2700, blinkChecks);

        // The simulation clock moves in 10 ms steps; every change is published when it happens and
        // the LEDs are compared with the pattern at that very time, between changes too.
        void Step(long untilMs)
        {
            while (sim.Now < MonoTime.FromMilliseconds(untilMs))
            {
                sim.Run(new Duration(10_000_000));
                var changes = sim.Timeline.Changes;
                for (; seen < changes.Count; seen++)
                {
                    var c = changes[seen];
                    if (c.Router != Watched) continue;
                    while (controller.NextDeadline <= c.At) controller.OnDeadline(controller.NextDeadline);
                    BoardCondition before = controller.Condition;
                    controller.Publish(new ApplianceEvent(EventKind.StateChanged, c.At, "VI_1", To: c.State));
                    if (controller.Condition != before) patternStart = c.At;
                    shown.Add((c.State, controller.Condition));
                    AssertLedsShow(controller.Condition, c.At.NanosecondsSince(patternStart));
                }
                while (controller.NextDeadline <= sim.Now) controller.OnDeadline(controller.NextDeadline);
                AssertLedsShow(controller.Condition, sim.Now.NanosecondsSince(patternStart));
                blinkChecks++;
            }
        }

        void AssertLedsShow(BoardCondition condition, long elapsedNs)
        {
            LedPattern p = patterns[condition];
            Assert.Equal(p.Status.IsOnAt(elapsedNs), leds.IsOn(LedId.Status));
            Assert.Equal(p.Alert.IsOnAt(elapsedNs), leds.IsOn(LedId.Alert));
        }
    }
}
