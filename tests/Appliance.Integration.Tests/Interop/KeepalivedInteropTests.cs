using System.Diagnostics;
using Appliance.Integration.Tests.Daemon;
using Appliance.Testing.Lab;

namespace Appliance.Integration.Tests.Interop;

/// <summary>
/// Our daemon and Debian's keepalived in one VRRP group, both directions: ours master with
/// keepalived backup, then keepalived master with ours backup; failover each way; and
/// keepalived's log must hold no complaint about our packets.
/// </summary>
public sealed class KeepalivedInteropTests
{
    private static readonly TimeSpan s_settle = TimeSpan.FromSeconds(15);

    // keepalived's words when it discards or distrusts an advert (vrrp.c: vrrp_in_chk and friends).
    private static readonly string[] s_complaints =
    [
        "checksum", "passwd", "auth", "interval", "bogus", "invalid", "Invalid", "mismatch", "not present", "wrong", "TTL",
    ];

    public static TheoryData<string> Variants => ["v2-pass", "v3-ipv4", "v3-ipv6"];

    [SkippableTheory]
    [MemberData(nameof(Variants))]
    public void Ours_and_keepalived_elect_and_fail_over_both_ways_without_complaints(string variant)
    {
        LabRequirements.RequireNamespaces();
        LabRequirements.RequireTool("keepalived", "keepalived");
        using var lab = BridgeLab.Create(2);
        var (spec, vip) = variant switch
        {
            "v2-pass" => (new VrrpInstanceSpec { Version = 2, AdvertInt = 1, AuthPass = "secret12" }, "10.200.0.254"),
            "v3-ipv4" => (new VrrpInstanceSpec { Version = 3, AdvertInt = 0.2 }, "10.200.0.254"),
            _ => (new VrrpInstanceSpec { Version = 3, AdvertInt = 0.2, Vips = ["fe80::254/64", "fd00:200::254/64"] }, "fd00:200::254"),
        };
        double interval = spec.AdvertInt;

        // 1. Ours (r1, priority 150) master, keepalived (r2, priority 100) backup.
        var ours = lab.StartRouter(1, spec with { Priority = 150 });
        var ka = lab.Own(KeepalivedProcess.Start(lab.Routers[1], lab.Directory, "ka", VrrpInstanceSpec.File([spec with { Priority = 100 }])));
        lab.RequireOnlyMaster(1, vip, s_settle, ours);
        // keepalived must keep accepting our adverts: it stays backup for several of its down intervals.
        var mdi = RouterLabExtensions.MasterDownInterval(100, interval);
        Assert.Null(Poll.Until(() => lab.Routers[1].HasVip(vip), 2 * mdi));

        // 2. Graceful stop of ours: keepalived takes over after Skew_Time (priority 0 understood).
        var sw = Stopwatch.StartNew();
        ours.Signal(15);
        Poll.Require(() => lab.Routers[1].HasVip(vip), TimeSpan.FromSeconds(10), "keepalived to take over", () => ka.Output);
        Assert.True(sw.Elapsed < mdi + TimeSpan.FromMilliseconds(500), $"keepalived took over after {sw.Elapsed.TotalMilliseconds:0} ms");
        Assert.True(ours.WaitForExit(TimeSpan.FromSeconds(5)));

        // 3. Ours back with a lower priority: it must stay backup, accepting keepalived's adverts.
        var ours2 = lab.StartRouter(1, spec with { Priority = 50 });
        Poll.Require(() => long.Parse(ours2.Field("VI_1", "adverts_accepted") ?? "0") >= 3, s_settle, "ours accepting keepalived's adverts",
            () => RouterLabExtensions.Diagnostics(lab, ours2));
        Assert.Equal("BACKUP", ours2.State());
        // NotListening counts adverts that arrived after the socket opened but before the instance
        // started (a start-up window that grows on a loaded machine): counted, and harmless.
        Assert.DoesNotContain(ours2.StatusLines(), l => l.StartsWith("drop ", StringComparison.Ordinal)
            && !l.Contains("LowerPriority", StringComparison.Ordinal) && !l.Contains("NotListening", StringComparison.Ordinal));

        // 4. keepalived stops (priority 0): ours takes over.
        Assert.True(ka.Stop(TimeSpan.FromSeconds(10)), "keepalived exits on SIGTERM");
        Poll.Require(() => lab.Routers[0].HasVip(vip), TimeSpan.FromSeconds(5), "ours to take over from keepalived", () => RouterLabExtensions.Diagnostics(lab, ours2));
        Assert.False(lab.Routers[1].HasVip(vip), "keepalived removed its VIP on exit");

        foreach (var line in ka.Output.Split('\n'))
            foreach (var word in s_complaints)
                Assert.False(line.Contains(word, StringComparison.Ordinal) && !line.Contains("Opening file", StringComparison.Ordinal),
                    $"keepalived complained about our packets: {line}\n--- full log:\n{ka.Output}");
    }
}
