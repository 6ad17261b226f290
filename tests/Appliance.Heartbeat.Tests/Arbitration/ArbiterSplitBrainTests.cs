using Appliance.Heartbeat.Arbitration;
using Appliance.Vrrp;
using Appliance.Vrrp.Protocol;
using CsCheck;
using static Appliance.Heartbeat.Tests.Arbitration.ArbiterHarness;

namespace Appliance.Heartbeat.Tests.Arbitration;

public class ArbiterSplitBrainTests
{
    private static readonly FenceSettings s_fence = new()
    {
        Command = "/usr/local/sbin/fence-peer", After = Centiseconds.FromSeconds(5), MaxRandomDelay = Centiseconds.FromSeconds(2),
    };

    [Fact]
    public void Two_masters_on_serial_raise_split_brain_and_the_lower_priority_master_yields_to_the_winner()
    {
        var h = new ArbiterHarness();
        h.Local(VrrpState.Master, priority: 90);
        var d = h.Frame(Serial, VrrpState.Master, priority: 100);
        var s = d.Single(ArbiterDecisionKind.SplitBrainSuspected);
        Assert.Equal((Serial, Peer, (byte)100), (s.Channel, s.PeerId, s.Priority));
        var y = d.Single(ArbiterDecisionKind.YieldTo);
        Assert.Equal((100, Theirs, Centiseconds.FromSeconds(1)), (y.Priority, y.Address, y.Interval));
        Assert.False(d.Has(ArbiterDecisionKind.Reannounce));
    }

    [Fact]
    public void The_higher_priority_master_re_announces_and_does_not_yield()
    {
        var h = new ArbiterHarness();
        h.Local(VrrpState.Master, priority: 150);
        var d = h.Frame(Serial, VrrpState.Master, priority: 100);
        Assert.True(d.Has(ArbiterDecisionKind.SplitBrainSuspected));
        Assert.True(d.Has(ArbiterDecisionKind.Reannounce));
        Assert.False(d.Has(ArbiterDecisionKind.YieldTo));
    }

    [Theory]
    [InlineData("10.200.0.12", true)]   // theirs is higher: we yield
    [InlineData("10.200.0.10", false)]  // ours is higher: we win
    public void Equal_priorities_are_decided_by_the_higher_primary_address(string theirs, bool weYield)
    {
        var h = new ArbiterHarness();
        h.Local(VrrpState.Master, priority: 100);
        var d = h.Frame(Link, VrrpState.Master, priority: 100, address: IpAddr.Parse(theirs));
        Assert.Equal(weYield, d.Has(ArbiterDecisionKind.YieldTo));
        Assert.Equal(!weYield, d.Has(ArbiterDecisionKind.Reannounce));
    }

    [Fact]
    public void Loser_is_handed_the_winners_advert_again_with_every_fresh_frame()
    {
        var h = new ArbiterHarness();
        h.Local(VrrpState.Master, priority: 90);
        h.Frame(Serial, VrrpState.Master);
        h.Advance(1000);
        var d = h.Frame(Serial, VrrpState.Master);
        Assert.False(d.Has(ArbiterDecisionKind.SplitBrainSuspected));
        Assert.True(d.Has(ArbiterDecisionKind.YieldTo));
        Assert.False(h.Advance(10).Has(ArbiterDecisionKind.YieldTo));
    }

    [Fact]
    public void Split_clears_when_the_loser_steps_down_and_the_winner_re_announces()
    {
        var h = new ArbiterHarness();
        h.Local(VrrpState.Master, priority: 150);
        h.Frame(Serial, VrrpState.Master, priority: 100);
        var d = h.Frame(Serial, VrrpState.Backup, priority: 100);
        Assert.True(d.Has(ArbiterDecisionKind.SplitBrainCleared));
        Assert.True(d.Has(ArbiterDecisionKind.Reannounce));
        Assert.False(h.Arbiter.IsSplit(0));
    }

    [Fact]
    public void Loser_stepping_down_clears_the_split_without_re_announcing()
    {
        var h = new ArbiterHarness();
        h.Local(VrrpState.Master, priority: 90);
        h.Frame(Serial, VrrpState.Master, priority: 100);
        var d = h.Local(VrrpState.Backup, priority: 90);
        Assert.True(d.Has(ArbiterDecisionKind.SplitBrainCleared));
        Assert.False(d.Has(ArbiterDecisionKind.Reannounce));
    }

    [Fact]
    public void A_peer_back_after_silence_on_every_channel_makes_the_master_re_announce_even_when_it_already_yielded()
    {
        var h = new ArbiterHarness();
        h.Local(VrrpState.Master, priority: 150);
        h.Frame(Serial, VrrpState.Backup);
        h.Frame(Link, VrrpState.Backup);
        h.Advance(3001);
        // It was cut off (and may have taken over); it yielded before we saw it as master.
        var d = h.Frame(Link, VrrpState.Backup);
        Assert.Equal(Peer, d.Single(ArbiterDecisionKind.Reannounce).PeerId);
        Assert.False(d.Has(ArbiterDecisionKind.SplitBrainSuspected));
    }

    [Fact]
    public void A_peer_heard_for_the_first_time_or_still_heard_elsewhere_causes_no_re_announce()
    {
        var h = new ArbiterHarness();
        h.Local(VrrpState.Master, priority: 150);
        Assert.False(h.Frame(Serial, VrrpState.Backup).Has(ArbiterDecisionKind.Reannounce));
        h.Frame(Link, VrrpState.Backup);
        for (int t = 0; t < 5; t++)
        {
            h.Advance(1000);
            // The link stays silent; serial keeps hearing the peer: it never was cut off.
            Assert.False(h.Frame(Serial, VrrpState.Backup).Has(ArbiterDecisionKind.Reannounce));
        }
        Assert.False(h.Frame(Link, VrrpState.Backup).Has(ArbiterDecisionKind.Reannounce));
    }

    [Fact]
    public void A_backup_does_not_re_announce_when_a_peer_returns()
    {
        var h = new ArbiterHarness();
        h.Local(VrrpState.Backup);
        h.Frame(Serial, VrrpState.Master);
        h.Advance(3001);
        Assert.False(h.Frame(Serial, VrrpState.Master).Has(ArbiterDecisionKind.Reannounce));
    }

    [Fact]
    public void Two_masters_on_the_lan_after_a_heal_make_the_winner_re_announce_but_the_loser_is_left_to_the_state_machine()
    {
        var winner = new ArbiterHarness();
        winner.Local(VrrpState.Master, priority: 150);
        var w = winner.LanAdvert(priority: 100);
        Assert.Equal(Arbiter.LanChannel, w.Single(ArbiterDecisionKind.SplitBrainSuspected).Channel);
        Assert.True(w.Has(ArbiterDecisionKind.Reannounce));

        var loser = new ArbiterHarness();
        loser.Local(VrrpState.Master, priority: 90);
        var l = loser.LanAdvert(priority: 100);
        Assert.True(l.Has(ArbiterDecisionKind.SplitBrainSuspected));
        Assert.False(l.Has(ArbiterDecisionKind.YieldTo));
    }

    [Fact]
    public void Lan_advert_is_attributed_to_the_node_whose_frames_name_that_address()
    {
        var h = new ArbiterHarness();
        h.Local(VrrpState.Backup);
        h.Frame(Serial, VrrpState.Backup);
        h.Local(VrrpState.Master, priority: 150);
        Assert.Equal(Peer, h.LanAdvert(priority: 100).Single(ArbiterDecisionKind.SplitBrainSuspected).PeerId);
    }

    [Fact]
    public void Persistent_dual_master_is_fenced_once_by_the_winner_after_the_set_time_plus_the_random_delay()
    {
        const int seed = 42;
        int delayCs = new Random(seed).Next(s_fence.MaxRandomDelay.Value + 1);
        var h = new ArbiterHarness(fence: s_fence, seed: seed);
        h.Local(VrrpState.Master, priority: 255);
        h.Frame(Serial, VrrpState.Master, priority: 255, address: IpAddr.Parse("10.200.0.10"));
        var due = h.Now.Add(s_fence.After).Add(new Centiseconds(delayCs));
        Assert.Equal(due, h.Arbiter.FenceDue(0));

        int fences = 0;
        MonoTime firedAt = MonoTime.Never;
        for (int t = 0; t < 200; t++)
        {
            var d = h.Advance(50);
            if (t % 10 == 0) d.AddRange(h.Frame(Serial, VrrpState.Master, priority: 255, address: IpAddr.Parse("10.200.0.10")));
            foreach (var x in d)
            {
                if (x.Kind != ArbiterDecisionKind.Fence) continue;
                fences++;
                firedAt = h.Now;
                Assert.Equal((Peer, Serial), (x.PeerId, x.Channel));
            }
        }
        Assert.Equal(1, fences);
        Assert.True(firedAt >= due && firedAt.NanosecondsSince(due) < 50_000_000, $"fired at {firedAt}, due {due}");
    }

    [Fact]
    public void The_loser_never_fences()
    {
        var h = new ArbiterHarness(fence: s_fence);
        h.Local(VrrpState.Master, priority: 255);
        for (int t = 0; t < 20; t++)
        {
            var d = h.Frame(Serial, VrrpState.Master, priority: 255, address: IpAddr.Parse("10.200.0.99"));
            d.AddRange(h.Advance(1000));
            Assert.False(d.Has(ArbiterDecisionKind.Fence));
        }
        Assert.True(h.Arbiter.IsSplit(0));
    }

    [Fact]
    public void A_split_that_heals_before_the_fence_time_fences_nobody()
    {
        var h = new ArbiterHarness(fence: s_fence);
        h.Local(VrrpState.Master, priority: 150);
        h.Frame(Serial, VrrpState.Master);
        h.Advance(2000);
        h.Frame(Serial, VrrpState.Backup);
        for (int t = 0; t < 20; t++)
        {
            var d = h.Advance(1000);
            d.AddRange(h.Frame(Serial, VrrpState.Backup));
            Assert.False(d.Has(ArbiterDecisionKind.Fence));
        }
    }

    [Fact]
    public void Different_seeds_give_different_fence_delays_within_the_bound()
    {
        var dues = new HashSet<long>();
        for (int seed = 0; seed < 20; seed++)
        {
            var h = new ArbiterHarness(fence: s_fence, seed: seed);
            h.Local(VrrpState.Master, priority: 150);
            h.Frame(Serial, VrrpState.Master);
            long delay = h.Arbiter.FenceDue(0).NanosecondsSince(h.Now) - s_fence.After.Nanoseconds;
            Assert.InRange(delay, 0, s_fence.MaxRandomDelay.Nanoseconds);
            dues.Add(delay);
        }
        Assert.True(dues.Count > 5);
    }

    [Fact]
    public void Whatever_the_peer_says_and_whenever_it_says_it_only_the_winner_fences_and_at_most_once_per_episode()
    {
        var genStep = Gen.Select(Gen.Int[0, 3], Gen.Enum<VrrpState>(), Gen.Byte, Gen.Int[0, 4000]);
        Gen.Select(genStep.Array[1, 60], Gen.Byte[1, 254], Gen.Enum<VrrpState>()).Sample((steps, ours, ourState) =>
        {
            var h = new ArbiterHarness(fence: s_fence);
            h.Local(ourState, ours);
            int fencesThisEpisode = 0;
            foreach (var (what, state, prio, ms) in steps)
            {
                var d = what switch
                {
                    0 => h.Frame(Serial, state, prio),
                    1 => h.Frame(Link, state, prio),
                    2 => h.LanAdvert(prio),
                    _ => h.Local(state, ours),
                };
                d.AddRange(h.Advance(ms));
                foreach (var x in d)
                {
                    if (x.Kind == ArbiterDecisionKind.SplitBrainCleared) fencesThisEpisode = 0;
                    if (x.Kind == ArbiterDecisionKind.Fence)
                    {
                        fencesThisEpisode++;
                        Assert.True(ours > x.Priority || (ours == x.Priority && Ours.CompareTo(x.Address) > 0), "the loser fenced");
                    }
                    if (x.Kind == ArbiterDecisionKind.YieldTo) Assert.NotEqual(Arbiter.LanChannel, x.Channel);
                }
                Assert.True(fencesThisEpisode <= 1);
            }
        });
    }
}
