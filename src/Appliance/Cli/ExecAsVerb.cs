using System.Collections;
using System.Globalization;
using Appliance.Platform.Linux.Processes;

namespace Appliance.Cli;

/// <summary>
/// The hidden launcher verb: <c>appliance --exec-as USER:UID:GID:G1,G2 -- /path/script ARGS...</c>.
/// The daemon starts its own binary with this verb (an ordinary <c>posix_spawn</c> through
/// <see cref="System.Diagnostics.Process"/>) instead of forking itself; this fresh process drops to the
/// script identity, proves root cannot be regained, and <c>execve</c>s the script, so the pid the
/// daemon waits on and kills on timeout is the script's own. Ids come resolved from the daemon's
/// start-up; nothing is looked up here. Not listed in the usage text: it is an internal interface.
/// </summary>
internal static class ExecAsVerb
{
    public const string Name = "--exec-as";

    /// <summary>Exit code when the script could not be started (the shell's "cannot execute").</summary>
    public const int CannotExecute = 126;

    public static int Execute(ReadOnlySpan<string> args)
    {
        if (args.Length < 3 || args[1] != "--" || !TryParseIdentity(args[0], out var who))
        {
            Console.Error.WriteLine($"appliance {Name}: internal launcher verb; usage: {Name} USER:UID:GID:G1,G2 -- /path/script [ARGS...]");
            return ExitCodes.Usage;
        }
        string path = args[2];
        var argv = new List<string>(args.Length - 2);
        foreach (var a in args[2..]) argv.Add(a);
        string why = PrivilegeDrop.DropAndExec(who!, path, argv, ScriptEnvironment());
        Console.Error.WriteLine($"appliance: cannot run script {path} as {who}: {why}");
        return CannotExecute;
    }

    /// <summary>Formats an identity for the command line of this verb.</summary>
    public static string Format(ScriptIdentity who) =>
        string.Create(CultureInfo.InvariantCulture, $"{who.User}:{who.Uid}:{who.Gid}:{string.Join(',', who.Groups)}");

    internal static bool TryParseIdentity(string text, out ScriptIdentity? who)
    {
        who = null;
        string[] parts = text.Split(':');
        if (parts.Length != 4 || parts[0].Length == 0) return false;
        if (!uint.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out uint uid)) return false;
        if (!uint.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out uint gid)) return false;
        var groups = new List<uint>();
        foreach (string g in parts[3].Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!uint.TryParse(g, NumberStyles.None, CultureInfo.InvariantCulture, out uint id)) return false;
            groups.Add(id);
        }
        who = new ScriptIdentity(parts[0], uid, gid, [.. groups]);
        return true;
    }

    // The daemon hands this process the script's environment already cleaned (ScriptLauncher); a
    // JIT-hosted launcher may additionally carry the .NET host's own DOTNET_* variables, which the
    // script never sees.
    private static List<string> ScriptEnvironment()
    {
        var env = new List<string>();
        foreach (DictionaryEntry e in Environment.GetEnvironmentVariables())
        {
            string key = (string)e.Key;
            if (key.StartsWith("DOTNET_", StringComparison.Ordinal)) continue;
            env.Add($"{key}={e.Value}");
        }
        env.Sort(StringComparer.Ordinal);
        return env;
    }
}
