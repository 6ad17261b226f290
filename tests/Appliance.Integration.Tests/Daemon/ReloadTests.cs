using Appliance.Testing.Lab;

namespace Appliance.Integration.Tests.Daemon;

public sealed class ReloadTests
{
    [SkippableFact]
    public void Sighup_keeps_unchanged_masters_restarts_changed_instances_and_starts_new_ones_and_ignores_a_broken_file()
    {
        LabRequirements.RequireNamespaces();
        using var lab = BridgeLab.Create(1);
        var vi1 = new VrrpInstanceSpec { Name = "VI_1", Vrid = 51, Priority = 150, AdvertInt = 0.2, Vips = ["10.200.0.251/24"] };
        var vi2 = new VrrpInstanceSpec { Name = "VI_2", Vrid = 52, Priority = 150, AdvertInt = 0.2, Vips = ["10.200.0.252/24"] };
        var vi3 = new VrrpInstanceSpec { Name = "VI_3", Vrid = 53, Priority = 150, AdvertInt = 0.2, Vips = ["10.200.0.253/24"] };
        var r1 = lab.StartRouter(1, vi1, vi2);
        Poll.Require(() => r1.State("VI_1") == "MASTER" && r1.State("VI_2") == "MASTER", TimeSpan.FromSeconds(10), "both instances master", () => r1.Output);
        string conf = Directory.GetFiles(lab.Directory, "*.conf").Single();

        // A broken file: nothing changes.
        File.WriteAllText(conf, "vrrp_instance {");
        r1.Signal(1);
        Poll.Require(() => r1.Output.Contains("keeping the running one", StringComparison.Ordinal), TimeSpan.FromSeconds(5), "the reload to be refused", () => r1.Output);
        Assert.True(r1.State("VI_1") == "MASTER", $"VI_1 left MASTER after a refused reload:\n{RouterLabExtensions.Diagnostics(lab, r1)}");

        // VI_1 unchanged, VI_2 gets a new VIP, VI_3 is new.
        File.WriteAllText(conf, VrrpInstanceSpec.File([vi1, vi2 with { Vips = ["10.200.0.242/24"] }, vi3]));
        r1.Signal(1);
        Poll.Require(() => r1.State("VI_3") == "MASTER" && r1.State("VI_2") == "MASTER" && lab.Routers[0].HasVip("10.200.0.242"),
            TimeSpan.FromSeconds(10), "VI_2 re-elected with its new VIP and VI_3 master", () => r1.Output);
        string Why() => RouterLabExtensions.Diagnostics(lab, r1);
        Assert.True(r1.Field("VI_1", "became_master") == "1", $"VI_1 flapped during the reload:\n{Why()}");
        Assert.True(lab.Routers[0].HasVip("10.200.0.251"), $"VI_1 kept its VIP throughout:\n{Why()}");
        Assert.False(lab.Routers[0].HasVip("10.200.0.252"), $"VI_2's old VIP is gone:\n{Why()}");
        Poll.Require(() => r1.Output.Contains("1 instance(s) unchanged, 1 stopped, 2 started", StringComparison.Ordinal), TimeSpan.FromSeconds(2), "the reload summary", Why);
    }
}
