using System.Net.Sockets;
using System.Text;
using Appliance.Testing.Lab;

namespace Appliance.Testing.Qemu;

/// <summary>
/// One ARM64 guest of the appliance image under qemu-system-aarch64 (software emulation). Its
/// console is a Unix socket the harness keeps open: <see cref="Run"/> types a command into the
/// guest's BusyBox shell and returns what it printed between two markers. Its monitor is a second
/// Unix socket for QEMU commands (the power button, link state). Dispose kills QEMU by PID.
/// </summary>
public sealed class QemuVm : IDisposable
{
    private readonly LabProcess _qemu;
    private readonly Socket _console;
    private readonly StringBuilder _consoleText = new();
    private readonly Thread _reader;
    private readonly string _monitorPath;
    private int _marker;
    private bool _booted;

    /// <summary>What the image's rcS prints when the boot scripts (and the appliance's start) are done.</summary>
    public const string BootDone = "rcS: boot done";
    private volatile bool _disposed;

    private QemuVm(string name, LabProcess qemu, Socket console, string monitorPath)
    {
        Name = name;
        _qemu = qemu;
        _console = console;
        _monitorPath = monitorPath;
        _reader = new Thread(ReadConsole) { IsBackground = true, Name = $"qemu-{name}-console" };
        _reader.Start();
    }

    /// <summary>The guest's name in logs (its router id).</summary>
    public string Name { get; }

    /// <summary>True once QEMU exited (a watchdog reset under <c>-no-reboot</c> ends it).</summary>
    public bool HasExited => _qemu.HasExited;

    /// <summary>Everything the console printed so far (kernel messages, shell output).</summary>
    public string ConsoleText
    {
        get { lock (_consoleText) return _consoleText.ToString(); }
    }

    /// <summary>Boots a guest. <paramref name="extraArgs"/> adds NICs and UARTs.</summary>
    public static QemuVm Start(string name, QemuImage image, string dtb, string kernelArgs, string workDir, IEnumerable<string> extraArgs)
    {
        string consolePath = Path.Combine(workDir, name + ".console");
        string monitorPath = Path.Combine(workDir, name + ".monitor");
        var argv = new List<string>
        {
            "qemu-system-aarch64", "-M", "virt,acpi=off", "-cpu", "cortex-a72", "-m", "384", "-display", "none", "-no-reboot",
            "-kernel", image.Kernel, "-initrd", image.Initrd, "-dtb", dtb,
            "-append", "console=ttyAMA0 quiet " + kernelArgs,
            "-serial", $"unix:{consolePath},server=on,wait=off",
            "-monitor", $"unix:{monitorPath},server=on,wait=off",
        };
        argv.AddRange(extraArgs);
        var qemu = LabProcess.Start(argv, Path.Combine(workDir, name + ".qemu.log"));
        Socket? console = null;
        Poll.Require(() => (console = TryConnect(consolePath)) is not null || qemu.HasExited, TimeSpan.FromSeconds(20),
            $"QEMU {name} console socket", () => qemu.Output);
        if (console is null) throw new Xunit.Sdk.XunitException($"QEMU {name} exited at start:\n{qemu.Output}");
        return new QemuVm(name, qemu, console, monitorPath);
    }

    private static Socket? TryConnect(string path)
    {
        if (!File.Exists(path)) return null;
        var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            s.Connect(new UnixDomainSocketEndPoint(path));
            return s;
        }
        catch (SocketException)
        {
            s.Dispose();
            return null;
        }
    }

    private void ReadConsole()
    {
        var buf = new byte[4096];
        while (!_disposed)
        {
            int n;
            try
            {
                n = _console.Receive(buf);
            }
            catch (SocketException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            if (n <= 0) return;
            lock (_consoleText) _consoleText.Append(Encoding.UTF8.GetString(buf, 0, n).Replace("\r", ""));
        }
    }

    /// <summary>Runs <paramref name="command"/> in the guest's shell; returns its output, or null
    /// when the guest did not answer within <paramref name="timeout"/> (it hangs or reset).</summary>
    public string? TryRun(string command, TimeSpan timeout)
    {
        // Nothing is typed before the guest says its boot is done: characters that reach the
        // PL011 while the kernel is still bringing its console up are lost, and with them the
        // markers this method waits for.
        if (!_booted && Poll.Until(() => ConsoleText.Contains(BootDone, StringComparison.Ordinal), timeout, 50) is null) return null;
        _booted = true;
        int m = Interlocked.Increment(ref _marker);
        string begin = $"@@B{m}@@", end = $"@@E{m}@@";
        int from;
        lock (_consoleText) from = _consoleText.Length;
        // The markers are printed by echo with a split literal, so the echoed command line itself
        // (the console echoes what we type) never matches them.
        string line = $"echo @@B{m}'@@'; {command}; echo @@E{m}'@@'\n";
        try
        {
            _console.Send(Encoding.UTF8.GetBytes(line));
        }
        catch (SocketException)
        {
            return null;
        }
        string? result = null;
        Poll.Until(() =>
        {
            string text;
            lock (_consoleText) text = _consoleText.ToString(from, _consoleText.Length - from);
            int b = text.IndexOf("\n" + begin + "\n", StringComparison.Ordinal);
            int e = b < 0 ? -1 : text.IndexOf("\n" + end + "\n", b + 1, StringComparison.Ordinal);
            if (e < 0) return false;
            int start = b + begin.Length + 2;
            result = e < start ? "" : text[start..e];
            return true;
        }, timeout, 20);
        return result;
    }

    /// <summary>Like <see cref="TryRun"/>, but fails the test when the guest does not answer.</summary>
    public string Run(string command, TimeSpan? timeout = null) =>
        TryRun(command, timeout ?? TimeSpan.FromSeconds(30)) ?? throw new Xunit.Sdk.XunitException(
            $"guest {Name} did not answer '{command}'; console tail:\n{Tail(ConsoleText, 3000)}");

    /// <summary>Sends one command to QEMU's human monitor and returns its answer.</summary>
    public string Monitor(string command)
    {
        using var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        s.Connect(new UnixDomainSocketEndPoint(_monitorPath));
        s.ReceiveTimeout = 5000;
        var text = new StringBuilder();
        var buf = new byte[4096];
        ReadUntilPrompt(s, buf, text);
        text.Clear();
        s.Send(Encoding.UTF8.GetBytes(command + "\n"));
        ReadUntilPrompt(s, buf, text);
        return text.ToString();
    }

    private static void ReadUntilPrompt(Socket s, byte[] buf, StringBuilder text)
    {
        while (!text.ToString().Contains("(qemu) ", StringComparison.Ordinal))
        {
            int n = s.Receive(buf);
            if (n <= 0) return;
            text.Append(Encoding.UTF8.GetString(buf, 0, n));
        }
    }

    /// <summary>Waits for QEMU to exit (a watchdog reset with <c>-no-reboot</c>).</summary>
    public bool WaitForExit(TimeSpan timeout) => _qemu.WaitForExit(timeout);

    /// <summary>The last <paramref name="max"/> characters of <paramref name="s"/>.</summary>
    public static string Tail(string s, int max) => s.Length <= max ? s : s[^max..];

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _console.Dispose();
        _qemu.Dispose();
    }
}
