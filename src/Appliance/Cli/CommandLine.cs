using System.Reflection;
using System.Runtime.InteropServices;

namespace Appliance.Cli;

/// <summary>Verb dispatch for the one executable. Each verb lives in its own file.</summary>
internal static class CommandLine
{
    public static int Run(string[] args)
    {
        // First and alone: the script launcher must not touch anything else (no config, no logging).
        if (args.Length > 0 && args[0] == ExecAsVerb.Name) return ExecAsVerb.Execute(args.AsSpan(1));
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.Out.Write(Usage);
            return args.Length == 0 ? ExitCodes.Usage : ExitCodes.Ok;
        }
        if (args[0] is "--version" or "-v")
        {
            Console.Out.WriteLine(VersionLine());
            return ExitCodes.Ok;
        }
        // keepalived-style invocations: `appliance -t -f FILE` checks, `appliance -f FILE ...` runs.
        if (Array.IndexOf(args, "-t") >= 0 || Array.IndexOf(args, "--config-test") >= 0) return CheckVerb.Execute(args);
        switch (args[0])
        {
            case "run": return RunVerb.Execute(args.AsSpan(1));
            case "check": return CheckVerb.Execute(args.AsSpan(1));
            case "convert": return ConvertVerb.Execute(args.AsSpan(1));
            case "selftest": return SelfTestVerb.Execute(args.AsSpan(1));
            case "status": return StatusVerb.Execute(args.AsSpan(1));
            case "reload": return ReloadVerb.Execute(args.AsSpan(1));
            case "maintenance": return MaintenanceVerb.Execute(args.AsSpan(1));
            case "version": return VersionVerb.Execute(args.AsSpan(1));
            case WhyVerb.Name: return WhyVerb.Execute(args.AsSpan(1));
            case TraceVerb.Name: return TraceVerb.Execute(args.AsSpan(1));
        }
        if (args[0].StartsWith('-')) return RunVerb.Execute(args);
        Console.Error.WriteLine($"appliance: unknown verb '{args[0]}'. Run 'appliance --help' for the list.");
        return ExitCodes.Usage;
    }

#if NATIVE_AOT
    private const string BuildFlavor = "native-aot";
#else
    private const string BuildFlavor = "jit";
#endif

    public static string VersionLine() => $"appliance {VersionNumber()} ({RuntimeInformation.RuntimeIdentifier}, {BuildFlavor})";

    /// <summary>The version number alone (no commit suffix).</summary>
    public static string VersionNumber()
    {
        string v = typeof(CommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";
        int plus = v.IndexOf('+');
        return plus >= 0 ? v[..plus] : v;
    }

    private const string Usage = """
        appliance: VRRP high availability for edge routers

        usage:
          appliance run -f CONFIG [-n] [-l] [-D] [-P] [--control-socket PATH]
                                                        run the daemon
          appliance status [--json]                     the running daemon's instances
          appliance reload                              reload the configuration (as SIGHUP), with an answer
          appliance maintenance on|off                  hand over and stay out of the election, or return
          appliance version                             this binary's and the daemon's versions
          appliance check FILE | -t -f FILE             validate a configuration
          appliance convert FILE                        keepalived.conf to TOML on stdout
          appliance selftest                            zero-allocation self-test of the AOT hot paths
          appliance why [-f CONFIG] [INSTANCE]          the last transitions and their causes (flight recorder)
          appliance trace -f CONFIG [INSTANCE|--interface IF] [--count N]
                                                        live adverts with the daemon's verdict for each
          appliance --version

        The control verbs take -f CONFIG or --control-socket PATH to pick a daemon, and --help.
        Exit codes: docs/operations.md.

        """;
}
