using System.Runtime.Versioning;
using System.Text.Json;
using Appliance.Integration.Tests.Daemon;
using Appliance.Platform.Linux.Signals;
using Appliance.Testing.Lab;

namespace Appliance.Integration.Tests.Operations;

/// <summary>
/// keepalived's signal dumps from our daemon: SIGUSR1 keepalived.data, SIGUSR2 keepalived.stats,
/// SIGRTMIN+2 keepalived.json, in $TMPDIR as keepalived writes them, with what a keepalived
/// user's scripts grep for. The daemon runs as master against a backup peer in a lab namespace.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class KeepalivedDumpTests
{
    private const string Vip = "10.200.0.254";
    private static readonly TimeSpan s_settle = TimeSpan.FromSeconds(15);

    [SkippableFact]
    public void Sigusr1_sigusr2_and_sigrtmin_plus_2_write_keepalived_data_stats_and_json_in_tmpdir()
    {
        LabRequirements.RequireNamespaces();
        using var lab = BridgeLab.Create(2);
        try
        {
            Run(lab);
        }
        finally
        {
            OpsLab.DeleteRecorders(lab);
        }
    }

    private static void Run(BridgeLab lab)
    {
        string tmp = Path.Combine(lab.Directory, "tmpdir");
        Directory.CreateDirectory(tmp);
        string conf = Path.Combine(lab.Directory, "r1.conf");
        File.WriteAllText(conf, VrrpInstanceSpec.File([new VrrpInstanceSpec { Priority = 150, AdvertInt = 0.2 }]));
        string status = Path.Combine(lab.Directory, "r1.status");
        var cmd = DaemonBinary.Command;
        // keepalived's rule for the dump directory: $TMPDIR when absolute, else /tmp.
        var r1 = lab.Own(lab.Routers[0].Start("env", [$"TMPDIR={tmp}", .. cmd, "run", "-f", conf, "-p", Path.Combine(lab.Directory, "r1.pid"),
            "--status-file", status, "--status-interval", "0.2"], Path.Combine(lab.Directory, "r1.log")));
        var r2 = lab.StartRouter(2, new VrrpInstanceSpec { Priority = 100, AdvertInt = 0.2 });
        lab.RequireOnlyMaster(1, Vip, s_settle, r2);
        Poll.Require(() => File.Exists(status) && File.ReadAllText(status).Contains("state MASTER"), s_settle, "r1's status file: MASTER", () => r1.Output);
        // The daemon is the child of env: signal it by its pid file.
        int pid = int.Parse(File.ReadAllText(Path.Combine(lab.Directory, "r1.pid")).Trim());

        Shell.Run("kill", "-USR1", pid.ToString());
        string data = Path.Combine(tmp, "keepalived.data");
        Poll.Require(() => File.Exists(data), s_settle, "keepalived.data", () => r1.Output);
        string text = File.ReadAllText(data);
        Assert.Contains("------< VRRP Topology >------\n VRRP Instance = VI_1\n   VRRP Version = 3\n   State = MASTER\n", text);
        Assert.Contains("   Virtual Router ID = 51\n   Priority = 150\n   Effective priority = 150\n   Advert interval = 200 milli-sec\n", text);
        Assert.Contains($"     {Vip}/24 dev eth0 scope global set\n", text);
        Assert.Matches(@"   Last transition = \d+\.\d{6} \(", text);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(data));

        Shell.Run("kill", "-USR2", pid.ToString());
        string stats = Path.Combine(tmp, "keepalived.stats");
        Poll.Require(() => File.Exists(stats), s_settle, "keepalived.stats", () => r1.Output);
        string st = File.ReadAllText(stats);
        Assert.StartsWith("VRRP Instance: VI_1\n  Advertisements:\n    Received: ", st);
        Assert.Contains("  Became master: 1\n  Released master: 0\n  Packet Errors:\n    Length: 0\n    TTL: 0\n", st);
        Assert.Contains("  Priority Zero:\n    Received: 0\n    Sent: 0\n", st);

        Assert.Equal(36, SignalEvents.JsonSignal);
        Assert.Equal("36", Shell.Run("keepalived", "--signum=JSON").Trim());
        Shell.Run("kill", $"-{SignalEvents.JsonSignal}", pid.ToString());
        string json = Path.Combine(tmp, "keepalived.json");
        Poll.Require(() => File.Exists(json), s_settle, "keepalived.json", () => r1.Output);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var vi = Assert.Single(doc.RootElement.EnumerateArray());
        var d = vi.GetProperty("data");
        Assert.Equal("VI_1", d.GetProperty("iname").GetString());
        Assert.Equal(2, d.GetProperty("state").GetInt32());
        Assert.Equal(150, d.GetProperty("effective_priority").GetInt32());
        Assert.Equal(51, d.GetProperty("vrid").GetInt32());
        Assert.Equal($"{Vip}/24 dev eth0 scope global set", Assert.Single(d.GetProperty("vips").EnumerateArray()).GetString());
        Assert.True(vi.GetProperty("stats").GetProperty("advert_sent").GetInt64() > 0);
        Assert.Equal(1, vi.GetProperty("stats").GetProperty("become_master").GetInt64());

        // SIGUSR1 still rewrites the daemon's own status file, and the daemon runs on.
        Assert.False(r1.HasExited);
        Assert.Contains("state MASTER", File.ReadAllText(status));
    }
}
