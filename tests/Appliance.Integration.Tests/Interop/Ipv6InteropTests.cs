using Appliance.Integration.Tests.Daemon;
using Appliance.Testing.Lab;
using Xunit.Abstractions;

namespace Appliance.Integration.Tests.Interop;

/// <summary>
/// VRRPv3 over IPv6 between our daemon and Debian's keepalived 2.2.7 when the virtual address
/// list holds no link-local address at all (only fd00:51::254/64). RFC 9568 §7.1 wants the first
/// address of an IPv6 advert to be the link-local VIP; keepalived does not insist on it, sends
/// the global address first, and so must we interoperate: our core accepts such an advert and
/// counts it (DropReason.FirstAddressNotLinkLocal is a mismatch report, not a drop).
/// Each case runs in a fresh lab: one peer at priority 150, the other at 100; a graceful stop
/// (SIGTERM, priority 0) and a hard crash (SIGKILL) of the master; the backup takes the VIP each
/// time. Assertions read the kernel (the VIP on exactly one namespace) and our status file.
/// DAD: the lab turns accept_dad off in every router namespace, but neither daemon relies on it:
/// both add the VIP with IFA_F_NODAD (seen in this test's output: `ip -o addr` shows
/// "fd00:51::254/64 scope global nodad" on whichever namespace is master, ours or keepalived's),
/// so the VIP answers at once, and a tentative VIP can never delay a takeover.
/// </summary>
public sealed class Ipv6InteropTests(ITestOutputHelper output)
{
    private const string Vip = "fd00:51::254";
    private static readonly TimeSpan s_settle = TimeSpan.FromSeconds(20);

    public static TheoryData<string, bool> Cases => new()
    {
        { "multicast", true },
        { "multicast", false },
        { "unicast", true },
        { "unicast", false },
    };

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void Ours_and_keepalived_share_a_global_only_ipv6_vip_and_fail_over_both_ways(string mode, bool oursHigher)
    {
        LabRequirements.RequireNamespaces();
        LabRequirements.RequireTool("keepalived", "keepalived");
        using var lab = BridgeLab.Create(2);
        var kaNs = lab.Routers[1];
        var peer = new Peers(lab, mode, oursHigher);
        int high = 150, low = 100;
        double interval = 0.2;

        // 1. Election: exactly one master, the higher one, and it stays so.
        peer.StartOurs(oursHigher ? high : low);
        peer.StartKeepalived(oursHigher ? low : high);
        int master = oursHigher ? 1 : 2;
        lab.RequireOnlyMaster(master, Vip, s_settle, peer.Ours!);
        Poll.Require(() => peer.Ours!.State() == (oursHigher ? "MASTER" : "BACKUP"), s_settle, "our status to agree with the kernel", peer.Diagnostics);
        // The backup keeps accepting the master's adverts (whose first address is global) for two
        // of its own down intervals: the VIP never appears on it.
        var mdiLow = RouterLabExtensions.MasterDownInterval(low, interval);
        Assert.Null(Poll.Until(() => lab.Routers[2 - master].HasVip(Vip), 2 * mdiLow));
        output.WriteLine($"{mode}, ours {(oursHigher ? high : low)}: after election:\n{BridgeLab.Addresses(lab.Routers[0])}{BridgeLab.Addresses(lab.Routers[1])}");
        if (!oursHigher)
        {
            // keepalived's first (only) address is global: accepted, reported once in our log.
            Assert.Contains("FirstAddressNotLinkLocal", peer.Ours!.Output, StringComparison.Ordinal);
            Assert.True(long.Parse(peer.Ours!.Field("VI_1", "adverts_accepted") ?? "0") >= 3, peer.Diagnostics());
            // NotListening: adverts that came while our instance was still starting (counted, harmless).
            Assert.DoesNotContain(peer.Ours.StatusLines(), l => l.StartsWith("drop ", StringComparison.Ordinal)
                && !l.Contains("LowerPriority", StringComparison.Ordinal) && !l.Contains("NotListening", StringComparison.Ordinal));
        }

        // 2. Graceful: SIGTERM the master. It sends priority 0 and removes its VIP; the backup
        // takes the VIP (after Skew_Time, not Master_Down_Interval: shown by our counter when we
        // are the backup, and by the wire capture when keepalived is).
        using (var capture = WireCapture.Start(kaNs, "ip6 proto 112"))
        {
            peer.StopMaster(graceful: true);
            lab.RequireOnlyMaster(3 - master, Vip, s_settle, peer.Ours ?? peer.OursStopped!);
            if (oursHigher)
                Poll.Require(() => capture.Output.Contains("prio 0", StringComparison.Ordinal), TimeSpan.FromSeconds(5), "our priority 0 advert on the wire", () => capture.Output);
            else
            {
                Assert.True(long.Parse(peer.Ours!.Field("VI_1", "priority_zero_received") ?? "0") >= 1, peer.Diagnostics());
                Poll.Require(() => peer.Ours.State() == "MASTER", s_settle, "our status MASTER", peer.Diagnostics);
            }
        }

        // 3. The stopped master returns with its higher priority and preempts: exactly one again.
        peer.RestartMaster(high);
        lab.RequireOnlyMaster(master, Vip, s_settle, peer.Ours!);
        Poll.Require(() => peer.Ours!.State() == (oursHigher ? "MASTER" : "BACKUP"), s_settle, "our status after preemption", peer.Diagnostics);

        // 4. Hard: SIGKILL the master. No priority 0; the backup waits Master_Down_Interval and
        // takes the VIP. The killed one leaves its VIP in the kernel (no process is left to
        // remove it), so here "exactly one" means: exactly one live daemon holds it.
        peer.StopMaster(graceful: false);
        Poll.Require(() => lab.Routers[2 - master].HasVip(Vip), s_settle, "the backup to take the VIP after a crash", peer.Diagnostics);
        Assert.True(lab.Routers[master - 1].HasVip(Vip), "a SIGKILLed daemon cannot remove its VIP");
        if (!oursHigher) Poll.Require(() => peer.Ours!.State() == "MASTER", s_settle, "our status MASTER after the crash", peer.Diagnostics);

        // 5. The crashed one restarts at its higher priority: it cleans or re-owns the stale VIP,
        // preempts, and the other removes its copy: the VIP is on exactly one namespace again.
        peer.RestartMaster(high);
        lab.RequireOnlyMaster(master, Vip, s_settle, peer.Ours!);
        output.WriteLine($"{mode}, ours {(oursHigher ? "150" : "100")}: elected, graceful and hard failover, preempted back; keepalived log:\n{peer.KeepalivedLog}");
        Assert.DoesNotContain("checksum", peer.KeepalivedLog, StringComparison.Ordinal);
    }

    /// <summary>The two peers of one case and how to stop and restart whichever is master.</summary>
    private sealed class Peers(BridgeLab lab, string mode, bool oursHigher)
    {
        private KeepalivedProcess? _ka;
        private string _kaLogs = "";
        private int _kaStarts;

        public DaemonProcess? Ours { get; private set; }

        public DaemonProcess? OursStopped { get; private set; }

        public string KeepalivedLog => _kaLogs + (_ka?.Output ?? "");

        private VrrpInstanceSpec Spec(int router, int priority)
        {
            var s = new VrrpInstanceSpec { Version = 3, AdvertInt = 0.2, Priority = priority, Vips = [$"{Vip}/64"] };
            if (mode == "unicast")
                s = s with { UnicastSource = BridgeLab.RouterV6(router), UnicastPeers = [BridgeLab.RouterV6(3 - router)] };
            return s;
        }

        public void StartOurs(int priority) => Ours = lab.StartRouter(1, Spec(1, priority));

        public void StartKeepalived(int priority)
        {
            if (_ka is not null) _kaLogs += _ka.Output;
            _ka = lab.Own(KeepalivedProcess.Start(lab.Routers[1], lab.Directory, $"ka{++_kaStarts}", VrrpInstanceSpec.File([Spec(2, priority)])));
        }

        public void StopMaster(bool graceful)
        {
            if (oursHigher)
            {
                Ours!.Signal(graceful ? 15 : 9);
                Assert.True(Ours.WaitForExit(TimeSpan.FromSeconds(10)), "our daemon exits");
                OursStopped = Ours;
                Ours = null;
            }
            else if (graceful)
                Assert.True(_ka!.Stop(TimeSpan.FromSeconds(10)), "keepalived exits on SIGTERM");
            else
                _ka!.Kill();
        }

        public void RestartMaster(int priority)
        {
            if (oursHigher) StartOurs(priority);
            else StartKeepalived(priority);
        }

        public string Diagnostics() =>
            RouterLabExtensions.Diagnostics(lab, [.. new[] { Ours, OursStopped }.OfType<DaemonProcess>()]) + "\n--- keepalived:\n" + KeepalivedLog;
    }
}
