using Appliance.Cli;
using Appliance.Notify;
using Appliance.Platform.Linux.Interop;
using Appliance.Platform.Linux.Process;
using Appliance.Platform.Linux.Processes;
using Serilog;

namespace Appliance.Tracking;

/// <summary>
/// Starts vrrp_scripts the way notify and fence scripts start: through our own binary's
/// <c>--exec-as</c> launcher, which drops to the script's user (the vrrp_script's <c>user</c>, else
/// the global script user) before it becomes the script, with a clean environment. Under
/// <c>enable_script_security</c> an unsafe script is refused here, at run time, with the same rule
/// <c>check</c> applies. The pid the loop reaps is the script's own (the launcher execs in place).
/// </summary>
internal sealed class LauncherSpawner : IChildSpawner
{
    private readonly ScriptPolicy _policy;
    private readonly ILogger _log;
    private readonly PosixSpawner _spawner;
    private readonly Dictionary<string, ScriptIdentity?> _users = new(StringComparer.Ordinal);

    /// <param name="users">The vrrp_scripts' own users: resolved here, at start-up, so no user
    /// lookup (NSS may ask a network service) ever runs on the loop thread.</param>
    public LauncherSpawner(ScriptPolicy policy, ILogger log, IEnumerable<string?> users)
    {
        _policy = policy;
        _log = log;
        var env = new List<string> { "PATH=" + ScriptLauncher.SafePath };
        foreach (string name in ScriptLauncher.PassedThrough)
            if (Environment.GetEnvironmentVariable(name) is { } value) env.Add($"{name}={value}");
        _spawner = new PosixSpawner { Environment = env };
        foreach (var user in users)
            if (user is not null) Identity(user);
    }

    public bool TrySpawn(IReadOnlyList<string> argv, string? user, out ChildProcess? child, out Errno error)
    {
        child = null;
        error = new Errno(Errno.ENOENT);
        if (argv.Count == 0) return false;
        if (Identity(user) is not { } who)
        {
            error = new Errno(1); // EPERM: the configured user does not exist; reported once.
            return false;
        }
        string? exe = ScriptLauncher.Locate(argv[0]);
        if (exe is null || !File.Exists(exe)) return false;
        if (!_policy.Admit(exe, who, "vrrp_script " + argv[0], reportOnce: true))
        {
            error = new Errno(1); // EPERM: refused by script security (logged once by the policy)
            return false;
        }
        var full = new List<string>(ScriptLauncher.Command.Length + argv.Count + 3);
        full.AddRange(ScriptLauncher.Command);
        full.Add(ExecAsVerb.Name);
        full.Add(ExecAsVerb.Format(who));
        full.Add("--");
        full.Add(exe);
        for (int i = 1; i < argv.Count; i++) full.Add(argv[i]);
        return _spawner.TrySpawn(full, null, out child, out error);
    }

    private ScriptIdentity? Identity(string? user)
    {
        if (user is null) return _policy.User;
        if (_users.TryGetValue(user, out var known)) return known;
        ScriptIdentity? who = null;
        try
        {
            who = _policy.IdentityFor(user, "vrrp_script user");
        }
        catch (Exception e) when (e is Host.DaemonStartupException or InvalidOperationException)
        {
            _log.Error("vrrp_script user {User}: {Message}; the script is not run", user, e.Message);
        }
        _users[user] = who;
        return who;
    }
}
