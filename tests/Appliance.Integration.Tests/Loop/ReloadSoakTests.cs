using Appliance.Integration.Tests.Daemon;
using Appliance.Testing.Lab;

namespace Appliance.Integration.Tests.Loop;

/// <summary>
/// A thousand SIGHUPs alternating two files. Between them an instance changes, a VMAC instance
/// comes and goes; one instance is the same in both and must not notice: no state change, no GARP.
/// Descriptors, rate-limiter keys and memory are compared after a warm-up, at the same parity.
/// </summary>
public sealed class ReloadSoakTests
{
    private const int Reloads = 1000;
    private const int WarmUp = 200;

    [SkippableFact]
    public void A_thousand_reloads_leave_unchanged_instances_alone_and_leak_no_descriptor_key_or_memory()
    {
        LabRequirements.RequireNamespaces();
        using var lab = BridgeLab.Create(1);
        var vi1 = new VrrpInstanceSpec { Name = "VI_1", Vrid = 51, Priority = 150, AdvertInt = 0.1, Vips = ["10.200.0.251/24"] };
        var vi2 = new VrrpInstanceSpec { Name = "VI_2", Vrid = 52, Priority = 150, AdvertInt = 1, Vips = ["10.200.0.252/24"] };
        var vi3 = new VrrpInstanceSpec { Name = "VI_3", Vrid = 53, Priority = 150, AdvertInt = 1, Vips = ["10.200.0.253/24"], UseVmac = true };
        string a = VrrpInstanceSpec.File([vi1, vi2]);
        string b = VrrpInstanceSpec.File([vi1, vi2 with { Vips = ["10.200.0.242/24"] }, vi3]);
        var r1 = lab.Own(DaemonProcess.Start(lab.Routers[0], lab.Directory, "soak", a, "--status-interval", "0.01"));
        string conf = Path.Combine(lab.Directory, "soak.conf");
        string Why() => RouterLabExtensions.Diagnostics(lab, r1);
        Poll.Require(() => r1.State("VI_1") == "MASTER", TimeSpan.FromSeconds(10), "VI_1 master", Why);
        int pid = r1.DaemonPid();
        // The second GARP burst (vrrp_garp_master_delay 1) is over before the count is taken.
        Poll.Require(() => r1.Field("VI_1", "announce_frames") is { } f && f != "0", TimeSpan.FromSeconds(5), "VI_1's first GARPs", Why);
        string? garpsBefore = null;
        int fdsWarm = 0;
        long rssWarm = 0, keysWarm = 0, slotsWarm = 0, linksWarm = 0;
        for (int k = 1; k <= Reloads; k++)
        {
            File.WriteAllText(conf, k % 2 == 1 ? b : a);
            r1.Signal(1);
            int expected = k;
            Poll.Require(() => r1.Value("reloads_applied") >= expected || r1.Process.HasExited, TimeSpan.FromSeconds(10), $"reload {k} applied", Why);
            Assert.False(r1.Process.HasExited, $"the daemon exited during reload {k}:\n{Why()}");
            if (k == WarmUp)
            {
                garpsBefore = r1.Field("VI_1", "announce_frames");
                fdsWarm = LoopLab.OpenFds(pid);
                rssWarm = LoopLab.RssKb(pid);
                keysWarm = r1.Value("ratelimiter_keys") ?? -1;
                slotsWarm = r1.Value("droplog_slots") ?? -1;
                linksWarm = r1.Value("link_states") ?? -1;
            }
        }
        // Reload 1000 is even: file A again, as at the warm-up mark.
        int fdsEnd = LoopLab.OpenFds(pid);
        long rssEnd = LoopLab.RssKb(pid);
        string figures = $"fds {fdsWarm} -> {fdsEnd}, RSS {rssWarm} -> {rssEnd} kB, rate-limiter keys {keysWarm} -> {r1.Value("ratelimiter_keys")}, "
            + $"drop-log slots {slotsWarm} -> {r1.Value("droplog_slots")}, link states {linksWarm} -> {r1.Value("link_states")}";
        Console.WriteLine("reload soak: " + figures);

        Assert.True(r1.State("VI_1") == "MASTER", $"VI_1 left MASTER:\n{Why()}");
        Assert.True(r1.Field("VI_1", "became_master") == "1", $"VI_1 flapped:\n{Why()}");
        Assert.True(r1.Field("VI_1", "announce_frames") == garpsBefore, $"VI_1 sent GARPs during the reloads ({garpsBefore} -> {r1.Field("VI_1", "announce_frames")}):\n{Why()}");
        Poll.Require(() => r1.Output.Contains($"reload done", StringComparison.Ordinal), TimeSpan.FromSeconds(5), "the reload log lines", Why);
        Assert.Equal(2, CountLines(r1.Output, "(VI_1) Entering"));
        Assert.True(lab.Routers[0].HasVip("10.200.0.251"), $"VI_1 lost its VIP:\n{Why()}");
        Assert.Equal(0, r1.Value("reloads_refused"));
        Assert.True(fdsEnd == fdsWarm, "descriptors: " + figures);
        Assert.True(r1.Value("ratelimiter_keys") == keysWarm, "rate-limiter keys: " + figures);
        Assert.True(r1.Value("droplog_slots") == slotsWarm, "drop-log slots: " + figures);
        Assert.True(r1.Value("link_states") == linksWarm, "link states: " + figures);
        // Memory: the GC keeps up to its gen0 budget before collecting; after the warm-up the
        // collections have begun, so a leak shows as growth beyond that budget.
        Assert.True(rssEnd - rssWarm < 4 * 1024, "RSS grew: " + figures);
        Assert.False(lab.Routers[0].HasLink("vrrp.53"), $"VI_3's VMAC outlived VI_3:\n{Why()}");
    }

    private static int CountLines(string text, string needle)
    {
        int n = 0;
        foreach (var line in text.Split('\n'))
            if (line.Contains(needle, StringComparison.Ordinal)) n++;
        return n;
    }
}
