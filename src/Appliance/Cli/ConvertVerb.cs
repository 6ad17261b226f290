using Appliance.Config;
using Appliance.Config.Toml;

namespace Appliance.Cli;

/// <summary>
/// <c>appliance convert FILE</c> (or <c>-f FILE</c>): reads a keepalived.conf (or TOML) and writes the
/// equivalent TOML to stdout; diagnostics go to stderr. Nothing is written when the file has errors.
/// </summary>
internal static class ConvertVerb
{
    public static int Execute(ReadOnlySpan<string> args) => Execute(args, Console.Out, Console.Error);

    public static int Execute(ReadOnlySpan<string> args, TextWriter stdout, TextWriter stderr)
    {
        if (!ConfigVerbArguments.TryParse(args, allowKeepalivedFlags: false, out var parsed, out string? error) || parsed.File is null)
        {
            stderr.WriteLine($"appliance convert: {error ?? "no file given"}");
            stderr.WriteLine("usage: appliance convert [-i ID] [--strict] FILE > appliance.toml");
            return ExitCodes.Usage;
        }
        var result = ConfigLoader.Load(parsed.File, parsed.Options);
        foreach (var d in result.Diagnostics) stderr.WriteLine(d.ToString());
        if (result.Config is null)
        {
            stderr.WriteLine($"appliance convert: {parsed.File} has errors; nothing written");
            return ExitCodes.ConfigFatal;
        }
        stdout.Write(TomlConfigWriter.Write(result.Config));
        return ExitCodes.Ok;
    }
}
