using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Appliance.Cli;

/// <summary>Verb dispatch for the one executable. Each verb lives in its own file.</summary>
internal static class CommandLine
{
    public static int Run(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.Out.Write(Usage);
            return args.Length == 0 ? ExitCodes.Usage : ExitCodes.Ok;
        }
        if (args[0] is "--version" or "-v" or "version")
        {
            Console.Out.WriteLine(VersionLine());
            return ExitCodes.Ok;
        }
        Console.Error.WriteLine($"appliance: unknown verb '{args[0]}'. Run 'appliance --help' for the list.");
        return ExitCodes.Usage;
    }

    public static string VersionLine()
    {
        string v = typeof(CommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";
        int plus = v.IndexOf('+');
        if (plus >= 0) v = v[..plus];
        return $"appliance {v} ({RuntimeInformation.RuntimeIdentifier}, {(RuntimeFeature.IsDynamicCodeSupported ? "jit" : "native-aot")})";
    }

    private const string Usage = """
        appliance: VRRP high availability for edge routers

        usage:
          appliance run -f CONFIG [-n] [-l] [-D] [-P]   run the daemon
          appliance check FILE | -t -f FILE             validate a configuration
          appliance convert FILE                        keepalived.conf to TOML on stdout
          appliance --version

        """;
}
