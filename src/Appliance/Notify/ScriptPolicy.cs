using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Appliance.Config.Model;
using Appliance.Daemon;
using Appliance.Platform.Linux.Processes;
using Serilog;

namespace Appliance.Notify;

/// <summary>
/// Who scripts run as and whether an unsafe one may run, decided once at start-up from
/// <c>global_defs</c>: <c>script_user USER [GROUP]</c>, else keepalived's default user
/// <c>keepalived_script</c> when it exists, else root with a warning (keepalived 2.2.7,
/// <c>set_default_script_user</c>); <c>enable_script_security</c> refuses, at every run, a script
/// that runs as root while someone else could change it (<see cref="ScriptSafety"/>, the same rule
/// <c>appliance check</c> applies). Notify, fence and tracking scripts all start through <see cref="TryStart"/>.
/// </summary>
internal sealed class ScriptPolicy
{
    /// <summary>keepalived's default script user.</summary>
    public const string DefaultUserName = "keepalived_script";

    // One policy per loaded configuration: notify scripts, the fence command and tracking scripts
    // share it (one start-up warning, one refusal counter), and a reload's new model gets its own.
    private static readonly ConditionalWeakTable<GlobalSettings, ScriptPolicy> s_byConfig = new();

    private readonly ILogger _log;
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);
    private readonly HashSet<string> _refusedOnce = new(StringComparer.Ordinal);

    public ScriptPolicy(ScriptIdentity user, bool security, ILogger log)
    {
        User = user;
        Security = security;
        _log = log;
    }

    /// <summary>The identity scripts run as unless a vrrp_script names its own <c>user</c>.</summary>
    public ScriptIdentity User { get; }

    /// <summary><c>enable_script_security</c>: unsafe scripts are refused.</summary>
    public bool Security { get; }

    /// <summary>Scripts refused by script security since start-up.</summary>
    public long Refused { get; private set; }

    /// <summary>Resolves the script user of <paramref name="global"/> (start-up and reload).</summary>
    /// <exception cref="DaemonStartupException">The configured user or group does not exist.</exception>
    public static ScriptPolicy Resolve(GlobalSettings global, ILogger log)
    {
        lock (s_byConfig)
        {
            if (s_byConfig.TryGetValue(global, out var known)) return known;
            var policy = Create(global, log);
            s_byConfig.Add(global, policy);
            return policy;
        }
    }

    private static ScriptPolicy Create(GlobalSettings global, ILogger log)
    {
        ScriptIdentity user;
        if (global.ScriptUser is { } spec) user = ResolveUser(spec, "global_defs script_user");
        else if (UserDatabase.Resolve(DefaultUserName, null, out string? error) is { } d)
        {
            user = d;
            log.Information("scripts run as the default script user {User}", d.ToString());
        }
        else
        {
            if (error is not null && !error.Contains("does not exist", StringComparison.Ordinal)) log.Warning("{Error}", error);
            log.Warning("default user '{User}' for script execution does not exist: scripts run as root; create the user or set global_defs script_user",
                DefaultUserName);
            user = ScriptIdentity.Root;
        }
        return new ScriptPolicy(user, global.ScriptSecurity, log);
    }

    /// <summary>Resolves <c>USER [GROUP]</c> as written after <c>script_user</c> or a vrrp_script's <c>user</c>.</summary>
    /// <exception cref="DaemonStartupException">The user or group does not exist.</exception>
    public static ScriptIdentity ResolveUser(string spec, string where)
    {
        string[] words = spec.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is 0 or > 2) throw new DaemonStartupException($"{where} '{spec}': expected a user name and an optional group name");
        return UserDatabase.Resolve(words[0], words.Length == 2 ? words[1] : null, out string? error)
            ?? throw new DaemonStartupException($"{where}: {error}; create it (useradd --system {words[0]}) or name an existing one");
    }

    /// <summary>The identity a vrrp_script runs as: its own <c>user USER [GROUP]</c> when given (resolved now), else <see cref="User"/>.</summary>
    /// <exception cref="DaemonStartupException">The named user or group does not exist.</exception>
    public ScriptIdentity IdentityFor(string? userSpec, string where) => userSpec is null ? User : ResolveUser(userSpec, where);

    /// <summary>
    /// Starts <paramref name="commandLine"/> (keepalived word splitting) plus <paramref name="extraArgs"/> as
    /// <paramref name="runAs"/> (default <see cref="User"/>); null, with one log line naming
    /// <paramref name="where"/> (file:line and the keyword), when it is refused or cannot start.
    /// </summary>
    public Process? TryStart(string commandLine, IReadOnlyList<string> extraArgs, IReadOnlyDictionary<string, string>? environment,
        string where, ScriptIdentity? runAs = null)
    {
        var who = runAs ?? User;
        var argv = CommandSplitter.Split(commandLine);
        if (argv.Count == 0)
        {
            _log.Error("{Where}: script '{Command}' is empty or has an unbalanced quote; not run", where, commandLine);
            return null;
        }
        string? exe = ScriptLauncher.Locate(argv[0]);
        if (exe is null || !File.Exists(exe))
        {
            _log.Error("{Where}: script {Program} not found (searched {Path}); not run", where, argv[0], ScriptLauncher.SafePath);
            return null;
        }
        if (!Admit(exe, who, where, reportOnce: false)) return null;
        var tail = new List<string>(argv.Count - 1 + extraArgs.Count);
        for (int i = 1; i < argv.Count; i++) tail.Add(argv[i]);
        tail.AddRange(extraArgs);
        try
        {
            return Process.Start(ScriptLauncher.StartInfo(who, exe, tail, environment));
        }
        catch (Win32Exception e)
        {
            _log.Error("{Where}: script {Script} could not start: the launcher {Launcher} failed ({Error})", where, exe, ScriptLauncher.Command[0], e.Message);
            return null;
        }
    }

    /// <summary>
    /// Script security for <paramref name="exe"/> run as <paramref name="who"/>: false when
    /// <c>enable_script_security</c> refuses it (counted, logged naming <paramref name="where"/>);
    /// true otherwise, with a one-time SECURITY warning when it is unsafe but allowed. A script run
    /// on an interval (a vrrp_script) passes <paramref name="reportOnce"/> so its refusal is logged
    /// once, not every interval.
    /// </summary>
    public bool Admit(string exe, ScriptIdentity who, string where, bool reportOnce)
    {
        if (ScriptSafety.WhyUnsafe(exe, who) is not { } why) return true;
        if (Security)
        {
            Refused++;
            bool report;
            lock (_refusedOnce) report = !reportOnce || _refusedOnce.Add(exe);
            if (report)
                _log.Error("{Where}: script {Script} refused: it would run as {User} but {Why}; enable_script_security is on. Make the file and every directory above it owned by root and writable by root only",
                    where, exe, who.ToString(), why);
            return false;
        }
        lock (_warned)
            if (_warned.Add(exe))
                _log.Warning("{Where}: SECURITY: script {Script} runs as {User} but {Why}; set enable_script_security to refuse it",
                    where, exe, who.ToString(), why);
        return true;
    }
}
