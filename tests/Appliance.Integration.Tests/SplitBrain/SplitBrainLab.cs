using System.Globalization;
using System.Text;
using Appliance.Integration.Tests.Daemon;
using Appliance.Testing.Lab;

namespace Appliance.Integration.Tests.SplitBrain;

/// <summary>
/// Two routers on the LAN bridge, a direct veth link between them (hb0, 10.201.0.1/.2) and a socat
/// pty pair as the serial line, each daemon with all three channels, a notify script that appends
/// its arguments (with a timestamp) to a per-router file, and helpers to cut and heal each medium.
/// </summary>
internal sealed class SplitBrainLab : IDisposable
{
    public const string Vip = "10.200.0.254";
    public const double AdvertInt = 0.2;
    // Heartbeat dead time below Master_Down_Interval (0.6 s + Skew_Time): when every channel goes
    // silent at once the inhibit has lifted before the instance's own timer fires.
    public const double HeartbeatInterval = 0.1;
    public const double HeartbeatDeadTime = 0.4;

    private SplitBrainLab(BridgeLab lab, SocatPtyPair serial)
    {
        Lab = lab;
        Serial = serial;
    }

    public BridgeLab Lab { get; }

    public SocatPtyPair Serial { get; }

    public DaemonProcess[] Daemons { get; } = new DaemonProcess[2];

    public static SplitBrainLab Create()
    {
        LabRequirements.RequireNamespaces();
        LabRequirements.RequireTool("nft", "nftables");
        LabRequirements.RequireTool("socat", "socat");
        var lab = BridgeLab.Create(2);
        try
        {
            DirectLink.Create(lab.Routers[0], lab.Routers[1], lab.Token);
            var serial = lab.Own(SocatPtyPair.Create(lab.Directory));
            return new SplitBrainLab(lab, serial);
        }
        catch
        {
            lab.Dispose();
            throw;
        }
    }

    public string NotifyLog(int router) => Path.Combine(Lab.Directory, $"notify-r{router}.log");

    public string FenceLog => Path.Combine(Lab.Directory, "fence.log");

    /// <summary>Starts router <paramref name="router"/> (1-based) with all three heartbeat channels.</summary>
    public DaemonProcess Start(int router, int priority, string? fenceCommand = null, double fenceAfter = 2, double fenceDelay = 1)
    {
        var c = CultureInfo.InvariantCulture;
        string script = Path.Combine(Lab.Directory, $"notify-r{router}.sh");
        File.WriteAllText(script, $"#!/bin/sh\necho \"$(date +%s.%N) $*\" >> {NotifyLog(router)}\n");
        Shell.Run("chmod", "755", script);
        var spec = new VrrpInstanceSpec { Priority = priority, AdvertInt = AdvertInt };
        string conf = VrrpInstanceSpec.File([spec]).Replace("    virtual_ipaddress {", $"    notify {script}\n    virtual_ipaddress {{", StringComparison.Ordinal);
        var hb = new StringBuilder();
        hb.AppendLine("appliance_heartbeat {");
        hb.AppendLine(c, $"    node_id {router}");
        hb.AppendLine("    on_lan_fault stay_backup");
        hb.AppendLine("    channel direct {");
        hb.AppendLine("        kind link");
        hb.AppendLine("        interface hb0");
        hb.AppendLine(c, $"        local_address {DirectLink.Address(router)}");
        hb.AppendLine(c, $"        peer_address {DirectLink.Address(3 - router)}");
        hb.AppendLine(c, $"        interval {HeartbeatInterval.ToString(c)}");
        hb.AppendLine(c, $"        dead_time {HeartbeatDeadTime.ToString(c)}");
        hb.AppendLine("        key 6170706c69616e63652d6c61622d6b6579");
        hb.AppendLine("    }");
        hb.AppendLine("    channel serial0 {");
        hb.AppendLine("        kind serial");
        hb.AppendLine(c, $"        device {(router == 1 ? Serial.PathA : Serial.PathB)}");
        hb.AppendLine("        baud 115200");
        hb.AppendLine(c, $"        interval {HeartbeatInterval.ToString(c)}");
        hb.AppendLine(c, $"        dead_time {HeartbeatDeadTime.ToString(c)}");
        hb.AppendLine("    }");
        if (fenceCommand is not null)
        {
            hb.AppendLine("    fence {");
            hb.AppendLine(c, $"        command {fenceCommand}");
            hb.AppendLine(c, $"        after {fenceAfter.ToString(c)}");
            hb.AppendLine(c, $"        max_random_delay {fenceDelay.ToString(c)}");
            hb.AppendLine("    }");
        }
        hb.AppendLine("}");
        var d = Lab.Own(DaemonProcess.Start(Lab.Routers[router - 1], Lab.Directory, $"r{router}-{Guid.NewGuid():N}"[..11], conf + hb));
        Daemons[router - 1] = d;
        return d;
    }

    /// <summary>A fence command that logs its arguments, environment and time.</summary>
    public string FenceScript()
    {
        string path = Path.Combine(Lab.Directory, "fence.sh");
        File.WriteAllText(path, $"#!/bin/sh\necho \"$(date +%s.%N) $* peer_address=$APPLIANCE_FENCE_PEER_ADDRESS seen_on=$APPLIANCE_FENCE_SEEN_ON\" >> {FenceLog}\n");
        Shell.Run("chmod", "755", path);
        return path;
    }

    /// <summary>Drops IP protocol 112 in and out of both routers (nftables), the LAN fault every keepalived user meets.</summary>
    public void CutLan()
    {
        foreach (var r in Lab.Routers)
        {
            var (code, _, err) = r.Exec("nft", "-f", WriteRuleset());
            if (code != 0) throw new InvalidOperationException($"nft failed in {r.Name}: {err}");
        }
    }

    public void HealLan()
    {
        foreach (var r in Lab.Routers) r.Exec("nft", "delete", "table", "inet", "apsplit");
    }

    public void CutLink() => Lab.Routers[0].Ip("link", "set", "hb0", "down");

    public void HealLink() => Lab.Routers[0].Ip("link", "set", "hb0", "up");

    public void CutSerial() => Serial.Stop();

    public void HealSerial() => Serial.Start();

    private string WriteRuleset()
    {
        string path = Path.Combine(Lab.Directory, "cut-vrrp.nft");
        File.WriteAllText(path, """
            table inet apsplit {
                chain input { type filter hook input priority 0; ip protocol vrrp drop; }
                chain output { type filter hook output priority 0; ip protocol vrrp drop; }
            }

            """);
        return path;
    }

    public bool HasVip(int router) => Lab.Routers[router - 1].HasVip(Vip);

    public bool BothHaveVip() => HasVip(1) && HasVip(2);

    /// <summary>
    /// Samples both routers every 10 ms for <paramref name="duration"/>; returns how many samples
    /// were taken and the first instant (offset) at which both held the VIP, if any.
    /// </summary>
    public (int Samples, TimeSpan? DualAt) SampleForDualMaster(TimeSpan duration)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        int samples = 0;
        var next = TimeSpan.Zero;
        while (sw.Elapsed < duration)
        {
            samples++;
            if (BothHaveVip()) return (samples, sw.Elapsed);
            // The next sampling instant on a fixed 10 ms grid (a late sample is not made up for).
            next += TimeSpan.FromMilliseconds(10);
            if (next < sw.Elapsed) next = sw.Elapsed;
            Poll.Until(() => sw.Elapsed >= next, TimeSpan.FromSeconds(1), intervalMs: 1);
        }
        return (samples, null);
    }

    public string[] NotifyLines(int router) => File.Exists(NotifyLog(router)) ? File.ReadAllLines(NotifyLog(router)) : [];

    public bool Notified(int router, string words) => Array.Exists(NotifyLines(router), l => l.Contains(words, StringComparison.Ordinal));

    public string Diagnostics() =>
        RouterLabExtensions.Diagnostics(Lab, Array.FindAll(Daemons, d => d is not null)) +
        $"\nnotify r1:\n{string.Join('\n', NotifyLines(1))}\nnotify r2:\n{string.Join('\n', NotifyLines(2))}\n" +
        (File.Exists(FenceLog) ? $"fence log:\n{File.ReadAllText(FenceLog)}" : "");

    public void Dispose() => Lab.Dispose();
}
