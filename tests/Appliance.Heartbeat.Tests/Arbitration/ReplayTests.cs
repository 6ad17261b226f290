using Appliance.Heartbeat.Arbitration;
using Appliance.Heartbeat.Wire;
using Appliance.Testing.Simulation;
using Appliance.Vrrp;
using Appliance.Vrrp.Protocol;

namespace Appliance.Heartbeat.Tests.Arbitration;

/// <summary>
/// Issue 10: frames recorded from an earlier run of the peer (HMAC and all) replayed after it died
/// must not keep the dead master "alive". A new run of a peer counts only from a frame that echoes
/// our current nonce, and the nonce is drawn afresh at every run accepted. Simulated time only.
/// </summary>
public class ReplayTests
{
    private static readonly IpAddr Us = IpAddr.Parse("10.200.0.11");
    private static readonly IpAddr Them = IpAddr.Parse("10.200.0.12");
    private static readonly Centiseconds DeadTime = Centiseconds.FromSeconds(3);

    /// <summary>One run of the peer (node 2): its epoch and nonce, and the frames it sent, recorded.</summary>
    private sealed class PeerRun(uint epoch, uint nonce)
    {
        private uint _sequence;

        public List<byte[]> Recorded { get; } = [];

        /// <summary>A frame as the running peer sends it: it echoes the nonce it last heard from us.</summary>
        public byte[] Send(WiredNode us, VrrpState state = VrrpState.Master, byte priority = 200)
        {
            var bytes = FrameFactory.Encode(2, ++_sequence,
                [new HeartbeatEntry(51, IpFamily.IPv4, state, priority, Centiseconds.FromSeconds(1), Them)],
                FrameFactory.Key, epoch, echo: us.Arbiter.Nonce, nonce: nonce);
            Recorded.Add(bytes);
            return bytes;
        }
    }

    private static HeartbeatDropReason Deliver(WiredNode n, byte[] bytes)
    {
        Assert.Equal(HeartbeatDropReason.None, HeartbeatCodec.TryDecode(bytes, FrameFactory.Key, out var frame));
        return n.Frame(frame);
    }

    private static void Second(WiredNode n) => n.RunUntil(n.Now.AddNanoseconds(1_000_000_000));

    // The peer is master for a while (adverts on the LAN, frames on the heartbeat) in run A, then
    // restarts as run B and is master again; an attacker records everything.
    private static (WiredNode Us, PeerRun A, PeerRun B) BackupBesideAMasterThatRestartedOnce()
    {
        var n = new WiredNode(1, Us, 100);
        n.Startup();
        var advert = AdvertSpec.For(n.Settings, 200);
        var a = new PeerRun(epoch: 0xA, nonce: 0xA1);
        for (int i = 0; i < 20; i++)
        {
            n.Lan(advert, Them);
            Assert.Equal(HeartbeatDropReason.None, Deliver(n, a.Send(n)));
            Second(n);
        }
        var b = new PeerRun(epoch: 0xB, nonce: 0xB1);
        for (int i = 0; i < 20; i++)
        {
            n.Lan(advert, Them);
            Assert.Equal(HeartbeatDropReason.None, Deliver(n, b.Send(n)));
            Second(n);
        }
        Assert.Equal(VrrpState.Backup, n.Instance.State);
        Assert.Equal(2, n.Arbiter.PeerRunsAccepted);
        return (n, a, b);
    }

    [Fact]
    public void Frames_recorded_from_an_earlier_run_replayed_after_the_peer_dies_are_counted_drops_and_the_backup_takes_over()
    {
        var (n, a, _) = BackupBesideAMasterThatRestartedOnce();
        var died = n.Now;
        // The peer dies; the attacker replays run A's frames, in order, one a second.
        MonoTime? tookOver = null;
        foreach (var recorded in a.Recorded)
        {
            Assert.Equal(HeartbeatDropReason.Replay, Deliver(n, recorded));
            Second(n);
            if (tookOver is null && n.Instance.State == VrrpState.Master) tookOver = n.Now;
        }
        Assert.Equal(a.Recorded.Count, n.Arbiter.Drops[HeartbeatDropReason.Replay]);
        Assert.Equal(VrrpState.Master, n.Instance.State);
        Assert.DoesNotContain(n.Actions, x => x.Kind == ActionKind.TakeoverInhibited);
        // Within Master_Down_Interval plus the channel's dead time of the last genuine frame (a
        // second's step of this harness is the resolution).
        Assert.NotNull(tookOver);
        long bound = n.Instance.MasterDownInterval.Nanoseconds + DeadTime.Nanoseconds + 1_000_000_000;
        Assert.InRange(tookOver!.Value.NanosecondsSince(died), 0, bound);
    }

    [Fact]
    public void Frames_of_the_last_run_replayed_after_the_peer_dies_are_stale()
    {
        var (n, _, b) = BackupBesideAMasterThatRestartedOnce();
        foreach (var recorded in b.Recorded) Assert.Equal(HeartbeatDropReason.Stale, Deliver(n, recorded));
        for (int i = 0; i < 10; i++) Second(n);
        Assert.Equal(VrrpState.Master, n.Instance.State);
    }

    [Fact]
    public void A_freshly_started_backup_refuses_frames_recorded_before_it_started()
    {
        var (old, a, b) = BackupBesideAMasterThatRestartedOnce();
        Assert.NotEqual(0u, old.Arbiter.Nonce);
        // Our node restarts (a new arbiter, a new nonce); the peer is dead; both runs are replayed.
        var n = new WiredNode(1, Us, 100);
        n.Startup();
        var start = n.Now;
        foreach (var recorded in a.Recorded.Concat(b.Recorded))
        {
            Assert.Equal(HeartbeatDropReason.Replay, Deliver(n, recorded));
            n.RunUntil(n.Now.AddNanoseconds(200_000_000));
        }
        Assert.False(n.Arbiter.IsInhibited(0));
        Assert.Equal(VrrpState.Master, n.Instance.State);
        var change = n.Actions.Last(x => x.Kind == ActionKind.StateChanged);
        Assert.Equal(StateChangeReason.MasterDown, change.Reason);
    }

    [Fact]
    public void A_restarted_peer_counts_once_its_frames_echo_our_nonce()
    {
        var n = new WiredNode(1, Us, 100);
        n.Startup();
        // A peer that has not heard us yet echoes nothing: not counted, yet we learn its nonce.
        var notYet = FrameFactory.Encode(2, 1, [new HeartbeatEntry(51, IpFamily.IPv4, VrrpState.Master, 200, Centiseconds.FromSeconds(1), Them)],
            FrameFactory.Key, epoch: 0xC, echo: 0, nonce: 0xC1);
        Assert.Equal(HeartbeatDropReason.Replay, Deliver(n, notYet));
        Assert.Equal(0xC1u, n.Arbiter.EchoFor(1));
        Assert.False(n.Arbiter.IsInhibited(0));
        var run = new PeerRun(epoch: 0xC, nonce: 0xC1);
        Assert.Equal(HeartbeatDropReason.None, Deliver(n, run.Send(n)));
        Assert.True(n.Arbiter.IsInhibited(0));
        // Our nonce moved on; the run's next frames still echo the old one until it hears the new one.
        Assert.Equal(HeartbeatDropReason.None, Deliver(n, FrameFactory.Encode(2, 7,
            [new HeartbeatEntry(51, IpFamily.IPv4, VrrpState.Master, 200, Centiseconds.FromSeconds(1), Them)],
            FrameFactory.Key, epoch: 0xC, echo: 0x1234, nonce: 0xC1)));
    }

    [Fact]
    public void Epoch_and_nonces_come_from_the_cryptographic_generator_and_are_never_zero()
    {
        var seen = new HashSet<uint>();
        for (int i = 0; i < 1000; i++)
        {
            uint id = SecureId.Next();
            Assert.NotEqual(0u, id);
            seen.Add(id);
        }
        Assert.True(seen.Count > 990);
    }
}
