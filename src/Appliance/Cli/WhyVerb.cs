using Appliance.Config;
using Appliance.Daemon;
using Appliance.Host.Recorder;

namespace Appliance.Cli;

/// <summary>
/// <c>appliance why [-f CONFIG] [--file PATH] [INSTANCE]</c> (and <c>status --why</c>): the flight
/// recorder's transitions, newest first, one line each: time (UTC), instance, from->to, cause. It
/// reads the recorder's file directly, so it needs no running daemon and works after a crash.
/// </summary>
internal static class WhyVerb
{
    public const string Name = "why";

    public const string UsageLine = "appliance why [-f CONFIG] [--file PATH] [INSTANCE]";

    /// <summary>Parses the verb's arguments and prints; what <c>status --why</c> calls with the arguments after <c>--why</c>.</summary>
    public static int Execute(ReadOnlySpan<string> args) => Execute(args, Console.Out, Console.Error);

    /// <summary>As <see cref="Execute(ReadOnlySpan{string})"/>, writing to the given streams.</summary>
    public static int Execute(ReadOnlySpan<string> args, TextWriter stdout, TextWriter stderr)
    {
        string? config = null, file = null, instance = null;
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            if (a is "-f" or "--use-file" or "--file")
            {
                if (i + 1 >= args.Length)
                {
                    stderr.WriteLine($"appliance why: '{a}' needs a value. Usage: {UsageLine}");
                    return ExitCodes.Usage;
                }
                if (a == "--file") file = args[++i];
                else config = args[++i];
            }
            else if (a is "-h" or "--help")
            {
                stdout.WriteLine(UsageLine);
                return ExitCodes.Ok;
            }
            else if (a.StartsWith('-'))
            {
                stderr.WriteLine($"appliance why: unknown option '{a}'. Usage: {UsageLine}");
                return ExitCodes.Usage;
            }
            else if (instance is null) instance = a;
            else
            {
                stderr.WriteLine($"appliance why: one instance at a time ('{instance}', then '{a}'). Usage: {UsageLine}");
                return ExitCodes.Usage;
            }
        }
        if (file is null)
        {
            if (!TryRecorderPath(config, stderr, out file)) return ExitCodes.ConfigFatal;
        }
        return Print(file!, instance, stdout, stderr);
    }

    /// <summary>Prints the records of <paramref name="file"/> (of one instance, or all), newest first.</summary>
    public static int Print(string file, string? instance, TextWriter stdout, TextWriter stderr)
    {
        FlightRecorderReader.Result? result;
        try
        {
            result = FlightRecorderReader.Read(file);
        }
        catch (Exception e) when (e is InvalidDataException or Platform.Linux.Interop.PlatformException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"appliance why: {e.Message}");
            return ExitCodes.Failure;
        }
        if (result is null)
        {
            stderr.WriteLine($"appliance why: no flight recorder at {file} (has the daemon run here, in this network namespace, with this configuration?)");
            return ExitCodes.Failure;
        }
        int shown = 0;
        foreach (var r in result.Records)
        {
            if (instance is not null && r.Instance != instance) continue;
            stdout.WriteLine(CauseText.Line(r));
            shown++;
        }
        if (shown == 0) stdout.WriteLine(instance is null ? "no transitions recorded" : $"no transitions recorded for {instance}");
        if (result.Skipped > 0) stderr.WriteLine($"appliance why: {result.Skipped} damaged record(s) skipped (torn by a crash mid-write)");
        return ExitCodes.Ok;
    }

    // The configured path when a configuration is given (TOML global.flight_recorder.path), else
    // the default for this network namespace, the one the daemon uses.
    private static bool TryRecorderPath(string? config, TextWriter stderr, out string? path)
    {
        path = null;
        if (config is not null)
        {
            var result = ConfigLoader.Load(config, new ConfigLoadOptions());
            if (result.Config is null)
            {
                foreach (var d in result.Diagnostics) stderr.WriteLine(d.ToString());
                stderr.WriteLine($"appliance why: cannot read {config}");
                return false;
            }
            path = result.Config.Global.FlightRecorderPath;
        }
        path ??= RuntimePaths.FlightRecorderFileToRead();
        return true;
    }
}
