using System.Net.Sockets;
using Appliance.Integration.Tests.Daemon;
using Appliance.Testing.Lab;

namespace Appliance.Integration.Tests.Loop;

/// <summary>
/// A flood of junk on the VRRP socket must not starve the rest of the loop: the socket is served
/// one budget per turn, so adverts and watchdog pets keep their deadlines. Shown by the daemon's
/// own counters (late deadlines, late pets, budget exhaustions), not by wall-clock asserts.
/// </summary>
public sealed class FloodTests
{
    private const int Datagrams = 100_000;

    [SkippableFact]
    public void Flood_of_junk_on_the_vrrp_socket_misses_no_watchdog_pet_and_delays_no_advert()
    {
        LabRequirements.RequireNamespaces();
        Skip.IfNot(Shell.Has("python3"), "python3 sends the flood");
        using var lab = BridgeLab.Create(1);
        string notifyPath = Path.Combine(lab.Directory, "notify.sock");
        using var systemd = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        systemd.Bind(new UnixDomainSocketEndPoint(notifyPath));
        long notifications = 0;
        var drain = new Thread(() =>
        {
            var buffer = new byte[256];
            try
            {
                while (true)
                {
                    systemd.Receive(buffer);
                    Interlocked.Increment(ref notifications);
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
            }
        }) { IsBackground = true };
        drain.Start();

        string conf = Path.Combine(lab.Directory, "flood.conf");
        string status = Path.Combine(lab.Directory, "flood.status");
        File.WriteAllText(conf, VrrpInstanceSpec.File([new VrrpInstanceSpec { Priority = 150, AdvertInt = 0.1 }])
            + "\nappliance_board {\n    leds none\n    watchdog {\n        kind systemd\n    }\n}\n");
        var cmd = DaemonBinary.Command;
        var process = lab.Own(lab.Routers[0].Start("/usr/bin/env",
            ["NOTIFY_SOCKET=" + notifyPath, "WATCHDOG_USEC=1000000", .. cmd, "run", "-f", conf, "-p", Path.Combine(lab.Directory, "flood.pid"),
             "--status-file", status, "--status-interval", "0.1"], Path.Combine(lab.Directory, "flood.log")));
        var d = new StatusReader(status);
        string Why() => $"{process.Output}\n{string.Join('\n', d.Lines())}";
        Poll.Require(() => d.Field("instance VI_1 ", "state") == "MASTER", TimeSpan.FromSeconds(10), "VI_1 master", Why);
        Poll.Require(() => d.Value("watchdog ", "pets") >= 2, TimeSpan.FromSeconds(10), "the watchdog petted", Why);
        long petsBefore = d.Value("watchdog ", "pets") ?? 0;

        // Junk VRRP datagrams (IP protocol 112, random bytes) to the router's address, from the client namespace.
        string script = "import os,socket\n" +
            "s=socket.socket(socket.AF_INET,socket.SOCK_RAW,112)\n" +
            "junk=[os.urandom(40) for _ in range(64)]\n" +
            $"for i in range({Datagrams}):\n" +
            "    try: s.sendto(junk[i%64],('" + BridgeLab.RouterV4(1) + "',0))\n" +
            "    except OSError: pass\n";
        var (code, _, err) = lab.Client.Exec("python3", "-c", script);
        Assert.True(code == 0, "the flood failed: " + err);
        long sent = Datagrams;
        // Let the loop work through what was queued and write the status twice more.
        long writes = d.Value("status_writes", null) ?? 0;
        Poll.Require(() => d.Value("status_writes", null) >= writes + 3, TimeSpan.FromSeconds(10), "status rewritten after the flood", Why);

        long received = d.Value("link eth0 ", "received") ?? 0;
        long exhausted = d.Value("link eth0 ", "budget_exhausted") ?? 0;
        long late = d.Value("timing instance VI_1 ", "late_deadlines") ?? -1;
        long latePets = d.Value("watchdog ", "late") ?? -1;
        long withheld = d.Value("watchdog ", "withheld") ?? -1;
        long failed = d.Value("watchdog ", "failed") ?? -1;
        long pets = d.Value("watchdog ", "pets") ?? 0;
        string figures = $"sent {sent}, received {received}, budget exhausted {exhausted} times, late adverts {late} (max {d.Value("timing instance VI_1 ", "max_lateness_us")} us), "
            + $"pets {petsBefore} -> {pets}, late pets {latePets} (max {d.Value("watchdog ", "max_pet_lateness_us")} us), withheld {withheld}, failed {failed}, turns {d.Value("loop_turns", null)}";
        Console.WriteLine("flood: " + figures);

        Assert.True(received > Datagrams / 2, "the flood did not reach the socket: " + figures);
        Assert.True(late == 0, "adverts were late: " + figures);
        Assert.True(latePets == 0 && withheld == 0 && failed == 0, "the watchdog missed pets: " + figures);
        Assert.True(pets > petsBefore, "petting stopped: " + figures);
        Assert.True(d.Field("instance VI_1 ", "became_master") == "1", "VI_1 flapped: " + figures + "\n" + Why());
        Assert.True(Interlocked.Read(ref notifications) > 0, "systemd heard nothing");

        process.Signal(15);
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(10)), process.Output);
        Assert.Equal(0, process.ExitCode);
    }

    /// <summary>Reads the status file of a daemon the test started itself (not through DaemonProcess).</summary>
    private sealed class StatusReader(string path)
    {
        public string[] Lines()
        {
            try
            {
                return File.Exists(path) ? File.ReadAllLines(path) : [];
            }
            catch (IOException)
            {
                return [];
            }
        }

        public string? Field(string prefix, string key)
        {
            foreach (var line in Lines())
            {
                if (!line.StartsWith(prefix, StringComparison.Ordinal)) continue;
                var parts = line.Split(' ');
                for (int i = 0; i + 1 < parts.Length; i++)
                    if (parts[i] == key) return parts[i + 1];
            }
            return null;
        }

        /// <summary>A number after <paramref name="key"/> on the line starting with <paramref name="prefix"/>;
        /// a null key means the line is "prefix value".</summary>
        public long? Value(string prefix, string? key)
        {
            foreach (var line in Lines())
            {
                if (!line.StartsWith(prefix, StringComparison.Ordinal)) continue;
                var parts = line.Split(' ');
                if (key is null) return long.TryParse(parts[^1], out long v0) ? v0 : null;
                for (int i = 0; i + 1 < parts.Length; i++)
                    if (parts[i] == key && long.TryParse(parts[i + 1], out long v)) return v;
            }
            return null;
        }
    }
}
