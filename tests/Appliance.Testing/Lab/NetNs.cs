using System.Runtime.InteropServices;

namespace Appliance.Testing.Lab;

/// <summary>
/// A network namespace this test created (named with a random per-lab token so parallel runs
/// never clash) and deletes on Dispose. Code runs inside it on a dedicated thread that setns()
/// into it: sockets created there belong to the namespace for their whole life.
/// </summary>
public sealed class NetNs : IDisposable
{
    private bool _disposed;

    private NetNs(string name) => Name = name;

    /// <summary>The namespace name under /run/netns.</summary>
    public string Name { get; }

    /// <summary>Creates the namespace with loopback up.</summary>
    public static NetNs Create(string name)
    {
        Shell.Run("ip", "netns", "add", name);
        var ns = new NetNs(name);
        ns.Ip("link", "set", "lo", "up");
        return ns;
    }

    /// <summary>Runs <c>ip -n NAME args</c>.</summary>
    public string Ip(params string[] args) => Shell.Run("ip", ["-n", Name, .. args]);

    /// <summary>Runs a command inside the namespace.</summary>
    public (int Code, string Stdout, string Stderr) Exec(string file, params string[] args) =>
        Shell.TryRun("ip", ["netns", "exec", Name, file, .. args]);

    /// <summary>Runs <paramref name="action"/> on a thread inside the namespace and returns its result.</summary>
    public T Run<T>(Func<T> action)
    {
        T result = default!;
        Exception? error = null;
        var t = new Thread(() =>
        {
            try
            {
                using var f = File.OpenHandle($"/run/netns/{Name}");
                if (NativeMethods.setns((int)f.DangerousGetHandle(), NativeMethods.CLONE_NEWNET) != 0)
                    throw new InvalidOperationException($"setns({Name}) failed: errno {Marshal.GetLastPInvokeError()}");
                result = action();
            }
            catch (Exception e)
            {
                error = e;
            }
        });
        t.Start();
        t.Join();
        if (error is not null) throw new InvalidOperationException($"in namespace {Name}: {error.Message}", error);
        return result;
    }

    /// <summary>Runs <paramref name="action"/> inside the namespace.</summary>
    public void Run(Action action) => Run(() => { action(); return 0; });

    /// <summary>Starts a long-running process inside the namespace.</summary>
    public LabProcess Start(string file, IEnumerable<string> args, string? logPath = null) =>
        LabProcess.Start(["ip", "netns", "exec", Name, file, .. args], logPath);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Shell.TryRun("ip", "netns", "del", Name);
    }
}
