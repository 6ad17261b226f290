using System.Diagnostics;
using Appliance.Cli;
using Appliance.Platform.Linux.Processes;

namespace Appliance.Notify;

/// <summary>
/// Builds the <see cref="ProcessStartInfo"/> that runs a script as <see cref="ScriptIdentity"/>: our own
/// binary with the hidden <c>--exec-as</c> verb (<see cref="ExecAsVerb"/>), which drops privileges in
/// its own fresh process and then becomes the script. The environment is rebuilt from nothing:
/// <see cref="SafePath"/>, the variables in <see cref="PassedThrough"/> when the daemon has them,
/// and the caller's own (the fence command's APPLIANCE_FENCE_*). Nothing else of the daemon's
/// environment reaches a script.
/// </summary>
internal static class ScriptLauncher
{
    /// <summary>The PATH scripts get, and the only PATH a bare script name is searched in.</summary>
    public const string SafePath = "/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>Variables copied from the daemon's environment when set: locale and time zone only.</summary>
    public static readonly string[] PassedThrough = ["LANG", "LC_ALL", "TZ"];

    private static string[]? s_command;

    /// <summary>
    /// How to start the launcher: the published binary itself, or (under the JIT, e.g. in tests) the
    /// <c>appliance</c> app host beside the assembly. Settable for tests.
    /// </summary>
    public static string[] Command
    {
        get => s_command ??= Detect();
        set => s_command = value;
    }

    /// <summary>The start info that runs <paramref name="executable"/> (an absolute path) with <paramref name="args"/> as <paramref name="runAs"/>.</summary>
    public static ProcessStartInfo StartInfo(ScriptIdentity runAs, string executable, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment)
    {
        string[] command = Command;
        var psi = new ProcessStartInfo(command[0]) { UseShellExecute = false, WorkingDirectory = "/" };
        for (int i = 1; i < command.Length; i++) psi.ArgumentList.Add(command[i]);
        psi.ArgumentList.Add(ExecAsVerb.Name);
        psi.ArgumentList.Add(ExecAsVerb.Format(runAs));
        psi.ArgumentList.Add("--");
        psi.ArgumentList.Add(executable);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment.Clear();
        psi.Environment["PATH"] = SafePath;
        foreach (string name in PassedThrough)
            if (Environment.GetEnvironmentVariable(name) is { } value) psi.Environment[name] = value;
        if (environment is not null)
            foreach (var (k, v) in environment) psi.Environment[k] = v;
        return psi;
    }

    /// <summary>The absolute path of <paramref name="program"/>: itself when it has a '/', else the first executable regular file on <see cref="SafePath"/>.</summary>
    public static string? Locate(string program)
    {
        if (program.Contains('/')) return Path.GetFullPath(program, "/");
        foreach (string dir in SafePath.Split(':'))
        {
            string candidate = Path.Combine(dir, program);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    private static string[] Detect()
    {
        string? self = Environment.ProcessPath;
        if (self is not null && Path.GetFileName(self) == "appliance") return [self];
        string host = Path.Combine(AppContext.BaseDirectory, "appliance");
        if (File.Exists(host)) return [host];
        string dll = Path.Combine(AppContext.BaseDirectory, "appliance.dll");
        return ["dotnet", dll];
    }
}
