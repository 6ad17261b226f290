using Appliance.Config.Model;
using Appliance.Config.Validation;
using Appliance.Notify;
using Appliance.Platform.Linux.Files;
using Appliance.Platform.Linux.Processes;

namespace Appliance.Cli;

/// <summary>
/// The host as <c>appliance check</c> sees it, with the daemon's own answers for scripts: the same
/// PATH search (<see cref="ScriptLauncher.Locate"/>) and the same security rule, ownership included
/// (<see cref="ScriptSafety"/>), for the same script user, so a script <c>check</c> calls insecure is
/// exactly one the daemon refuses at run time under <c>enable_script_security</c>.
/// </summary>
internal sealed class LinuxHostProbe(GlobalSettings global) : HostProbe
{
    private readonly ScriptIdentity _runAs = RunAs(global);

    /// <inheritdoc />
    public override string? Resolve(string program) =>
        ScriptLauncher.Locate(program) is { } path && FileStatus.TryGet(path, followLinks: true, out var s).Value == 0 &&
        s.Kind == FileKind.Regular && (s.Mode & 0x49 /* 0111 */) != 0 ? path : null;

    /// <inheritdoc />
    public override string? WhyInsecure(string path) => ScriptSafety.WhyUnsafe(path, _runAs);

    // As ScriptPolicy.Resolve decides at start-up; a user that does not resolve is judged as root,
    // the strictest reading (the daemon itself refuses to start then).
    private static ScriptIdentity RunAs(GlobalSettings g)
    {
        string[] words = (g.ScriptUser ?? ScriptPolicy.DefaultUserName).Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is 0 or > 2) return ScriptIdentity.Root;
        return UserDatabase.Resolve(words[0], words.Length == 2 ? words[1] : null, out _) ?? ScriptIdentity.Root;
    }
}
