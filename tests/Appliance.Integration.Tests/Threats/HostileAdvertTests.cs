using System.Globalization;
using Appliance.Integration.Tests.Daemon;
using Appliance.Testing.Lab;

namespace Appliance.Integration.Tests.Threats;

/// <summary>
/// An attacker on the LAN (the client namespace) floods a running pair with every malformed or
/// out-of-rule advert we could think of, each claiming priority 255, the owner's: wrong lengths,
/// counts, checksums, versions, types, VRIDs, intervals, TTLs below 255 to the multicast group and
/// to the master's own address, IP options, fragments, trailing bytes, a spoofed source (the
/// master's own address). The master must never step down, the backup never take over, and every
/// datagram the kernel delivered must be counted under a drop reason.
/// </summary>
public sealed class HostileAdvertTests
{
    private const int Copies = 40;

    // Builds raw IPv4 packets (IP_HDRINCL) so TTL, options, fragments and sources are ours to choose.
    // Also used by Operations/ControlLabTests to move the RFC 6527 counters.
    internal const string Attacker = """
import socket, struct, sys
r1, r2, vip = sys.argv[1], sys.argv[2], sys.argv[3]
copies = int(sys.argv[4])
def csum(b):
    if len(b) % 2: b += b'\0'
    s = sum(struct.unpack('!%dH' % (len(b) // 2), b))
    while s >> 16: s = (s & 0xffff) + (s >> 16)
    return (~s) & 0xffff
def vrrp3(vrid=51, prio=255, count=1, maxadv=10, ver=3, typ=1, addrs=None, bad_sum=False, extra=b''):
    a = socket.inet_aton(vip) if addrs is None else addrs
    h = struct.pack('!BBBBHH', (ver << 4) | typ, vrid, prio, count, maxadv & 0x0fff, 0) + a
    c = csum(h)
    if bad_sum: c ^= 0x5a5a
    return h[:6] + struct.pack('!H', c) + h[8:] + extra
def vrrp2(vrid=51, prio=255):
    h = struct.pack('!BBBBBBH', 0x21, vrid, prio, 1, 0, 1, 0) + socket.inet_aton(vip) + b'\0' * 8
    return h[:6] + struct.pack('!H', csum(h)) + h[8:]
ident = [1000]
def ip(src, dst, ttl, payload, opts=b'', frag=0, mf=0, ident_=None, total=None):
    ihl = 5 + len(opts) // 4
    i = ident_ if ident_ is not None else ident[0]
    ident[0] += 1
    tot = total if total is not None else ihl * 4 + len(payload)
    h = struct.pack('!BBHHHBBH4s4s', (4 << 4) | ihl, 0xc0, tot, i, (mf << 13) | frag, ttl, 112, 0,
                    socket.inet_aton(src), socket.inet_aton(dst)) + opts
    return h[:10] + struct.pack('!H', csum(h)) + h[12:] + payload
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
s.setsockopt(socket.IPPROTO_IP, socket.IP_HDRINCL, 1)
s.setsockopt(socket.SOL_SOCKET, 25, b'eth0\0')  # SO_BINDTODEVICE: the multicast ones leave by eth0
group = '224.0.0.18'
stranger = r1.rsplit('.', 1)[0] + '.99'
good = vrrp3()
kinds = {
    'ttl64-to-group': [ip(stranger, group, 64, good)],
    'ttl64-to-master-address': [ip(stranger, r1, 64, good)],
    'ttl1-to-master-address-from-backup-address': [ip(r2, r1, 1, good)],
    'ttl254-to-group-from-backup-address': [ip(r2, group, 254, good)],
    'bad-checksum': [ip(stranger, group, 255, vrrp3(bad_sum=True))],
    'version-5': [ip(stranger, group, 255, vrrp3(ver=5))],
    'type-2': [ip(stranger, group, 255, vrrp3(typ=2))],
    'unknown-vrid': [ip(stranger, group, 255, vrrp3(vrid=99))],
    'truncated-header': [ip(stranger, group, 255, good[:6])],
    'count-says-3-carries-1': [ip(stranger, group, 255, vrrp3(count=3))],
    'count-0-no-addresses': [ip(stranger, group, 255, vrrp3(count=0, addrs=b''))],
    'trailing-bytes': [ip(stranger, group, 255, good + b'\xde\xad\xbe\xef')],
    'v2-advert-to-v3-instance': [ip(stranger, group, 255, vrrp2())],
    'interval-0': [ip(stranger, group, 255, vrrp3(maxadv=0))],
    'ip-options-ttl64': [ip(stranger, group, 64, good, opts=b'\x01\x01\x01\x00')],
    'spoofed-own-source': [ip(r1, group, 255, good)],
}
counts = {}
for name, packets in kinds.items():
    counts[name] = 0
    for _ in range(copies):
        for p in packets:
            dst = socket.inet_ntoa(p[16:20])
            s.sendto(p, (dst, 0))
        counts[name] += 1
# Fragments: each pair reassembles into one TTL-64 advert to the master's address.
frag_payload = good
counts['fragmented-ttl64'] = 0
for _ in range(copies):
    i = ident[0]; ident[0] += 1
    first, rest = frag_payload[:8], frag_payload[8:]
    s.sendto(ip(stranger, r1, 64, first, frag=0, mf=1, ident_=i, total=20 + 8), (r1, 0))
    s.sendto(ip(stranger, r1, 64, rest, frag=1, mf=0, ident_=i, total=20 + len(rest)), (r1, 0))
    counts['fragmented-ttl64'] += 1
for k, v in counts.items(): print(k, v)
print('total', sum(counts.values()))
""";

    [SkippableFact]
    public void Hostile_adverts_at_priority_255_never_move_mastership_and_every_one_is_counted_as_a_drop()
    {
        LabRequirements.RequireNamespaces();
        Skip.IfNot(Shell.Has("python3"), "python3 builds the hostile packets");
        using var lab = BridgeLab.Create(2);
        var r1 = lab.StartRouter(1, new VrrpInstanceSpec { Priority = 150, AdvertInt = 0.1 });
        var r2 = lab.StartRouter(2, new VrrpInstanceSpec { Priority = 100, AdvertInt = 0.1 });
        Poll.Require(() => r1.State() == "MASTER" && r2.State() == "BACKUP", TimeSpan.FromSeconds(15), "election", () => r1.Output + r2.Output);

        long r1Drops = DropTotal(r1), r2Drops = DropTotal(r2);
        long r1Received = Received(r1);
        long r1Own = OwnPackets(r1);

        string script = Path.Combine(lab.Directory, "attacker.py");
        File.WriteAllText(script, Attacker);
        var (code, stdout, err) = lab.Client.Exec("python3", script, BridgeLab.RouterV4(1), BridgeLab.RouterV4(2), "10.200.0.254",
            Copies.ToString(CultureInfo.InvariantCulture));
        Assert.True(code == 0, "the attacker failed: " + err);
        var sent = new Dictionary<string, long>();
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ');
            sent[parts[0]] = long.Parse(parts[1], CultureInfo.InvariantCulture);
        }
        long total = sent["total"];
        // What reaches the master's socket: every kind (the fragments reassemble into one datagram
        // each) but the one spoofing the master's own source, which its kernel discards as a
        // martian before any socket sees it.
        long toMaster = total - sent["spoofed-own-source"];

        // Wait until the master has read them all (its link counter), then for two more status writes.
        Poll.Require(() => Received(r1) - r1Received >= toMaster, TimeSpan.FromSeconds(20),
            $"the master received the {toMaster} hostile datagrams", () => Figures(r1) + r1.Output);
        WaitForStatusWrites(r1, 2);
        WaitForStatusWrites(r2, 2);

        string figures = $"sent {string.Join(", ", sent.Select(kv => $"{kv.Key} {kv.Value}"))}\nmaster:\n{Figures(r1)}\nbackup:\n{Figures(r2)}";
        Assert.True(r1.State() == "MASTER", "the master stepped down:\n" + figures + r1.Output);
        Assert.Equal("1", r1.Field("VI_1", "became_master"));
        Assert.True(r2.State() == "BACKUP", "the backup took over:\n" + figures + r2.Output);
        Assert.Equal("0", r2.Field("VI_1", "became_master"));
        // Every hostile datagram the master read is a counted drop (its own looped-back adverts are
        // OwnPacket drops too, so those are taken out by counting only what came on top of them).
        long r1Counted = DropTotal(r1) - r1Drops;
        long r1OwnNew = OwnPackets(r1) - r1Own;
        long r1Hostile = r1Counted - r1OwnNew;
        Assert.True(r1Hostile == toMaster, $"{r1Hostile} of {toMaster} hostile datagrams were counted as drops at the master\n{figures}");
        // The backup gets the multicast ones; it must not have accepted any of them either.
        Assert.True(DropTotal(r2) > r2Drops, "the backup counted nothing\n" + figures);
    }

    private static long Received(DaemonProcess d)
    {
        foreach (var line in d.StatusLines())
        {
            if (!line.StartsWith("link eth0 ", StringComparison.Ordinal)) continue;
            var parts = line.Split(' ');
            for (int i = 0; i + 1 < parts.Length; i++)
                if (parts[i] == "received" && long.TryParse(parts[i + 1], out long v)) return v;
        }
        return 0;
    }

    private static void WaitForStatusWrites(DaemonProcess d, int more)
    {
        long start = d.Value("status_writes") ?? 0;
        Poll.Require(() => (d.Value("status_writes") ?? 0) >= start + more, TimeSpan.FromSeconds(10), "status rewritten", () => d.Output);
    }

    private static long DropTotal(DaemonProcess d)
    {
        long sum = 0;
        foreach (var line in d.StatusLines())
        {
            if (!line.StartsWith("drop ", StringComparison.Ordinal)) continue;
            var parts = line.Split(' ');
            if (long.TryParse(parts[^1], out long v)) sum += v;
        }
        return sum;
    }

    private static long OwnPackets(DaemonProcess d)
    {
        long sum = 0;
        foreach (var line in d.StatusLines())
            if (line.StartsWith("drop ", StringComparison.Ordinal) && line.Contains(" OwnPacket ", StringComparison.Ordinal)
                && long.TryParse(line.Split(' ')[^1], out long v)) sum += v;
        return sum;
    }

    private static string Figures(DaemonProcess d) => string.Join('\n', d.StatusLines().Where(l => l.StartsWith("drop ", StringComparison.Ordinal) || l.StartsWith("link ", StringComparison.Ordinal) || l.StartsWith("instance ", StringComparison.Ordinal)));
}
