using System.Net.Sockets;
using System.Text;
using Appliance.Testing.Lab;

namespace Appliance.Integration.Tests.Board;

/// <summary>
/// The watchdog as the running daemon feeds it, end to end: systemd's protocol over a real Unix
/// datagram socket standing in for systemd. A frozen loop (SIGSTOP) must stop the petting, which
/// is what lets a real watchdog reset a router whose HA loop hung while it held the VIP.
/// </summary>
public sealed class DaemonWatchdogTests
{
    [SkippableFact]
    public void Daemon_pets_the_systemd_watchdog_while_its_loop_runs_and_stops_when_the_loop_hangs()
    {
        LabRequirements.RequireNamespaces();
        using var lab = BridgeLab.Create(1);
        string notifyPath = Path.Combine(lab.Directory, "notify.sock");
        using var systemd = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        systemd.Bind(new UnixDomainSocketEndPoint(notifyPath));
        systemd.ReceiveTimeout = 3000;

        string conf = Path.Combine(lab.Directory, "r1.conf");
        File.WriteAllText(conf, VrrpInstanceSpec.File([new VrrpInstanceSpec { Priority = 150, AdvertInt = 0.1 }])
            + "\nappliance_board {\n    leds none\n    watchdog {\n        kind systemd\n    }\n}\n");
        var cmd = DaemonBinary.Command;
        // `env` execs in place, so the daemon keeps the pid systemd would know (WATCHDOG_PID is optional).
        var daemon = lab.Own(lab.Routers[0].Start("/usr/bin/env",
            ["NOTIFY_SOCKET=" + notifyPath, "WATCHDOG_USEC=1000000", .. cmd, "run", "-f", conf]));

        Assert.Contains("READY=1", Receive(systemd, "READY=1", daemon));
        for (int i = 0; i < 3; i++) Assert.Contains("WATCHDOG=1", Receive(systemd, "WATCHDOG=1", daemon));

        // Freeze the loop. Whatever was in flight drains; after that nothing may arrive for
        // longer than the whole 1 s watchdog period.
        daemon.Signal(19); // SIGSTOP
        systemd.ReceiveTimeout = 1500;
        var buffer = new byte[256];
        int pets = 0;
        bool silent = false;
        for (int i = 0; i < 8 && !silent; i++)
        {
            try { systemd.Receive(buffer); pets++; }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut) { silent = true; }
        }
        Assert.True(silent, "petting went on while the loop was frozen");
        Assert.True(pets <= 1, $"{pets} pets after the freeze; at most the one already queued may arrive");

        daemon.Signal(18); // SIGCONT: the loop recovers and so does the petting.
        systemd.ReceiveTimeout = 5000;
        Assert.Contains("WATCHDOG=1", Receive(systemd, "WATCHDOG=1", daemon));

        daemon.Signal(15);
        Assert.True(daemon.WaitForExit(TimeSpan.FromSeconds(10)), daemon.Output);
        Assert.Equal(0, daemon.ExitCode);
    }

    private static string Receive(Socket s, string wanted, LabProcess daemon)
    {
        var buffer = new byte[256];
        for (int i = 0; i < 20; i++)
        {
            int n;
            try { n = s.Receive(buffer); }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut)
            {
                throw new Xunit.Sdk.XunitException($"no '{wanted}' from the daemon; its output:\n{daemon.Output}");
            }
            string text = Encoding.ASCII.GetString(buffer, 0, n);
            if (text.Contains(wanted, StringComparison.Ordinal)) return text;
        }
        throw new Xunit.Sdk.XunitException($"'{wanted}' never came; output:\n{daemon.Output}");
    }
}
