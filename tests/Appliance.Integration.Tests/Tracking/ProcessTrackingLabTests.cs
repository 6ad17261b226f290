using System.Diagnostics;
using System.Runtime.Versioning;
using Appliance.Integration.Tests.Daemon;
using Appliance.Testing.Lab;
using Xunit.Abstractions;

namespace Appliance.Integration.Tests.Tracking;

/// <summary>
/// vrrp_track_process on a real kernel: two of our daemons on a bridge; the master (r1, priority
/// 150) tracks a <c>sleep</c> the test starts with a unique argument (matched with param_match
/// partial), weight -100. Killing the sleep must move the VIP to r2 (100 &gt; 50); starting a
/// new sleep meets the quorum again and r1 takes the VIP back.
/// The processes live in the host's namespaces, not the routers': process events cover the whole
/// host and a tracker matches by name and command line, as keepalived does. The daemon runs in a
/// lab network namespace, where the kernel refuses connector subscriptions, so it subscribes
/// from the initial network namespace (the daemon's output says where).
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ProcessTrackingLabTests(ITestOutputHelper output)
{
    private const string Vip = "10.200.0.254";
    private static readonly TimeSpan s_settle = TimeSpan.FromSeconds(15);

    private static VrrpInstanceSpec Spec(int priority) => new() { Priority = priority, AdvertInt = 0.2, Vips = [Vip + "/24"] };

    [SkippableFact]
    public void Killing_the_tracked_process_moves_mastership_to_the_backup_and_restarting_it_moves_it_back()
    {
        LabRequirements.RequireNamespaces();
        using var lab = BridgeLab.Create(2);
        // A unique second argument: GNU sleep adds its arguments, so this is ~100000 s and no other
        // process on the host can look like it.
        string token = "0." + Random.Shared.Next(100000, 999999);
        var sleep = lab.Own(LabProcess.Start(["/bin/sleep", "100000", token]));
        string argv0 = File.ReadAllText($"/proc/{sleep.Pid}/cmdline").Split('\0')[0];

        string instance = Spec(150).Render();
        instance = instance[..instance.LastIndexOf('}')] + "    track_process {\n        app\n    }\n}\n";
        string config = VrrpInstanceSpec.File([Spec(150)]).Split("vrrp_instance")[0] +
            $"vrrp_track_process app {{\n    process {argv0} 100000 {token}\n    param_match partial\n    weight -100\n}}\n" + instance;
        var r1 = lab.Own(DaemonProcess.Start(lab.Routers[0], lab.Directory, "r1", config));
        var r2 = lab.StartRouter(2, Spec(100));
        lab.RequireOnlyMaster(1, Vip, s_settle, r1, r2);
        Poll.Require(() => r1.Field("VI_1", "effective_priority") == "150", s_settle, "r1 at 150 with its process running", () => RouterLabExtensions.Diagnostics(lab, r1));
        Assert.Contains("process events subscribed", r1.Output, StringComparison.Ordinal);
        output.WriteLine(r1.Output.Split('\n').First(l => l.Contains("process events subscribed", StringComparison.Ordinal)));
        Assert.Contains("VRRP_Track_Process(app): 1 running, quorum met", r1.Output, StringComparison.Ordinal);

        // Kill: the exit event drops the count below the quorum; r1 goes to 50 and r2 preempts.
        var sw = Stopwatch.StartNew();
        sleep.Signal(9);
        Poll.Require(() => lab.Routers[1].HasVip(Vip), s_settle, "r2 to take the VIP after the tracked process died", () => RouterLabExtensions.Diagnostics(lab, r1, r2));
        var moved = sw.Elapsed;
        lab.RequireOnlyMaster(2, Vip, s_settle, r1, r2);
        Assert.Equal("50", r1.Field("VI_1", "effective_priority"));
        Assert.Equal("app", r1.Field("VI_1", "moved_by"));
        // RFC 9568 §6.4.2: r2 (priority 100) preempts a master advertising 50 when its timer fires,
        // so the move takes up to r2's Master_Down_Interval after r1's first advert at 50.
        output.WriteLine($"kill -> r2 holds the VIP: {moved.TotalMilliseconds:0} ms; r2's Master_Down_Interval (priority 100, 0.2 s): " +
            $"{RouterLabExtensions.MasterDownInterval(100, 0.2).TotalMilliseconds:0} ms");

        // Restart: the exec event of a new matching sleep meets the quorum; r1 preempts back.
        var again = lab.Own(LabProcess.Start(["/bin/sleep", "100000", token]));
        lab.RequireOnlyMaster(1, Vip, s_settle, r1, r2);
        Poll.Require(() => r1.Field("VI_1", "effective_priority") == "150", s_settle, "r1 back at 150", () => RouterLabExtensions.Diagnostics(lab, r1));
        Assert.Contains("VRRP_Track_Process(app): 1 running, quorum gained", r1.Output, StringComparison.Ordinal);
        again.Signal(9);
    }
}
