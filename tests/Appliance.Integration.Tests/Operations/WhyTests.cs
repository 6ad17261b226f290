using System.Runtime.Versioning;
using Appliance.Integration.Tests.Daemon;
using Appliance.Testing.Lab;

namespace Appliance.Integration.Tests.Operations;

/// <summary>
/// <c>appliance why</c> after real failovers: two of our daemons on a bridge (VRRPv3, 200 ms adverts),
/// the recorder read from each router's namespace by the verb itself, with and without a daemon.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class WhyTests
{
    private const string Vip = "10.200.0.254";
    private static readonly TimeSpan s_settle = TimeSpan.FromSeconds(15);

    private static VrrpInstanceSpec Spec(int priority) => new() { Priority = priority, AdvertInt = 0.2 };

    [SkippableFact]
    public void Why_names_the_peer_and_its_priority_for_each_failover_and_keeps_history_across_sigkill_and_restart()
    {
        LabRequirements.RequireNamespaces();
        using var lab = BridgeLab.Create(2);
        // A namespace's inode, and so its default recorder file, can be one a deleted namespace of
        // an earlier test had: start from an empty history, so counting lines counts this test's.
        OpsLab.DeleteRecorders(lab);
        try
        {
            string r1Ip = BridgeLab.RouterV4(1);
            var r1 = lab.StartRouter(1, Spec(150));
            var r2 = lab.StartRouter(2, Spec(100));
            lab.RequireOnlyMaster(1, Vip, s_settle, r1, r2);

            // The master is killed: the backup's Master_Down_Timer fires, naming the silent master.
            r1.Signal(9);
            // (SIGKILL leaves r1's VIP behind until it starts again and cleans up.)
            Poll.Require(() => lab.Routers[1].HasVip(Vip), s_settle, "r2 to take the VIP", () => RouterLabExtensions.Diagnostics(lab, r2));
            Poll.Require(() => OpsLab.Why(lab.Routers[1]).Contains($"VI_1 BACKUP->MASTER Master_Down_Interval expired: no advert from {r1Ip} (priority 150) for "),
                s_settle, "r2's why to name r1 and its priority", () => OpsLab.Why(lab.Routers[1]));

            // SIGKILL: the dead daemon's recorder still answers, with no daemon running.
            Assert.True(r1.WaitForExit(TimeSpan.FromSeconds(5)));
            var beforeRestart = OpsLab.Lines(OpsLab.Why(lab.Routers[0], "VI_1"));
            Assert.Contains(beforeRestart, l => l.Contains("VI_1 INIT->BACKUP start-up (priority 150)"));
            Assert.Contains(beforeRestart, l => l.Contains("VI_1 BACKUP->MASTER"));

            // Restarted, r1 preempts; r2 names the higher-priority peer; r1's earlier life is still listed.
            var r1b = lab.StartRouter(1, Spec(150));
            lab.RequireOnlyMaster(1, Vip, s_settle, r1b, r2);
            Poll.Require(() => OpsLab.Why(lab.Routers[1]).Contains($"VI_1 MASTER->BACKUP higher priority 150 from {r1Ip} (ours 100)"),
                s_settle, "r2's why to name the preempting r1", () => OpsLab.Why(lab.Routers[1]));
            Poll.Require(() => OpsLab.Lines(OpsLab.Why(lab.Routers[0])).Length >= beforeRestart.Length + 2, s_settle, "r1's new life recorded",
                () => "before:\n" + string.Join('\n', beforeRestart) + "\nnow:\n" + OpsLab.Why(lab.Routers[0]) + RouterLabExtensions.Diagnostics(lab, r1b));
            var afterRestart = OpsLab.Lines(OpsLab.Why(lab.Routers[0]));
            Assert.Contains(afterRestart, l => l.Contains("preempted lower priority 100 from " + BridgeLab.RouterV4(2)));
            // The lines of the killed daemon come after (older than) the new ones, unchanged.
            Assert.Equal(beforeRestart, afterRestart[^beforeRestart.Length..]);

            // SIGTERM: the master resigns with priority 0 and r2 says so; r1 records its shutdown.
            r1b.Signal(15);
            Assert.True(r1b.WaitForExit(TimeSpan.FromSeconds(10)));
            lab.RequireOnlyMaster(2, Vip, s_settle, r2);
            Poll.Require(() => OpsLab.Why(lab.Routers[1], "VI_1").Contains($"VI_1 BACKUP->MASTER priority 0 from {r1Ip}: the master resigned"),
                s_settle, "r2's why to name r1's priority 0", () => OpsLab.Why(lab.Routers[1]));
            var stopped = OpsLab.Lines(OpsLab.Why(lab.Routers[0]));
            Assert.Contains("VI_1 MASTER->INIT SIGTERM/SIGINT: daemon shutting down", stopped[0]);

            // Stopped and started again: everything so far is still there.
            var r1c = lab.StartRouter(1, Spec(150));
            lab.RequireOnlyMaster(1, Vip, s_settle, r1c, r2);
            var again = OpsLab.Lines(OpsLab.Why(lab.Routers[0]));
            Assert.Equal(stopped, again[^stopped.Length..]);
        }
        finally
        {
            OpsLab.DeleteRecorders(lab);
        }
    }

    [SkippableFact]
    public void Why_names_the_vrrp_script_that_moved_mastership_and_its_weight()
    {
        LabRequirements.RequireNamespaces();
        using var lab = BridgeLab.Create(2);
        OpsLab.DeleteRecorders(lab); // no history from an earlier namespace with the same inode
        try
        {
            string flag = Path.Combine(lab.Directory, $"fail-{Guid.NewGuid():N}");
            string script = Path.Combine(lab.Directory, $"check-{Guid.NewGuid():N}.sh");
            File.WriteAllText(script, $"#!/bin/sh\ntest ! -e {flag}\n");
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            string file = VrrpInstanceSpec.File([Spec(150)]);
            int end = file.LastIndexOf('}');
            string config = file[..end] + "    track_script {\n        chk_app\n    }\n}\n";
            config = config.Replace("vrrp_instance", $"vrrp_script chk_app {{\n    script \"{script}\"\n    interval 1\n    weight -100\n    fall 1\n}}\nvrrp_instance");
            var r1 = lab.Own(DaemonProcess.Start(lab.Routers[0], lab.Directory, $"r1-{Guid.NewGuid():N}"[..11], config));
            var r2 = lab.StartRouter(2, Spec(100));
            lab.RequireOnlyMaster(1, Vip, s_settle, r1, r2);

            File.WriteAllText(flag, "");
            lab.RequireOnlyMaster(2, Vip, s_settle, r1, r2);
            string r2Ip = BridgeLab.RouterV4(2);
            Poll.Require(() => OpsLab.Why(lab.Routers[0]).Contains($"VI_1 MASTER->BACKUP higher priority 100 from {r2Ip} (ours 50, configured 150)"),
                s_settle, "r1's why to name r2's advert", () => OpsLab.Why(lab.Routers[0]));
            var lines = OpsLab.Lines(OpsLab.Why(lab.Routers[0], "VI_1"));
            int move = Array.FindIndex(lines, l => l.Contains("MASTER->BACKUP"));
            int tracker = Array.FindIndex(lines, l => l.Contains("VI_1 priority 150 -> 50: vrrp_script chk_app failed (weight -100)"));
            Assert.True(tracker > move, "the tracker's priority move is listed, just before (older than) the transition it caused:\n" + string.Join('\n', lines));
        }
        finally
        {
            OpsLab.DeleteRecorders(lab);
        }
    }
}
