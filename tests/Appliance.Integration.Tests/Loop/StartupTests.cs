using Appliance.Integration.Tests.Daemon;
using Appliance.Testing.Lab;

namespace Appliance.Integration.Tests.Loop;

/// <summary>Start-up: one daemon per namespace and file, and a failed start leaves nothing behind.</summary>
public sealed class StartupTests
{
    [SkippableFact]
    public void Second_daemon_on_the_same_file_in_the_namespace_exits_naming_the_first_and_touches_nothing()
    {
        LabRequirements.RequireNamespaces();
        using var lab = BridgeLab.Create(1);
        var vi1 = new VrrpInstanceSpec { Name = "VI_1", Vrid = 51, Priority = 150, AdvertInt = 0.1, Vips = ["10.200.0.251/24"] };
        var r1 = lab.StartRouter(1, vi1);
        string Why() => RouterLabExtensions.Diagnostics(lab, r1);
        Poll.Require(() => r1.State("VI_1") == "MASTER" && lab.Routers[0].HasVip("10.200.0.251"), TimeSpan.FromSeconds(10), "VI_1 master", Why);
        string conf = Directory.GetFiles(lab.Directory, "*.conf").Single();
        string pidBefore = File.ReadAllText(r1.PidFile);
        long writes = r1.Value("status_writes") ?? 0;

        var cmd = DaemonBinary.Command;
        using var second = lab.Routers[0].Start(cmd[0], [.. cmd[1..], "run", "-f", conf, "-p", r1.PidFile, "--status-file", r1.StatusFile]);
        Assert.True(second.WaitForExit(TimeSpan.FromSeconds(20)), "the second daemon kept running:\n" + second.Output);
        Assert.NotEqual(0, second.ExitCode);
        Assert.True(second.Output.Contains($"pid {r1.DaemonPid()}", StringComparison.Ordinal), "the refusal does not name the holder:\n" + second.Output);

        Assert.Equal(pidBefore, File.ReadAllText(r1.PidFile));
        Assert.True(lab.Routers[0].HasVip("10.200.0.251"), $"the first daemon lost its VIP:\n{Why()}");
        Poll.Require(() => r1.Value("status_writes") > writes + 2, TimeSpan.FromSeconds(5), "the first daemon's status file still its own", Why);
        Assert.True(r1.Field("VI_1", "became_master") == "1", $"VI_1 flapped:\n{Why()}");
    }

    [SkippableFact]
    public void Start_up_failure_after_a_vmac_was_created_deletes_the_vmac()
    {
        LabRequirements.RequireNamespaces();
        using var lab = BridgeLab.Create(1);
        var vi1 = new VrrpInstanceSpec { Name = "VI_1", Vrid = 51, Priority = 150, Vips = ["10.200.0.251/24"], UseVmac = true };
        var vi2 = new VrrpInstanceSpec { Name = "VI_2", Vrid = 52, Priority = 150, Vips = ["10.200.0.252/24"], UseVmac = true };
        string conf = Path.Combine(lab.Directory, "fail.conf");
        File.WriteAllText(conf, VrrpInstanceSpec.File([vi1, vi2]).Replace("use_vmac\n    virtual_ipaddress {\n        10.200.0.252/24", "use_vmac lo\n    virtual_ipaddress {\n        10.200.0.252/24", StringComparison.Ordinal));
        var cmd = DaemonBinary.Command;
        using var p = lab.Routers[0].Start(cmd[0], [.. cmd[1..], "run", "-f", conf, "-p", Path.Combine(lab.Directory, "fail.pid"), "--status-file", Path.Combine(lab.Directory, "fail.status")]);
        Assert.True(p.WaitForExit(TimeSpan.FromSeconds(20)), p.Output);
        Assert.NotEqual(0, p.ExitCode);
        Assert.Contains("creating VMAC interface lo failed", p.Output, StringComparison.Ordinal);
        Assert.False(lab.Routers[0].HasLink("vrrp.51"), "VI_1's VMAC was left behind:\n" + p.Output);
        Assert.False(File.Exists(Path.Combine(lab.Directory, "fail.pid")), "a pid file was left behind");
    }

    [SkippableFact]
    public void Unwritable_pid_file_is_a_start_up_error_sentence_and_leaves_no_vmac()
    {
        LabRequirements.RequireNamespaces();
        using var lab = BridgeLab.Create(1);
        var vi1 = new VrrpInstanceSpec { Name = "VI_1", Vrid = 51, Priority = 150, Vips = ["10.200.0.251/24"], UseVmac = true };
        string conf = Path.Combine(lab.Directory, "pid.conf");
        File.WriteAllText(conf, VrrpInstanceSpec.File([vi1]));
        var cmd = DaemonBinary.Command;
        using var p = lab.Routers[0].Start(cmd[0], [.. cmd[1..], "run", "-f", conf, "-p", "/proc/appliance-test/x.pid", "--status-file", Path.Combine(lab.Directory, "pid.status")]);
        Assert.True(p.WaitForExit(TimeSpan.FromSeconds(20)), p.Output);
        Assert.NotEqual(0, p.ExitCode);
        Assert.Contains("cannot write the pid file /proc/appliance-test/x.pid", p.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", p.Output, StringComparison.Ordinal);
        Assert.False(lab.Routers[0].HasLink("vrrp.51"), "the VMAC was left behind:\n" + p.Output);
    }
}
