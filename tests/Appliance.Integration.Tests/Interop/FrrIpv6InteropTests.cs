using System.Runtime.Versioning;
using Appliance.Integration.Tests.Daemon;
using Appliance.Testing.Lab;
using Xunit.Abstractions;

namespace Appliance.Integration.Tests.Interop;

/// <summary>
/// VRRPv3 over IPv6 between our daemon and FRRouting's vrrpd (Debian's frr 8.4), with the same
/// global-only address list as the keepalived test (fd00:51::254/64, no link-local VIP).
/// FRR works differently from keepalived and us: the administrator creates the macvlan with the
/// virtual MAC (00:00:5e:00:02:VRID) and puts the VIP on it; vrrpd never adds or removes
/// addresses, it sets the macvlan's protodown flag while it is not master. So on FRR's side "holds
/// the VIP" means: the macvlan is not protodown. zebra and vrrpd run in the router's namespace
/// with their sockets, pid files and configs in a scratch directory (no /etc/frr involved).
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class FrrIpv6InteropTests(ITestOutputHelper output)
{
    private const string Vip = "fd00:51::254";
    private static readonly TimeSpan s_settle = TimeSpan.FromSeconds(20);

    public static TheoryData<bool> Cases => [true, false];

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void Ours_and_frr_vrrpd_elect_one_master_and_fail_over_gracefully(bool oursHigher)
    {
        LabRequirements.RequireNamespaces();
        Skip.IfNot(File.Exists("/usr/lib/frr/vrrpd"), "SKIPPED LOUDLY: FRR's vrrpd is not installed (Debian package frr); run ./build.sh setup");
        using var lab = BridgeLab.Create(2);
        var frrNs = lab.Routers[1];
        using var frr = FrrVrrpd.Start(lab, frrNs, oursHigher ? 100 : 150);
        // vrrpd sends nothing until its macvlan has a link-local address ("Primary IP (v6) ::" until
        // then); a fast-starting peer would rightly become master meanwhile. Start ours once FRR speaks.
        Poll.Require(() => !System.Text.RegularExpressions.Regex.IsMatch(frr.Show(), @"Primary IP \(v6\)\s+::\s"), s_settle,
            "FRR's vrrpd to have its IPv6 primary address", frr.Show);
        var spec = new VrrpInstanceSpec { Version = 3, AdvertInt = 0.2, Priority = oursHigher ? 150 : 100, Vips = [Vip + "/64"] };
        var ours = lab.StartRouter(1, spec);
        string Diag() => RouterLabExtensions.Diagnostics(lab, ours) + "\n--- frr:\n" + frr.Show() + "\n" + frr.Link();

        // Exactly one master: ours holds the VIP in the kernel exactly when FRR's macvlan is protodown.
        bool OursMaster() => lab.Routers[0].HasVip(Vip) && frr.ProtoDown() && ours.State() == "MASTER";
        bool FrrMaster() => !lab.Routers[0].HasVip(Vip) && !frr.ProtoDown() && ours.State() == "BACKUP";
        Poll.Require(() => (oursHigher ? OursMaster() : FrrMaster()) && (oursHigher || long.Parse(ours.Field("VI_1", "adverts_accepted") ?? "0") >= 1),
            s_settle, "one master, the higher (and, with FRR the master, its adverts heard)", Diag);
        Assert.Null(Poll.Until(() => !(oursHigher ? OursMaster() : FrrMaster()), 2 * RouterLabExtensions.MasterDownInterval(100, 0.2)));
        output.WriteLine(frr.Show());
        if (!oursHigher)
        {
            // FRR's adverts (source: the macvlan's link-local, first address global) are accepted, not
            // dropped; NotListening counts the ones that came while our instance was still starting.
            Assert.True(long.Parse(ours.Field("VI_1", "adverts_accepted") ?? "0") >= 3, Diag());
            Assert.DoesNotContain(ours.StatusLines(), l => l.StartsWith("drop ", StringComparison.Ordinal)
                && !l.Contains("LowerPriority", StringComparison.Ordinal) && !l.Contains("NotListening", StringComparison.Ordinal));
        }

        // Graceful stop of the master: the other takes over.
        if (oursHigher)
        {
            ours.Signal(15);
            Assert.True(ours.WaitForExit(TimeSpan.FromSeconds(10)));
            Poll.Require(() => !frr.ProtoDown() && !lab.Routers[0].HasVip(Vip), s_settle, "FRR master after our stop", Diag);
        }
        else
        {
            frr.Stop();
            Poll.Require(() => lab.Routers[0].HasVip(Vip) && ours.State() == "MASTER", s_settle, "ours master after FRR's stop", Diag);
            Assert.True(long.Parse(ours.Field("VI_1", "priority_zero_received") ?? "0") >= 1, "FRR sent priority 0 on stop\n" + Diag());
        }
    }

    /// <summary>zebra + vrrpd of FRR in a lab namespace.</summary>
    private sealed class FrrVrrpd : IDisposable
    {
        private readonly NetNs _ns;
        private readonly string _dir;

        private FrrVrrpd(NetNs ns, string dir)
        {
            _ns = ns;
            _dir = dir;
        }

        public static FrrVrrpd Start(BridgeLab lab, NetNs ns, int priority)
        {
            // The daemons drop to user frr: their directory must be reachable and writable by it.
            File.SetUnixFileMode(lab.Directory, (UnixFileMode)0b111_101_101);
            string dir = Path.Combine(lab.Directory, "frr");
            Directory.CreateDirectory(dir);
            File.SetUnixFileMode(dir, (UnixFileMode)0b111_111_111);
            ns.Ip("link", "add", "vrrp6", "link", "eth0", "type", "macvlan", "mode", "bridge");
            ns.Ip("link", "set", "vrrp6", "address", "00:00:5e:00:02:33");
            ns.Ip("link", "set", "vrrp6", "up");
            ns.Ip("addr", "add", Vip + "/64", "dev", "vrrp6", "nodad");
            File.WriteAllText(Path.Combine(dir, "zebra.conf"), "hostname frr\n");
            File.WriteAllText(Path.Combine(dir, "vrrpd.conf"),
                $"hostname frr\ninterface eth0\n vrrp 51 version 3\n vrrp 51 priority {priority}\n vrrp 51 advertisement-interval 200\n vrrp 51 ipv6 {Vip}\n");
            var f = new FrrVrrpd(ns, dir);
            f.Daemon("zebra");
            Poll.Require(() => File.Exists(Path.Combine(dir, "zserv.api")), TimeSpan.FromSeconds(20), "zebra's API socket");
            f.Daemon("vrrpd");
            Poll.Require(() => File.Exists(Path.Combine(dir, "vrrpd.vty")), TimeSpan.FromSeconds(20), "vrrpd's vty socket");
            return f;
        }

        private void Daemon(string name)
        {
            var (code, stdout, stderr) = _ns.Exec($"/usr/lib/frr/{name}", "-d", "-f", Path.Combine(_dir, $"{name}.conf"), "-i", Path.Combine(_dir, $"{name}.pid"),
                "--vty_socket", _dir, "-z", Path.Combine(_dir, "zserv.api"));
            if (code != 0) throw new InvalidOperationException($"{name} failed to start ({code}): {stdout}{stderr}");
        }

        public string Show() => _ns.Exec("vtysh", "--vty_socket", _dir, "-c", "show vrrp").Stdout;

        public string Link() => _ns.Ip("-d", "link", "show", "dev", "vrrp6");

        public bool ProtoDown() => Link().Contains("protodown on", StringComparison.Ordinal);

        /// <summary>SIGTERM to vrrpd (it leaves with a priority 0 advert), then zebra.</summary>
        public void Stop()
        {
            foreach (var name in new[] { "vrrpd", "zebra" })
            {
                string pidFile = Path.Combine(_dir, $"{name}.pid");
                if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), out int pid)) continue;
                Shell.TryRun("kill", "-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
                Poll.Until(() => !Directory.Exists($"/proc/{pid}"), TimeSpan.FromSeconds(10));
                Shell.TryRun("kill", "-KILL", pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
                File.Delete(pidFile);
            }
        }

        public void Dispose() => Stop();
    }
}
