using System.Globalization;
using Appliance.Integration.Tests.Daemon;
using Appliance.Testing.Lab;

namespace Appliance.Integration.Tests.Operations;

/// <summary>
/// The AgentX subagent against Debian's net-snmp: two of our daemons in a bridge lab, each with
/// its own snmpd (AgentX master, socket in the lab directory, SNMP on the router namespace's
/// 127.0.0.1), traps to one snmptrapd in the client namespace. <c>snmpwalk -v2c -On</c> reads the
/// RFC 6527 tables; a failover shows up as vrrpv3NewMaster at the trap receiver.
/// </summary>
public sealed class SnmpTests
{
    private const string Vip = "10.200.0.254";
    private const string Mib = ".1.3.6.1.2.1.207";
    private const string NewMasterTrap = "OID: .1.3.6.1.2.1.207.0.1";
    private static readonly TimeSpan s_settle = TimeSpan.FromSeconds(15);

    private static void Require()
    {
        LabRequirements.RequireNamespaces();
        LabRequirements.RequireTool("snmpd", "snmpd");
        LabRequirements.RequireTool("snmpwalk", "snmp");
        LabRequirements.RequireTool("snmptrapd", "snmptrapd");
    }

    private static string Globals(NetSnmp agent) => $"""
            enable_snmp_rfcv3
            enable_traps
            snmp_socket unix:{agent.AgentXSocket}
        """;

    private static DaemonProcess StartRouter(BridgeLab lab, int index, int priority, NetSnmp agent) =>
        lab.Own(DaemonProcess.Start(lab.Routers[index - 1], lab.Directory, $"r{index}",
            VrrpInstanceSpec.File([new VrrpInstanceSpec { Priority = priority, AdvertInt = 0.2 }], Globals(agent))));

    // The row index of VI_1 on router i: ifIndex of its eth0, VRID 51, ipv4(1).
    private static string Index(BridgeLab lab, int i) =>
        lab.Routers[i - 1].Ip("-o", "link", "show", "eth0").Split(':')[0].Trim() + ".51.1";

    private static string Op(int column, string index) => $"{Mib}.1.1.1.1.{column}.{index}";

    private static string Stat(int column, string index) => $"{Mib}.1.2.5.1.{column}.{index}";

    private static long Number(Dictionary<string, string> walk, string oid) =>
        walk.TryGetValue(oid, out var v) ? long.Parse(v[(v.IndexOf(':') + 1)..].Trim(), CultureInfo.InvariantCulture) : -1;

    private static string Dump(Dictionary<string, string> walk) => string.Join('\n', walk.Select(kv => $"{kv.Key} = {kv.Value}"));

    [SkippableFact]
    public void Snmpwalk_reads_master_and_backup_rows_and_a_failover_reaches_the_trap_receiver_as_vrrpv3NewMaster()
    {
        Require();
        using var lab = BridgeLab.Create(2);
        var traps = lab.Own(NetSnmp.StartTrapReceiver(lab.Client, lab.Directory, "10.200.0.100"));
        var a1 = lab.Own(NetSnmp.StartAgent(lab.Routers[0], lab.Directory, "a1", "10.200.0.100:162"));
        var a2 = lab.Own(NetSnmp.StartAgent(lab.Routers[1], lab.Directory, "a2", "10.200.0.100:162"));
        var r1 = StartRouter(lab, 1, 150, a1);
        var r2 = StartRouter(lab, 2, 100, a2);
        lab.RequireOnlyMaster(1, Vip, s_settle, r1, r2);
        string i1 = Index(lab, 1), i2 = Index(lab, 2);

        Dictionary<string, string> w1 = [], w2 = [];
        Poll.Require(() =>
        {
            w1 = a1.Walk();
            w2 = a2.Walk();
            return Number(w1, Op(6, i1)) == 3 && Number(w2, Op(6, i2)) == 2 && Number(w2, Stat(3, i2)) > 0;
        }, s_settle, "r1 master(3) and r2 backup(2) with adverts received", () => $"r1:\n{Dump(w1)}\nr2:\n{Dump(w2)}\n{r1.Output}");

        // vrrpv3OperationsTable: both rows name r1 (10.200.0.11) as master.
        Assert.Equal("Hex-STRING: 0A C8 00 0B", w1[Op(3, i1)]);
        Assert.Equal("Hex-STRING: 0A C8 00 0B", w2[Op(3, i2)]);
        Assert.Equal("Hex-STRING: 0A C8 00 0C", w2[Op(4, i2)]);
        Assert.Equal("Hex-STRING: 00 00 5E 00 01 33", w1[Op(5, i1)]);
        Assert.Equal(150, Number(w1, Op(7, i1)));
        Assert.Equal(100, Number(w2, Op(7, i2)));
        Assert.Equal(1, Number(w1, Op(8, i1)));
        Assert.Equal(20, Number(w1, Op(9, i1)));
        Assert.Equal(1, Number(w1, Op(10, i1))); // preempt: true(1)
        Assert.Equal("INTEGER: 1", w1[Op(13, i1)]);
        // vrrpv3AssociatedIpAddrTable: the VIP as an index (length 4, then the octets).
        Assert.Equal("INTEGER: 1", w1[$"{Mib}.1.1.2.1.2.{i1}.4.10.200.0.254"]);

        // vrrpv3StatisticsTable.
        Assert.True(Number(w1, Stat(1, i1)) >= 1, Dump(w1));
        Assert.Equal(3, Number(w1, Stat(2, i1)));   // masterNoResponse(3)
        Assert.Equal(0, Number(w2, Stat(1, i2)));
        Assert.Equal(0, Number(w2, Stat(2, i2)));   // notMaster(0)
        Assert.True(Number(w2, Stat(3, i2)) > 0, Dump(w2));
        Assert.Equal(0, Number(w2, Stat(6, i2)));   // noError(0)
        Assert.Equal(200, Number(w1, Stat(13, i1)));
        // The router-wide counters are there.
        Assert.Equal(0, Number(w1, $"{Mib}.1.2.1.0"));
        Assert.Equal(0, Number(w1, $"{Mib}.1.2.2.0"));
        Assert.Equal(0, Number(w1, $"{Mib}.1.2.3.0"));

        // r1's new-master notification reached the receiver through a1.
        Poll.Require(() => traps.Log().Contains(NewMasterTrap, StringComparison.Ordinal), s_settle, "vrrpv3NewMaster from r1", traps.Log);
        Assert.Contains($"{Op(3, i1)} = Hex-STRING: 0A C8 00 0B", traps.Log());

        // SIGTERM: r1 resigns with priority 0, r2 takes over and notifies through a2.
        r1.Signal(15);
        Poll.Require(() => lab.Routers[1].HasVip(Vip), s_settle, "r2 to take over", () => RouterLabExtensions.Diagnostics(lab, r2));
        Poll.Require(() => traps.Log().Contains($"{Op(3, i2)} = Hex-STRING: 0A C8 00 0C", StringComparison.Ordinal), s_settle, "vrrpv3NewMaster from r2", traps.Log);
        Poll.Require(() =>
        {
            w2 = a2.Walk();
            return Number(w2, Op(6, i2)) == 3;
        }, s_settle, "r2 master(3)", () => Dump(w2));
        Assert.True(Number(w2, Stat(7, i2)) >= 1, "r2 counted r1's priority-0 advert: " + Dump(w2));
        Assert.Equal(1, Number(w2, Stat(1, i2)));
        Assert.Equal("Hex-STRING: 0A C8 00 0C", w2[Op(3, i2)]);
    }

    [SkippableFact]
    public void The_subagent_waits_for_an_absent_snmpd_and_registers_again_after_it_restarts()
    {
        Require();
        using var lab = BridgeLab.Create(1);
        // The daemon starts first, pointing at a socket nobody listens on yet.
        string socket = Path.Combine(lab.Directory, "a1.agentx");
        var r1 = lab.Own(DaemonProcess.Start(lab.Routers[0], lab.Directory, "r1",
            VrrpInstanceSpec.File([new VrrpInstanceSpec { Priority = 150, AdvertInt = 0.2 }], $"enable_snmp_rfcv3\nsnmp_socket {socket}")));
        Poll.Require(() => r1.Output.Contains("AgentX: cannot connect", StringComparison.Ordinal), s_settle, "the first failed attempt to be logged", () => r1.Output);

        var a1 = NetSnmp.StartAgent(lab.Routers[0], lab.Directory, "a1", "10.200.0.100:162");
        string index = Index(lab, 1);
        Poll.Require(() => Number(a1.Walk(), Op(6, index)) == 3, s_settle, "the row through the late snmpd", () => r1.Output);
        // Several attempts failed before snmpd came, but the outage was logged once.
        Assert.Equal(1, Count(r1.Output, "AgentX: cannot connect"));

        a1.Signal(15);
        Assert.True(a1.WaitForExit(TimeSpan.FromSeconds(10)), "snmpd stops on SIGTERM");
        a1.Dispose();
        using var again = NetSnmp.StartAgent(lab.Routers[0], lab.Directory, "a1", "10.200.0.100:162");
        Poll.Require(() => Number(again.Walk(), Op(6, index)) == 3, s_settle, "the row through the restarted snmpd", () => r1.Output);
        Assert.Equal(2, Count(r1.Output, "VRRPv3 MIB .1.3.6.1.2.1.207 registered"));
    }

    // Three VRRPv3 adverts for VRID 51 with a broken checksum, from the client namespace to the group.
    private const string BadChecksumSender = """
import socket, struct
def csum(b):
    s = sum(struct.unpack('!%dH' % (len(b) // 2), b))
    while s >> 16: s = (s & 0xffff) + (s >> 16)
    return (~s) & 0xffff
h = struct.pack('!BBBBHH', 0x31, 51, 200, 1, 20, 0) + socket.inet_aton('10.200.0.254')
bad = h[:6] + struct.pack('!H', csum(h) ^ 0x5a5a) + h[8:]
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, 112)
s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, 255)
s.setsockopt(socket.SOL_SOCKET, 25, b'eth0\0')
for _ in range(3): s.sendto(bad, ('224.0.0.18', 0))
""";

    [SkippableFact]
    public void A_bad_checksum_counts_in_vrrpv3RouterChecksumErrors_and_reaches_the_trap_receiver_as_vrrpv3ProtoError()
    {
        Require();
        LabRequirements.RequireTool("python3", "python3");
        using var lab = BridgeLab.Create(1);
        var traps = lab.Own(NetSnmp.StartTrapReceiver(lab.Client, lab.Directory, "10.200.0.100"));
        var a1 = lab.Own(NetSnmp.StartAgent(lab.Routers[0], lab.Directory, "a1", "10.200.0.100:162"));
        var r1 = StartRouter(lab, 1, 150, a1);
        string i1 = Index(lab, 1);
        Poll.Require(() => Number(a1.Walk(), Op(6, i1)) == 3, s_settle, "r1 master", () => r1.Output);

        string script = Path.Combine(lab.Directory, "bad-checksum.py");
        File.WriteAllText(script, BadChecksumSender);
        var (code, _, err) = lab.Client.Exec("python3", script);
        Assert.True(code == 0, err);

        Dictionary<string, string> w = [];
        // The counter and the row's reason are read live but the reason follows the subagent's
        // periodic check, so both are waited for together.
        Poll.Require(() =>
        {
            w = a1.Walk();
            return Number(w, $"{Mib}.1.2.1.0") >= 1 && Number(w, Stat(6, i1)) == 3;   // checksumError(3)
        }, s_settle, "vrrpv3RouterChecksumErrors to count and ProtoErrReason to say checksumError", () => Dump(w));
        Assert.Equal(0, Number(w, $"{Mib}.1.2.3.0"));
        Poll.Require(() => traps.Log().Contains("OID: .1.3.6.1.2.1.207.0.2", StringComparison.Ordinal), s_settle, "vrrpv3ProtoError", traps.Log);
        Assert.Contains($"{Stat(6, i1)} = INTEGER: 3", traps.Log());
    }

    private static int Count(string text, string what)
    {
        int n = 0;
        for (int i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal)) n++;
        return n;
    }
}
