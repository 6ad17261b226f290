using System.Diagnostics;
using System.Text.RegularExpressions;
using Appliance.Testing.Lab;

namespace Appliance.Integration.Tests.Daemon;

/// <summary>Three routers, IPv6, unicast peers and VMAC variants of the election and failover.</summary>
public sealed class VariantTests
{
    private const double Interval = 0.2;
    private static readonly TimeSpan s_slack = TimeSpan.FromMilliseconds(400);
    private static readonly TimeSpan s_settle = TimeSpan.FromSeconds(10);

    [SkippableFact]
    public void Three_routers_elect_the_highest_priority_and_fail_over_to_the_next_highest()
    {
        LabRequirements.RequireNamespaces();
        using var lab = BridgeLab.Create(3);
        const string vip = "10.200.0.254";
        var r1 = lab.StartRouter(1, new VrrpInstanceSpec { Priority = 200, AdvertInt = Interval });
        var r2 = lab.StartRouter(2, new VrrpInstanceSpec { Priority = 150, AdvertInt = Interval });
        var r3 = lab.StartRouter(3, new VrrpInstanceSpec { Priority = 100, AdvertInt = Interval });
        lab.RequireOnlyMaster(1, vip, s_settle, r1, r2, r3);
        var sw = Stopwatch.StartNew();
        r1.Signal(9);
        // SIGKILL leaves r1's VIP behind, so only r2 and r3 are compared.
        Poll.Require(() => lab.Routers[1].HasVip(vip), TimeSpan.FromSeconds(5), "r2 to take the VIP", () => RouterLabExtensions.Diagnostics(lab, r2, r3));
        Assert.False(lab.Routers[2].HasVip(vip), "r3 must not take the VIP");
        // r2's timer is shorter than r3's by their Skew_Time difference: r2 wins, r3 never takes the VIP.
        var mdi = RouterLabExtensions.MasterDownInterval(150, Interval);
        Assert.True(sw.Elapsed <= mdi + s_slack + TimeSpan.FromMilliseconds(200), $"failover took {sw.Elapsed.TotalMilliseconds:0} ms; Master_Down_Interval is {mdi.TotalMilliseconds:0} ms");
        Assert.Equal("BACKUP", r3.State());
        Assert.Equal("0", r3.Field("VI_1", "became_master"));
    }

    [SkippableFact]
    public void Ipv6_routers_elect_fail_over_and_announce_with_unsolicited_na_from_the_master_mac()
    {
        LabRequirements.RequireNamespaces();
        LabRequirements.RequireTool("tcpdump", "tcpdump");
        using var lab = BridgeLab.Create(2);
        const string vip = "fd00:200::254";
        using var capture = lab.Own(WireCapture.Start(lab.Client, "icmp6 and ip6[40] == 136"));
        VrrpInstanceSpec Spec(int p) => new() { Priority = p, AdvertInt = Interval, Vips = ["fe80::254/64", $"{vip}/64"] };
        var r1 = lab.StartRouter(1, Spec(150));
        var r2 = lab.StartRouter(2, Spec(100));
        lab.RequireOnlyMaster(1, vip, s_settle, r1, r2);
        Assert.Contains("[VRID 51] [IPv6] [eth0]", r1.Output);
        string mac1 = Mac(lab.Routers[0]);
        var na = new Regex($@"{mac1} > 33:33:00:00:00:01, ethertype IPv6.*neighbor advertisement.*tgt is {Regex.Escape(vip)}", RegexOptions.Singleline);
        Poll.Require(() => na.IsMatch(capture.Output), TimeSpan.FromSeconds(5), $"an unsolicited NA for {vip} from {mac1}", () => capture.Output);

        var sw = Stopwatch.StartNew();
        r1.Signal(9);
        Poll.Require(() => lab.Routers[1].HasVip(vip), TimeSpan.FromSeconds(5), "r2 to take the IPv6 VIP", () => RouterLabExtensions.Diagnostics(lab, r2));
        var mdi = RouterLabExtensions.MasterDownInterval(100, Interval);
        Assert.True(sw.Elapsed <= mdi + s_slack, $"failover took {sw.Elapsed.TotalMilliseconds:0} ms; Master_Down_Interval is {mdi.TotalMilliseconds:0} ms");
        string mac2 = Mac(lab.Routers[1]);
        Poll.Require(() => capture.Output.Contains($"{mac2} > 33:33:00:00:00:01", StringComparison.Ordinal), TimeSpan.FromSeconds(5), $"an NA from r2's MAC {mac2}", () => capture.Output);
    }

    [SkippableFact]
    public void Unicast_peers_elect_and_fail_over_with_multicast_vrrp_dropped_on_the_wire()
    {
        LabRequirements.RequireNamespaces();
        LabRequirements.RequireTool("nft", "nftables");
        using var lab = BridgeLab.Create(2);
        const string vip = "10.200.0.254";
        // Prove the adverts are unicast: both routers drop anything VRRP sent to the group.
        foreach (var r in lab.Routers)
        {
            var (code, _, err) = r.Exec("nft", "add table inet lab; add chain inet lab in { type filter hook input priority 0; }; add rule inet lab in ip daddr 224.0.0.18 drop");
            Assert.True(code == 0, err);
        }
        VrrpInstanceSpec Spec(int me, int peer, int p) => new()
        {
            Priority = p, AdvertInt = Interval, UnicastSource = BridgeLab.RouterV4(me), UnicastPeers = [BridgeLab.RouterV4(peer)],
        };
        var r1 = lab.StartRouter(1, Spec(1, 2, 150));
        var r2 = lab.StartRouter(2, Spec(2, 1, 100));
        lab.RequireOnlyMaster(1, vip, s_settle, r1, r2);
        Poll.Require(() => long.Parse(r2.Field("VI_1", "adverts_accepted") ?? "0") > 3, s_settle, "r2 hearing r1's unicast adverts", () => RouterLabExtensions.Diagnostics(lab, r1, r2));
        r1.Signal(15);
        Poll.Require(() => lab.Routers[1].HasVip(vip), TimeSpan.FromSeconds(3), "r2 to take over", () => RouterLabExtensions.Diagnostics(lab, r2));
    }

    [SkippableFact]
    public void Vmac_master_holds_the_vip_on_the_macvlan_and_announces_from_the_virtual_mac()
    {
        LabRequirements.RequireNamespaces();
        LabRequirements.RequireTool("tcpdump", "tcpdump");
        using var lab = BridgeLab.Create(2);
        const string vip = "10.200.0.254";
        using var capture = lab.Own(WireCapture.Start(lab.Client, "arp"));
        var r1 = lab.StartRouter(1, new VrrpInstanceSpec { Priority = 150, AdvertInt = Interval, UseVmac = true });
        var r2 = lab.StartRouter(2, new VrrpInstanceSpec { Priority = 100, AdvertInt = Interval, UseVmac = true });
        lab.RequireOnlyMaster(1, vip, s_settle, r1, r2);
        Assert.Contains(vip, lab.Routers[0].Ip("-o", "addr", "show", "dev", "vrrp.51"));
        Assert.Contains("macvlan mode private", lab.Routers[0].Ip("-d", "link", "show", "vrrp.51"));
        Poll.Require(() => capture.Output.Contains("00:00:5e:00:01:33 > ff:ff:ff:ff:ff:ff", StringComparison.Ordinal), TimeSpan.FromSeconds(5),
            "a gratuitous ARP from the VMAC 00:00:5e:00:01:33", () => capture.Output);
        r1.Signal(15);
        Assert.True(r1.WaitForExit(TimeSpan.FromSeconds(5)));
        lab.RequireOnlyMaster(2, vip, TimeSpan.FromSeconds(3), r2);
        Assert.DoesNotContain("vrrp.51", lab.Routers[0].Ip("-o", "link", "show"));
    }

    [SkippableFact]
    public void Ipv6_vmac_master_advertises_from_the_macvlan_link_local_and_announces_from_the_ipv6_virtual_mac()
    {
        LabRequirements.RequireNamespaces();
        LabRequirements.RequireTool("tcpdump", "tcpdump");
        using var lab = BridgeLab.Create(2);
        const string vip = "fd00:200::254";
        using var capture = lab.Own(WireCapture.Start(lab.Client, "icmp6 and ip6[40] == 136"));
        VrrpInstanceSpec Spec(int p) => new() { Priority = p, AdvertInt = Interval, UseVmac = true, Vips = ["fe80::254/64", $"{vip}/64"] };
        var r1 = lab.StartRouter(1, Spec(150));
        var r2 = lab.StartRouter(2, Spec(100));
        lab.RequireOnlyMaster(1, vip, s_settle, r1, r2);
        Poll.Require(() => r2.State() == "BACKUP" && long.Parse(r2.Field("VI_1", "adverts_accepted") ?? "0") > 3, s_settle,
            "r2 hearing r1 (the two VMACs share a MAC, so their sources must not be the VMAC's EUI-64 address)", () => RouterLabExtensions.Diagnostics(lab, r1, r2));
        string vmacAddrs = lab.Routers[0].Ip("-o", "addr", "show", "dev", "vrrp.51");
        Assert.Contains(vip, vmacAddrs);
        Assert.DoesNotContain("fe80::200:5eff:fe00:233", vmacAddrs);
        Poll.Require(() => capture.Output.Contains("00:00:5e:00:02:33 > 33:33:00:00:00:01", StringComparison.Ordinal), TimeSpan.FromSeconds(5),
            "an unsolicited NA from the IPv6 VMAC 00:00:5e:00:02:33", () => capture.Output);
        r1.Signal(15);
        Assert.True(r1.WaitForExit(TimeSpan.FromSeconds(5)));
        lab.RequireOnlyMaster(2, vip, TimeSpan.FromSeconds(3), r2);
    }

    private static string Mac(NetNs ns) => ns.Ip("link", "show", "eth0").Split("link/ether ")[1][..17];
}
