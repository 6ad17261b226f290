using Appliance.Operations;

namespace Appliance.Cli;

/// <summary>
/// Arguments shared by the control verbs (<c>status</c>, <c>reload</c>, <c>maintenance</c>,
/// <c>version</c>): which daemon to talk to (<c>-f/--use-file CONFIG</c> as keepalived spells it, or
/// <c>--control-socket PATH</c>), <c>--json</c>, <c>-h/--help</c>, and the verb's own words.
/// </summary>
internal sealed record ControlVerbArguments
{
    public string? ConfigPath { get; init; }

    public string? SocketPath { get; init; }

    public bool Json { get; init; }

    public bool Help { get; init; }

    public List<string> Words { get; } = [];

    public static ControlVerbArguments? Parse(ReadOnlySpan<string> args, bool allowJson, out string? error)
    {
        error = null;
        var a = new ControlVerbArguments();
        for (int i = 0; i < args.Length; i++)
        {
            string s = args[i];
            switch (s)
            {
                case "-f" or "--use-file" or "--control-socket":
                    if (i + 1 >= args.Length)
                    {
                        error = $"'{s}' needs a value";
                        return null;
                    }
                    a = s == "--control-socket" ? a with { SocketPath = args[++i] } : a with { ConfigPath = args[++i] };
                    continue;
                case "--json" when allowJson:
                    a = a with { Json = true };
                    continue;
                case "-h" or "--help":
                    a = a with { Help = true };
                    continue;
            }
            if (s.StartsWith("--use-file=", StringComparison.Ordinal)) a = a with { ConfigPath = s["--use-file=".Length..] };
            else if (s.StartsWith("--control-socket=", StringComparison.Ordinal)) a = a with { SocketPath = s["--control-socket=".Length..] };
            else if (s.StartsWith('-') && s.Length > 1)
            {
                error = $"unknown option '{s}'";
                return null;
            }
            else a.Words.Add(s);
        }
        return a;
    }

    /// <summary>The daemon's endpoint: the given socket path, the given config's abstract name, or
    /// the one daemon listening in this network namespace. Null (with a sentence and an exit code)
    /// when none or several are found.</summary>
    public ControlEndpoint? Resolve(out string? error, out int exitCode)
    {
        error = null;
        exitCode = ExitCodes.Ok;
        if (SocketPath is not null) return ControlEndpoint.ForPath(SocketPath);
        if (ConfigPath is not null) return ControlEndpoint.ForConfig(ConfigPath);
        var found = ControlEndpoint.Listening();
        if (found.Count == 1) return found[0];
        if (found.Count == 0)
        {
            error = "no daemon is running in this network namespace (or it uses --control-socket: give the same PATH)";
            exitCode = ExitCodes.NoDaemon;
            return null;
        }
        error = $"{found.Count} daemons are running in this network namespace; name one with -f CONFIG";
        exitCode = ExitCodes.Usage;
        return null;
    }
}
