using Appliance.Integration.Tests.Daemon;
using Appliance.Testing.Lab;

namespace Appliance.Integration.Tests.Loop;

/// <summary>keepalived starts an instance whose interface is missing in FAULT; so do we, and it recovers when the interface appears.</summary>
public sealed class MissingInterfaceTests
{
    [SkippableFact]
    public void Instance_whose_interface_is_missing_starts_in_fault_and_becomes_master_when_the_interface_appears()
    {
        LabRequirements.RequireNamespaces();
        using var lab = BridgeLab.Create(1);
        var vi1 = new VrrpInstanceSpec { Name = "VI_1", Vrid = 51, Priority = 150, AdvertInt = 0.1, Vips = ["10.200.0.251/24"] };
        var vi2 = new VrrpInstanceSpec { Name = "VI_2", Vrid = 52, Priority = 150, AdvertInt = 0.1, Interface = "eth1", Vips = ["10.201.0.252/24"] };
        var r1 = lab.StartRouter(1, vi1, vi2);
        string Why() => RouterLabExtensions.Diagnostics(lab, r1);
        Poll.Require(() => r1.State("VI_1") == "MASTER" && r1.State("VI_2") == "FAULT", TimeSpan.FromSeconds(10), "VI_1 master, VI_2 in FAULT", Why);
        Poll.Require(() => r1.Output.Contains("interface 'eth1' does not exist; the instance stays in FAULT", StringComparison.Ordinal), TimeSpan.FromSeconds(5), "the located warning", Why);

        var ns = lab.Routers[0];
        ns.Ip("link", "add", "eth1", "type", "veth", "peer", "name", "eth1p");
        ns.Ip("addr", "add", "10.201.0.11/24", "dev", "eth1");
        ns.Ip("link", "set", "eth1p", "up");
        ns.Ip("link", "set", "eth1", "up");
        Poll.Require(() => r1.State("VI_2") == "MASTER" && ns.HasVip("10.201.0.252"), TimeSpan.FromSeconds(10), "VI_2 master once eth1 is there", Why);
        Assert.True(r1.Field("VI_1", "became_master") == "1", $"VI_1 was disturbed:\n{Why()}");
    }
}
