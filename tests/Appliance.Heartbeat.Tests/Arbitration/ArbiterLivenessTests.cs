using Appliance.Heartbeat.Arbitration;
using Appliance.Heartbeat.Wire;
using Appliance.Vrrp;
using Appliance.Vrrp.Protocol;
using static Appliance.Heartbeat.Tests.Arbitration.ArbiterHarness;

namespace Appliance.Heartbeat.Tests.Arbitration;

public class ArbiterLivenessTests
{
    [Fact]
    public void First_frame_on_a_channel_raises_channel_up()
    {
        var h = new ArbiterHarness();
        h.Local(VrrpState.Backup);
        var d = h.Frame(Serial, VrrpState.Master);
        var up = d.Single(ArbiterDecisionKind.ChannelUp);
        Assert.Equal((Serial, Peer), (up.Channel, up.PeerId));
        Assert.True(h.Arbiter.IsChannelAlive(Serial, Peer));
    }

    [Fact]
    public void Backup_is_inhibited_while_the_master_is_heard_on_a_heartbeat_channel()
    {
        var h = new ArbiterHarness();
        h.Local(VrrpState.Backup);
        var d = h.Frame(Link, VrrpState.Master);
        Assert.True(d.Single(ArbiterDecisionKind.Inhibit).Flag);
        Assert.True(h.Arbiter.IsInhibited(0));
    }

    [Fact]
    public void A_peer_that_is_backup_on_every_channel_inhibits_nothing()
    {
        var h = new ArbiterHarness();
        h.Local(VrrpState.Backup);
        Assert.False(h.Frame(Link, VrrpState.Backup).Has(ArbiterDecisionKind.Inhibit));
        Assert.False(h.Arbiter.IsInhibited(0));
    }

    [Fact]
    public void Losing_one_channel_raises_channel_down_but_never_lifts_the_inhibit()
    {
        var h = new ArbiterHarness();
        h.Local(VrrpState.Backup);
        h.Frame(Link, VrrpState.Master);
        h.Frame(Serial, VrrpState.Master);
        for (int s = 0; s < 5; s++)
        {
            var d = h.Advance(1000);
            h.Frame(Serial, VrrpState.Master);
            Assert.False(d.Exists(x => x.Kind == ArbiterDecisionKind.Inhibit && !x.Flag));
            if (s == 3) Assert.Equal(Link, d.Single(ArbiterDecisionKind.ChannelDown).Channel);
        }
        Assert.False(h.Arbiter.IsChannelAlive(Link, Peer));
        Assert.True(h.Arbiter.IsInhibited(0));
    }

    [Fact]
    public void Channel_is_down_only_after_more_than_its_dead_time_of_silence()
    {
        var h = new ArbiterHarness();
        h.Frame(Link, VrrpState.Backup);
        Assert.Empty(h.Advance(3000));
        Assert.Equal(Link, h.Advance(1).Single(ArbiterDecisionKind.ChannelDown).Channel);
    }

    [Fact]
    public void Channel_that_comes_back_raises_channel_up_again()
    {
        var h = new ArbiterHarness();
        h.Frame(Link, VrrpState.Backup);
        h.Advance(3001);
        Assert.True(h.Frame(Link, VrrpState.Backup).Has(ArbiterDecisionKind.ChannelUp));
    }

    [Fact]
    public void Master_silent_on_every_heartbeat_channel_lifts_the_inhibit_after_the_dead_time()
    {
        var h = new ArbiterHarness();
        h.Local(VrrpState.Backup);
        h.Frame(Link, VrrpState.Master);
        h.Frame(Serial, VrrpState.Master);
        Assert.Equal(h.Now.Add(Centiseconds.FromSeconds(3)).AddNanoseconds(1), h.Arbiter.NextDeadline);
        var d = h.Advance(3001);
        Assert.False(d.Single(ArbiterDecisionKind.Inhibit).Flag);
        Assert.Equal(2, d.Count(x => x.Kind == ArbiterDecisionKind.ChannelDown));
    }

    [Fact]
    public void Master_announcing_backup_on_the_heartbeat_lifts_the_inhibit_at_once()
    {
        var h = new ArbiterHarness();
        h.Local(VrrpState.Backup);
        h.Frame(Serial, VrrpState.Master);
        Assert.False(h.Frame(Serial, VrrpState.Backup).Single(ArbiterDecisionKind.Inhibit).Flag);
    }

    [Fact]
    public void Master_leaving_with_priority_zero_does_not_inhibit()
    {
        var h = new ArbiterHarness();
        h.Local(VrrpState.Backup);
        Assert.False(h.Frame(Serial, VrrpState.Master, priority: 0).Has(ArbiterDecisionKind.Inhibit));
    }

    [Fact]
    public void Own_frame_is_refused()
    {
        var h = new ArbiterHarness();
        var bytes = FrameFactory.Encode(1, 1, [FrameFactory.Entry()]);
        HeartbeatCodec.TryDecode(bytes, default, out var frame);
        Assert.Equal(HeartbeatDropReason.OwnFrame, h.Arbiter.OnFrame(Serial, frame, h.Now, h.Output));
        Assert.Equal(1, h.Arbiter.Drops[HeartbeatDropReason.OwnFrame]);
    }

    [Fact]
    public void Replayed_sequence_number_is_stale_but_a_new_epoch_is_a_restarted_peer()
    {
        var h = new ArbiterHarness();
        var first = FrameFactory.Encode(Peer, 10, [FrameFactory.Entry()], epoch: 1, echo: h.Arbiter.Nonce);
        HeartbeatCodec.TryDecode(first, default, out var f1);
        Assert.Equal(HeartbeatDropReason.None, h.Arbiter.OnFrame(Serial, f1, h.Now, h.Output));
        Assert.Equal(HeartbeatDropReason.Stale, h.Arbiter.OnFrame(Serial, f1, h.Now, h.Output));
        var older = FrameFactory.Encode(Peer, 9, [FrameFactory.Entry()], epoch: 1);
        HeartbeatCodec.TryDecode(older, default, out var f0);
        Assert.Equal(HeartbeatDropReason.Stale, h.Arbiter.OnFrame(Serial, f0, h.Now, h.Output));
        var restarted = FrameFactory.Encode(Peer, 1, [FrameFactory.Entry()], epoch: 2, echo: h.Arbiter.Nonce);
        HeartbeatCodec.TryDecode(restarted, default, out var f2);
        Assert.Equal(HeartbeatDropReason.None, h.Arbiter.OnFrame(Serial, f2, h.Now, h.Output));
    }

    [Fact]
    public void Sequence_numbers_are_compared_per_channel()
    {
        var h = new ArbiterHarness();
        var bytes = FrameFactory.Encode(Peer, 5, [FrameFactory.Entry()], echo: h.Arbiter.Nonce);
        HeartbeatCodec.TryDecode(bytes, default, out var f);
        Assert.Equal(HeartbeatDropReason.None, h.Arbiter.OnFrame(Serial, f, h.Now, h.Output));
        Assert.Equal(HeartbeatDropReason.None, h.Arbiter.OnFrame(Link, f, h.Now, h.Output));
    }

    [Fact]
    public void Frames_about_unknown_instances_are_ignored()
    {
        var h = new ArbiterHarness();
        h.Local(VrrpState.Backup);
        var bytes = FrameFactory.Encode(Peer, 1, [FrameFactory.Entry(vrid: 99)], echo: h.Arbiter.Nonce);
        HeartbeatCodec.TryDecode(bytes, default, out var f);
        h.Output.Clear();
        Assert.Equal(HeartbeatDropReason.None, h.Arbiter.OnFrame(Serial, f, h.Now, h.Output));
        Assert.False(h.Arbiter.IsInhibited(0));
    }

    [Fact]
    public void Our_entries_carry_state_priority_address_and_lan_fault()
    {
        var h = new ArbiterHarness();
        h.Local(VrrpState.Backup, 90);
        h.Frame(Serial, VrrpState.Master);
        h.TimerFiredWhileInhibited();
        var entries = new HeartbeatEntry[4];
        Assert.Equal(1, h.Arbiter.WriteEntries(entries));
        Assert.Equal(new HeartbeatEntry(51, IpFamily.IPv4, VrrpState.Backup, 90, Centiseconds.FromSeconds(1), Ours, LanFault: true), entries[0]);
    }

    [Fact]
    public void Frames_and_ticks_allocate_nothing()
    {
        var h = new ArbiterHarness();
        h.Local(VrrpState.Backup);
        var frames = new byte[200][];
        for (int i = 0; i < frames.Length; i++) frames[i] = FrameFactory.Encode(Peer, (uint)i + 1, [FrameFactory.Entry()], echo: h.Arbiter.Nonce);
        var arbiter = h.Arbiter;
        var output = h.Output;
        var now = h.Now;
        long before = 0;
        for (int round = 0; round < 51; round++)
        {
            if (round == 1) before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < frames.Length; i++)
            {
                now = now.AddNanoseconds(10_000_000);
                output.Clear();
                HeartbeatCodec.TryDecode(frames[i], default, out var f);
                // Later rounds repeat the sequence numbers: refused as stale, which must not allocate either.
                arbiter.OnFrame(round % 2 + 1, f, now, output);
                arbiter.Tick(now, output);
                _ = arbiter.NextDeadline;
            }
            now = now.AddNanoseconds(4_000_000_000);
            output.Clear();
            arbiter.Tick(now, output);
        }
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    // Found while wiring the replay tests: an expired LAN claim kept NextDeadline in the past, so
    // the daemon's loop would poll with a zero timeout for as long as it ran.
    [Fact]
    public void After_the_lan_master_falls_silent_the_next_deadline_is_never_in_the_past()
    {
        var h = new ArbiterHarness();
        h.Local(VrrpState.Backup);
        h.LanAdvert();
        var expiry = h.Arbiter.NextDeadline;
        Assert.False(expiry.IsNever);
        h.Advance((int)(expiry.NanosecondsSince(h.Now) / 1_000_000) + 1);
        var next = h.Arbiter.NextDeadline;
        Assert.True(next.IsNever || next > h.Now, "the next deadline lies in the future");
    }
}
