using System.Runtime.Versioning;
using Appliance.Integration.Tests.Daemon;
using Appliance.Testing.Lab;

namespace Appliance.Integration.Tests.Tracking;

/// <summary>
/// keepalived trackers and sync groups on a real kernel: two of our daemons on a bridge
/// (VRRPv3, 200 ms adverts), a vrrp_script whose verdict a test flips with a flag file, a
/// veth interface tracked by track_interface, a two-instance sync group.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class TrackerLabTests
{
    private const string Vip = "10.200.0.254";
    private const string Vip2 = "10.200.0.253";
    private static readonly TimeSpan s_settle = TimeSpan.FromSeconds(15);

    private static VrrpInstanceSpec Spec(int priority, string name = "VI_1", int vrid = 51, string vip = Vip + "/24") =>
        new() { Name = name, Vrid = vrid, Priority = priority, AdvertInt = 0.2, Vips = [vip] };

    /// <summary>A check script that fails while <c>flag</c> exists.</summary>
    private static string CheckScript(BridgeLab lab, string flag)
    {
        string path = Path.Combine(lab.Directory, $"check-{Guid.NewGuid():N}.sh");
        File.WriteAllText(path, $"#!/bin/sh\ntest ! -e {flag}\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private static string WithLines(VrrpInstanceSpec spec, params string[] lines)
    {
        string text = spec.Render();
        int end = text.LastIndexOf('}');
        return text[..end] + string.Concat(lines.Select(l => "    " + l + "\n")) + "}\n";
    }

    private static string Globals() => VrrpInstanceSpec.File([Spec(100)]).Split("vrrp_instance")[0];

    private static DaemonProcess Start(BridgeLab lab, int router, string config) =>
        lab.Own(DaemonProcess.Start(lab.Routers[router - 1], lab.Directory, $"r{router}-{Guid.NewGuid():N}"[..11], config));

    [SkippableFact]
    public void Failing_vrrp_script_lowers_the_priority_and_moves_mastership_and_restoring_it_moves_it_back_after_rise()
    {
        LabRequirements.RequireNamespaces();
        using var lab = BridgeLab.Create(2);
        string flag = Path.Combine(lab.Directory, $"fail-{Guid.NewGuid():N}");
        string script = CheckScript(lab, flag);
        string config = Globals() +
            $"vrrp_script chk_app {{\n    script \"{script}\"\n    interval 1\n    weight -100\n    rise 2\n    fall 1\n}}\n" +
            WithLines(Spec(150), "track_script {", "    chk_app", "}");
        var r1 = Start(lab, 1, config);
        var r2 = lab.StartRouter(2, Spec(100));
        lab.RequireOnlyMaster(1, Vip, s_settle, r1, r2);
        Poll.Require(() => r1.Field("VI_1", "effective_priority") == "150", s_settle, "r1 at effective priority 150", () => RouterLabExtensions.Diagnostics(lab, r1));

        File.WriteAllText(flag, "");
        lab.RequireOnlyMaster(2, Vip, s_settle, r1, r2);
        Poll.Require(() => r1.Field("VI_1", "effective_priority") == "50" && r1.Field("VI_1", "moved_by") == "chk_app" && r1.Field("VI_1", "base_priority") == "150",
            s_settle, "r1's status: base 150, effective 50, moved by chk_app", () => RouterLabExtensions.Diagnostics(lab, r1));
        Assert.Contains("VRRP_Script(chk_app) failed", r1.Output);

        File.Delete(flag);
        lab.RequireOnlyMaster(1, Vip, s_settle, r1, r2);
        Assert.Contains("VRRP_Script(chk_app) succeeded", r1.Output);
        // rise 2: the verdict flips on the second success after the failure, not the first.
        Poll.Require(() => r1.Field("VI_1", "effective_priority") == "150", s_settle, "r1 back at 150");
    }

    [SkippableFact]
    public void An_instance_added_by_reload_gets_its_trackers_and_a_running_script_keeps_its_verdict()
    {
        LabRequirements.RequireNamespaces();
        using var lab = BridgeLab.Create(1);
        string flag = Path.Combine(lab.Directory, $"fail-{Guid.NewGuid():N}");
        string script = CheckScript(lab, flag);
        string scriptBlock = $"vrrp_script chk_app {{\n    script \"{script}\"\n    interval 1\n    weight -100\n}}\n";
        var vi1 = WithLines(Spec(150), "track_script {", "    chk_app", "}");
        File.WriteAllText(flag, "");
        var r1 = Start(lab, 1, Globals() + scriptBlock + vi1);
        string Why() => RouterLabExtensions.Diagnostics(lab, r1);
        Poll.Require(() => r1.Field("VI_1", "effective_priority") == "50" && r1.State("VI_1") == "MASTER", s_settle, "VI_1 master, lowered by the failing script", Why);
        string masterCount = r1.Field("VI_1", "became_master")!;

        // VI_2 is new and tracks the same (failing) script and an interface that is down.
        string conf = Directory.GetFiles(lab.Directory, "r1-*.conf").Single();
        TrackedLink(lab.Routers[0]);
        lab.Routers[0].Ip("link", "set", "trk0", "down");
        var vi2 = WithLines(Spec(120, "VI_2", 52, Vip2 + "/24"), "track_script {", "    chk_app weight -30", "}");
        var vi3 = WithLines(Spec(110, "VI_3", 53, "10.200.0.252/24"), "track_interface {", "    trk0", "}");
        File.WriteAllText(conf, Globals() + scriptBlock + vi1 + vi2 + vi3);
        r1.Signal(1);
        Poll.Require(() => r1.Output.Contains("reload done", StringComparison.Ordinal), s_settle, "the reload", Why);
        Poll.Require(() => r1.Field("VI_2", "effective_priority") == "90" && r1.Field("VI_2", "moved_by") == "chk_app", s_settle,
            "VI_2 (base 120) lowered by 30 by the script that was already failing", Why);
        Poll.Require(() => r1.State("VI_3") == "FAULT", s_settle, "VI_3 in FAULT: its tracked interface is down", Why);
        // The unchanged instance did not flap: its script kept its verdict across the reload.
        Assert.Equal("50", r1.Field("VI_1", "effective_priority"));
        Assert.Equal(masterCount, r1.Field("VI_1", "became_master"));

        File.Delete(flag);
        lab.Routers[0].Ip("link", "set", "trk0", "up");
        Poll.Require(() => r1.Field("VI_1", "effective_priority") == "150" && r1.Field("VI_2", "effective_priority") == "120" && r1.State("VI_3") == "MASTER",
            s_settle, "every tracker of the reloaded set back to good", Why);
    }

    // A veth pair inside the router (the dummy driver may be missing): trk0 runs while both ends are up.
    private static void TrackedLink(NetNs ns)
    {
        ns.Ip("link", "add", "trk0", "type", "veth", "peer", "name", "trk1");
        ns.Ip("link", "set", "trk1", "up");
        ns.Ip("link", "set", "trk0", "up");
    }

    [SkippableFact]
    public void Track_interface_at_weight_0_goes_to_fault_on_link_down_and_recovers_on_link_up()
    {
        LabRequirements.RequireNamespaces();
        using var lab = BridgeLab.Create(2);
        var ns = lab.Routers[0];
        TrackedLink(ns);
        var r1 = Start(lab, 1, Globals() + WithLines(Spec(150), "track_interface {", "    trk0", "}"));
        var r2 = lab.StartRouter(2, Spec(100));
        lab.RequireOnlyMaster(1, Vip, s_settle, r1, r2);

        ns.Ip("link", "set", "trk0", "down");
        lab.RequireOnlyMaster(2, Vip, s_settle, r1, r2);
        Poll.Require(() => r1.State() == "FAULT" && r1.Field("VI_1", "moved_by") == "trk0", s_settle, "r1 in FAULT, moved by trk0", () => RouterLabExtensions.Diagnostics(lab, r1));

        ns.Ip("link", "set", "trk0", "up");
        lab.RequireOnlyMaster(1, Vip, s_settle, r1, r2);
        Poll.Require(() => r1.State() == "MASTER", s_settle, "r1 MASTER again");
    }

    [SkippableFact]
    public void Track_interface_with_a_weight_changes_the_priority_on_link_down_and_back_on_link_up()
    {
        LabRequirements.RequireNamespaces();
        using var lab = BridgeLab.Create(2);
        var ns = lab.Routers[0];
        TrackedLink(ns);
        var r1 = Start(lab, 1, Globals() + WithLines(Spec(150), "track_interface {", "    trk0 weight -60", "}"));
        var r2 = lab.StartRouter(2, Spec(100));
        lab.RequireOnlyMaster(1, Vip, s_settle, r1, r2);

        ns.Ip("link", "set", "trk0", "down");
        lab.RequireOnlyMaster(2, Vip, s_settle, r1, r2);
        Poll.Require(() => r1.State() == "BACKUP" && r1.Field("VI_1", "effective_priority") == "90", s_settle, "r1 BACKUP at 90 (not FAULT)", () => RouterLabExtensions.Diagnostics(lab, r1));

        ns.Ip("link", "set", "trk0", "up");
        lab.RequireOnlyMaster(1, Vip, s_settle, r1, r2);
        Assert.Equal("150", r1.Field("VI_1", "effective_priority"));
    }

    [SkippableFact]
    public void Two_instance_sync_group_fails_over_together_when_one_members_tracker_fails()
    {
        LabRequirements.RequireNamespaces();
        using var lab = BridgeLab.Create(2);
        string flag = Path.Combine(lab.Directory, $"fail-{Guid.NewGuid():N}");
        string script = CheckScript(lab, flag);
        string notifyLog = Path.Combine(lab.Directory, $"group-{Guid.NewGuid():N}.log");
        string notify = Path.Combine(lab.Directory, $"notify-{Guid.NewGuid():N}.sh");
        File.WriteAllText(notify, $"#!/bin/sh\necho \"$@\" >> {notifyLog}\n");
        File.SetUnixFileMode(notify, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        string group = "vrrp_sync_group VG_1 {\n    group {\n        VI_1\n        VI_2\n    }\n" + $"    notify \"{notify}\"\n}}\n";
        string r1Config = Globals() + group +
            $"vrrp_script chk_app {{\n    script \"{script}\"\n    interval 1\n    weight -100\n}}\n" +
            WithLines(Spec(150), "track_script {", "    chk_app", "}") +
            Spec(150, "VI_2", 52, Vip2 + "/24").Render();
        string r2Config = Globals() + group.Replace($"    notify \"{notify}\"\n", "", StringComparison.Ordinal) +
            Spec(100).Render() + Spec(100, "VI_2", 52, Vip2 + "/24").Render();
        var r1 = Start(lab, 1, r1Config);
        var r2 = Start(lab, 2, r2Config);
        lab.RequireOnlyMaster(1, Vip, s_settle, r1, r2);
        lab.RequireOnlyMaster(1, Vip2, s_settle, r1, r2);
        Poll.Require(() => File.Exists(notifyLog) && File.ReadAllText(notifyLog).Contains("GROUP VG_1 MASTER 0", StringComparison.Ordinal),
            s_settle, "the group notify script called with GROUP VG_1 MASTER 0", () => File.Exists(notifyLog) ? File.ReadAllText(notifyLog) : "(no log)");

        // Only VI_1 tracks the script; in a sync group without sync_group_tracking_weight its
        // weight acts as 0, so VI_1 faults and takes VI_2 with it.
        File.WriteAllText(flag, "");
        lab.RequireOnlyMaster(2, Vip, s_settle, r1, r2);
        lab.RequireOnlyMaster(2, Vip2, s_settle, r1, r2);
        Poll.Require(() => r1.State("VI_1") == "FAULT" && r1.State("VI_2") == "FAULT", s_settle, "both of r1's members in FAULT", () => RouterLabExtensions.Diagnostics(lab, r1, r2));
        Poll.Require(() => File.ReadAllText(notifyLog).Contains("GROUP VG_1 FAULT 0", StringComparison.Ordinal), s_settle, "GROUP VG_1 FAULT 0 notified");

        File.Delete(flag);
        lab.RequireOnlyMaster(1, Vip, s_settle, r1, r2);
        lab.RequireOnlyMaster(1, Vip2, s_settle, r1, r2);
        Assert.Contains("VRRP_Group(VG_1) Syncing instances to MASTER state", r2.Output + r1.Output);
    }

    [SkippableFact]
    public void Track_file_value_times_weight_moves_the_priority_and_a_rewrite_moves_it_back()
    {
        LabRequirements.RequireNamespaces();
        using var lab = BridgeLab.Create(2);
        string file = Path.Combine(lab.Directory, $"prio-{Guid.NewGuid():N}");
        string config = Globals() +
            $"track_file prio_file {{\n    file \"{file}\"\n    weight 10\n    init_file 0\n}}\n" +
            WithLines(Spec(150), "track_file {", "    prio_file", "}");
        var r1 = Start(lab, 1, config);
        var r2 = lab.StartRouter(2, Spec(100));
        lab.RequireOnlyMaster(1, Vip, s_settle, r1, r2);
        Assert.Equal("0\n", File.ReadAllText(file)); // init_file created it

        // Written the way operators do it: a temporary file renamed over the tracked one.
        File.WriteAllText(file + ".tmp", "-6\n");
        File.Move(file + ".tmp", file, overwrite: true);
        lab.RequireOnlyMaster(2, Vip, s_settle, r1, r2);
        Poll.Require(() => r1.Field("VI_1", "effective_priority") == "90" && r1.Field("VI_1", "moved_by") == "prio_file",
            s_settle, "r1 at 150 + (-6 × 10) = 90, moved by prio_file", () => RouterLabExtensions.Diagnostics(lab, r1));

        File.WriteAllText(file, "0\n");
        lab.RequireOnlyMaster(1, Vip, s_settle, r1, r2);
    }
}
