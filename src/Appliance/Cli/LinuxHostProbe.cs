using Appliance.Config.Model;
using Appliance.Config.Validation;
using Appliance.Notify;
using Appliance.Platform.Linux.Files;
using Appliance.Platform.Linux.Processes;

namespace Appliance.Cli;

/// <summary>
/// The host as <c>appliance check</c> sees it, with the daemon's own answers for scripts: the same
/// PATH search (<see cref="ScriptLauncher.Locate"/>) and the same security rule, ownership included
/// (<see cref="ScriptSafety"/>), for the same user (a vrrp_script's own <c>user</c>, else the script
/// user), so a script <c>check</c> calls insecure is exactly one the daemon refuses at run time
/// under <c>enable_script_security</c>.
/// </summary>
internal sealed class LinuxHostProbe : HostProbe
{
    private readonly ScriptIdentity _scriptUser;
    private readonly Dictionary<string, ScriptIdentity> _ownUser = new(StringComparer.Ordinal);

    public LinuxHostProbe(ApplianceConfig config)
    {
        _scriptUser = RunAs(config.Global.ScriptUser ?? ScriptPolicy.DefaultUserName);
        // HostChecks asks by path: a path run only by vrrp_scripts with their own user is judged as that user.
        var notify = new HashSet<string>(StringComparer.Ordinal);
        foreach (var i in config.Instances) AddNotify(notify, i.Notify);
        foreach (var g in config.SyncGroups) AddNotify(notify, g.Notify);
        foreach (var s in config.Scripts)
        {
            if (s.User is not { } user || PathOf(s.Script) is not { } path || notify.Contains(path)) continue;
            _ownUser[path] = RunAs(user);
        }
    }

    /// <inheritdoc />
    public override string? Resolve(string program) =>
        ScriptLauncher.Locate(program) is { } path && FileStatus.TryGet(path, followLinks: true, out var s).Value == 0 &&
        s.Kind == FileKind.Regular && (s.Mode & 0x49 /* 0111 */) != 0 ? path : null;

    /// <inheritdoc />
    public override bool UserExists(string name) => UserDatabase.Resolve(name, null, out _) is not null;

    /// <inheritdoc />
    public override string? WhyInsecure(string path) =>
        ScriptSafety.WhyUnsafe(path, _ownUser.TryGetValue(path, out var own) ? own : _scriptUser);

    private static void AddNotify(HashSet<string> set, NotifyConfig n)
    {
        foreach (string? command in new[] { n.Notify, n.Master, n.Backup, n.Fault, n.Stop, n.MasterRxLowerPriority })
            if (command is not null && PathOf(command) is { } path) set.Add(path);
    }

    private static string? PathOf(string command) =>
        CommandSplitter.Split(command) is [var program, ..] ? ScriptLauncher.Locate(program) : null;

    // As ScriptPolicy decides at start-up; a user that does not resolve is judged as root, the
    // strictest reading (the daemon itself refuses to start then).
    private static ScriptIdentity RunAs(string spec)
    {
        string[] words = spec.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is 0 or > 2) return ScriptIdentity.Root;
        return UserDatabase.Resolve(words[0], words.Length == 2 ? words[1] : null, out _) ?? ScriptIdentity.Root;
    }
}
