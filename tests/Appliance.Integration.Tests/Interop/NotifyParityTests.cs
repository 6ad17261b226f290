using Appliance.Integration.Tests.Daemon;
using Appliance.Testing.Lab;
using Xunit.Abstractions;

namespace Appliance.Integration.Tests.Interop;

/// <summary>
/// Notify side by side: one scenario, run twice with the same configuration and the same peer,
/// first with keepalived 2.2.7 as the router under test (r1), then with our daemon. Each run
/// records what its notify scripts were called with and what it wrote to its notify FIFO, and the
/// two records must be equal line by line.
/// Scenario: the peer (our daemon, priority 150) is master; the router under test (priority 100)
/// starts as backup; the peer stops (SIGTERM) and it becomes master; the peer returns and it goes
/// back to backup; its weight-0 vrrp_script fails (FAULT) and recovers (backup); it stops.
/// Recorded separately, because keepalived forks the state's own script and the generic one
/// without waiting, so their order inside one event is not fixed: the generic "notify" script's
/// arguments ($1..$4: TYPE NAME STATE PRIORITY), the notify_master/backup/fault/stop scripts' calls,
/// and the FIFO lines. Normalised: nothing in the lines; only the scratch directory in the
/// configuration differs between the runs. The script's timeout is 5 s (not the interval) so
/// that a slow spawn on a loaded test machine is not a failure in one run only.
/// What this found: our daemon reported FAULT then BACKUP at start (a weight-0 script without a
/// first verdict held it in FAULT); keepalived stays silently in INIT until the verdict and reports
/// BACKUP only. Fixed: the instance's start waits for that verdict (TrackingRuntime.DeferStart).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class NotifyParityTests(ITestOutputHelper output)
{
    private const string Vip = "10.200.0.254";
    private static readonly TimeSpan s_settle = TimeSpan.FromSeconds(20);

    private sealed record Record(List<string> Generic, List<string> States, List<string> Fifo);

    [SkippableFact]
    public void Keepalived_and_ours_call_notify_scripts_and_write_the_fifo_alike()
    {
        LabRequirements.RequireNamespaces();
        LabRequirements.RequireTool("keepalived", "keepalived");
        var ka = Run(keepalived: true);
        var ours = Run(keepalived: false);
        foreach (var (what, a, b) in new[] { ("notify", ka.Generic, ours.Generic), ("notify_<state>", ka.States, ours.States), ("notify_fifo", ka.Fifo, ours.Fifo) })
        {
            output.WriteLine($"--- {what}: keepalived | ours");
            for (int i = 0; i < Math.Max(a.Count, b.Count); i++)
                output.WriteLine($"{(i < a.Count ? a[i] : "-"),-30} | {(i < b.Count ? b[i] : "-")}");
        }
        Assert.Equal(ka.States, ours.States);
        Assert.Equal(ka.Generic, ours.Generic);
        Assert.Equal(ka.Fifo, ours.Fifo);
    }

    private static string Script(string dir, string name, string body)
    {
        string path = Path.Combine(dir, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private static List<string> Lines(string path) => File.Exists(path) ? [.. File.ReadAllLines(path)] : [];

    private Record Run(bool keepalived)
    {
        using var lab = BridgeLab.Create(2);
        string dir = lab.Directory;
        string generic = Path.Combine(dir, "generic.log"), states = Path.Combine(dir, "states.log"), flag = Path.Combine(dir, "fail");
        string notify = Script(dir, "notify.sh", $"echo \"$*\" >> {generic}");
        string state = Script(dir, "state.sh", $"echo \"$1\" >> {states}");
        string check = Script(dir, "check.sh", $"test ! -e {flag}");
        string fifo = Path.Combine(dir, "notify.fifo");
        Shell.Run("mkfifo", "-m", "600", fifo);
        var fifoReader = lab.Own(LabProcess.Start(["cat", fifo]));

        string config = $$"""
            global_defs {
                router_id lab
                vrrp_version 3
                vrrp_garp_master_delay 1
                vrrp_garp_master_repeat 2
                script_user root
                notify_fifo {{fifo}}
            }
            vrrp_script chk {
                script "{{check}}"
                interval 1
                timeout 5
                weight 0
                rise 1
                fall 1
            }
            vrrp_instance VI_1 {
                state BACKUP
                interface eth0
                virtual_router_id 51
                priority 100
                advert_int 0.2
                version 3
                track_script {
                    chk
                }
                notify {{notify}}
                notify_master "{{state}} MASTER"
                notify_backup "{{state}} BACKUP"
                notify_fault "{{state}} FAULT"
                notify_stop "{{state}} STOP"
                virtual_ipaddress {
                    {{Vip}}/24
                }
            }
            """;
        var peerSpec = new VrrpInstanceSpec { Priority = 150, AdvertInt = 0.2, Vips = [Vip + "/24"] };
        var peer = lab.StartRouter(2, peerSpec);
        lab.RequireOnlyMaster(2, Vip, s_settle, peer);

        KeepalivedProcess? k = null;
        DaemonProcess? d = null;
        if (keepalived) k = lab.Own(KeepalivedProcess.Start(lab.Routers[0], dir, "ka", config));
        else d = lab.Own(DaemonProcess.Start(lab.Routers[0], dir, "ours", config));
        string Diag() => $"states:\n{string.Join('\n', Lines(states))}\ngeneric:\n{string.Join('\n', Lines(generic))}\nfifo:\n{fifoReader.Output}\n" +
            (k?.Output ?? d?.Output ?? "");
        void Step(int count, string what) =>
            Poll.Require(() => Lines(states).Count >= count, s_settle, $"{(keepalived ? "keepalived" : "ours")}: {what}", Diag);

        Step(1, "backup at start");
        peer.Signal(15);
        Assert.True(peer.WaitForExit(TimeSpan.FromSeconds(10)));
        Poll.Require(() => lab.Routers[0].HasVip(Vip), s_settle, "takeover", Diag);
        Step(2, "master after the peer stopped");
        var peer2 = lab.StartRouter(2, peerSpec);
        lab.RequireOnlyMaster(2, Vip, s_settle, peer2);
        Step(3, "backup after the peer returned");
        File.WriteAllText(flag, "");
        Step(4, "fault while the script fails");
        File.Delete(flag);
        Step(5, "backup once the script succeeds");
        if (k is not null) Assert.True(k.Stop(TimeSpan.FromSeconds(10)));
        else
        {
            d!.Signal(15);
            Assert.True(d.WaitForExit(TimeSpan.FromSeconds(10)));
        }
        // After the stop nothing more is expected to come; give a stop script time to land, without requiring one.
        Poll.Until(() => Lines(states).Count >= 6 && Lines(generic).Count >= 6, TimeSpan.FromSeconds(3));
        Poll.Until(() => fifoReader.HasExited, TimeSpan.FromSeconds(3));
        var fifoLines = fifoReader.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        return new Record(Lines(generic), Lines(states), fifoLines);
    }
}
