using Appliance.Integration.Tests.Daemon;
using Appliance.Testing.Lab;

namespace Appliance.Integration.Tests.Parity;

/// <summary>
/// keepalived's <c>no_accept</c> (and <c>vrrp_strict</c>'s default) on a real kernel: the master
/// holds the VIP, answers ARP for it, but local delivery to it is refused; an <c>accept</c>
/// instance beside it is not filtered; the daemon's nftables table is gone after it stops.
/// </summary>
public sealed class AcceptModeTests
{
    private static bool Ping(NetNs from, string ip) => from.Exec("ping", "-c", "1", "-W", "1", ip).Code == 0;

    private static string Tables(NetNs ns) => ns.Exec("nft", "list", "tables").Stdout;

    [SkippableFact]
    public void A_no_accept_master_refuses_traffic_to_its_vip_an_accept_one_does_not_and_nothing_is_left_at_exit()
    {
        LabRequirements.RequireNamespaces();
        using var lab = BridgeLab.Create(1);
        var strict = new VrrpInstanceSpec { Name = "VI_1", Vrid = 51, Priority = 150, Vips = ["10.200.0.251/24"] };
        var open = new VrrpInstanceSpec { Name = "VI_2", Vrid = 52, Priority = 150, Vips = ["10.200.0.252/24"] };
        string config = VrrpInstanceSpec.File([strict, open]).Replace("    virtual_router_id 51\n", "    virtual_router_id 51\n    no_accept\n")
            .Replace("    virtual_router_id 52\n", "    virtual_router_id 52\n    accept\n");
        Assert.Contains("no_accept", config);
        var r1 = lab.Own(DaemonProcess.Start(lab.Routers[0], lab.Directory, "r1", config));
        string Why() => RouterLabExtensions.Diagnostics(lab, r1) + "\n" + lab.Routers[0].Exec("nft", "list", "ruleset").Stdout;
        Poll.Require(() => r1.State("VI_1") == "MASTER" && r1.State("VI_2") == "MASTER", TimeSpan.FromSeconds(10), "both masters", Why);
        Poll.Require(() => lab.Routers[0].HasVip("10.200.0.251") && lab.Routers[0].HasVip("10.200.0.252"), TimeSpan.FromSeconds(5), "both VIPs held", Why);

        Assert.False(Ping(lab.Client, "10.200.0.251"), $"the no_accept VIP answered a ping:\n{Why()}");
        Assert.True(Ping(lab.Client, "10.200.0.252"), $"the accept VIP did not answer:\n{Why()}");
        Assert.True(Ping(lab.Client, BridgeLab.RouterV4(1)), "the router's own address is filtered");
        // The master still answers ARP for the filtered VIP (the client learned its MAC).
        Assert.Contains("lladdr", lab.Client.Ip("neigh", "show", "10.200.0.251"));
        Assert.Contains("appliance_", Tables(lab.Routers[0]));
        Assert.Contains("accept mode off: 1 VIP(s) refused local delivery", r1.Output);

        r1.Signal(15);
        Assert.True(r1.WaitForExit(TimeSpan.FromSeconds(10)), "the daemon did not stop");
        Assert.DoesNotContain("appliance_", Tables(lab.Routers[0]));
    }
}
