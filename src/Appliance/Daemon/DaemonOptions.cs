namespace Appliance.Daemon;

/// <summary>
/// The run verb's options. keepalived's flags are accepted with their meaning where it applies
/// to a single-process, never-forking daemon: <c>-n</c> (we never fork), <c>-l</c> (we always
/// log to the console), <c>-P</c> (we only do VRRP) and <c>-r</c> are accepted and change nothing.
/// </summary>
internal sealed record DaemonOptions
{
    public string? ConfigPath { get; init; }

    public string? PidFile { get; init; }

    public string? StatusFile { get; init; }

    /// <summary>--control-socket PATH: a filesystem control socket instead of the abstract default.</summary>
    public string? ControlSocket { get; init; }

    public bool Debug { get; init; }

    public string? ConfigId { get; init; }

    /// <summary>keepalived's -V / --dont-release-vrrp: on exit, send no priority 0 and leave the VIPs
    /// (and VMAC interfaces) in place, so a restart takes over without a gap.</summary>
    public bool DontReleaseVrrp { get; init; }

    /// <summary>How often the status file is rewritten.</summary>
    public TimeSpan StatusInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Parses the arguments; returns null and sets <paramref name="error"/> on bad usage.</summary>
    public static DaemonOptions? Parse(ReadOnlySpan<string> argv, out string? error)
    {
        string[] args = argv.ToArray();
        error = null;
        var o = new DaemonOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            string? Value()
            {
                if (i + 1 < args.Length) return args[++i];
                return null;
            }
            switch (a)
            {
                case "-f" or "--use-file":
                    o = o with { ConfigPath = Value() ?? Missing(a, out error) };
                    break;
                case "-p" or "--pid":
                    o = o with { PidFile = Value() ?? Missing(a, out error) };
                    break;
                case "-r" or "--vrrp_pid" or "-c" or "--checkers_pid":
                    if (Value() is null) Missing(a, out error);
                    break;
                case "--control-socket":
                    o = o with { ControlSocket = Value() ?? Missing(a, out error) };
                    break;
                case "--status-file":
                    o = o with { StatusFile = Value() ?? Missing(a, out error) };
                    break;
                case "--status-interval":
                    string? s = Value();
                    if (s is null || !double.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out double sec) || sec <= 0)
                        error = "--status-interval takes a positive number of seconds";
                    else o = o with { StatusInterval = TimeSpan.FromSeconds(sec) };
                    break;
                case "-i" or "--config-id":
                    o = o with { ConfigId = Value() ?? Missing(a, out error) };
                    break;
                case "-D" or "--log-detail":
                    o = o with { Debug = true };
                    break;
                case "-V" or "--dont-release-vrrp":
                    o = o with { DontReleaseVrrp = true };
                    break;
                case "-n" or "--dont-fork" or "-l" or "--log-console" or "-P" or "--vrrp":
                    break;
                default:
                    if (a.StartsWith("--use-file=", StringComparison.Ordinal)) o = o with { ConfigPath = a["--use-file=".Length..] };
                    else error = $"unknown option '{a}'";
                    break;
            }
            if (error is not null) return null;
        }
        if (o.ConfigPath is null)
        {
            error = "no configuration file: use -f CONFIG";
            return null;
        }
        return o;
    }

    private static string? Missing(string option, out string? error)
    {
        error = $"option {option} needs a value";
        return null;
    }
}
