using System.Diagnostics;
using Appliance.Testing.Lab;

namespace Appliance.Integration.Tests.Daemon;

/// <summary>Two of our daemons on a bridge (VRRPv3, IPv4, 200 ms adverts): election, failover, preemption.</summary>
public sealed class TwoRouterTests
{
    private const string Vip = "10.200.0.254";
    private const double Interval = 0.2;
    // Time for process scheduling on a loaded 2-core box and for the test's own polling.
    private static readonly TimeSpan s_slack = TimeSpan.FromMilliseconds(400);
    private static readonly TimeSpan s_settle = TimeSpan.FromSeconds(10);

    private static VrrpInstanceSpec Spec(int priority) => new() { Priority = priority, AdvertInt = Interval };

    [SkippableFact]
    public void Election_by_priority_puts_the_vip_on_the_master_only_and_the_client_sees_its_garp()
    {
        LabRequirements.RequireNamespaces();
        LabRequirements.RequireTool("tcpdump", "tcpdump");
        using var lab = BridgeLab.Create(2);
        using var capture = lab.Own(WireCapture.Start(lab.Client, "arp"));
        var r1 = lab.StartRouter(1, Spec(150));
        var r2 = lab.StartRouter(2, Spec(100));
        lab.RequireOnlyMaster(1, Vip, s_settle, r1, r2);
        Poll.Require(() => r1.State() == "MASTER" && r2.State() == "BACKUP", s_settle, "status files: r1 MASTER, r2 BACKUP", () => RouterLabExtensions.Diagnostics(lab, r1, r2));
        string mac = lab.Routers[0].Ip("link", "show", "eth0").Split("link/ether ")[1][..17];
        var garp = new System.Text.RegularExpressions.Regex($@"{mac} > ff:ff:ff:ff:ff:ff, ethertype ARP.*who-has {Vip} .*tell {Vip}");
        Poll.Require(() => garp.IsMatch(capture.Output),
            TimeSpan.FromSeconds(5), $"a gratuitous ARP for {Vip} from r1's MAC {mac}", () => capture.Output);
        Assert.Contains("[VRID 51] [IPv4] [eth0] (VI_1) Entering MASTER STATE", r1.Output);
    }

    [SkippableFact]
    public void Sigkill_of_the_master_fails_over_within_master_down_interval_and_a_restart_cleans_up_and_preempts_back()
    {
        LabRequirements.RequireNamespaces();
        using var lab = BridgeLab.Create(2);
        var r1 = lab.StartRouter(1, Spec(150));
        var r2 = lab.StartRouter(2, Spec(100));
        lab.RequireOnlyMaster(1, Vip, s_settle, r1, r2);

        var sw = Stopwatch.StartNew();
        r1.Signal(9);
        Poll.Require(() => lab.Routers[1].HasVip(Vip), TimeSpan.FromSeconds(5), "r2 to take the VIP", () => RouterLabExtensions.Diagnostics(lab, r2));
        var failover = sw.Elapsed;
        var mdi = RouterLabExtensions.MasterDownInterval(100, Interval);
        Assert.True(failover <= mdi + s_slack, $"failover took {failover.TotalMilliseconds:0} ms; Master_Down_Interval is {mdi.TotalMilliseconds:0} ms");
        Assert.True(lab.Routers[0].HasVip(Vip), "SIGKILL leaves the VIP behind on r1 (no chance to clean up)");

        var r1b = lab.StartRouter(1, Spec(150));
        Poll.Require(() => r1b.Output.Contains("removed stale VIP", StringComparison.Ordinal), s_settle, "r1 to remove its stale VIP at start-up", () => r1b.Output);
        lab.RequireOnlyMaster(1, Vip, s_settle, r1b, r2);
        Assert.Contains("Preempt", r1b.Output);
    }

    [SkippableFact]
    public void Cutting_the_master_link_fails_over_within_master_down_interval_and_the_master_goes_to_fault()
    {
        LabRequirements.RequireNamespaces();
        using var lab = BridgeLab.Create(2);
        var r1 = lab.StartRouter(1, Spec(150));
        var r2 = lab.StartRouter(2, Spec(100));
        lab.RequireOnlyMaster(1, Vip, s_settle, r1, r2);

        var sw = Stopwatch.StartNew();
        lab.CutLink(1);
        Poll.Require(() => lab.Routers[1].HasVip(Vip), TimeSpan.FromSeconds(5), "r2 to take the VIP", () => RouterLabExtensions.Diagnostics(lab, r1, r2));
        var failover = sw.Elapsed;
        var mdi = RouterLabExtensions.MasterDownInterval(100, Interval);
        Assert.True(failover <= mdi + s_slack, $"failover took {failover.TotalMilliseconds:0} ms; Master_Down_Interval is {mdi.TotalMilliseconds:0} ms");
        Poll.Require(() => r1.State() == "FAULT" && !lab.Routers[0].HasVip(Vip), TimeSpan.FromSeconds(3), "r1 in FAULT without the VIP", () => RouterLabExtensions.Diagnostics(lab, r1));

        lab.RestoreLink(1);
        lab.RequireOnlyMaster(1, Vip, s_settle, r1, r2);
    }

    [SkippableFact]
    public void Sigterm_of_the_master_sends_priority_zero_so_the_backup_takes_over_within_skew_time()
    {
        LabRequirements.RequireNamespaces();
        using var lab = BridgeLab.Create(2);
        var r1 = lab.StartRouter(1, Spec(150));
        var r2 = lab.StartRouter(2, Spec(100));
        lab.RequireOnlyMaster(1, Vip, s_settle, r1, r2);

        var sw = Stopwatch.StartNew();
        r1.Signal(15);
        Poll.Require(() => lab.Routers[1].HasVip(Vip), TimeSpan.FromSeconds(5), "r2 to take the VIP", () => RouterLabExtensions.Diagnostics(lab, r1, r2));
        var failover = sw.Elapsed;
        var skew = RouterLabExtensions.SkewTime(100, Interval);
        var mdi = RouterLabExtensions.MasterDownInterval(100, Interval);
        Assert.True(failover <= skew + s_slack, $"graceful failover took {failover.TotalMilliseconds:0} ms; Skew_Time is {skew.TotalMilliseconds:0} ms");
        Assert.True(failover < mdi, $"graceful failover ({failover.TotalMilliseconds:0} ms) must beat Master_Down_Interval ({mdi.TotalMilliseconds:0} ms)");
        Assert.True(r1.WaitForExit(TimeSpan.FromSeconds(5)), "r1 exits after SIGTERM");
        Assert.Equal(0, r1.ExitCode);
        Assert.False(lab.Routers[0].HasVip(Vip), "r1 removed its VIP");
        Assert.False(File.Exists(r1.PidFile), "r1 removed its pid file");
        // The priority-0 advert itself was accepted (the status file lags by up to its 0.2 s period).
        Poll.Require(() => int.Parse(r2.Field("VI_1", "adverts_accepted") ?? "0") > 0, TimeSpan.FromSeconds(2), "r2 to count accepted adverts");
    }

    [SkippableFact]
    public void Nopreempt_keeps_the_lower_priority_master_when_the_higher_one_returns()
    {
        LabRequirements.RequireNamespaces();
        using var lab = BridgeLab.Create(2);
        var r2 = lab.StartRouter(2, Spec(100) with { NoPreempt = true });
        lab.RequireOnlyMaster(2, Vip, s_settle, r2);
        var r1 = lab.StartRouter(1, Spec(150) with { NoPreempt = true });
        Poll.Require(() => r1.State() == "BACKUP", s_settle, "r1 running as BACKUP", () => r1.Output);
        // Three Master_Down_Intervals of r1: it would have preempted by now.
        var hold = 3 * RouterLabExtensions.MasterDownInterval(150, Interval);
        Assert.Null(Poll.Until(() => lab.Routers[0].HasVip(Vip) || r1.State() != "BACKUP", hold));
        Assert.True(lab.Routers[1].HasVip(Vip));
    }

    [SkippableFact]
    public void Preempt_delay_holds_preemption_back_until_it_has_passed()
    {
        LabRequirements.RequireNamespaces();
        using var lab = BridgeLab.Create(2);
        var r2 = lab.StartRouter(2, Spec(100));
        lab.RequireOnlyMaster(2, Vip, s_settle, r2);
        var sw = Stopwatch.StartNew();
        var r1 = lab.StartRouter(1, Spec(150) with { PreemptDelay = 2 });
        lab.RequireOnlyMaster(1, Vip, s_settle, r1, r2);
        Assert.True(sw.Elapsed >= TimeSpan.FromSeconds(2), $"r1 preempted after {sw.Elapsed.TotalMilliseconds:0} ms, before its 2 s preempt_delay");
    }
}
