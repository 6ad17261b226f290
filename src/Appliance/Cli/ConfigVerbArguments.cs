using Appliance.Config;

namespace Appliance.Cli;

/// <summary>
/// Arguments shared by <c>check</c> and <c>convert</c>: <c>FILE</c> or <c>-f/--use-file FILE</c>,
/// <c>-i/--config-id ID</c> for <c>@id</c> lines, <c>--strict</c>. For keepalived's <c>-t</c> form the
/// whole argv arrives, so keepalived's other daemon flags are accepted and ignored.
/// </summary>
internal readonly record struct ConfigVerbArguments(string? File, ConfigLoadOptions Options)
{
    private static readonly string[] s_keepalivedFlagsWithValue = ["-p", "--pid", "-r", "--vrrp_pid", "-c", "--checkers_pid", "-b", "--bfd_pid", "-S", "--log-facility", "-s", "--namespace"];

    public static bool TryParse(ReadOnlySpan<string> args, bool allowKeepalivedFlags, out ConfigVerbArguments parsed, out string? error)
    {
        string? file = null, id = null;
        bool strict = false;
        parsed = default;
        error = null;
        // `appliance check -t -f X` arrives whole (CommandLine routes any argv with -t here).
        int first = allowKeepalivedFlags && args.Length > 0 && args[0] == "check" ? 1 : 0;
        for (int i = first; i < args.Length; i++)
        {
            string a = args[i];
            switch (a)
            {
                case "-f" or "--use-file" or "-i" or "--config-id":
                    if (i + 1 >= args.Length)
                    {
                        error = $"'{a}' needs a value";
                        return false;
                    }
                    if (a is "-f" or "--use-file") file = args[++i];
                    else id = args[++i];
                    continue;
                case "--strict":
                    strict = true;
                    continue;
                case "-t" or "--config-test" when allowKeepalivedFlags:
                    continue;
            }
            if (a.StartsWith("--use-file=", StringComparison.Ordinal)) file = a["--use-file=".Length..];
            else if (a.StartsWith("--config-id=", StringComparison.Ordinal)) id = a["--config-id=".Length..];
            else if (a.StartsWith('-') && a.Length > 1)
            {
                if (!allowKeepalivedFlags)
                {
                    error = $"unknown option '{a}'";
                    return false;
                }
                if (Array.IndexOf(s_keepalivedFlagsWithValue, a) >= 0) i++;
            }
            else if (file is null) file = a;
            else
            {
                error = $"unexpected argument '{a}' (one file at a time)";
                return false;
            }
        }
        parsed = new ConfigVerbArguments(file, new ConfigLoadOptions { ConfigId = id, Strict = strict });
        return true;
    }

    /// <summary>With no file given: our TOML if it exists, else keepalived's default path (as keepalived -t does).</summary>
    public static string DefaultConfigPath() =>
        System.IO.File.Exists("/etc/appliance/appliance.toml") ? "/etc/appliance/appliance.toml" : "/etc/keepalived/keepalived.conf";
}
