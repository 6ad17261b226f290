using System.Diagnostics;
using System.Globalization;
using Appliance.Heartbeat.Wire;
using Appliance.Integration.Tests.Daemon;
using Appliance.Testing.Lab;
using Appliance.Vrrp;
using Appliance.Vrrp.Protocol;

namespace Appliance.Integration.Tests.SplitBrain;

/// <summary>
/// issue 6's "must show", in namespaces: a LAN bridge, a direct veth link and a socat pty pair
/// between two daemons (r1 priority 150, r2 priority 100, VRRPv3 at 200 ms).
/// </summary>
public sealed class SplitBrainScenarioTests
{
    private static readonly TimeSpan s_settle = TimeSpan.FromSeconds(15);
    // Process scheduling on a loaded 2-core box, and the test's own sampling.
    private static readonly TimeSpan s_slack = TimeSpan.FromMilliseconds(400);

    private static SplitBrainLab Settled(out DaemonProcess r1, out DaemonProcess r2, string? fence = null)
    {
        var lab = SplitBrainLab.Create();
        try
        {
            r1 = lab.Start(1, 150);
            r2 = lab.Start(2, 100);
            lab.Lab.RequireOnlyMaster(1, SplitBrainLab.Vip, s_settle, r1, r2);
            var (a, b) = (r1, r2);
            Poll.Require(() => lab.Notified(1, "CHANNEL_UP serial0") && lab.Notified(1, "CHANNEL_UP direct") &&
                               lab.Notified(2, "CHANNEL_UP serial0") && lab.Notified(2, "CHANNEL_UP direct"),
                s_settle, "both heartbeat channels up on both routers", lab.Diagnostics);
        }
        catch
        {
            lab.Dispose();
            throw;
        }
        return lab;
    }

    [SkippableFact]
    public void Lan_cut_by_nftables_while_link_and_serial_live_never_puts_the_vip_on_both_routers_and_raises_a_lan_fault()
    {
        using var lab = Settled(out var r1, out var r2);
        lab.CutLan();
        var (samples, dual) = lab.SampleForDualMaster(TimeSpan.FromSeconds(15));
        Assert.True(dual is null, $"both routers held {SplitBrainLab.Vip} {dual?.TotalMilliseconds:0} ms after the LAN cut\n{lab.Diagnostics()}");
        Assert.True(samples > 500, $"only {samples} samples in 15 s");
        Assert.True(lab.HasVip(1), "r1 is still the master");
        Assert.Equal("BACKUP", r2.State());
        Poll.Require(() => lab.Notified(2, "LAN_FAULT VI_1 BACKUP 100 1"), TimeSpan.FromSeconds(10), "LAN_FAULT from r2", lab.Diagnostics);
        Assert.Contains("lan_fault 1", string.Join('\n', r2.StatusLines()), StringComparison.Ordinal);
        Assert.False(lab.Notified(2, "CHANNEL_DOWN"), "the heartbeat channels stayed up");
    }

    [SkippableFact]
    public void Only_the_serial_line_alive_still_no_dual_master()
    {
        using var lab = Settled(out var r1, out var r2);
        lab.CutLan();
        lab.CutLink();
        Poll.Require(() => lab.Notified(2, "CHANNEL_DOWN direct DOWN 0 1"), TimeSpan.FromSeconds(5), "r2 to report the direct link down", lab.Diagnostics);
        var (_, dual) = lab.SampleForDualMaster(TimeSpan.FromSeconds(8));
        Assert.True(dual is null, $"both routers held the VIP {dual?.TotalMilliseconds:0} ms into the serial-only phase\n{lab.Diagnostics()}");
        Assert.Equal("BACKUP", r2.State());
        Poll.Require(() => lab.Notified(2, "LAN_FAULT VI_1 BACKUP 100 1 serial0"), TimeSpan.FromSeconds(10), "LAN_FAULT naming serial0", lab.Diagnostics);
    }

    [SkippableFact]
    public void Every_channel_cut_lets_the_backup_take_over_within_master_down_interval_and_the_heal_leaves_one_master_that_re_announces()
    {
        LabRequirements.RequireTool("tcpdump", "tcpdump");
        using var lab = Settled(out var r1, out var r2);
        lab.CutLan();
        lab.CutLink();
        lab.CutSerial();
        var sw = Stopwatch.StartNew();
        Poll.Require(() => lab.HasVip(2), TimeSpan.FromSeconds(10), "r2 to take over with every channel cut", lab.Diagnostics);
        var takeover = sw.Elapsed;
        var mdi = RouterLabExtensions.MasterDownInterval(100, SplitBrainLab.AdvertInt);
        Assert.True(takeover <= mdi + s_slack, $"takeover took {takeover.TotalMilliseconds:0} ms after the last cut; Master_Down_Interval is {mdi.TotalMilliseconds:0} ms");
        Assert.True(lab.BothHaveVip(), "with every path cut nothing can tell the two apart: both are master (documented)");

        var capture = lab.Lab.Own(WireCapture.Start(lab.Lab.Client, "arp"));
        lab.HealSerial();
        lab.HealLink();
        lab.HealLan();
        lab.Lab.RequireOnlyMaster(1, SplitBrainLab.Vip, s_settle, r1, r2);
        Poll.Require(() => r2.State() == "BACKUP", TimeSpan.FromSeconds(5), "r2 back to BACKUP", lab.Diagnostics);
        string mac = lab.Lab.Routers[0].Ip("link", "show", "eth0").Split("link/ether ")[1][..17];
        var garp = new System.Text.RegularExpressions.Regex($@"{mac} > ff:ff:ff:ff:ff:ff, ethertype ARP.*who-has {SplitBrainLab.Vip} .*tell {SplitBrainLab.Vip}");
        Poll.Require(() => garp.IsMatch(capture.Output), TimeSpan.FromSeconds(5), "the winner r1's gratuitous ARP after the heal", () => capture.Output + lab.Diagnostics());
        // Notify scripts run off the loop and may start late on a busy machine: wait for the line.
        Poll.Require(() => lab.Notified(1, "SPLIT_BRAIN_SUSPECTED VI_1 MASTER 150 2") || lab.Notified(2, "SPLIT_BRAIN_SUSPECTED VI_1 MASTER 100 1"),
            TimeSpan.FromSeconds(10), "a SPLIT_BRAIN_SUSPECTED alert", lab.Diagnostics);
        Assert.Contains("re-announcing the VIPs after a split", r1.Output, StringComparison.Ordinal);
        // Once healed it stays healed.
        var (_, dual) = lab.SampleForDualMaster(TimeSpan.FromSeconds(2));
        Assert.Null(dual);
    }

    [SkippableFact]
    public void Random_bytes_and_truncated_frames_on_the_serial_line_are_counted_drops_and_the_channel_recovers()
    {
        using var lab = Settled(out var r1, out var r2);
        lab.CutLan();
        lab.CutLink();
        Poll.Require(() => lab.Notified(2, "CHANNEL_DOWN direct"), TimeSpan.FromSeconds(5), "the direct link down", lab.Diagnostics);
        long receivedBefore = SerialReceived(r2);

        // Inject from r1's end of the cable: socat carries it to r2, between and across r1's own frames.
        var rng = new Random(6);
        using (var tty = new FileStream(lab.Serial.PathA, FileMode.Open, FileAccess.Write))
        {
            var frame = new byte[HeartbeatWire.MaxFrameSize];
            int n = HeartbeatCodec.Encode(frame, new HeartbeatHeader(1, 99, 1),
                [new HeartbeatEntry(51, IpFamily.IPv4, VrrpState.Master, 150, Centiseconds.FromSeconds(1), IpAddr.Parse("10.200.0.11"))], default);
            var sw = Stopwatch.StartNew();
            for (int i = 0; i < 30; i++)
            {
                var noise = new byte[rng.Next(1, 200)];
                rng.NextBytes(noise);
                tty.Write(noise);
                tty.Write(frame, 0, rng.Next(1, n));
                tty.Flush();
                var due = TimeSpan.FromMilliseconds(50 * (i + 1));
                Poll.Until(() => sw.Elapsed >= due, TimeSpan.FromSeconds(1), intervalMs: 1);
                Assert.False(lab.BothHaveVip(), $"dual master during the noise\n{lab.Diagnostics()}");
            }
        }
        Assert.False(r2.Process.HasExited, "r2 survived the noise");
        Assert.False(r1.Process.HasExited, "r1 survived the noise");
        Poll.Require(() => SerialDrops(r2) > 0, TimeSpan.FromSeconds(5), "r2 to count serial drops", lab.Diagnostics);
        long receivedAfterNoise = SerialReceived(r2);
        Poll.Require(() => SerialReceived(r2) > receivedAfterNoise + 10, TimeSpan.FromSeconds(5), "frames flowing again on serial0", lab.Diagnostics);
        Assert.True(receivedAfterNoise > receivedBefore);
        Assert.Equal("BACKUP", r2.State());
        Assert.True(lab.HasVip(1) && !lab.HasVip(2));
        string status = string.Join('\n', r2.StatusLines());
        Assert.Matches(@"drop heartbeat_channel serial0 (Noise|Truncated|BadCrc|BadHeaderCheck) \d+", status);
    }

    [SkippableFact]
    public void Fence_command_fires_once_after_its_delay_when_two_masters_persist()
    {
        // Two address owners (priority 255) both become master at once and, by RFC 9568 §7.1, ignore
        // each other's adverts, so neither yields: a dual master that never heals by itself. The
        // tie-break winner (equal priority, r2 has the higher address) fences r1, once.
        using var lab = SplitBrainLab.Create();
        string fence = lab.FenceScript();
        var r1 = lab.Start(1, 255, fence, fenceAfter: 2, fenceDelay: 1);
        var r2 = lab.Start(2, 255, fence, fenceAfter: 2, fenceDelay: 1);
        Poll.Require(() => lab.Notified(2, "SPLIT_BRAIN_SUSPECTED VI_1 MASTER 255"), s_settle, "r2 to see the split", lab.Diagnostics);
        // The delay is measured on the daemon's own log clock (when it decided), not on the notify and
        // fence scripts' clocks (when a busy machine got round to running them).
        double splitAt = LogStamp(r2.Output, "SPLIT BRAIN suspected");
        Poll.Require(() => File.Exists(lab.FenceLog), TimeSpan.FromSeconds(10), "the fence command", lab.Diagnostics);
        // Three more fence periods: a second run would have happened by now.
        Assert.Null(Poll.Until(() => File.ReadAllLines(lab.FenceLog).Length > 1, TimeSpan.FromSeconds(6)));
        var fenced = File.ReadAllLines(lab.FenceLog);
        Assert.Single(fenced);
        Assert.Contains(" 1 peer_address=10.200.0.11 seen_on=", fenced[0], StringComparison.Ordinal);
        double delay = LogStamp(r2.Output, "FENCING node") - splitAt;
        Assert.True(delay >= 2.0 - 0.05 && delay <= 3.0 + 1.0, $"fenced {delay:0.00} s after the split; expected 2 s + up to 1 s random");
        Poll.Require(() => lab.Notified(2, "FENCED VI_1 MASTER 255 1"), TimeSpan.FromSeconds(10), "the FENCED alert", lab.Diagnostics);
        Assert.False(lab.Notified(1, "FENCED"), "the loser never fences");
        Assert.True(r1.Output.Contains("yielding to node 2", StringComparison.Ordinal), "r1 was told to yield (and as an owner could not)");
    }

    private static long SerialReceived(DaemonProcess d) => Field(d, "heartbeat_channel serial0 ", "received");

    private static long SerialDrops(DaemonProcess d) => Field(d, "heartbeat_channel serial0 ", "drops");

    private static long Field(DaemonProcess d, string prefix, string key)
    {
        foreach (var line in d.StatusLines())
        {
            if (!line.StartsWith(prefix, StringComparison.Ordinal)) continue;
            var parts = line.Split(' ');
            for (int i = 0; i + 1 < parts.Length; i++)
                if (parts[i] == key) return long.Parse(parts[i + 1], CultureInfo.InvariantCulture);
        }
        return 0;
    }

    // Seconds of the day of the daemon's first log line with these words ("HH:mm:ss.fff LVL ...").
    private static double LogStamp(string output, string words)
    {
        foreach (var l in output.Split('\n'))
            if (l.Contains(words, StringComparison.Ordinal))
                return TimeSpan.ParseExact(l[..12], @"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture).TotalSeconds;
        throw new Xunit.Sdk.XunitException($"no log line with '{words}'");
    }

    private static double Stamp(string[] lines, string words)
    {
        foreach (var l in lines)
            if (l.Contains(words, StringComparison.Ordinal)) return double.Parse(l.Split(' ')[0], CultureInfo.InvariantCulture);
        throw new Xunit.Sdk.XunitException($"no line with '{words}'");
    }
}
