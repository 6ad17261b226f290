using Appliance.Integration.Tests.Daemon;
using Appliance.Testing.Lab;

namespace Appliance.Integration.Tests.Loop;

/// <summary>Every consumer sees the new configuration: notify scripts of an instance a reload added run.</summary>
public sealed class ReloadNotifyTests
{
    [SkippableFact]
    public void Instance_added_by_a_reload_runs_its_notify_script()
    {
        LabRequirements.RequireNamespaces();
        using var lab = BridgeLab.Create(1);
        var vi1 = new VrrpInstanceSpec { Name = "VI_1", Vrid = 51, Priority = 150, AdvertInt = 0.1, Vips = ["10.200.0.251/24"] };
        var vi2 = new VrrpInstanceSpec { Name = "VI_2", Vrid = 52, Priority = 150, AdvertInt = 0.1, Vips = ["10.200.0.252/24"] };
        var r1 = lab.StartRouter(1, vi1);
        string Why() => RouterLabExtensions.Diagnostics(lab, r1);
        Poll.Require(() => r1.State("VI_1") == "MASTER", TimeSpan.FromSeconds(10), "VI_1 master", Why);

        string log = Path.Combine(lab.Directory, "notified.log");
        string script = Path.Combine(lab.Directory, "master.sh");
        File.WriteAllText(script, $"#!/bin/sh\necho \"master $*\" >> {log}\n");
        Shell.Run("chmod", "700", script);
        string conf = Directory.GetFiles(lab.Directory, "*.conf").Single();
        File.WriteAllText(conf, VrrpInstanceSpec.File([vi1, vi2]).Replace("    virtual_router_id 52\n", $"    virtual_router_id 52\n    notify_master {script}\n", StringComparison.Ordinal));
        r1.Signal(1);
        Poll.Require(() => r1.State("VI_2") == "MASTER", TimeSpan.FromSeconds(10), "VI_2 master", Why);
        Poll.Require(() => File.Exists(log) && File.ReadAllText(log).Contains("master", StringComparison.Ordinal), TimeSpan.FromSeconds(10), "VI_2's notify_master script ran", Why);
        Assert.True(r1.Field("VI_1", "became_master") == "1", $"VI_1 flapped:\n{Why()}");
    }
}
