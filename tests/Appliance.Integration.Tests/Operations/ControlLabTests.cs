using System.Globalization;
using Appliance.Integration.Tests.Daemon;
using Appliance.Integration.Tests.Loop;
using Appliance.Integration.Tests.Threats;
using Appliance.Testing.Lab;

namespace Appliance.Integration.Tests.Operations;

/// <summary>
/// The control socket of the real daemon in namespaces the test creates, used through the real
/// binary as an operator would: each verb's output and exit code, refusal of a non-root peer, two
/// daemons in two namespaces answering separately, and the RFC 6527 counters moving under hostile
/// adverts (docs/operations.md).
/// </summary>
public sealed class ControlLabTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(20);

    private static DaemonProcess StartMaster(BridgeLab lab, string name, out string conf, string instance = "VI_1", int vrid = 51)
    {
        var d = lab.Own(DaemonProcess.Start(lab.Routers[0], lab.Directory, name,
            VrrpInstanceSpec.File([new VrrpInstanceSpec { Name = instance, Vrid = vrid, Priority = 150, AdvertInt = 0.1 }])));
        conf = Path.Combine(lab.Directory, name + ".conf");
        Poll.Require(() => d.State(instance) == "MASTER", s_wait, "the router to become master", () => d.Output);
        return d;
    }

    [SkippableFact]
    public void Status_text_json_and_version_answer_from_the_daemon_in_this_namespace()
    {
        LabRequirements.RequireNamespaces();
        using var lab = BridgeLab.Create(1);
        var d = StartMaster(lab, "ops", out string conf);
        var r1 = lab.Routers[0];

        var (code, stdout, stderr) = r1.Cli("status");
        Assert.True(code == 0, stderr);
        Assert.Contains($"VI_1 state=MASTER priority=150 base=150 master={BridgeLab.RouterV4(1)} advert=100ms", stdout, StringComparison.Ordinal);
        Assert.Contains("last=BACKUP->MASTER(MasterDown)", stdout, StringComparison.Ordinal);

        // Named by its configuration file, as keepalived's -f does.
        Assert.Equal(0, r1.Cli("status", "-f", conf).Code);

        using var json = r1.StatusJson();
        var root = json.RootElement;
        Assert.Equal(d.DaemonPid(), root.GetProperty("pid").GetInt32());
        Assert.True(root.GetProperty("gc").GetProperty("allocated_bytes").GetInt64() > 0);
        Assert.True(root.GetProperty("loop").GetProperty("turns").GetInt64() > 0);
        Assert.True(root.GetProperty("control").GetProperty("served").GetInt64() >= 2);
        var vi = json.Instance();
        Assert.Equal("MASTER", vi.GetProperty("state").GetString());
        Assert.Equal(150, vi.GetProperty("effective_priority").GetInt32());
        Assert.Equal(BridgeLab.RouterV4(1), vi.GetProperty("master_address").GetString());
        Assert.Equal("MasterDown", vi.GetProperty("last_transition").GetProperty("reason").GetString());
        Assert.Equal(1, vi.Rfc("vrrpv3StatisticsMasterTransitions"));
        Assert.Equal(3, vi.Rfc("vrrpv3StatisticsNewMasterReason")); // masterNoResponse
        Assert.Equal(0, vi.Rfc("vrrpv3StatisticsRowDiscontinuityTime"));
        Assert.Equal(100, vi.Rfc("vrrpv3StatisticsRefreshRate"));
        Assert.True(vi.GetProperty("counters").GetProperty("adverts_sent").GetInt64() > 0);

        (code, stdout, stderr) = r1.Cli("version");
        Assert.True(code == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("client: appliance ", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("daemon: appliance ", lines[1], StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Maintenance_shows_in_status_and_reload_is_applied_or_refused_with_the_located_error()
    {
        LabRequirements.RequireNamespaces();
        using var lab = BridgeLab.Create(1);
        var d = StartMaster(lab, "ops", out string conf);
        var r1 = lab.Routers[0];

        var (code, stdout, stderr) = r1.Cli("maintenance", "on");
        Assert.True(code == 0, stderr);
        Assert.Equal("maintenance on\n", stdout);
        Poll.Require(() => r1.Cli("status").Stdout.Contains("VI_1 state=FAULT", StringComparison.Ordinal), s_wait, "FAULT in status");
        Assert.Contains("last=MASTER->FAULT(Maintenance)", r1.Cli("status").Stdout, StringComparison.Ordinal);
        using (var json = r1.StatusJson())
        {
            Assert.True(json.RootElement.GetProperty("maintenance").GetBoolean());
            Assert.Equal(1, json.Instance().Rfc("vrrpv3StatisticsSentPriZeroPackets"));
        }
        Assert.Equal("maintenance was already on\n", r1.Cli("maintenance", "on").Stdout);
        Assert.Equal(0, r1.Cli("maintenance", "off").Code);
        Poll.Require(() => r1.Cli("status").Stdout.Contains("VI_1 state=MASTER", StringComparison.Ordinal), s_wait, "MASTER again", () => d.Output);

        (code, stdout, stderr) = r1.Cli("reload");
        Assert.True(code == 0, stderr);
        Assert.StartsWith("reload applied: 1 instance(s) unchanged", stdout, StringComparison.Ordinal);

        string good = File.ReadAllText(conf);
        File.WriteAllText(conf, good.Replace("virtual_router_id 51", "virtual_router_id 999", StringComparison.Ordinal));
        (code, stdout, stderr) = r1.Cli("reload");
        Assert.Equal(9, code);
        Assert.Contains("the configuration has errors; the running one is kept", stderr, StringComparison.Ordinal);
        Assert.Contains(Path.GetFileName(conf) + ":", stderr, StringComparison.Ordinal);
        Assert.Contains("virtual_router_id", stderr, StringComparison.Ordinal);
        Assert.Contains("VI_1 state=MASTER", r1.Cli("status").Stdout, StringComparison.Ordinal);
        using (var json = r1.StatusJson())
        {
            Assert.Equal(1, json.RootElement.GetProperty("loop").GetProperty("reloads_applied").GetInt64());
            Assert.Equal(1, json.RootElement.GetProperty("loop").GetProperty("reloads_refused").GetInt64());
        }
    }

    [SkippableFact]
    public void Without_a_daemon_the_verbs_exit_7_and_help_needs_no_daemon()
    {
        LabRequirements.RequireNamespaces();
        using var lab = BridgeLab.Create(1);
        var empty = lab.Client;
        foreach (var verb in new[] { "status", "reload", "version" })
        {
            var (code, _, stderr) = empty.Cli(verb);
            Assert.True(code == 7, $"{verb}: exit {code}, {stderr}");
            Assert.Contains("no daemon", stderr, StringComparison.Ordinal);
        }
        Assert.Equal(7, empty.Cli("maintenance", "on").Code);
        Assert.Equal(7, empty.Cli("status", "-f", Path.Combine(lab.Directory, "nothing.conf")).Code);
        Assert.Equal(7, empty.Cli("status", "--control-socket", Path.Combine(lab.Directory, "nothing.sock")).Code);

        foreach (var verb in new[] { "status", "reload", "maintenance", "version" })
        {
            var (code, stdout, _) = empty.Cli(verb, "--help");
            Assert.Equal(0, code);
            Assert.StartsWith("usage: appliance " + verb, stdout, StringComparison.Ordinal);
            Assert.Contains("exit codes:", stdout, StringComparison.Ordinal);
        }
        Assert.Equal(2, empty.Cli("maintenance", "sideways").Code);
        Assert.Equal(2, empty.Cli("status", "--bogus").Code);
    }

    [SkippableFact]
    public void A_non_root_peer_is_refused_with_exit_8_and_counted()
    {
        LabRequirements.RequireNamespaces();
        Skip.IfNot(Shell.Has("setpriv"), "setpriv runs the client as another user");
        using var lab = BridgeLab.Create(1);
        StartMaster(lab, "ops", out _);
        var r1 = lab.Routers[0];

        var (code, stdout, stderr) = r1.CliAsNobody("status");
        Assert.True(code == 8, $"exit {code}: {stdout}{stderr}");
        Assert.Contains("permission denied: uid 65534", stderr, StringComparison.Ordinal);
        Assert.Equal(8, r1.CliAsNobody("maintenance", "on").Code);

        using var json = r1.StatusJson();
        Assert.Equal(2, json.RootElement.GetProperty("control").GetProperty("refused").GetInt64());
        // The refused "maintenance on" changed nothing.
        Assert.False(json.RootElement.GetProperty("maintenance").GetBoolean());
    }

    [SkippableFact]
    public void Two_daemons_in_two_namespaces_each_answer_for_their_own_instances()
    {
        LabRequirements.RequireNamespaces();
        using var lab = BridgeLab.Create(2);
        lab.Own(DaemonProcess.Start(lab.Routers[0], lab.Directory, "same", VrrpInstanceSpec.File([new VrrpInstanceSpec { Name = "VI_A", Vrid = 51, Priority = 150 }])));
        lab.Own(DaemonProcess.Start(lab.Routers[1], lab.Directory, "other", VrrpInstanceSpec.File([new VrrpInstanceSpec { Name = "VI_B", Vrid = 52, Priority = 150, Vips = ["10.200.0.253/24"] }])));

        Poll.Require(() => lab.Routers[0].Cli("status").Stdout.Contains("VI_A state=", StringComparison.Ordinal)
            && lab.Routers[1].Cli("status").Stdout.Contains("VI_B state=", StringComparison.Ordinal), s_wait, "both daemons answering");
        string a = lab.Routers[0].Cli("status").Stdout, b = lab.Routers[1].Cli("status").Stdout;
        Assert.DoesNotContain("VI_B", a, StringComparison.Ordinal);
        Assert.DoesNotContain("VI_A", b, StringComparison.Ordinal);

        using var ja = lab.Routers[0].StatusJson();
        using var jb = lab.Routers[1].StatusJson();
        string sa = ja.RootElement.GetProperty("control").GetProperty("socket").GetString()!;
        string sb = jb.RootElement.GetProperty("control").GetProperty("socket").GetString()!;
        Assert.StartsWith("@appliance/", sa, StringComparison.Ordinal);
        // Different namespace inodes in the names: they could not clash even on one config path.
        Assert.NotEqual(sa.Split('/')[1], sb.Split('/')[1]);
        // And the client namespace, with no daemon, sees neither.
        Assert.Equal(7, lab.Client.Cli("status").Code);
    }

    [SkippableFact]
    public void Hostile_adverts_move_the_rfc6527_counters_read_through_status_json()
    {
        LabRequirements.RequireNamespaces();
        Skip.IfNot(Shell.Has("python3"), "python3 builds the hostile packets");
        const int copies = 20;
        using var lab = BridgeLab.Create(1);
        StartMaster(lab, "ops", out _);
        var r1 = lab.Routers[0];

        using var before = r1.StatusJson();
        var vi0 = before.Instance();
        long received0 = Received(before);

        string script = Path.Combine(lab.Directory, "attacker.py");
        File.WriteAllText(script, HostileAdvertTests.Attacker);
        var (code, stdout, err) = lab.Client.Exec("python3", script, BridgeLab.RouterV4(1), BridgeLab.RouterV4(2), "10.200.0.254",
            copies.ToString(CultureInfo.InvariantCulture));
        Assert.True(code == 0, "the attacker failed: " + err);
        long total = long.Parse(stdout.Split('\n').Single(l => l.StartsWith("total ", StringComparison.Ordinal))[6..], CultureInfo.InvariantCulture);
        // All but the one spoofing the master's own source reach its socket (see HostileAdvertTests).
        long toMaster = total - copies;
        Poll.Require(() =>
        {
            using var j = r1.StatusJson();
            return Received(j) - received0 >= toMaster;
        }, s_wait, $"the master read the {toMaster} hostile datagrams");

        using var after = r1.StatusJson();
        var vi = after.Instance();
        long Delta(string name) => vi.Rfc(name) - vi0.Rfc(name);
        long RouterDelta(string name) => after.Router(name) - before.Router(name);
        string all = after.RootElement.ToString();

        Assert.True(RouterDelta("vrrpv3RouterChecksumErrors") == copies, all);
        // version 5 at the socket, and a v2 advert at the v3 instance
        Assert.True(RouterDelta("vrrpv3RouterVersionErrors") == 2 * copies, all);
        Assert.True(RouterDelta("vrrpv3RouterVrIdErrors") == copies, all);
        // TTL 64 to the group and to our address, TTL 1, TTL 254, TTL 64 with options, fragmented TTL 64
        Assert.True(Delta("vrrpv3StatisticsIpTtlErrors") == 6 * copies, all);
        Assert.True(Delta("vrrpv3StatisticsRcvdInvalidTypePackets") == copies, all);
        // a truncated header, a count that promises more addresses, trailing bytes
        Assert.True(Delta("vrrpv3StatisticsPacketLengthErrors") == 3 * copies, all);
        // The last protocol error the instance saw: the fragmented TTL-64 adverts, sent last.
        Assert.Equal(1, vi.Rfc("vrrpv3StatisticsProtoErrReason"));
        Assert.Equal(0, Delta("vrrpv3StatisticsMasterTransitions"));
        Assert.Equal("MASTER", vi.GetProperty("state").GetString());
    }

    private static long Received(System.Text.Json.JsonDocument d)
    {
        long sum = 0;
        foreach (var l in d.RootElement.GetProperty("links").EnumerateArray()) sum += l.GetProperty("received").GetInt64();
        return sum;
    }
}
