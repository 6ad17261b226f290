using Appliance.Integration.Tests.Daemon;
using Appliance.Testing.Lab;

namespace Appliance.Integration.Tests.Loop;

/// <summary>A reload is prepared in full before anything running changes; a failed preparation is undone.</summary>
public sealed class ReloadTransactionTests
{
    [SkippableFact]
    public void Reload_whose_second_new_instance_cannot_be_provisioned_changes_nothing_and_names_file_and_line()
    {
        LabRequirements.RequireNamespaces();
        using var lab = BridgeLab.Create(1);
        var vi1 = new VrrpInstanceSpec { Name = "VI_1", Vrid = 51, Priority = 150, AdvertInt = 0.1, Vips = ["10.200.0.251/24"] };
        var vi2 = new VrrpInstanceSpec { Name = "VI_2", Vrid = 52, Priority = 150, AdvertInt = 0.1, Vips = ["10.200.0.252/24"], UseVmac = true };
        // VI_3's VMAC name is taken by the loopback interface, which is no macvlan.
        var vi3 = new VrrpInstanceSpec { Name = "VI_3", Vrid = 53, Priority = 150, AdvertInt = 0.1, Vips = ["10.200.0.253/24"], UseVmac = true };
        var r1 = lab.StartRouter(1, vi1);
        string Why() => RouterLabExtensions.Diagnostics(lab, r1);
        Poll.Require(() => r1.State("VI_1") == "MASTER", TimeSpan.FromSeconds(10), "VI_1 master", Why);
        string conf = Directory.GetFiles(lab.Directory, "*.conf").Single();
        int fds = LoopLab.OpenFds(r1.DaemonPid());

        File.WriteAllText(conf, VrrpInstanceSpec.File([vi1, vi2, vi3]).Replace("use_vmac\n    virtual_ipaddress {\n        10.200.0.253/24", "use_vmac lo\n    virtual_ipaddress {\n        10.200.0.253/24", StringComparison.Ordinal));
        Assert.Contains("use_vmac lo", File.ReadAllText(conf), StringComparison.Ordinal);
        int line = LoopLab.LineOf(conf, "vrrp_instance VI_3");
        r1.Signal(1);
        Poll.Require(() => r1.Value("reloads_refused") == 1, TimeSpan.FromSeconds(10), "the reload to be refused", Why);

        Poll.Require(() => r1.Output.Contains("reload refused, nothing changed", StringComparison.Ordinal), TimeSpan.FromSeconds(5), "the refusal logged", Why);
        Assert.True(r1.Output.Contains($"reload refused, nothing changed: {conf}:{line}:", StringComparison.Ordinal), $"the log does not name {conf}:{line}:\n{r1.Output}");
        Assert.False(lab.Routers[0].HasLink("vrrp.52"), $"VI_2's VMAC was left behind:\n{Why()}");
        Assert.True(r1.State("VI_1") == "MASTER" && r1.Field("VI_1", "became_master") == "1", $"VI_1 was touched:\n{Why()}");
        Assert.Null(r1.State("VI_2"));
        Assert.True(lab.Routers[0].HasVip("10.200.0.251"), $"VI_1 lost its VIP:\n{Why()}");
        Assert.Equal(0, r1.Value("reloads_applied"));
        Assert.Equal(fds, LoopLab.OpenFds(r1.DaemonPid()));

        // The same file without the collision applies: nothing was left half-done to get in the way.
        File.WriteAllText(conf, VrrpInstanceSpec.File([vi1, vi2]));
        r1.Signal(1);
        Poll.Require(() => r1.State("VI_2") == "MASTER" && lab.Routers[0].HasLink("vrrp.52"), TimeSpan.FromSeconds(10), "VI_2 master on its VMAC", Why);
        Assert.True(r1.Field("VI_1", "became_master") == "1", $"VI_1 flapped:\n{Why()}");
    }
}
