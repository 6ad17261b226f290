using System.Runtime.Versioning;
using Appliance.Integration.Tests.Daemon;
using Appliance.Testing.Lab;

namespace Appliance.Integration.Tests.Operations;

/// <summary>
/// <c>appliance trace</c> beside a running daemon: in the backup's namespace it shows the master's
/// adverts as accepted and hostile ones (sent from the LAN, raw, as the threat tests do) with the
/// drop reason the daemon gives them, and leaves the daemon undisturbed.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class TraceTests
{
    private const string Vip = "10.200.0.254";
    private static readonly TimeSpan s_settle = TimeSpan.FromSeconds(15);

    // Raw IPv4 packets (IP_HDRINCL), so TTL and every field are ours to choose. Their v3 checksum
    // covers the message only (RFC 9568's form), which the trace names.
    private const string Attacker = """
import socket, struct, sys
vip = sys.argv[1]
def csum(b):
    if len(b) % 2: b += b'\0'
    s = sum(struct.unpack('!%dH' % (len(b) // 2), b))
    while s >> 16: s = (s & 0xffff) + (s >> 16)
    return (~s) & 0xffff
def vrrp(vrid=51, prio=200, count=1, maxadv=20, ver=3, bad_sum=False, addrs=None):
    a = socket.inet_aton(vip) if addrs is None else addrs
    h = struct.pack('!BBBBHH', (ver << 4) | 1, vrid, prio, count, maxadv & 0x0fff, 0) + a
    c = csum(h) ^ (0x5a5a if bad_sum else 0)
    return h[:6] + struct.pack('!H', c) + h[8:]
def v2(vrid=51, prio=200):
    h = struct.pack('!BBBBBBH', 0x21, vrid, prio, 1, 0, 1, 0) + socket.inet_aton(vip) + b'\0' * 8
    return h[:6] + struct.pack('!H', csum(h)) + h[8:]
def ip(src, ttl, payload):
    h = struct.pack('!BBHHHBBH4s4s', 0x45, 0xc0, 20 + len(payload), 7, 0, ttl, 112, 0, socket.inet_aton(src), socket.inet_aton('224.0.0.18'))
    return h[:10] + struct.pack('!H', csum(h)) + h[12:] + payload
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
s.setsockopt(socket.IPPROTO_IP, socket.IP_HDRINCL, 1)
s.setsockopt(socket.SOL_SOCKET, 25, b'eth0\0')
src = '10.200.0.99'
for p in [ip(src, 64, vrrp()), ip(src, 255, vrrp(bad_sum=True)), ip(src, 255, vrrp(vrid=99)), ip(src, 255, v2()),
          ip(src, 255, vrrp(count=0, addrs=b''))]:
    s.sendto(p, ('224.0.0.18', 0))
""";

    [SkippableFact]
    public void Trace_shows_accepted_adverts_and_hostile_ones_with_the_daemons_drop_reasons()
    {
        LabRequirements.RequireNamespaces();
        Skip.IfNot(Shell.Has("python3"), "python3 builds the hostile packets");
        using var lab = BridgeLab.Create(2);
        try
        {
            var r1 = lab.StartRouter(1, new VrrpInstanceSpec { Priority = 150, AdvertInt = 0.2 });
            string conf = Path.Combine(lab.Directory, "r2-trace.conf");
            File.WriteAllText(conf, VrrpInstanceSpec.File([new VrrpInstanceSpec { Priority = 100, AdvertInt = 0.2 }]));
            var r2 = lab.Own(DaemonProcess.Start(lab.Routers[1], lab.Directory, "r2-trace", File.ReadAllText(conf)));
            lab.RequireOnlyMaster(1, Vip, s_settle, r1, r2);

            var cmd = DaemonBinary.Command;
            var trace = lab.Own(lab.Routers[1].Start(cmd[0], [.. cmd[1..], "trace", "-f", conf, "VI_1"], Path.Combine(lab.Directory, "trace.log")));
            Poll.Require(() => trace.Output.Contains("tracing VRRP on eth0 (IPv4)"), s_settle, "trace to start", () => trace.Output);
            string r1Ip = BridgeLab.RouterV4(1);
            Poll.Require(() => trace.Output.Contains($"{r1Ip} -> 224.0.0.18 VRID 51 v3 prio 150 int 0.20s addrs [{Vip}] ttl 255 csum PseudoHeader: accepted (VI_1)"),
                s_settle, "the master's adverts, accepted", () => trace.Output);

            string script = Path.Combine(lab.Directory, "attack.py");
            File.WriteAllText(script, Attacker);
            var (code, _, err) = lab.Client.Exec("python3", script, Vip);
            Assert.True(code == 0, err);
            string from = "10.200.0.99 -> 224.0.0.18";
            Poll.Require(() =>
                    trace.Output.Contains($"{from} VRID 51 v3 prio 200 int 0.20s addrs [{Vip}] ttl 64 csum MessageOnly: DROP BadTtl (VI_1)")
                    && trace.Output.Contains($"{from} ttl 255 len 32: DROP BadChecksum (undecodable)")
                    && trace.Output.Contains($"{from} VRID 51 v2 prio 200 int 1.00s addrs [{Vip}] auth none ttl 255 csum MessageOnly: DROP VersionMismatch (VI_1)")
                    && trace.Output.Contains($"{from} VRID 51 v3 prio 200 int 0.20s addrs [] ttl 255 csum MessageOnly: DROP NoAddresses (VI_1)"),
                s_settle, "the hostile adverts with their drop reasons", () => string.Join('\n', trace.Output.Split('\n').Where(l => !l.Contains(r1Ip + " ->"))));
            // Traced for VI_1 only: another VRID is not shown.
            Assert.DoesNotContain("VRID 99", trace.Output);

            // SIGINT ends it cleanly; the daemon saw nothing of it and is still the backup.
            trace.Signal(2);
            Assert.True(trace.WaitForExit(TimeSpan.FromSeconds(10)), "trace exits on SIGINT");
            Assert.Equal(0, trace.ExitCode);
            Assert.Equal("BACKUP", r2.State());

            // --count N: N lines, then it exits by itself.
            var counted = lab.Routers[1].Exec(cmd[0], [.. cmd[1..], "trace", "-f", conf, "--interface", "eth0", "--count", "3"]);
            Assert.Equal(0, counted.Code);
            Assert.Equal(3, counted.Stdout.Split('\n').Count(l => l.Contains(": accepted (VI_1)")));
        }
        finally
        {
            OpsLab.DeleteRecorders(lab);
        }
    }
}
