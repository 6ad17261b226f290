using System.Diagnostics;
using System.Text;

namespace Appliance.Testing.Lab;

/// <summary>Runs lab tools (ip, nft, tcpdump) and reports failures with their output.</summary>
public static class Shell
{
    /// <summary>Runs <paramref name="file"/> with <paramref name="args"/>; throws with stderr when it fails.</summary>
    public static string Run(string file, params string[] args)
    {
        var (code, stdout, stderr) = TryRun(file, args);
        if (code != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {code}: {stderr.Trim()}");
        return stdout;
    }

    /// <summary>Runs and returns the exit code and both outputs.</summary>
    public static (int Code, string Stdout, string Stderr) TryRun(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {file}");
        var err = new StringBuilder();
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (err) err.AppendLine(e.Data); };
        p.BeginErrorReadLine();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        lock (err) return (p.ExitCode, stdout, err.ToString());
    }

    /// <summary>True when <paramref name="tool"/> is on PATH.</summary>
    public static bool Has(string tool)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
            if (dir.Length > 0 && File.Exists(Path.Combine(dir, tool))) return true;
        return false;
    }

    /// <summary>True when running as root (the namespace tests need it).</summary>
    public static bool IsRoot => Environment.UserName == "root" || GetEuid() == 0;

    private static uint GetEuid() => NativeMethods.geteuid();
}
