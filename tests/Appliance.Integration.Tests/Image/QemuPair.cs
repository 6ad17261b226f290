using System.Diagnostics;
using Appliance.Testing;
using Appliance.Testing.Qemu;

namespace Appliance.Integration.Tests.Image;

/// <summary>
/// Two ARM64 guests of the appliance image: r1 (priority 150, LEDs through the kernel's leds-gpio
/// and the LED class) and r2 (priority 100, LEDs on raw PL061 lines), joined by a virtual LAN
/// (<see cref="LanRelay"/>) and a PCI UART between them that carries the second heartbeat.
/// Everything is on 127.0.0.1 and Unix sockets in a temporary directory.
/// </summary>
internal sealed class QemuPair : IDisposable
{
    public const string Vip = "10.9.0.254";
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<string> _log = [];
    private readonly Action<string> _output;

    public QemuPair(QemuImage image, Action<string> output)
    {
        _output = output;
        Directory = System.IO.Directory.CreateTempSubdirectory("appliance-qemu-").FullName;
        int lanA = LanRelay.FreeUdpPort(), lanB = LanRelay.FreeUdpPort();
        Lan = new LanRelay(lanA, lanB);
        int uart = FreeTcpPort();
        R1 = QemuVm.Start("r1", image, image.LedClassDtb,
            "ap_node=r1 ap_id=1 ap_prio=150 ap_lan=10.9.0.11/24 ap_board=qemu-virt-ledclass ap_wd=10", Directory,
            [.. Nic(lanA, Lan.PortA, "52:54:00:00:09:11"), "-chardev", $"socket,id=uart,host=127.0.0.1,port={uart},server=on,wait=off", "-device", "pci-serial,chardev=uart"]);
        R2 = QemuVm.Start("r2", image, image.GpioDtb,
            "ap_node=r2 ap_id=2 ap_prio=100 ap_lan=10.9.0.12/24 ap_board=qemu-virt ap_wd=10", Directory,
            [.. Nic(lanB, Lan.PortB, "52:54:00:00:09:12"), "-chardev", $"socket,id=uart,host=127.0.0.1,port={uart},reconnect=1", "-device", "pci-serial,chardev=uart"]);
    }

    public string Directory { get; }

    public LanRelay Lan { get; }

    public QemuVm R1 { get; }

    public QemuVm R2 { get; }

    /// <summary>Seconds since the pair was started, for the scenario log.</summary>
    public double Elapsed => _clock.Elapsed.TotalSeconds;

    private static string[] Nic(int local, int relay, string mac) =>
    [
        "-netdev", $"dgram,id=lan,local.type=inet,local.host=127.0.0.1,local.port={local},remote.type=inet,remote.host=127.0.0.1,remote.port={relay}",
        "-device", $"virtio-net-device,netdev=lan,mac={mac}",
    ];

    private static int FreeTcpPort()
    {
        var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        int port = ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    /// <summary>A line of the scenario log, with the time since start.</summary>
    public void Say(string line)
    {
        string s = $"[{Elapsed,7:0.00}s] {line}";
        _log.Add(s);
        _output(s);
    }

    public bool HoldsVip(QemuVm vm) => (vm.TryRun("ip -o addr show dev eth0", TimeSpan.FromSeconds(20)) ?? "").Contains($" {Vip}/", StringComparison.Ordinal);

    public string AppLog(QemuVm vm) => vm.TryRun("cat /run/appliance.log", TimeSpan.FromSeconds(20)) ?? "(no answer)";

    /// <summary>The diagnostics for a failure: both guests' daemon logs and console tails.</summary>
    public string Diagnostics() =>
        $"--- scenario log\n{string.Join('\n', _log)}\n--- r1 appliance.log\n{(R1.HasExited ? "(exited)" : AppLog(R1))}\n--- r2 appliance.log\n{(R2.HasExited ? "(exited)" : AppLog(R2))}" +
        $"\n--- r1 console\n{QemuVm.Tail(R1.ConsoleText, 2000)}\n--- r2 console\n{QemuVm.Tail(R2.ConsoleText, 2000)}";

    public void WriteLog()
    {
        string path = Path.Combine(RepoPaths.Root, "artifacts", "test-logs", "qemu-e2e.log");
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllLines(path, _log);
    }

    public void Dispose()
    {
        R1.Dispose();
        R2.Dispose();
        Lan.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
